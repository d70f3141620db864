//! End-to-end: the built app, driven through its real window.

mod cards;
mod cmr;
mod deals;
mod import;
mod language;
mod layout;
mod people;
mod search;
mod staff;
mod startup;
mod tasks;
