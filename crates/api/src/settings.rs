//! User preferences kept in the database, so they follow the data folder.

use serde::{Deserialize, Serialize};

use crate::Command;

/// A language the UI speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    /// Русский — the default.
    #[default]
    Ru,
    /// English.
    En,
}

impl Language {
    /// Every language, in the order the switcher shows them.
    pub const ALL: [Language; 2] = [Language::Ru, Language::En];

    /// The BCP 47 code, as the translation files are named.
    pub fn code(self) -> &'static str {
        match self {
            Language::Ru => "ru",
            Language::En => "en",
        }
    }

    /// The language with this code.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|l| l.code() == code)
    }
}

/// Every preference.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Settings {
    /// The UI language.
    pub language: Language,
}

/// `settings_get`: the saved preferences (defaults where none saved).
#[derive(Debug)]
pub enum GetSettings {}
impl Command for GetSettings {
    const NAME: &'static str = "settings_get";
    type Args = ();
    type Output = Settings;
}

/// `settings_set_language`: remember the UI language.
#[derive(Debug)]
pub enum SetLanguage {}
impl Command for SetLanguage {
    const CHANGES: &'static [crate::Changes] = &[crate::Changes::Settings];
    const NAME: &'static str = "settings_set_language";
    type Args = Language;
    type Output = Settings;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        for l in Language::ALL {
            assert_eq!(Language::from_code(l.code()), Some(l));
        }
        assert_eq!(Language::from_code("de"), None);
    }
}
