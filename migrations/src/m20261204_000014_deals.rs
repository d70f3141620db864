//! Deals: the third kind of card (`card_kind` 3), followed through the stages of
//! pipelines, with product lines, the history of their moves, the office's editable lists
//! (loss reasons, sources, units), VAT rates and a catalogue of products, and their search
//! index. A deal's company and contact people are `card_link` rows; its phones-less
//! attachments (tags, timeline) are the same tables as every card's.
//!
//! Money is whole kopecks (`amount`, a line's `total`), prices, quantities and percents
//! decimal text: exact, never a float. The default pipeline «Продажи» and the lists are
//! made here, on the first start. An import records the deals it made
//! (`import_batch.deals_created`), so it can be undone like a client import.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

const UP: &str = "
INSERT INTO card_kind (id, name) VALUES (3, 'deal');
ALTER TABLE import_batch ADD COLUMN deals_created INTEGER NOT NULL DEFAULT 0;

CREATE TABLE pipeline (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  ord INTEGER NOT NULL,
  name TEXT NOT NULL UNIQUE
);

CREATE TABLE stage (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  pipeline_id INTEGER NOT NULL REFERENCES pipeline (id),
  ord INTEGER NOT NULL,
  name TEXT NOT NULL,
  color TEXT NOT NULL DEFAULT '',
  probability INTEGER NOT NULL DEFAULT 0,
  stale_days INTEGER NULL,
  outcome TEXT NOT NULL DEFAULT 'open' CHECK (outcome IN ('open', 'won', 'lost'))
);
CREATE INDEX stage_pipeline ON stage (pipeline_id, ord);

CREATE TABLE choice (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  list TEXT NOT NULL,
  ord INTEGER NOT NULL,
  name TEXT NOT NULL,
  UNIQUE (list, name)
);

CREATE TABLE vat_rate (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  ord INTEGER NOT NULL,
  name TEXT NOT NULL UNIQUE,
  percent TEXT NULL
);

CREATE TABLE product (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  name TEXT NOT NULL,
  unit TEXT NOT NULL DEFAULT '',
  price TEXT NOT NULL DEFAULT '0',
  vat TEXT NULL,
  archived INTEGER NOT NULL DEFAULT 0,
  sort_key TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX product_sort_key ON product (sort_key, id);

CREATE TABLE deal (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  title TEXT NOT NULL,
  pipeline_id INTEGER NOT NULL REFERENCES pipeline (id),
  stage_id INTEGER NOT NULL REFERENCES stage (id),
  status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'won', 'lost')),
  amount INTEGER NOT NULL DEFAULT 0,
  currency TEXT NOT NULL DEFAULT 'RUB',
  vat_mode TEXT NOT NULL DEFAULT 'included',
  manager TEXT NOT NULL DEFAULT '',
  source TEXT NOT NULL DEFAULT '',
  expected_close TEXT NULL,
  loss_reason TEXT NOT NULL DEFAULT '',
  loss_comment TEXT NOT NULL DEFAULT '',
  notes TEXT NOT NULL DEFAULT '',
  stage_since TEXT NOT NULL,
  closed_at TEXT NULL,
  sort_key TEXT NOT NULL DEFAULT '',
  deleted_at TEXT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX deal_column ON deal (stage_id, stage_since, id) WHERE deleted_at IS NULL;
CREATE INDEX deal_stage_sums ON deal (stage_id, currency, amount, manager, stage_since)
  WHERE deleted_at IS NULL;
CREATE INDEX deal_sort_key ON deal (sort_key, id) WHERE deleted_at IS NULL;
CREATE INDEX deal_pipeline ON deal (pipeline_id, status, manager, id) WHERE deleted_at IS NULL;
CREATE INDEX deal_amount ON deal (amount, id) WHERE deleted_at IS NULL;
-- Every deal of a stage, in the trash too: a stage's removal moves them all.
CREATE INDEX deal_stage ON deal (stage_id);

