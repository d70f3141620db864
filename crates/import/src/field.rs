//! The fields of a client a column can hold: the API's [`ImportField`], one enum for the
//! engine, the wizard and the files of saved mappings.

pub use kartoteka_api::imports::ImportField as Field;
