//! sea-orm entities: the tables as rows. They stay inside the core; the API's DTOs cross out.

pub mod person;
pub mod setting;
