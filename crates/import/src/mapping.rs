//! Which column holds which field: suggested from the header names alone (Russian and
//! English, the ways offices really spell them), adjustable by the user, and saved (serde) to
//! be reused on the next file of the same shape.

use std::collections::BTreeMap;

use kartoteka_domain::text::fold;
use serde::{Deserialize, Serialize};

pub use crate::field::Field;

use crate::error::Error;
use crate::read::column_letter;

/// A column of the header row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Header {
    /// 0-based column index.
    pub column: u32,
    /// The header's text, spaces squashed.
    pub text: String,
}

impl Header {
    /// `C «Организация»`, for messages.
    pub fn label(&self) -> String {
        format!("{} «{}»", column_letter(self.column), self.text)
    }
}

/// One column's assignment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ColumnMapping {
    /// 0-based column index.
    pub column: u32,
    /// The header's text when the mapping was made; a saved mapping is matched to a new
    /// file by this text first, by `column` second.
    pub header: String,
    /// `None`: the column is not imported.
    pub field: Option<Field>,
}

/// The assignment of every header column; serialisable, so a user can save and reuse it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mapping {
    pub columns: Vec<ColumnMapping>,
}

impl Mapping {
    /// The field of 0-based `column`, if mapped.
    pub fn field(&self, column: u32) -> Option<Field> {
        self.columns
            .iter()
            .find(|c| c.column == column)
            .and_then(|c| c.field)
    }

    /// Sets (or clears) the field of `column`.
    pub fn set(&mut self, column: u32, field: Option<Field>) {
        if let Some(c) = self.columns.iter_mut().find(|c| c.column == column) {
            c.field = field;
        } else {
            self.columns.push(ColumnMapping {
                column,
                header: String::new(),
                field,
            });
        }
    }

    /// The mapped columns, in column order.
    pub fn mapped(&self) -> impl Iterator<Item = (u32, Field)> + '_ {
        let mut v: Vec<(u32, Field)> = self
            .columns
            .iter()
            .filter_map(|c| c.field.map(|f| (c.column, f)))
            .collect();
        v.sort();
        v.into_iter()
    }

    /// Refuses a mapping that cannot be imported: a single-valued field in two columns
    /// (`Inn` together with `InnKpp` counts as twice), or nothing saying who a row is.
    pub fn validate(&self) -> Result<(), Error> {
        let mut by_field: BTreeMap<Field, Vec<&ColumnMapping>> = BTreeMap::new();
        for c in &self.columns {
            if let Some(f) = c.field {
                by_field.entry(f).or_default().push(c);
            }
        }
        let label = |c: &ColumnMapping| format!("{} «{}»", column_letter(c.column), c.header);
        for (field, cols) in &by_field {
            if cols.len() > 1 && !field.is_multi() {
                return Err(Error::ColumnMappedTwice {
                    field: *field,
                    columns: cols.iter().map(|c| label(c)).collect(),
                });
            }
        }
        for (part, whole) in [
            (Field::Inn, Field::InnKpp),
            (Field::Kpp, Field::InnKpp),
            (Field::LastName, Field::FullName),
            (Field::FirstName, Field::FullName),
            (Field::MiddleName, Field::FullName),
        ] {
            if let (Some(a), Some(b)) = (by_field.get(&part), by_field.get(&whole)) {
                let mut cols: Vec<&ColumnMapping> = a.iter().chain(b).copied().collect();
                cols.sort_by_key(|c| c.column);
                return Err(Error::ColumnMappedTwice {
                    field: part,
                    columns: cols.iter().map(|c| label(c)).collect(),
                });
            }
        }
        let who = [
            Field::FullName,
            Field::LastName,
            Field::FirstName,
            Field::Company,
        ];
        if !who.iter().any(|f| by_field.contains_key(f)) {
            return Err(Error::NoNameColumn);
        }
        Ok(())
    }

    /// This (saved) mapping applied to another file's headers: each header takes the field
    /// of the saved column with the same text (compared folded), or failing that of the
    /// saved column at the same index whose header was blank; headers the saved mapping does
    /// not know get a suggestion.
    pub fn rebind(&self, headers: &[Header]) -> Mapping {
        let columns = headers
            .iter()
            .map(|h| {
                let key = fold(&h.text);
                let saved = self
                    .columns
                    .iter()
                    .find(|c| !c.header.is_empty() && fold(&c.header) == key)
                    .or_else(|| {
                        self.columns
                            .iter()
                            .find(|c| c.column == h.column && c.header.trim().is_empty())
                    });
                ColumnMapping {
                    column: h.column,
                    header: h.text.clone(),
                    field: match saved {
                        Some(c) => c.field,
                        None => suggest_field(&h.text),
                    },
                }
            })
            .collect();
        Mapping { columns }
    }
}

