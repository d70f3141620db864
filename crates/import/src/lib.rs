//! Kartoteka's spreadsheet import: reading legacy client lists, mapping, normalising, planning.
