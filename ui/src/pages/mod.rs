//! The screens, one module per part of the card index.

pub mod cmr;
pub mod companies;
pub mod deals;
pub mod import;
pub mod people;
pub mod staff;
pub mod today;
pub mod trash;
