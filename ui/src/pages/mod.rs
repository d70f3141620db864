//! The screens, one module per part of the card index.

pub mod people;
