//! The screens, one module per part of the card index.

pub mod companies;
pub mod people;
pub mod trash;
