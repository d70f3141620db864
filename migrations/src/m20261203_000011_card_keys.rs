//! One identity for every kind of card: what is attached to a card (its phones, e-mails and
//! timeline entries) names it by its kind and its id (`card_kind`, `card_id`) instead of a
//! nullable column per kind (`person_id`, `company_id`). A new kind of card (a deal, a
//! task) attaches the same rows without a new column in each of these tables — the way
//! Odoo's messages, activities and attachments name their record (`res_model`, `res_id`).
//!
//! A kind is a small number, named in the `card_kind` table (1 `person`, 2 `company`; a new
//! kind's migration adds its row): a number costs a byte or none in every attachment row and
//! index entry, where the kind's name would cost seven. With no foreign key to one card
//! table, the core deletes a card's attachments when it deletes the card (one function for
//! every kind, `storage::cards`). Row ids, their order and the tables' id counters are kept,
//! so every list reads as before and no id is given twice. The indexes lead with the card's
//! id, the selective column (the kind has two values), so that SQLite, which keeps no
//! statistics here, still looks a phone up by its number rather than by its card's kind.
//!
//! SQLite SQL (a table is rebuilt to change its columns); a PostgreSQL backend gets its own.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

const UP: &str = "
CREATE TEMP TABLE kept_counter AS
  SELECT name, seq FROM sqlite_sequence WHERE name IN ('phone', 'email', 'timeline_entry');

CREATE TABLE card_kind (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE
);
INSERT INTO card_kind (id, name) VALUES (1, 'person'), (2, 'company');

CREATE TABLE phone_keyed (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  card_kind INTEGER NOT NULL REFERENCES card_kind (id),
  card_id INTEGER NOT NULL,
  ord INTEGER NOT NULL,
  kind TEXT NOT NULL,
  original TEXT NOT NULL,
  e164 TEXT NULL
);
INSERT INTO phone_keyed (id, card_kind, card_id, ord, kind, original, e164)
  SELECT id, CASE WHEN person_id IS NOT NULL THEN 1 ELSE 2 END,
         coalesce(person_id, company_id), ord, kind, original, e164
  FROM phone ORDER BY id;
DROP TABLE phone;
ALTER TABLE phone_keyed RENAME TO phone;
CREATE INDEX phone_card ON phone (card_id, card_kind);
CREATE INDEX phone_e164 ON phone (e164) WHERE e164 IS NOT NULL;

CREATE TABLE email_keyed (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  card_kind INTEGER NOT NULL REFERENCES card_kind (id),
  card_id INTEGER NOT NULL,
  ord INTEGER NOT NULL,
  address TEXT NOT NULL
);
INSERT INTO email_keyed (id, card_kind, card_id, ord, address)
  SELECT id, CASE WHEN person_id IS NOT NULL THEN 1 ELSE 2 END,
         coalesce(person_id, company_id), ord, address
  FROM email ORDER BY id;
DROP TABLE email;
ALTER TABLE email_keyed RENAME TO email;
CREATE INDEX email_card ON email (card_id, card_kind);
CREATE INDEX email_address ON email (address);

