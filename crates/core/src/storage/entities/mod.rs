//! sea-orm entities: the tables as rows. They stay inside the core; the API's DTOs cross out.

pub mod card_link;
pub mod company;
pub mod deal;
pub mod deal_line;
pub mod deal_move;
pub mod email;
pub mod person;
pub mod phone;
pub mod pipeline;
pub mod product;
pub mod setting;
pub mod staff;
pub mod stage;
pub mod tag;
pub mod task;
pub mod task_card;
pub mod task_reminder;
pub mod task_type;
pub mod timeline_entry;
