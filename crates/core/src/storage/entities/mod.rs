//! sea-orm entities: the tables as rows. They stay inside the core; the API's DTOs cross out.

pub mod card_link;
pub mod company;
pub mod email;
pub mod person;
pub mod phone;
pub mod setting;
pub mod tag;
pub mod timeline_entry;
