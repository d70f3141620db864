//! The card index proper: companies, several phones and e-mails per card, a person's
//! places at companies (with the role there), the timeline, the trash (`deleted_at`), and
//! the search index of companies.
//!
//! A person's single `phone` and `email` columns move into the `phone` and `email` tables.
//! The E.164 form of the moved phones is filled in by the core when it next opens the file
//! (it rebuilds derived data when its index version changes): the migration cannot parse
//! phone numbers.
//!
//! SQLite SQL, like the search and counter steps before it: FTS5 and triggers have no
//! portable form. A PostgreSQL backend will get its own steps.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

const UP: &str = "
CREATE TABLE company (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  name TEXT NOT NULL DEFAULT '',
  legal_form TEXT NOT NULL DEFAULT '',
  types TEXT NOT NULL DEFAULT '',
  country TEXT NOT NULL DEFAULT 'RU',
  inn TEXT NOT NULL DEFAULT '',
  kpp TEXT NOT NULL DEFAULT '',
  ogrn TEXT NOT NULL DEFAULT '',
  vat TEXT NOT NULL DEFAULT '',
  legal_address TEXT NOT NULL DEFAULT '',
  postal_address TEXT NOT NULL DEFAULT '',
  city TEXT NOT NULL DEFAULT '',
  bank_name TEXT NOT NULL DEFAULT '',
  bik TEXT NOT NULL DEFAULT '',
  account TEXT NOT NULL DEFAULT '',
  corr_account TEXT NOT NULL DEFAULT '',
  website TEXT NOT NULL DEFAULT '',
  manager TEXT NOT NULL DEFAULT '',
  tags TEXT NOT NULL DEFAULT '',
  notes TEXT NOT NULL DEFAULT '',
  sort_key TEXT NOT NULL DEFAULT '',
  deleted_at TEXT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX company_sort_key ON company (sort_key, id);
CREATE INDEX company_inn ON company (inn) WHERE inn <> '';

ALTER TABLE person ADD COLUMN position TEXT NOT NULL DEFAULT '';
ALTER TABLE person ADD COLUMN birthday TEXT NULL;
ALTER TABLE person ADD COLUMN messengers TEXT NOT NULL DEFAULT '';
ALTER TABLE person ADD COLUMN tags TEXT NOT NULL DEFAULT '';
ALTER TABLE person ADD COLUMN manager TEXT NOT NULL DEFAULT '';
ALTER TABLE person ADD COLUMN notes TEXT NOT NULL DEFAULT '';
ALTER TABLE person ADD COLUMN deleted_at TEXT NULL;

CREATE TABLE phone (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  person_id INTEGER NULL REFERENCES person (id) ON DELETE CASCADE,
  company_id INTEGER NULL REFERENCES company (id) ON DELETE CASCADE,
  ord INTEGER NOT NULL,
  kind TEXT NOT NULL,
  original TEXT NOT NULL,
  e164 TEXT NULL,
  CHECK ((person_id IS NULL) <> (company_id IS NULL))
);
CREATE INDEX phone_person ON phone (person_id) WHERE person_id IS NOT NULL;
CREATE INDEX phone_company ON phone (company_id) WHERE company_id IS NOT NULL;
CREATE INDEX phone_e164 ON phone (e164) WHERE e164 IS NOT NULL;

CREATE TABLE email (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  person_id INTEGER NULL REFERENCES person (id) ON DELETE CASCADE,
  company_id INTEGER NULL REFERENCES company (id) ON DELETE CASCADE,
  ord INTEGER NOT NULL,
  address TEXT NOT NULL,
  CHECK ((person_id IS NULL) <> (company_id IS NULL))
);
CREATE INDEX email_person ON email (person_id) WHERE person_id IS NOT NULL;
CREATE INDEX email_company ON email (company_id) WHERE company_id IS NOT NULL;
CREATE INDEX email_address ON email (address);

INSERT INTO phone (person_id, ord, kind, original) SELECT id, 0, 'mobile', phone FROM person WHERE phone <> '';
INSERT INTO email (person_id, ord, address) SELECT id, 0, email FROM person WHERE email <> '';
ALTER TABLE person DROP COLUMN phone;
ALTER TABLE person DROP COLUMN email;

CREATE TABLE employment (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  person_id INTEGER NOT NULL REFERENCES person (id) ON DELETE CASCADE,
  company_id INTEGER NOT NULL REFERENCES company (id) ON DELETE CASCADE,
  ord INTEGER NOT NULL,
  role TEXT NOT NULL DEFAULT '',
  UNIQUE (person_id, company_id)
);
CREATE INDEX employment_company ON employment (company_id);

CREATE TABLE timeline_entry (
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
CREATE INDEX timeline_person ON timeline_entry (person_id, at) WHERE person_id IS NOT NULL;
CREATE INDEX timeline_company ON timeline_entry (company_id, at) WHERE company_id IS NOT NULL;

CREATE VIRTUAL TABLE company_fts USING fts5(
  names, codes, contacts,
  tokenize = 'unicode61 remove_diacritics 0',
  prefix = '1 2 3'
);

DROP TRIGGER person_counted;
DROP TRIGGER person_uncounted;
UPDATE row_count SET n = (SELECT count(*) FROM person WHERE deleted_at IS NULL) WHERE name = 'person';
INSERT INTO row_count (name, n) VALUES ('company', 0);
CREATE TRIGGER person_counted AFTER INSERT ON person WHEN new.deleted_at IS NULL BEGIN
  UPDATE row_count SET n = n + 1 WHERE name = 'person';
END;
CREATE TRIGGER person_uncounted AFTER DELETE ON person WHEN old.deleted_at IS NULL BEGIN
  UPDATE row_count SET n = n - 1 WHERE name = 'person';
END;
CREATE TRIGGER person_trashed AFTER UPDATE OF deleted_at ON person
  WHEN (old.deleted_at IS NULL) <> (new.deleted_at IS NULL) BEGIN
  UPDATE row_count SET n = n + (CASE WHEN new.deleted_at IS NULL THEN 1 ELSE -1 END)
    WHERE name = 'person';
END;
CREATE TRIGGER company_counted AFTER INSERT ON company WHEN new.deleted_at IS NULL BEGIN
  UPDATE row_count SET n = n + 1 WHERE name = 'company';
END;
CREATE TRIGGER company_uncounted AFTER DELETE ON company WHEN old.deleted_at IS NULL BEGIN
  UPDATE row_count SET n = n - 1 WHERE name = 'company';
END;
CREATE TRIGGER company_trashed AFTER UPDATE OF deleted_at ON company
  WHEN (old.deleted_at IS NULL) <> (new.deleted_at IS NULL) BEGIN
  UPDATE row_count SET n = n + (CASE WHEN new.deleted_at IS NULL THEN 1 ELSE -1 END)
    WHERE name = 'company';
END;
";

const DOWN: &str = "
DROP TRIGGER company_trashed;
DROP TRIGGER company_uncounted;
DROP TRIGGER company_counted;
DROP TRIGGER person_trashed;
DROP TRIGGER person_uncounted;
DROP TRIGGER person_counted;
DELETE FROM row_count WHERE name = 'company';
DROP TABLE company_fts;
DROP TABLE timeline_entry;
DROP TABLE employment;
ALTER TABLE person ADD COLUMN phone TEXT NOT NULL DEFAULT '';
ALTER TABLE person ADD COLUMN email TEXT NOT NULL DEFAULT '';
UPDATE person SET
  phone = coalesce((SELECT original FROM phone WHERE person_id = person.id ORDER BY ord LIMIT 1), ''),
  email = coalesce((SELECT address FROM email WHERE person_id = person.id ORDER BY ord LIMIT 1), '');
DROP TABLE email;
DROP TABLE phone;
DELETE FROM person WHERE deleted_at IS NOT NULL;
ALTER TABLE person DROP COLUMN deleted_at;
ALTER TABLE person DROP COLUMN notes;
ALTER TABLE person DROP COLUMN manager;
ALTER TABLE person DROP COLUMN tags;
ALTER TABLE person DROP COLUMN messengers;
ALTER TABLE person DROP COLUMN birthday;
ALTER TABLE person DROP COLUMN position;
DROP TABLE company;
UPDATE row_count SET n = (SELECT count(*) FROM person) WHERE name = 'person';
CREATE TRIGGER person_counted AFTER INSERT ON person BEGIN
  UPDATE row_count SET n = n + 1 WHERE name = 'person';
END;
CREATE TRIGGER person_uncounted AFTER DELETE ON person BEGIN
  UPDATE row_count SET n = n - 1 WHERE name = 'person';
END;
";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.get_connection().execute_unprepared(UP).await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.get_connection().execute_unprepared(DOWN).await?;
        Ok(())
    }
}