CREATE TABLE timeline_keyed (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  card_kind INTEGER NOT NULL REFERENCES card_kind (id),
  card_id INTEGER NOT NULL,
  kind TEXT NOT NULL,
  at TEXT NOT NULL,
  direction TEXT NULL,
  duration_min INTEGER NULL,
  outcome TEXT NOT NULL DEFAULT '',
  body TEXT NOT NULL DEFAULT '',
  author TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
INSERT INTO timeline_keyed (id, card_kind, card_id, kind, at, direction, duration_min,
                            outcome, body, author, created_at, updated_at)
  SELECT id, CASE WHEN person_id IS NOT NULL THEN 1 ELSE 2 END,
         coalesce(person_id, company_id), kind, at, direction, duration_min,
         outcome, body, author, created_at, updated_at
  FROM timeline_entry ORDER BY id;
DROP TABLE timeline_entry;
ALTER TABLE timeline_keyed RENAME TO timeline_entry;
CREATE INDEX timeline_card ON timeline_entry (card_id, card_kind, at);
";

const DOWN: &str = "
CREATE TEMP TABLE kept_counter AS
  SELECT name, seq FROM sqlite_sequence WHERE name IN ('phone', 'email', 'timeline_entry');

CREATE TABLE phone_paired (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  person_id INTEGER NULL REFERENCES person (id) ON DELETE CASCADE,
  company_id INTEGER NULL REFERENCES company (id) ON DELETE CASCADE,
  ord INTEGER NOT NULL,
  kind TEXT NOT NULL,
  original TEXT NOT NULL,
  e164 TEXT NULL,
  CHECK ((person_id IS NULL) <> (company_id IS NULL))
);
INSERT INTO phone_paired (id, person_id, company_id, ord, kind, original, e164)
  SELECT id, CASE card_kind WHEN 1 THEN card_id END,
         CASE card_kind WHEN 2 THEN card_id END, ord, kind, original, e164
  FROM phone WHERE (card_kind = 1 AND card_id IN (SELECT id FROM person))
     OR (card_kind = 2 AND card_id IN (SELECT id FROM company))
  ORDER BY id;
DROP TABLE phone;
ALTER TABLE phone_paired RENAME TO phone;
CREATE INDEX phone_person ON phone (person_id) WHERE person_id IS NOT NULL;
CREATE INDEX phone_company ON phone (company_id) WHERE company_id IS NOT NULL;
CREATE INDEX phone_e164 ON phone (e164) WHERE e164 IS NOT NULL;

CREATE TABLE email_paired (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  person_id INTEGER NULL REFERENCES person (id) ON DELETE CASCADE,
  company_id INTEGER NULL REFERENCES company (id) ON DELETE CASCADE,
  ord INTEGER NOT NULL,
  address TEXT NOT NULL,
  CHECK ((person_id IS NULL) <> (company_id IS NULL))
);
INSERT INTO email_paired (id, person_id, company_id, ord, address)
  SELECT id, CASE card_kind WHEN 1 THEN card_id END,
         CASE card_kind WHEN 2 THEN card_id END, ord, address
  FROM email WHERE (card_kind = 1 AND card_id IN (SELECT id FROM person))
     OR (card_kind = 2 AND card_id IN (SELECT id FROM company))
  ORDER BY id;
DROP TABLE email;
ALTER TABLE email_paired RENAME TO email;
CREATE INDEX email_person ON email (person_id) WHERE person_id IS NOT NULL;
CREATE INDEX email_company ON email (company_id) WHERE company_id IS NOT NULL;
CREATE INDEX email_address ON email (address);

CREATE TABLE timeline_paired (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  person_id INTEGER NULL REFERENCES person (id) ON DELETE CASCADE,
  company_id INTEGER NULL REFERENCES company (id) ON DELETE CASCADE,
  kind TEXT NOT NULL,
  at TEXT NOT NULL,
  direction TEXT NULL,
  duration_min INTEGER NULL,
  outcome TEXT NOT NULL DEFAULT '',
  body TEXT NOT NULL DEFAULT '',
  author TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  CHECK ((person_id IS NULL) <> (company_id IS NULL))
);
INSERT INTO timeline_paired (id, person_id, company_id, kind, at, direction, duration_min,
                             outcome, body, author, created_at, updated_at)
  SELECT id, CASE card_kind WHEN 1 THEN card_id END,
         CASE card_kind WHEN 2 THEN card_id END, kind, at, direction, duration_min,
         outcome, body, author, created_at, updated_at
  FROM timeline_entry WHERE (card_kind = 1 AND card_id IN (SELECT id FROM person))
     OR (card_kind = 2 AND card_id IN (SELECT id FROM company))
  ORDER BY id;
DROP TABLE timeline_entry;
ALTER TABLE timeline_paired RENAME TO timeline_entry;
CREATE INDEX timeline_person ON timeline_entry (person_id, at) WHERE person_id IS NOT NULL;
CREATE INDEX timeline_company ON timeline_entry (company_id, at) WHERE company_id IS NOT NULL;
DROP TABLE card_kind;
";

crate::sql_step!(
    Migration,
    [UP, crate::RESTORE_COUNTERS],
    [DOWN, crate::RESTORE_COUNTERS]
);