CREATE TABLE deal_line (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  deal_id INTEGER NOT NULL REFERENCES deal (id) ON DELETE CASCADE,
  ord INTEGER NOT NULL,
  product_id INTEGER NULL,
  name TEXT NOT NULL,
  quantity TEXT NOT NULL,
  unit TEXT NOT NULL DEFAULT '',
  price TEXT NOT NULL,
  discount TEXT NOT NULL DEFAULT '0',
  vat TEXT NULL,
  total INTEGER NOT NULL
);
CREATE INDEX deal_line_deal ON deal_line (deal_id, ord);

CREATE TABLE deal_move (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  deal_id INTEGER NOT NULL REFERENCES deal (id) ON DELETE CASCADE,
  at TEXT NOT NULL,
  from_stage_id INTEGER NULL,
  from_name TEXT NULL,
  to_stage_id INTEGER NOT NULL,
  to_name TEXT NOT NULL,
  author TEXT NOT NULL DEFAULT ''
);
CREATE INDEX deal_move_deal ON deal_move (deal_id, at, id);

CREATE VIRTUAL TABLE deal_fts USING fts5(
  names, codes, contacts, content = '', contentless_delete = 1,
  tokenize = 'unicode61 remove_diacritics 0', prefix = '1 2 3 4 5 6');

INSERT INTO pipeline (id, ord, name) VALUES (1, 0, 'Продажи');
INSERT INTO stage (pipeline_id, ord, name, color, probability, stale_days, outcome) VALUES
  (1, 0, 'Новая заявка', '#60a5fa', 10, 3, 'open'),
  (1, 1, 'Контакт', '#38bdf8', 20, 7, 'open'),
  (1, 2, 'Встреча', '#a78bfa', 40, 14, 'open'),
  (1, 3, 'Коммерческое предложение', '#f59e0b', 60, 14, 'open'),
  (1, 4, 'Счёт выставлен', '#fb923c', 80, 10, 'open'),
  (1, 5, 'Оплачено', '#34d399', 95, 7, 'open'),
  (1, 6, 'Успешно', '#16a34a', 100, NULL, 'won'),
  (1, 7, 'Провалено', '#dc2626', 0, NULL, 'lost');

INSERT INTO choice (list, ord, name) VALUES
  ('loss_reason', 0, 'Дорого'),
  ('loss_reason', 1, 'Выбрали конкурента'),
  ('loss_reason', 2, 'Не вышли на связь'),
  ('loss_reason', 3, 'Нет потребности'),
  ('loss_reason', 4, 'Не устроили сроки'),
  ('loss_reason', 5, 'Другое'),
  ('source', 0, 'Звонок'),
  ('source', 1, 'Сайт'),
  ('source', 2, 'E-mail'),
  ('source', 3, 'Рекомендация'),
  ('source', 4, 'Выставка'),
  ('source', 5, 'Другое'),
  ('unit', 0, 'шт'),
  ('unit', 1, 'ч'),
  ('unit', 2, 'км'),
  ('unit', 3, 'т'),
  ('unit', 4, 'усл.');

INSERT INTO vat_rate (ord, name, percent) VALUES
  (0, '22 %', '22'),
  (1, '10 %', '10'),
  (2, '0 %', '0'),
  (3, 'без НДС', NULL);
";

const DOWN: &str = "
DELETE FROM tag WHERE card_kind = 3;
DELETE FROM timeline_entry WHERE card_kind = 3;
DELETE FROM card_link WHERE from_kind = 3 OR to_kind = 3;
DROP TABLE deal_fts;
DROP TABLE deal_move;
DROP TABLE deal_line;
DROP TABLE deal;
DROP TABLE product;
DROP TABLE vat_rate;
DROP TABLE choice;
DROP TABLE stage;
DROP TABLE pipeline;
DELETE FROM card_kind WHERE id = 3;
ALTER TABLE import_batch DROP COLUMN deals_created;
";

crate::sql_step!(
    Migration,
    [UP, &crate::counted("deal")],
    [&crate::uncounted("deal"), DOWN]
);
