//! `kartoteka deals …`: the deals on the command line — list them (a pipeline's, a stage's),
//! export and import them; each a call to the app layer.

use std::path::PathBuf;
use std::process::ExitCode;

use chrono::Utc;
use clap::Subcommand;
use kartoteka_api::ApiError;
use kartoteka_api::deals::{DealFilter, DealsQuery, Pipeline};
use kartoteka_app::{Context, deals as app_deals};
use kartoteka_core::Database;
use kartoteka_core::text::fold;

use crate::export_cli::{Format, ListName, export, fail};

/// What to do with deals.
#[derive(Debug, Subcommand)]
pub enum DealsCommand {
    /// List the deals outside the trash, newest first: a line each (id, title, pipeline /
    /// stage, status, amount, company), or a JSON array in the export's shape.
    List {
        /// Only this pipeline's (by name, any case).
        #[arg(long)]
        pipeline: Option<String>,
        /// Only those in this stage (by name; of `--pipeline` when given).
        #[arg(long)]
        stage: Option<String>,
        /// Print a JSON array.
        #[arg(long)]
        json: bool,
    },
    /// Import deals from another CRM's export or a site's request form: a JSON array in the
    /// export's shape, or a spreadsheet (xlsx, xls, ods, csv) with headers such as «Сделка»,
    /// «Воронка», «Этап», «Сумма», «Компания», «ИНН», «Контакт», «Телефон». Companies and
    /// people are matched as the client import matches them, or created. One transaction;
    /// undo it with `kartoteka import undo ID`. Prints the report (`--json`: as JSON, with
    /// `invalid_rows`).
    Import {
        /// The file.
        file: PathBuf,
        /// Make the pipelines and stages rows name that do not exist (else such rows are
        /// refused).
        #[arg(long)]
        create_stages: bool,
        /// Print the report as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Export every deal as JSON (with lines and history), xlsx or CSV.
    Export {
        /// In which format.
        #[arg(long, value_enum, default_value_t = Format::Json)]
        format: Format,
        /// The file to write; standard output when omitted.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
}

/// Runs a deals command on the database in `data_dir`.
pub async fn run(data_dir: PathBuf, command: DealsCommand) -> ExitCode {
    match command {
        DealsCommand::Export { format, output } => {
            export(data_dir, ListName::Deals, format.into(), output).await
        }
        DealsCommand::List {
            pipeline,
            stage,
            json,
        } => list(data_dir, pipeline, stage, json).await,
        DealsCommand::Import {
            file,
            create_stages,
            json,
        } => import(data_dir, file, create_stages, json).await,
    }
}

async fn import(data_dir: PathBuf, file: PathBuf, create_stages: bool, json: bool) -> ExitCode {
    let result = async {
        let (db, _) = Database::open(&data_dir).await.map_err(ApiError::from)?;
        let actor = crate::state::local_actor(&db).await;
        let ctx = Context::new(&db, actor, Utc::now());
        let report = app_deals::import(&ctx, &file, create_stages).await;
        let _ = db.close().await;
        report
    }
    .await;
    let report = match result {
        Ok(r) => r,
        Err(e) => return fail(e),
    };
    if json {
        return match serde_json::to_string_pretty(&report) {
            Ok(text) => {
                println!("{text}");
                ExitCode::SUCCESS
            }
            Err(e) => fail(e),
        };
    }
    for p in &report.invalid_rows {
        eprintln!("{}", p.message);
    }
    for s in &report.stages_created {
        eprintln!("created: {s}");
    }
    println!(
        "{}: {} of {} rows imported as deals ({} companies and {} people made), {} refused; \
         undo with `kartoteka import undo {}`",
        report.file,
        report.created,
        report.rows,
        report.companies_created,
        report.people_created,
        report.invalid_rows.len(),
        report.import_id.map(|i| i.0).unwrap_or_default()
    );
    ExitCode::SUCCESS
}

async fn list(
    data_dir: PathBuf,
    pipeline: Option<String>,
    stage: Option<String>,
    json: bool,
) -> ExitCode {
    let result = async {
        let (db, _) = Database::open(&data_dir).await.map_err(ApiError::from)?;
        let actor = crate::state::local_actor(&db).await;
        let ctx = Context::new(&db, actor, Utc::now());
        let listed = async {
            let all = app_deals::pipelines(&ctx).await?;
            let filter = filter(&all, pipeline.as_deref(), stage.as_deref())?;
            let query = DealsQuery {
                filter,
                ..DealsQuery::default()
            };
            kartoteka_core::deals::all(ctx.store, &query, ctx.now)
                .await
                .map_err(ApiError::from)
        }
        .await;
        let _ = db.close().await;
        listed
    }
    .await;
    let deals = match result {
        Ok(d) => d,
        Err(e) => return fail(e),
    };
    if json {
        let records: Vec<_> = deals
            .iter()
            .map(kartoteka_core::export::deal_record)
            .collect();
        return match serde_json::to_string_pretty(&records) {
            Ok(text) => {
                println!("{text}");
                ExitCode::SUCCESS
            }
            Err(e) => fail(e),
        };
    }
    for d in &deals {
        println!(
            "{}\t{}\t{} / {}\t{}\t{} {}\t{}",
            d.id,
            d.fields.title,
            d.pipeline_name,
            d.stage_name,
            d.status.code(),
            d.totals.total,
            d.fields.currency,
            d.company_name.as_deref().unwrap_or("")
        );
    }
    eprintln!("{} deal(s)", deals.len());
    ExitCode::SUCCESS
}

/// The filter for a pipeline and a stage named on the command line (any case, `ё` as
/// `е`); an unknown name is an error listing the known ones.
fn filter(
    all: &[Pipeline],
    pipeline: Option<&str>,
    stage: Option<&str>,
) -> Result<DealFilter, ApiError> {
    let unknown = |what: &str, name: &str, known: Vec<&str>| ApiError::Internal {
        detail: format!("no {what} «{name}»; there are: {}", known.join(", ")),
    };
    let same = |a: &str, b: &str| fold(a.trim()) == fold(b.trim());
    let mut filter = DealFilter::default();
    let chosen = match pipeline {
        Some(name) => {
            let p = all.iter().find(|p| same(&p.name, name)).ok_or_else(|| {
                unknown(
                    "pipeline",
                    name,
                    all.iter().map(|p| p.name.as_str()).collect(),
                )
            })?;
            filter.pipeline = Some(p.id);
            Some(p)
        }
        None => None,
    };
    if let Some(name) = stage {
        let stages: Vec<_> = all
            .iter()
            .filter(|p| chosen.is_none_or(|c| c.id == p.id))
            .flat_map(|p| p.stages.iter())
            .collect();
        let found: Vec<_> = stages
            .iter()
            .filter(|s| same(&s.fields.name, name))
            .collect();
        match found.as_slice() {
            [s] => filter.stage = Some(s.id),
            [] => {
                let known = stages.iter().map(|s| s.fields.name.as_str()).collect();
                return Err(unknown("stage", name, known));
            }
            _ => {
                return Err(ApiError::Internal {
                    detail: format!(
                        "stage «{name}» is in several pipelines: name one with --pipeline"
                    ),
                });
            }
        }
    }
    Ok(filter)
}
