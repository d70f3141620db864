//! Kartoteka's CMR crate, tested from outside: one binary, modules mirroring `src/`.

mod ecmr;
mod fixtures;
mod pdf;
mod plates;
mod totals;
mod validate;
