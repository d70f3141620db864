//! What the screens compute, as plain Rust: tested natively, without a browser.

use kartoteka_api::ApiError;
use kartoteka_api::people::PersonInput;

/// Where a page of a list stands among all rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pager {
    /// Index of the first row shown.
    pub offset: u64,
    /// Rows per page.
    pub limit: u64,
    /// Rows in all.
    pub total: u64,
}

impl Pager {
    /// The 1-based numbers of the first and last rows shown; `None` when nothing is shown.
    pub fn range(&self) -> Option<(u64, u64)> {
        (self.offset < self.total)
            .then(|| (self.offset + 1, (self.offset + self.limit).min(self.total)))
    }

    /// The offset of the previous page, if there is one.
    pub fn prev(&self) -> Option<u64> {
        (self.offset > 0).then(|| self.offset.saturating_sub(self.limit))
    }

    /// The offset of the next page, if there is one.
    pub fn next(&self) -> Option<u64> {
        (self.offset + self.limit < self.total).then_some(self.offset + self.limit)
    }
}

/// The form fields of a person, in the order they are shown.
pub const PERSON_FIELDS: [&str; 5] = ["last_name", "first_name", "middle_name", "phone", "email"];

/// The value of `field` in `input`; `None` for an unknown field.
pub fn person_field(input: &PersonInput, field: &str) -> Option<String> {
    Some(match field {
        "last_name" => input.last_name.clone(),
        "first_name" => input.first_name.clone(),
        "middle_name" => input.middle_name.clone(),
        "phone" => input.phone.clone(),
        "email" => input.email.clone(),
        _ => return None,
    })
}

/// Sets `field` of `input` to `value`; unknown fields are ignored.
pub fn set_person_field(input: &mut PersonInput, field: &str, value: String) {
    match field {
        "last_name" => input.last_name = value,
        "first_name" => input.first_name = value,
        "middle_name" => input.middle_name = value,
        "phone" => input.phone = value,
        "email" => input.email = value,
        _ => {}
    }
}

/// The form field an error belongs to, so the form can mark and focus it; `None` for errors
/// shown above the form.
pub fn error_field(error: &ApiError) -> Option<&str> {
    match error {
        ApiError::Validation { field, .. } if PERSON_FIELDS.contains(&field.as_str()) => {
            Some(field)
        }
        _ => None,
    }
}

/// Initials for the avatar of a card: first letters of the last and first name.
pub fn initials(last: &str, first: &str) -> String {
    [last, first]
        .iter()
        .filter_map(|part| part.chars().next())
        .flat_map(char::to_uppercase)
        .collect()
}

/// "2026-11-22T09:05:00Z" as "22.11.2026 09:05" (UTC): the way a Russian office writes dates.
pub fn short_datetime(rfc3339: &str) -> String {
    let (date, time) = rfc3339.split_once('T').unwrap_or((rfc3339, ""));
    let mut parts = date.split('-');
    match (parts.next(), parts.next(), parts.next()) {
        (Some(y), Some(m), Some(d)) => {
            let hm: String = time.chars().take(5).collect();
            format!("{d}.{m}.{y} {hm}").trim_end().to_owned()
        }
        _ => rfc3339.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use kartoteka_api::ValidationReason;

    #[test]
    fn pager_range_prev_next() {
        let p = Pager {
            offset: 0,
            limit: 50,
            total: 120,
        };
        assert_eq!(
            (p.range(), p.prev(), p.next()),
            (Some((1, 50)), None, Some(50))
        );
        let p = Pager {
            offset: 100,
            limit: 50,
            total: 120,
        };
        assert_eq!(
            (p.range(), p.prev(), p.next()),
            (Some((101, 120)), Some(50), None)
        );
        let p = Pager {
            offset: 0,
            limit: 50,
            total: 0,
        };
        assert_eq!((p.range(), p.prev(), p.next()), (None, None, None));
        let p = Pager {
            offset: 30,
            limit: 50,
            total: 60,
        };
        assert_eq!(p.prev(), Some(0));
    }

    #[test]
    fn fields_read_and_write_by_name() {
        let mut input = PersonInput::default();
        for (i, field) in PERSON_FIELDS.iter().enumerate() {
            set_person_field(&mut input, field, format!("v{i}"));
        }
        let values: Vec<_> = PERSON_FIELDS
            .iter()
            .filter_map(|f| person_field(&input, f))
            .collect();
        assert_eq!(values, ["v0", "v1", "v2", "v3", "v4"]);
        assert_eq!(person_field(&input, "inn"), None);
    }

    #[test]
    fn validation_errors_point_at_their_field() {
        let e = ApiError::validation("email", ValidationReason::InvalidEmail);
        assert_eq!(error_field(&e), Some("email"));
        let e = ApiError::validation("company", ValidationReason::Required);
        assert_eq!(error_field(&e), None);
        let e = ApiError::NotFound {
            entity: "person".into(),
            id: 1,
        };
        assert_eq!(error_field(&e), None);
    }

    #[test]
    fn initials_and_dates() {
        assert_eq!(initials("петров", "Иван"), "ПИ");
        assert_eq!(initials("", "Иван"), "И");
        assert_eq!(short_datetime("2026-11-22T09:05:00Z"), "22.11.2026 09:05");
        assert_eq!(short_datetime("garbage"), "garbage");
    }

    /// The message ids of a Fluent file.
    fn ids(ftl: &str) -> std::collections::BTreeSet<String> {
        ftl.lines()
            .filter(|l| l.chars().next().is_some_and(|c| c.is_ascii_lowercase()))
            .filter_map(|l| l.split_once(" =").map(|(id, _)| id.trim().to_owned()))
            .collect()
    }

    #[test]
    fn russian_and_english_have_the_same_messages() {
        let ru = ids(include_str!("../locales/ru/main.ftl"));
        let en = ids(include_str!("../locales/en/main.ftl"));
        assert!(ru.len() > 30, "{ru:?}");
        assert_eq!(
            ru.symmetric_difference(&en).collect::<Vec<_>>(),
            Vec::<&String>::new()
        );
    }

    #[test]
    fn every_message_the_code_asks_for_exists() {
        let known = ids(include_str!("../locales/ru/main.ftl"));
        let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut files = vec![src];
        let mut missing = Vec::new();
        let mut used = 0;
        while let Some(path) = files.pop() {
            if path.is_dir() {
                files.extend(
                    std::fs::read_dir(&path)
                        .into_iter()
                        .flatten()
                        .flatten()
                        .map(|e| e.path()),
                );
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap_or_default();
            for (at, _) in text.match_indices("tr!(") {
                // `tr!(` or `move_tr!(`, not the end of another macro's name.
                let before = text[..at].chars().next_back();
                if before.is_some_and(|c| c.is_alphanumeric() || c == '_')
                    && !text[..at].ends_with("move_")
                {
                    continue;
                }
                // The first string literal after the macro's parenthesis is the message id,
                // after at most the name of the i18n context; mentions in comments are skipped.
                let mut rest = text[at + 4..].split('"');
                let head = rest.next().unwrap_or_default();
                let Some(id) = rest.next() else { continue };
                let is_call = head
                    .chars()
                    .all(|c| c.is_alphanumeric() || c == '_' || c == ',' || c.is_whitespace());
                let is_id = !id.is_empty()
                    && id
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
                if !is_call || !is_id {
                    continue;
                }
                used += 1;
                if !known.contains(id) {
                    missing.push(format!("{}: {id}", path.display()));
                }
            }
        }
        assert!(used > 20, "found only {used} uses");
        assert!(missing.is_empty(), "no such message: {missing:?}");
    }
}