/// A mapping suggested from header names alone. When two columns suggest the same
/// single-valued field, the first keeps it and the later ones are left unmapped.
pub fn suggest(headers: &[Header]) -> Mapping {
    let mut taken: Vec<Field> = Vec::new();
    let columns = headers
        .iter()
        .map(|h| {
            let mut field = suggest_field(&h.text);
            if let Some(f) = field {
                let clash = taken.contains(&f)
                    || (f == Field::InnKpp
                        && (taken.contains(&Field::Inn) || taken.contains(&Field::Kpp)))
                    || (matches!(f, Field::Inn | Field::Kpp) && taken.contains(&Field::InnKpp))
                    || (f == Field::FullName
                        && [Field::LastName, Field::FirstName, Field::MiddleName]
                            .iter()
                            .any(|p| taken.contains(p)))
                    || (matches!(f, Field::LastName | Field::FirstName | Field::MiddleName)
                        && taken.contains(&Field::FullName));
                if clash && !f.is_multi() {
                    field = None;
                } else {
                    taken.push(f);
                }
            }
            ColumnMapping {
                column: h.column,
                header: h.text.clone(),
                field,
            }
        })
        .collect();
    Mapping { columns }
}

/// Header phrases, as folded words, by field. Order matters: the first rule whose phrase
/// occurs in the header (as whole words) wins, so specific phrases come before general ones
/// («адрес электронной почты» is an e-mail, not an address; «имя» alone is a first name,
/// «полное имя» a full name).
const RULES: &[(Field, &[&str])] = &[
    (Field::InnKpp, &["инн кпп", "inn kpp"]),
    (
        Field::Email,
        &[
            "e mail",
            "email",
            "e mails",
            "emails",
            "эл почта",
            "эл адрес",
            "электронная почта",
            "электронной почты",
            "электронный адрес",
            "е mail",
            "емейл",
            "емэйл",
            "имейл",
            "мейл",
            "mail",
            "почта",
            "mailbox",
        ],
    ),
    (
        Field::Birthday,
        &[
            "дата рождения",
            "д р",
            "др",
            "день рождения",
            "дата рожд",
            "дата р",
            "birthday",
            "date of birth",
            "birth date",
            "birthdate",
            "dob",
            "рожд",
            "год рождения",
        ],
    ),
    (
        Field::Phone,
        &[
            "телефон",
            "телефоны",
            "тел",
            "тел факс",
            "телефон факс",
            "моб",
            "мобильный",
            "мобильный телефон",
            "сотовый",
            "сот",
            "контактный телефон",
            "phone",
            "phones",
            "telephone",
            "tel",
            "mobile",
            "cell",
            "phone number",
            "факс",
            "fax",
        ],
    ),
    (
        Field::Inn,
        &["инн", "inn", "tax id", "taxpayer id", "vat", "vat id"],
    ),
    (Field::Kpp, &["кпп", "kpp"]),
    (
        Field::LastName,
        &["фамилия", "last name", "lastname", "surname", "family name"],
    ),
    (
        Field::MiddleName,
        &["отчество", "middle name", "patronymic"],
    ),
    (
        Field::FullName,
        &[
            "фио",
            "ф и о",
            "полное имя",
            "фамилия имя отчество",
            "фамилия и имя",
            "контактное лицо",
            "контакт",
            "представитель",
            "full name",
            "fullname",
            "contact name",
            "contact person",
            "contact",
        ],
    ),
    (
        Field::FirstName,
        &["имя", "first name", "firstname", "given name", "forename"],
    ),
    (
        Field::Position,
        &[
            "должность",
            "позиция",
            "position",
            "job title",
            "title",
            "role",
        ],
    ),
    (
        Field::Manager,
        &[
            "менеджер",
            "ответственный",
            "ответственный менеджер",
            "куратор",
            "manager",
            "account manager",
            "owner",
            "responsible",
            "sales rep",
        ],
    ),
    (
        Field::Company,
        &[
            "организация",
            "организации",
            "контрагент",
            "наименование",
            "компания",
            "фирма",
            "предприятие",
            "юр лицо",
            "юрлицо",
            "клиент",
            "заказчик",
            "покупатель",
            "company",
            "company name",
            "organization",
            "organisation",
            "org",
            "customer",
            "client",
            "account",
            "firm",
            "business",
        ],
    ),
    (
        Field::City,
        &[
            "город",
            "населенный пункт",
            "нас пункт",
            "нп",
            "г",
            "city",
            "town",
            "locality",
        ],
    ),
    (
        Field::Address,
        &[
            "адрес",
            "address",
            "юридический адрес",
            "фактический адрес",
            "street",
        ],
    ),
    (
        Field::Notes,
        &[
            "примечание",
            "примечания",
            "комментарий",
            "комментарии",
            "заметки",
            "заметка",
            "описание",
            "доп информация",
            "дополнительно",
            "notes",
            "note",
            "comment",
            "comments",
            "remarks",
            "description",
        ],
    ),
    (Field::FullName, &["name", "имя клиента"]),
];

