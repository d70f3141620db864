//! CMR notes as the window and the command line keep, print and issue them: compound actions
//! in one transaction, and printouts written into the documents folder.

use std::path::{Path, PathBuf};

use kartoteka_api::cmr::{
    CmrId, CmrPrint, CmrQuery, CmrRecord, CmrSave, CmrSaveAndMove, CmrSaveAndPrint, CmrSavedPrint,
    CmrStatusChange, CmrSummary, PartySnapshot, PrintOptions, Printed, PrinterOffsets,
};
use kartoteka_api::companies::CompanyId;
use kartoteka_api::{ApiError, Page};
use kartoteka_core::cmr::{self, Printout};

use crate::Context;

/// A page of the notes.
pub async fn list(ctx: &Context<'_>, query: &CmrQuery) -> Result<Page<CmrSummary>, ApiError> {
    Ok(cmr::list(ctx.store, query).await?)
}

/// One note.
pub async fn get(ctx: &Context<'_>, id: CmrId) -> Result<CmrRecord, ApiError> {
    Ok(cmr::get(ctx.store, id).await?)
}

/// Saves a note (a new draft, or a draft's edits, or a correction).
pub async fn save(ctx: &Context<'_>, args: CmrSave) -> Result<CmrRecord, ApiError> {
    Ok(cmr::save(ctx.store, args, ctx.now).await?)
}

/// Moves a note on (issues, cancels…).
pub async fn set_status(ctx: &Context<'_>, args: CmrStatusChange) -> Result<CmrRecord, ApiError> {
    Ok(cmr::set_status(ctx.store, args.id, args.to, ctx.now).await?)
}

/// A new draft copied from a note.
pub async fn copy(ctx: &Context<'_>, id: CmrId) -> Result<CmrRecord, ApiError> {
    Ok(cmr::copy(ctx.store, id, ctx.now).await?)
}

/// A note's party as taken from a company card.
pub async fn party(ctx: &Context<'_>, id: CompanyId) -> Result<PartySnapshot, ApiError> {
    Ok(cmr::party(ctx.store, id).await?)
}

/// The printer's offsets.
pub async fn offsets(ctx: &Context<'_>) -> Result<PrinterOffsets, ApiError> {
    Ok(cmr::offsets(ctx.store).await?)
}

/// Sets the printer's offsets.
pub async fn set_offsets(
    ctx: &Context<'_>,
    offsets: PrinterOffsets,
) -> Result<PrinterOffsets, ApiError> {
    Ok(cmr::set_offsets(ctx.store, offsets).await?)
}

/// The note named `name`: by its number, else by its id.
pub async fn by_name(ctx: &Context<'_>, name: &str) -> Result<CmrId, ApiError> {
    match cmr::by_number(ctx.store, name).await {
        Ok(id) => Ok(id),
        Err(e) => match name.trim().parse::<i64>() {
            Ok(id) => Ok(cmr::get(ctx.store, CmrId(id)).await.map(|_| CmrId(id))?),
            Err(_) => Err(e.into()),
        },
    }
}

/// The PDF of the notes `ids`, printed with `options`.
pub async fn render(
    ctx: &Context<'_>,
    ids: &[CmrId],
    options: &PrintOptions,
) -> Result<Vec<u8>, ApiError> {
    Ok(cmr::print(ctx.store, ids, options).await?.pdf)
}

/// A note as its e-CMR-shaped JSON.
pub async fn export_json(ctx: &Context<'_>, id: CmrId) -> Result<String, ApiError> {
    Ok(cmr::export_json(ctx.store, id).await?)
}

/// A new draft from such JSON.
pub async fn import_json(ctx: &Context<'_>, text: &str) -> Result<CmrRecord, ApiError> {
    Ok(cmr::import_json(ctx.store, text, ctx.now).await?)
}

