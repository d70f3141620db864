//! The preview: the sheet and header row, the mapping of columns to fields, the normalised
//! rows a page at a time, and the groups of rows that match each other or saved cards.

use kartoteka_api::imports::{
    DuplicateGroup, ImportField, ImportMapping, ImportOptions, ImportPreview, InvalidRow,
    PreviewColumn, ProblemKind, column_letter,
};
use leptos::prelude::*;
use leptos_fluent::{I18n, move_tr, tr};

use super::names::{column_name, field_name, problem_text, reason_name};
use super::page::PAGE_SIZE;

/// Sheet, header row and the counts.
#[component]
pub fn Layout(
    preview: ImportPreview,
    change: Callback<ImportOptions>,
    options: RwSignal<Option<ImportOptions>>,
) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let p = preview;
    let sheet = p.sheet.clone();
    let with = move |f: &dyn Fn(&mut ImportOptions)| {
        let mut o = options.get_untracked().unwrap_or_default();
        f(&mut o);
        change.run(o);
    };
    let (data_rows, companies, people, invalid, existing) =
        (p.data_rows, p.companies, p.people, p.invalid, p.existing);
    view! {
        <div style="display:flex;gap:16px;align-items:center;flex-wrap:wrap;margin:12px 0">
            <label for="import-sheet">{move_tr!("import-sheet")}</label>
            <select id="import-sheet" on:change=move |ev| {
                let s = event_target_value(&ev);
                with(&|o| { o.sheet = Some(s.clone()); o.header_row = None; o.mapping = None; });
            }>
                {p.sheets.iter().map(|s| view! { <option value=s.clone() selected=*s == sheet>{s.clone()}</option> }).collect_view()}
            </select>
            <label for="import-header-row">{move_tr!("import-header-row")}</label>
            <input id="import-header-row" type="number" min="1" style="width:80px"
                prop:value=p.header_row.to_string()
                on:change=move |ev| {
                    if let Ok(n) = event_target_value(&ev).trim().parse::<u32>() {
                        with(&|o| { o.header_row = Some(n); o.mapping = None; });
                    }
                } />
        </div>
        <p id="import-summary">{move || tr!(i18n, "import-summary", {
            "file" => p.file.clone(),
            "rows" => data_rows,
            "companies" => companies,
            "people" => people,
            "invalid" => invalid,
            "existing" => existing,
        })}</p>
    }
}

