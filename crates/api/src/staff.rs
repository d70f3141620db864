//! The office's staff: the people who work with the cards — a card's responsible manager, a
//! timeline entry's author, a task's assignee — and which of them uses this installation.
//!
//! Cards name their manager by the staff member's name; the staff list holds every name a
//! card gives (a name first met in a saved card or an import is added to it), once per
//! spelling (case and spaces aside). Renaming a staff member renames them on every card.

use serde::{Deserialize, Serialize};

use crate::{Changes, Command};

id_type!(
    /// A staff member's id.
    StaffId
);

/// A staff member, as the settings' form edits them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct StaffInput {
    /// «Иванова Анна»: how cards and the history show them.
    pub name: String,
    /// «Менеджер по продажам».
    pub position: String,
    pub email: String,
    pub phone: String,
    /// Still works here: offered in the pickers. One who left stays on the cards and in the
    /// history they made.
    pub active: bool,
}

impl Default for StaffInput {
    fn default() -> Self {
        Self {
            name: String::new(),
            position: String::new(),
            email: String::new(),
            phone: String::new(),
            active: true,
        }
    }
}

/// A staff member.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Staff {
    pub id: StaffId,
    pub fields: StaffInput,
}

/// The staff, and who uses this installation.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffList {
    /// By name, those who left too.
    pub staff: Vec<Staff>,
    /// The user of this installation; `None` until chosen (the first start asks).
    pub current: Option<StaffId>,
}

impl StaffList {
    /// The names the pickers offer: the active staff, and `keep` (a card's present value)
    /// when it is someone who left, so that opening a card does not change it.
    pub fn choices(&self, keep: &str) -> Vec<String> {
        let mut names: Vec<String> = self
            .staff
            .iter()
            .filter(|s| s.fields.active || s.fields.name == keep)
            .map(|s| s.fields.name.clone())
            .collect();
        if !keep.is_empty() && !names.iter().any(|n| n == keep) {
            names.push(keep.to_owned());
        }
        names
    }

    /// The user of this installation, if chosen.
    pub fn current(&self) -> Option<&Staff> {
        let id = self.current?;
        self.staff.iter().find(|s| s.id == id)
    }
}

/// Arguments of [`UpdateStaff`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffUpdate {
    pub id: StaffId,
    pub input: StaffInput,
}

/// What renaming a staff member changes: the staff and every card and entry naming them.
const STAFF_AND_CARDS: &[Changes] = &[
    Changes::Staff,
    Changes::People,
    Changes::Companies,
    Changes::Deals,
    Changes::Timeline,
    Changes::Tasks,
];

command!(
    /// `staff_list`: the staff and the current user.
    ListStaff, "staff_list", () => StaffList
);
command!(
    /// `staff_create`: a new staff member.
    CreateStaff, "staff_create", StaffInput => Staff, changes &[Changes::Staff]
);
command!(
    /// `staff_update`: change a staff member (a new name is renamed on every card).
    UpdateStaff, "staff_update", StaffUpdate => Staff, changes STAFF_AND_CARDS
);
command!(
    /// `staff_set_current`: who uses this installation.
    SetCurrentStaff, "staff_set_current", StaffId => StaffList, changes &[Changes::Staff]
);

#[cfg(test)]
mod tests {
    use super::*;

    fn member(id: i64, name: &str, active: bool) -> Staff {
        Staff {
            id: StaffId(id),
            fields: StaffInput {
                name: name.into(),
                active,
                ..StaffInput::default()
            },
        }
    }

    #[test]
    fn pickers_offer_the_active_and_keep_a_cards_own() {
        let list = StaffList {
            staff: vec![
                member(1, "Иванова", true),
                member(2, "Петров", false),
                member(3, "Сидоров", true),
            ],
            current: Some(StaffId(3)),
        };
        assert_eq!(list.choices(""), ["Иванова", "Сидоров"]);
        assert_eq!(list.choices("Петров"), ["Иванова", "Петров", "Сидоров"]);
        assert_eq!(list.choices("Кто-то"), ["Иванова", "Сидоров", "Кто-то"]);
        assert_eq!(
            list.current().map(|s| s.fields.name.as_str()),
            Some("Сидоров")
        );
    }
}
