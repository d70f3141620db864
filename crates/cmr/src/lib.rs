//! Kartoteka's CMR consignment notes: validation, totals and PDF printing.
