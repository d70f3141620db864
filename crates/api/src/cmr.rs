//! CMR consignment notes: the contract between the UI and the shell.