/// One select per header column.
#[component]
pub fn MappingTable(preview: ImportPreview, change: Callback<ImportMapping>) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let mapping = preview.mapping.clone();
    view! {
        <h3>{move_tr!("import-mapping")}</h3>
        <table class="list" id="import-mapping">
            <tbody>
                {preview.mapping.columns.iter().map(|c| {
                    let column = c.column;
                    let current = c.field;
                    let mapping = mapping.clone();
                    view! {
                        <tr>
                            <td class="muted" style="width:40px">{column_letter(column)}</td>
                            <td>{c.header.clone()}</td>
                            <td>
                                <select class="import-map" on:change=move |ev| {
                                    let field = ImportField::from_code(&event_target_value(&ev));
                                    let mut m = mapping.clone();
                                    if let Some(x) = m.columns.iter_mut().find(|x| x.column == column) {
                                        x.field = field;
                                    }
                                    change.run(m);
                                }>
                                    <option value="" selected=current.is_none()>{move_tr!("import-field-none")}</option>
                                    {ImportField::ALL.into_iter().map(|f| view! {
                                        <option value=f.code() selected=current == Some(f)>{move || field_name(i18n, f)}</option>
                                    }).collect_view()}
                                </select>
                            </td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
}

/// The normalised rows, problem cells marked.
#[component]
pub fn Rows(
    preview: ImportPreview,
    only_problems: RwSignal<bool>,
    offset: RwSignal<u64>,
) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let page = preview.rows;
    let (from, total) = (page.offset, page.total);
    let to = from + page.items.len() as u64;
    view! {
        <div style="display:flex;justify-content:space-between;align-items:center;margin-top:16px">
            <h3 style="margin:0">{move_tr!("import-preview")}</h3>
            <label class="check">
                <input type="checkbox" id="import-only-problems" prop:checked=move || only_problems.get()
                    on:change=move |ev| { offset.set(0); only_problems.set(event_target_checked(&ev)); } />
                {move_tr!("import-only-problems")}
            </label>
        </div>
        <div style="overflow-x:auto">
            <table class="list" id="import-preview">
                <thead>
                    <tr>
                        <th>"#"</th>
                        {PreviewColumn::ALL.into_iter().map(|c| view! { <th>{move || column_name(i18n, c)}</th> }).collect_view()}
                    </tr>
                </thead>
                <tbody>
                    {page.items.into_iter().map(|r| {
                        let bad = !r.problems.is_empty();
                        view! {
                            <tr class:import-problem-row=bad>
                                <td class="muted">{r.row}</td>
                                {PreviewColumn::ALL.into_iter().zip(r.values).map(|(c, value)| {
                                    let problems: Vec<InvalidRow> = r.problems.iter()
                                        .filter(|p| p.field.and_then(PreviewColumn::of_field) == Some(c)
                                            || (p.field.is_none() && c == PreviewColumn::LastName)
                                            || (p.kind == ProblemKind::MissingName && c == PreviewColumn::LastName))
                                        .cloned()
                                        .collect();
                                    if problems.is_empty() {
                                        view! { <td>{value}</td> }.into_any()
                                    } else {
                                        let title = problems.iter().map(|p| problem_text(i18n, p)).collect::<Vec<_>>().join("\n");
                                        let shown: Vec<String> = problems.iter().map(|p| p.value.clone()).collect();
                                        view! {
                                            <td class="import-problem" title=title
                                                style="background:#fdecea;color:#a12622">
                                                {value}{(!shown.is_empty()).then(|| format!(" ⚠ {}", shown.join(", ")))}
                                            </td>
                                        }.into_any()
                                    }
                                }).collect_view()}
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
        <nav class="pager">
            {(from > 0).then(|| view! {
                <button type="button" class="link" id="import-prev" on:click=move |_| offset.set(from.saturating_sub(PAGE_SIZE))>{move_tr!("import-prev")}</button>
            })}
            <span class="muted">{move || tr!(i18n, "import-range", { "from" => if total == 0 { 0 } else { from + 1 }, "to" => to, "total" => total })}</span>
            {(to < total).then(|| view! {
                <button type="button" class="link" id="import-next" on:click=move |_| offset.set(to)>{move_tr!("import-next")}</button>
            })}
        </nav>
    }
}

/// Rows that are one card, or a card already stored.
#[component]
pub fn Duplicates(groups: Vec<DuplicateGroup>) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    (!groups.is_empty()).then(|| {
        let (in_db, in_file): (Vec<DuplicateGroup>, Vec<DuplicateGroup>) =
            groups.into_iter().partition(|g| g.existing.is_some());
        let (db_n, file_n) = (in_db.len(), in_file.len());
        let item = move |g: DuplicateGroup| {
            let rows = g.rows.iter().map(u32::to_string).collect::<Vec<_>>().join(", ");
            let reason = g.reason;
            let existing = g.existing.clone();
            let merged = g.merged;
            let differences = g.differences.clone();
            view! {
                <li class="import-duplicate">
                    <strong>{move || reason_name(i18n, reason)}</strong>" "{g.key.clone()}" — "
                    {move || tr!(i18n, "import-rows", { "rows" => rows.clone() })}
                    {existing.clone().map(|name| view! { " → "<em>{move || tr!(i18n, "import-in-db", { "name" => name.clone() })}</em> })}
                    {(existing.is_none() && !merged).then(|| view! { " "<span class="muted">{move_tr!("import-not-merged")}</span> })}
                    {(!differences.is_empty()).then(|| view! {
                        <ul class="import-differences">
                            {differences.into_iter().map(|d| view! {
                                <li class="muted">{move || tr!(i18n, "import-kept-value", {
                                    "field" => field_name(i18n, d.field),
                                    "kept" => d.kept.clone(),
                                    "other" => d.other.clone(),
                                    "row" => d.row,
                                })}</li>
                            }).collect_view()}
                        </ul>
                    })}
                </li>
            }
        };
        view! {
            <div id="import-duplicates">
                {(db_n > 0).then(|| view! {
                    <h3>{move || tr!(i18n, "import-duplicates-db", { "count" => db_n })}</h3>
                    <ul>{in_db.into_iter().take(200).map(item).collect_view()}</ul>
                })}
                {(file_n > 0).then(|| view! {
                    <h3>{move || tr!(i18n, "import-duplicates-file", { "count" => file_n })}</h3>
                    <ul>{in_file.into_iter().take(200).map(item).collect_view()}</ul>
                })}
            </div>
        }
    })
}
