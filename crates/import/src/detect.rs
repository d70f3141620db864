//! Where the data is: which sheet, and which row is the header — found past title rows,
//! merged captions and blank rows by how many of a row's cells read as known header names.
//! The user can override both.

use std::collections::BTreeSet;

use kartoteka_domain::text::squash_spaces;
use serde::{Deserialize, Serialize};

use crate::error::Error;
use crate::mapping::{Header, suggest_field};
use crate::read::{Book, Row};

/// How many filled rows at the top of a sheet are searched for the header.
pub const SCAN_ROWS: usize = 30;

/// The sheet and header row an import reads.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Layout {
    pub sheet: String,
    /// 1-based row number of the header; data starts below it.
    pub header_row: u32,
    /// The header row's filled cells.
    pub headers: Vec<Header>,
}

/// The header cells of `row`: text squashed, blanks left out.
pub fn headers_of(row: &Row) -> Vec<Header> {
    row.cells
        .iter()
        .map(|(column, cell)| Header {
            column: *column,
            text: squash_spaces(&cell.text()),
        })
        .filter(|h| !h.text.is_empty())
        .collect()
}

/// How header-like `row` is: the number of distinct fields its cells' names suggest.
pub fn header_score(row: &Row) -> usize {
    row.cells
        .iter()
        .filter_map(|(_, cell)| match cell {
            crate::read::Cell::Text(t) => suggest_field(t),
            _ => None,
        })
        .collect::<BTreeSet<_>>()
        .len()
}

/// The most header-like of `rows`, if any is header-like enough: at least two known names,
/// or every filled cell a known name (a one-column list headed «ФИО»). The first wins a tie.
pub fn find_header(rows: &[Row]) -> Option<&Row> {
    let mut best: Option<(&Row, usize)> = None;
    for row in rows {
        let score = header_score(row);
        let enough = score >= 2 || (score >= 1 && score >= row.cells.len());
        if enough && best.is_none_or(|(_, s)| score > s) {
            best = Some((row, score));
        }
    }
    best.map(|(row, _)| row)
}

/// The sheet that looks like data: the one with the best header among the visible sheets
/// (all sheets if none is visible); a tie goes to the sheet with more rows, then the first.
pub fn choose_sheet(book: &mut Book) -> Result<String, Error> {
    let mut names: Vec<String> = book
        .sheets()
        .iter()
        .filter(|s| s.visible)
        .map(|s| s.name.clone())
        .collect();
    if names.is_empty() {
        names = book.sheets().iter().map(|s| s.name.clone()).collect();
    }
    let mut best: Option<(String, usize, usize)> = None;
    for name in names {
        let rows = book.first_rows(&name, SCAN_ROWS * 2)?;
        if rows.is_empty() {
            continue;
        }
        let score = rows[..rows.len().min(SCAN_ROWS)]
            .iter()
            .map(header_score)
            .max()
            .unwrap_or(0);
        if best
            .as_ref()
            .is_none_or(|(_, s, n)| (score, rows.len()) > (*s, *n))
        {
            best = Some((name, score, rows.len()));
        }
    }
    match best {
        Some((name, _, _)) => Ok(name),
        None => Err(Error::EmptySheet {
            file: book.file().into(),
            sheet: book
                .sheets()
                .first()
                .map(|s| s.name.clone())
                .unwrap_or_default(),
        }),
    }
}

/// The layout of `book`: `sheet` or the one that looks like data; `header_row` (1-based) or
/// the one found in the first [`SCAN_ROWS`] filled rows.
pub fn layout(
    book: &mut Book,
    sheet: Option<&str>,
    header_row: Option<u32>,
) -> Result<Layout, Error> {
    let sheet = match sheet {
        Some(s) => s.to_owned(),
        None => choose_sheet(book)?,
    };
    let file = book.file().to_owned();
    let no_header = |row| Error::NoHeader {
        file: file.clone(),
        sheet: sheet.clone(),
        row,
    };
    let header = match header_row {
        Some(n) => {
            let mut found = None;
            let mut any = false;
            book.for_each_row(&sheet, &mut |row| {
                any = true;
                if row.number >= n {
                    if row.number == n {
                        found = Some(row);
                    }
                    std::ops::ControlFlow::Break(())
                } else {
                    std::ops::ControlFlow::Continue(())
                }
            })?;
            if !any {
                return Err(Error::EmptySheet {
                    file: file.clone(),
                    sheet: sheet.clone(),
                });
            }
            found.ok_or_else(|| no_header(Some(n)))?
        }
        None => {
            let rows = book.first_rows(&sheet, SCAN_ROWS)?;
            if rows.is_empty() {
                return Err(Error::EmptySheet {
                    file: file.clone(),
                    sheet: sheet.clone(),
                });
            }
            find_header(&rows).cloned().ok_or_else(|| no_header(None))?
        }
    };
    let headers = headers_of(&header);
    if headers.is_empty() {
        return Err(no_header(Some(header.number)));
    }
    Ok(Layout {
        sheet,
        header_row: header.number,
        headers,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::Cell;

    fn row(number: u32, cells: &[&str]) -> Row {
        Row {
            number,
            cells: cells
                .iter()
                .enumerate()
                .filter(|(_, t)| !t.is_empty())
                .map(|(i, t)| (i as u32, Cell::Text((*t).to_owned())))
                .collect(),
        }
    }

    #[test]
    fn the_header_is_found_past_a_title_and_a_caption() {
        let rows = [
            row(1, &["Клиентская база ООО «Ромашка» на 01.03.2019"]),
            row(2, &["", "Контакты", "", "Реквизиты"]),
            row(4, &["№", "Ф.И.О.", "Тел.", "ИНН", "Эл. почта"]),
            row(
                5,
                &[
                    "1",
                    "Иванов Иван Иванович",
                    "89161234567",
                    "7707083893",
                    "a@b.ru",
                ],
            ),
        ];
        assert_eq!(find_header(&rows).map(|r| r.number), Some(4));
        assert_eq!(
            headers_of(&rows[2])
                .iter()
                .map(|h| h.text.as_str())
                .collect::<Vec<_>>(),
            ["№", "Ф.И.О.", "Тел.", "ИНН", "Эл. почта"]
        );
    }

    #[test]
    fn data_without_a_header_is_not_taken_for_one() {
        let rows = [
            row(1, &["Иванов Иван", "89161234567", "a@b.ru"]),
            row(2, &["Петров Пётр", "89161234568", "c@d.ru"]),
        ];
        assert_eq!(find_header(&rows), None);
    }

    #[test]
    fn a_one_column_list_headed_fio_has_a_header() {
        let rows = [row(1, &["ФИО"]), row(2, &["Иванов Иван"])];
        assert_eq!(find_header(&rows).map(|r| r.number), Some(1));
    }
}
