-- SPDX-License-Identifier: GPL-3.0-or-later
-- Schema version 1: every entity of the CSP Engage design.
-- Kept portable (no SQLite-only types); the FTS5 tables at the end are the
-- SQLite backend's search index, which the store writes (see there why no
-- trigger can).
-- Dates are ISO text 'YYYY-MM-DD', months 'YYYY-MM', times ISO 8601 UTC.
-- Every table carries created_at, updated_at and a version for conflict detection.

CREATE TABLE settings (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  council_name TEXT NOT NULL,
  partnership_name TEXT NOT NULL,
  short_name TEXT NOT NULL DEFAULT 'CSP',
  area_name TEXT,
  financial_year_start_month INTEGER NOT NULL DEFAULT 4
    CHECK (financial_year_start_month BETWEEN 1 AND 12),
  default_committee TEXT,
  default_report_of TEXT,
  default_author TEXT,
  default_author_title TEXT,
  logo BLOB,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE partner (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  short_name TEXT,
  kind TEXT NOT NULL,
  statutory INTEGER NOT NULL DEFAULT 0 CHECK (statutory IN (0, 1)),
  website TEXT,
  notes TEXT,
  retired INTEGER NOT NULL DEFAULT 0 CHECK (retired IN (0, 1)),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE meeting (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL,
  title TEXT NOT NULL,
  held_on TEXT NOT NULL,
  notes TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX meeting_held_on ON meeting (held_on);

CREATE TABLE plan (
  id INTEGER PRIMARY KEY,
  title TEXT NOT NULL,
  year_start INTEGER NOT NULL,
  status TEXT NOT NULL,
  reviewed_meeting_id INTEGER REFERENCES meeting (id) ON DELETE RESTRICT,
  published_on TEXT,
  notes TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE priority (
  id INTEGER PRIMARY KEY,
  plan_id INTEGER NOT NULL REFERENCES plan (id) ON DELETE RESTRICT,
  position INTEGER NOT NULL DEFAULT 0,
  title TEXT NOT NULL,
  description TEXT,
  retired INTEGER NOT NULL DEFAULT 0 CHECK (retired IN (0, 1)),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX priority_plan ON priority (plan_id, position);

CREATE TABLE action (
  id INTEGER PRIMARY KEY,
  priority_id INTEGER NOT NULL REFERENCES priority (id) ON DELETE RESTRICT,
  ref TEXT NOT NULL,
  title TEXT NOT NULL,
  outcome TEXT,
  measure TEXT,
  baseline TEXT,
  target TEXT,
  lead_partner_id INTEGER REFERENCES partner (id) ON DELETE RESTRICT,
  start_date TEXT,
  due_date TEXT,
  completed_date TEXT,
  status TEXT NOT NULL,
  percent_complete INTEGER NOT NULL DEFAULT 0
    CHECK (percent_complete BETWEEN 0 AND 100),
  rag TEXT CHECK (rag IN ('red', 'amber', 'green', 'complete')),
  rag_manual INTEGER NOT NULL DEFAULT 0 CHECK (rag_manual IN (0, 1)),
  rag_reason TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX action_priority ON action (priority_id, ref);
CREATE INDEX action_lead ON action (lead_partner_id);
CREATE INDEX action_due ON action (due_date);

CREATE TABLE action_partner (
  action_id INTEGER NOT NULL REFERENCES action (id) ON DELETE CASCADE,
  partner_id INTEGER NOT NULL REFERENCES partner (id) ON DELETE RESTRICT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  PRIMARY KEY (action_id, partner_id)
);
CREATE INDEX action_partner_partner ON action_partner (partner_id);

-- Progress history: rows are added, never changed. Deleting the action
-- takes its history with it (the cascade), nothing else may delete one.
CREATE TABLE action_update (
  id INTEGER PRIMARY KEY,
  action_id INTEGER NOT NULL REFERENCES action (id) ON DELETE CASCADE,
  update_date TEXT NOT NULL,
  author TEXT NOT NULL,
  status TEXT NOT NULL,
  percent_complete INTEGER NOT NULL DEFAULT 0
    CHECK (percent_complete BETWEEN 0 AND 100),
  rag TEXT CHECK (rag IN ('red', 'amber', 'green', 'complete')),
  commentary TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX action_update_action ON action_update (action_id, update_date);

CREATE TRIGGER action_update_no_update BEFORE UPDATE ON action_update
BEGIN
  SELECT RAISE (ABORT, 'action updates are append-only');
END;

CREATE TABLE channel (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL,
  url TEXT,
  retired INTEGER NOT NULL DEFAULT 0 CHECK (retired IN (0, 1)),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE activity (
  id INTEGER PRIMARY KEY,
  title TEXT NOT NULL,
  start_date TEXT NOT NULL,
  end_date TEXT,
  format TEXT NOT NULL,
  mode TEXT NOT NULL,
  location TEXT,
  ward TEXT,
  audience TEXT,
  lead_partner_id INTEGER REFERENCES partner (id) ON DELETE RESTRICT,
  priority_id INTEGER REFERENCES priority (id) ON DELETE RESTRICT,
  action_id INTEGER REFERENCES action (id) ON DELETE RESTRICT,
  channel_id INTEGER REFERENCES channel (id) ON DELETE RESTRICT,
  participants INTEGER CHECK (participants >= 0),
  reach INTEGER CHECK (reach >= 0),
  responses INTEGER CHECK (responses >= 0),
  status TEXT NOT NULL,
  constraints TEXT,
  outcome TEXT,
  include_in_appendix INTEGER NOT NULL DEFAULT 1
    CHECK (include_in_appendix IN (0, 1)),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX activity_start ON activity (start_date);
CREATE INDEX activity_lead ON activity (lead_partner_id);
CREATE INDEX activity_priority ON activity (priority_id);
CREATE INDEX activity_action ON activity (action_id);

CREATE TABLE activity_partner (
  activity_id INTEGER NOT NULL REFERENCES activity (id) ON DELETE CASCADE,
  partner_id INTEGER NOT NULL REFERENCES partner (id) ON DELETE RESTRICT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  PRIMARY KEY (activity_id, partner_id)
);
CREATE INDEX activity_partner_partner ON activity_partner (partner_id);

CREATE TABLE metric (
  id INTEGER PRIMARY KEY,
  channel_id INTEGER NOT NULL REFERENCES channel (id) ON DELETE RESTRICT,
  name TEXT NOT NULL,
  kind TEXT NOT NULL,
  unit TEXT,
  retired INTEGER NOT NULL DEFAULT 0 CHECK (retired IN (0, 1)),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  UNIQUE (channel_id, kind)
);

CREATE TABLE metric_value (
  id INTEGER PRIMARY KEY,
  metric_id INTEGER NOT NULL REFERENCES metric (id) ON DELETE CASCADE,
  month TEXT NOT NULL,
  value INTEGER NOT NULL CHECK (value >= 0),
  note TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  UNIQUE (metric_id, month)
);
CREATE INDEX metric_value_month ON metric_value (month);

CREATE TABLE risk (
  id INTEGER PRIMARY KEY,
  plan_id INTEGER REFERENCES plan (id) ON DELETE RESTRICT,
  title TEXT NOT NULL,
  description TEXT,
  owner_partner_id INTEGER REFERENCES partner (id) ON DELETE RESTRICT,
  likelihood INTEGER NOT NULL CHECK (likelihood BETWEEN 1 AND 5),
  impact INTEGER NOT NULL CHECK (impact BETWEEN 1 AND 5),
  mitigation TEXT,
  status TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1
);

-- The council's report format: the sections every new report starts from.
CREATE TABLE section_template (
  id INTEGER PRIMARY KEY,
  position INTEGER NOT NULL,
  heading TEXT NOT NULL,
  body TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE committee_report (
  id INTEGER PRIMARY KEY,
  council_name TEXT NOT NULL,
  committee TEXT NOT NULL,
  meeting_id INTEGER REFERENCES meeting (id) ON DELETE SET NULL,
  meeting_date TEXT NOT NULL,
  report_of TEXT NOT NULL,
  title TEXT NOT NULL,
  author TEXT NOT NULL,
  author_title TEXT,
  report_date TEXT NOT NULL,
  period_start TEXT,
  period_end TEXT,
  status TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1
);

-- Paragraphs of a section are separated by a blank line; the report
-- numbers them (1.1, 1.2 ...) when it is drawn.
CREATE TABLE report_section (
  id INTEGER PRIMARY KEY,
  report_id INTEGER NOT NULL REFERENCES committee_report (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  heading TEXT NOT NULL,
  body TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  UNIQUE (report_id, position)
);

-- Who changed what and when. changes is a JSON object of column values
-- (insert, delete) or of [old, new] pairs (update).
CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY,
  user_name TEXT NOT NULL,
  table_name TEXT NOT NULL,
  row_id INTEGER NOT NULL,
  operation TEXT NOT NULL CHECK (operation IN ('insert', 'update', 'delete')),
  changes TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX audit_log_row ON audit_log (table_name, row_id);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
  SELECT RAISE (ABORT, 'the audit log is append-only');
END;

CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
  SELECT RAISE (ABORT, 'the audit log is append-only');
END;

-- Full-text search. The store writes these rows in the same transaction as
-- the record: with trusted_schema=OFF, SQLite refuses FTS5 tables inside
-- triggers ("unsafe use of virtual table"), so triggers cannot feed them.
-- They hold their own copy of the text, so a row is removed by rowid alone.
CREATE VIRTUAL TABLE activity_fts USING fts5 (
  title, location, ward, audience, constraints, outcome,
  tokenize = 'unicode61 remove_diacritics 2'
);

CREATE VIRTUAL TABLE action_fts USING fts5 (
  ref, title, outcome, measure, target, rag_reason,
  tokenize = 'unicode61 remove_diacritics 2'
);
