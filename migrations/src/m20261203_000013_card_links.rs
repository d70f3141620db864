//! Links between cards, with the role one card plays for the other: a person's places at
//! companies (`employment`, with the role there) become rows of `card_link`, keyed at both
//! ends like every attachment by kind and id. A deal's client company and its contact
//! people, a task's cards, tomorrow, are links of the same table, not a table per pair of
//! kinds.
//!
//! `from` is the card that lists the link (a person lists its companies, main one first:
//! `ord`), `to` the card linked to. Row ids, order and roles are kept.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

const UP: &str = "
CREATE TEMP TABLE kept_counter AS
  SELECT name, seq FROM sqlite_sequence WHERE name IN ('employment');
CREATE TABLE card_link (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  from_kind INTEGER NOT NULL REFERENCES card_kind (id),
  from_id INTEGER NOT NULL,
  to_kind INTEGER NOT NULL REFERENCES card_kind (id),
  to_id INTEGER NOT NULL,
  ord INTEGER NOT NULL,
  role TEXT NOT NULL DEFAULT '',
  UNIQUE (from_id, from_kind, to_id, to_kind)
);
INSERT INTO card_link (id, from_kind, from_id, to_kind, to_id, ord, role)
  SELECT id, 1, person_id, 2, company_id, ord, role FROM employment ORDER BY id;
DROP TABLE employment;
CREATE INDEX card_link_to ON card_link (to_id, to_kind, from_kind, from_id);
UPDATE kept_counter SET name = 'card_link';
";

const DOWN: &str = "
CREATE TEMP TABLE kept_counter AS
  SELECT name, seq FROM sqlite_sequence WHERE name IN ('card_link');
CREATE TABLE employment (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  person_id INTEGER NOT NULL REFERENCES person (id) ON DELETE CASCADE,
  company_id INTEGER NOT NULL REFERENCES company (id) ON DELETE CASCADE,
  ord INTEGER NOT NULL,
  role TEXT NOT NULL DEFAULT '',
  UNIQUE (person_id, company_id)
);
INSERT INTO employment (id, person_id, company_id, ord, role)
  SELECT id, from_id, to_id, ord, role FROM card_link
  WHERE from_kind = 1 AND to_kind = 2
    AND from_id IN (SELECT id FROM person) AND to_id IN (SELECT id FROM company)
  ORDER BY id;

CREATE INDEX employment_company ON employment (company_id);
DROP TABLE card_link;
UPDATE kept_counter SET name = 'employment';
";

crate::sql_step!(
    Migration,
    [UP, crate::RESTORE_COUNTERS],
    [DOWN, crate::RESTORE_COUNTERS]
);