/// The header as words: folded (lower case, `ё` → `е`), everything but letters and digits
/// a separator.
fn words(header: &str) -> Vec<String> {
    fold(header)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Whether `phrase` (words separated by single spaces) occurs in `words` as whole words.
fn contains_phrase(words: &[String], phrase: &str) -> bool {
    let p: Vec<&str> = phrase.split(' ').collect();
    words
        .windows(p.len())
        .any(|w| w.iter().zip(&p).all(|(a, b)| a == b))
}

/// The field a header's name suggests, if any.
pub fn suggest_field(header: &str) -> Option<Field> {
    let w = words(header);
    if w.is_empty() {
        return None;
    }
    // «Фамилия», «Имя», «Отчество» in one header name the whole name.
    let has = |x: &str| w.iter().any(|y| y == x);
    if has("инн") && has("кпп") {
        return Some(Field::InnKpp);
    }
    if ["фамилия", "имя"].iter().all(|x| w.iter().any(|y| y == x))
        || ["last", "first"].iter().all(|x| w.iter().any(|y| y == x))
    {
        return Some(Field::FullName);
    }
    // A phrase of the header must be a header of its own: «Дата рождения» yes, but a long
    // sentence that mentions a phone is not a header.
    if w.len() > 6 {
        return None;
    }
    RULES.iter().find_map(|(field, phrases)| {
        phrases
            .iter()
            .any(|p| contains_phrase(&w, p))
            .then_some(*field)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(names: &[&str]) -> Vec<Header> {
        names
            .iter()
            .enumerate()
            .map(|(i, n)| Header {
                column: i as u32,
                text: (*n).to_owned(),
            })
            .collect()
    }

    #[test]
    fn russian_and_english_header_variants() {
        let cases = [
            ("Ф.И.О.", Some(Field::FullName)),
            ("ФИО клиента", Some(Field::FullName)),
            ("Фамилия, имя, отчество", Some(Field::FullName)),
            ("Контактное лицо", Some(Field::FullName)),
            ("Full name", Some(Field::FullName)),
            ("Name", Some(Field::FullName)),
            ("Фамилия", Some(Field::LastName)),
            ("Surname", Some(Field::LastName)),
            ("Имя", Some(Field::FirstName)),
            ("First Name", Some(Field::FirstName)),
            ("Отчество", Some(Field::MiddleName)),
            ("Наименование организации", Some(Field::Company)),
            ("Контрагент", Some(Field::Company)),
            ("Company name", Some(Field::Company)),
            ("ИНН/КПП", Some(Field::InnKpp)),
            ("ИНН организации", Some(Field::Inn)),
            ("ИНН и КПП", Some(Field::InnKpp)),
            ("Account manager", Some(Field::Manager)),
            ("Tax ID", Some(Field::Inn)),
            ("КПП", Some(Field::Kpp)),
            ("Тел./факс", Some(Field::Phone)),
            ("Моб. телефон", Some(Field::Phone)),
            ("Mobile phone", Some(Field::Phone)),
            ("Эл. почта", Some(Field::Email)),
            ("Адрес электронной почты", Some(Field::Email)),
            ("E-mail адрес", Some(Field::Email)),
            ("e-mail", Some(Field::Email)),
            ("Д.р.", Some(Field::Birthday)),
            ("Date of birth", Some(Field::Birthday)),
            ("Должность", Some(Field::Position)),
            ("Job title", Some(Field::Position)),
            ("Ответственный", Some(Field::Manager)),
            ("Ответственный менеджер", Some(Field::Manager)),
            ("Населённый пункт", Some(Field::City)),
            ("Город", Some(Field::City)),
            ("Юридический адрес", Some(Field::Address)),
            ("Почтовый адрес", Some(Field::Address)),
            ("Комментарий", Some(Field::Notes)),
            ("№ п/п", None),
            ("Проверка", None),
            ("", None),
            (
                "Не удалять строки. Новых клиентов с телефоном добавлять в конец листа",
                None,
            ),
        ];
        for (header, want) in cases {
            assert_eq!(suggest_field(header), want, "{header}");
        }
    }

    #[test]
    fn suggestion_keeps_a_single_field_for_the_first_column() {
        let m = suggest(&headers(&[
            "ФИО",
            "Телефон",
            "Тел. моб.",
            "ИНН",
            "ИНН контрагента",
        ]));
        let fields: Vec<Option<Field>> = m.columns.iter().map(|c| c.field).collect();
        assert_eq!(
            fields,
            [
                Some(Field::FullName),
                Some(Field::Phone),
                Some(Field::Phone),
                Some(Field::Inn),
                None
            ]
        );
        assert_eq!(m.validate(), Ok(()));
    }

    #[test]
    fn a_field_mapped_twice_names_both_columns() {
        let mut m = suggest(&headers(&["ФИО", "Организация", "Контрагент"]));
        m.set(2, Some(Field::Company));
        assert_eq!(
            m.validate(),
            Err(Error::ColumnMappedTwice {
                field: Field::Company,
                columns: vec!["B «Организация»".into(), "C «Контрагент»".into()],
            })
        );
        let mut m = suggest(&headers(&["ФИО", "ИНН/КПП", "ИНН"]));
        m.set(2, Some(Field::Inn));
        assert!(matches!(
            m.validate(),
            Err(Error::ColumnMappedTwice {
                field: Field::Inn,
                ..
            })
        ));
    }

    #[test]
    fn nothing_to_say_who_a_row_is() {
        let m = suggest(&headers(&["Телефон", "E-mail"]));
        assert_eq!(m.validate(), Err(Error::NoNameColumn));
    }

    #[test]
    fn a_saved_mapping_follows_the_header_text() {
        let mut saved = suggest(&headers(&["Клиент", "Тел"]));
        saved.set(0, Some(Field::FullName));
        let json = serde_json::to_string(&saved).expect("json");
        let saved: Mapping = serde_json::from_str(&json).expect("back");
        let new = saved.rebind(&headers(&["№", "тел", "КЛИЕНТ", "Город"]));
        let fields: Vec<Option<Field>> = new.columns.iter().map(|c| c.field).collect();
        assert_eq!(
            fields,
            [
                None,
                Some(Field::Phone),
                Some(Field::FullName),
                Some(Field::City)
            ]
        );
    }
}