/// Saves a draft's edits and moves the note on (issues it): both, or neither.
pub async fn save_and_move(ctx: &Context<'_>, args: CmrSaveAndMove) -> Result<CmrRecord, ApiError> {
    Ok(cmr::save_and_move(ctx.store, args.save, args.to, ctx.now).await?)
}

/// Prints the notes of `args` into one PDF in `documents`.
pub async fn print(
    ctx: &Context<'_>,
    args: &CmrPrint,
    documents: &Path,
) -> Result<Printed, ApiError> {
    let printout = cmr::print(ctx.store, &args.ids, &args.options).await?;
    let printed = save_printout(documents, &printout, args.ids.len())?;
    tracing::info!(path = %printed.path, notes = args.ids.len(), "CMR printed");
    Ok(printed)
}

/// Saves a draft's edits and prints it into `documents`; a PDF that could not be written
/// leaves the note as it was.
pub async fn save_and_print(
    ctx: &Context<'_>,
    args: CmrSaveAndPrint,
    documents: &Path,
) -> Result<CmrSavedPrint, ApiError> {
    let mut failed = None;
    let result = cmr::save_and_print(ctx.store, args.save, &args.options, ctx.now, |p| {
        save_printout(documents, p, 1).map_err(|e| {
            failed = Some(e);
            kartoteka_core::Error::Export("the printout was not written".into())
        })
    })
    .await;
    if let Some(e) = failed {
        return Err(e);
    }
    let (record, printed) = result?;
    tracing::info!(path = %printed.path, "CMR saved and printed");
    Ok(CmrSavedPrint { record, printed })
}

/// Writes the calibration sheet for pre-printed blanks into `documents`.
pub fn test_page(
    options: &kartoteka_api::cmr::PrintOptions,
    documents: &Path,
) -> Result<Printed, ApiError> {
    let bytes = cmr::test_page(options)?;
    save_document(documents, "CMR calibration.pdf", &bytes)
}

/// Writes `printout` (of `count` notes) into `documents`, named after its first numbers.
fn save_printout(documents: &Path, printout: &Printout, count: usize) -> Result<Printed, ApiError> {
    let numbers = printout
        .numbers
        .iter()
        .take(3)
        .cloned()
        .collect::<Vec<_>>()
        .join(", ");
    save_document(documents, &pdf_name("CMR", &numbers, count), &printout.pdf)
}

/// Writes a printout named `name` into `documents`; a failure names the file.
pub fn save_document(documents: &Path, name: &str, bytes: &[u8]) -> Result<Printed, ApiError> {
    let path: PathBuf = documents.join(name);
    let io = |e: std::io::Error| ApiError::Internal {
        detail: format!("{}: {e}", path.display()),
    };
    std::fs::create_dir_all(documents).map_err(io)?;
    std::fs::write(&path, bytes).map_err(io)?;
    Ok(Printed {
        path: path.display().to_string(),
        bytes: bytes.len() as u64,
    })
}

/// The file name for a printout of `count` documents of `kind` numbered `numbers` (the first
/// few, comma separated): «CMR KRT-000001.pdf», «CMR KRT-000001, KRT-000002 (+3).pdf».
/// Characters no file system accepts become `_`.
pub fn pdf_name(kind: &str, numbers: &str, count: usize) -> String {
    let shown = numbers.split(", ").count();
    let more = if count > shown {
        format!(" (+{})", count - shown)
    } else {
        String::new()
    };
    let safe: String = numbers
        .chars()
        .map(|c| {
            if matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|') || c.is_control() {
                '_'
            } else {
                c
            }
        })
        .collect();
    format!("{kind} {safe}{more}.pdf")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pdf_names_are_safe_and_say_how_many_more() {
        assert_eq!(pdf_name("CMR", "KRT-000001", 1), "CMR KRT-000001.pdf");
        assert_eq!(pdf_name("CMR", "A/1, B:2", 5), "CMR A_1, B_2 (+3).pdf");
    }
}
