-- SPDX-License-Identifier: GPL-3.0-or-later
-- csp-migration: foreign-keys-off
-- Schema version 5: ids are never given twice, and a record still in use
-- is refused with SQLite's foreign key error.
-- A plain INTEGER PRIMARY KEY takes the highest id plus one, so deleting
-- the newest record and adding another reused its id: a colleague's new
-- record could take the id that undoing the delete brings back, and the
-- audit log would describe two records under one id. AUTOINCREMENT
-- remembers the highest id ever given.
-- ON DELETE RESTRICT reported itself as a trigger's failure, which the
-- append-only triggers also raise; NO ACTION (checked at the end of each
-- statement, which for these immediate keys is the same rule) reports a
-- foreign key failure, so the code tells "still in use" apart.
-- SQLite cannot change a table in place, so each is rebuilt: created
-- anew, filled, the old one dropped and the new one renamed, its indexes
-- and triggers made again. This runs with foreign keys off (the directive
-- above), as SQLite's procedure for changing a table says, and ends by
-- checking that every reference still holds.

CREATE TABLE partner_rebuilt (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
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
INSERT INTO partner_rebuilt SELECT * FROM partner;
DROP TABLE partner;
ALTER TABLE partner_rebuilt RENAME TO partner;

CREATE TABLE meeting_rebuilt (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  kind TEXT NOT NULL,
  title TEXT NOT NULL,
  held_on TEXT NOT NULL,
  notes TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1
);
INSERT INTO meeting_rebuilt SELECT * FROM meeting;
DROP TABLE meeting;
ALTER TABLE meeting_rebuilt RENAME TO meeting;
CREATE INDEX meeting_held_on ON meeting (held_on);

CREATE TABLE plan_rebuilt (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  title TEXT NOT NULL,
  year_start INTEGER NOT NULL,
  status TEXT NOT NULL,
  reviewed_meeting_id INTEGER REFERENCES meeting (id) ON DELETE NO ACTION,
  published_on TEXT,
  notes TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1
);
INSERT INTO plan_rebuilt SELECT * FROM plan;
DROP TABLE plan;
ALTER TABLE plan_rebuilt RENAME TO plan;

CREATE TABLE priority_rebuilt (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  plan_id INTEGER NOT NULL REFERENCES plan (id) ON DELETE NO ACTION,
  position INTEGER NOT NULL DEFAULT 0,
  title TEXT NOT NULL,
  description TEXT,
  retired INTEGER NOT NULL DEFAULT 0 CHECK (retired IN (0, 1)),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1
);
INSERT INTO priority_rebuilt SELECT * FROM priority;
DROP TABLE priority;
ALTER TABLE priority_rebuilt RENAME TO priority;
CREATE INDEX priority_plan ON priority (plan_id, position);

CREATE TABLE action_rebuilt (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  priority_id INTEGER NOT NULL REFERENCES priority (id) ON DELETE NO ACTION,
  ref TEXT NOT NULL,
  title TEXT NOT NULL,
  outcome TEXT,
  measure TEXT,
  baseline TEXT,
  target TEXT,
  lead_partner_id INTEGER REFERENCES partner (id) ON DELETE NO ACTION,
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
INSERT INTO action_rebuilt SELECT * FROM action;
DROP TABLE action;
ALTER TABLE action_rebuilt RENAME TO action;
CREATE INDEX action_priority ON action (priority_id, ref);
CREATE INDEX action_lead ON action (lead_partner_id);
CREATE INDEX action_due ON action (due_date);

CREATE TABLE action_partner_rebuilt (
  action_id INTEGER NOT NULL REFERENCES action (id) ON DELETE CASCADE,
  partner_id INTEGER NOT NULL REFERENCES partner (id) ON DELETE NO ACTION,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  PRIMARY KEY (action_id, partner_id)
);
INSERT INTO action_partner_rebuilt SELECT * FROM action_partner;
DROP TABLE action_partner;
ALTER TABLE action_partner_rebuilt RENAME TO action_partner;
CREATE INDEX action_partner_partner ON action_partner (partner_id);

CREATE TABLE action_update_rebuilt (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
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
INSERT INTO action_update_rebuilt SELECT * FROM action_update;
DROP TABLE action_update;
ALTER TABLE action_update_rebuilt RENAME TO action_update;
CREATE INDEX action_update_action ON action_update (action_id, update_date);
CREATE TRIGGER action_update_no_update BEFORE UPDATE ON action_update
BEGIN
  SELECT RAISE (ABORT, 'action updates are append-only');
END;

CREATE TABLE channel_rebuilt (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  name TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL,
  url TEXT,
  retired INTEGER NOT NULL DEFAULT 0 CHECK (retired IN (0, 1)),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1
);
INSERT INTO channel_rebuilt SELECT * FROM channel;
DROP TABLE channel;
ALTER TABLE channel_rebuilt RENAME TO channel;

CREATE TABLE activity_rebuilt (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  title TEXT NOT NULL,
  start_date TEXT NOT NULL,
  end_date TEXT,
  format TEXT NOT NULL,
  mode TEXT NOT NULL,
  location TEXT,
  ward TEXT,
  audience TEXT,
  lead_partner_id INTEGER REFERENCES partner (id) ON DELETE NO ACTION,
  priority_id INTEGER REFERENCES priority (id) ON DELETE NO ACTION,
  action_id INTEGER REFERENCES action (id) ON DELETE NO ACTION,
  channel_id INTEGER REFERENCES channel (id) ON DELETE NO ACTION,
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
INSERT INTO activity_rebuilt SELECT * FROM activity;
DROP TABLE activity;
ALTER TABLE activity_rebuilt RENAME TO activity;
CREATE INDEX activity_lead ON activity (lead_partner_id);
CREATE INDEX activity_priority ON activity (priority_id);
CREATE INDEX activity_action ON activity (action_id);
CREATE INDEX activity_start_title ON activity (start_date, title);

CREATE TABLE activity_partner_rebuilt (
  activity_id INTEGER NOT NULL REFERENCES activity (id) ON DELETE CASCADE,
  partner_id INTEGER NOT NULL REFERENCES partner (id) ON DELETE NO ACTION,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  PRIMARY KEY (activity_id, partner_id)
);
INSERT INTO activity_partner_rebuilt SELECT * FROM activity_partner;
DROP TABLE activity_partner;
ALTER TABLE activity_partner_rebuilt RENAME TO activity_partner;
CREATE INDEX activity_partner_partner ON activity_partner (partner_id);

CREATE TABLE metric_rebuilt (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  channel_id INTEGER NOT NULL REFERENCES channel (id) ON DELETE NO ACTION,
  name TEXT NOT NULL,
  kind TEXT NOT NULL,
  unit TEXT,
  retired INTEGER NOT NULL DEFAULT 0 CHECK (retired IN (0, 1)),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  UNIQUE (channel_id, kind)
);
INSERT INTO metric_rebuilt SELECT * FROM metric;
DROP TABLE metric;
ALTER TABLE metric_rebuilt RENAME TO metric;

CREATE TABLE metric_value_rebuilt (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  metric_id INTEGER NOT NULL REFERENCES metric (id) ON DELETE CASCADE,
  month TEXT NOT NULL,
  value INTEGER NOT NULL CHECK (value >= 0),
  note TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  UNIQUE (metric_id, month)
);
INSERT INTO metric_value_rebuilt SELECT * FROM metric_value;
DROP TABLE metric_value;
ALTER TABLE metric_value_rebuilt RENAME TO metric_value;
CREATE INDEX metric_value_month ON metric_value (month);

CREATE TABLE risk_rebuilt (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  plan_id INTEGER REFERENCES plan (id) ON DELETE NO ACTION,
  title TEXT NOT NULL,
  description TEXT,
  owner_partner_id INTEGER REFERENCES partner (id) ON DELETE NO ACTION,
  likelihood INTEGER NOT NULL CHECK (likelihood BETWEEN 1 AND 5),
  impact INTEGER NOT NULL CHECK (impact BETWEEN 1 AND 5),
  mitigation TEXT,
  status TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1
);
INSERT INTO risk_rebuilt SELECT * FROM risk;
DROP TABLE risk;
ALTER TABLE risk_rebuilt RENAME TO risk;

CREATE TABLE section_template_rebuilt (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  position INTEGER NOT NULL,
  heading TEXT NOT NULL,
  body TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1
);
INSERT INTO section_template_rebuilt SELECT * FROM section_template;
DROP TABLE section_template;
ALTER TABLE section_template_rebuilt RENAME TO section_template;

CREATE TABLE committee_report_rebuilt (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
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
INSERT INTO committee_report_rebuilt SELECT * FROM committee_report;
DROP TABLE committee_report;
ALTER TABLE committee_report_rebuilt RENAME TO committee_report;

CREATE TABLE report_section_rebuilt (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  report_id INTEGER NOT NULL REFERENCES committee_report (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  heading TEXT NOT NULL,
  body TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  UNIQUE (report_id, position)
);
INSERT INTO report_section_rebuilt SELECT * FROM report_section;
DROP TABLE report_section;
ALTER TABLE report_section_rebuilt RENAME TO report_section;

CREATE TABLE audit_log_rebuilt (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  user_name TEXT NOT NULL,
  table_name TEXT NOT NULL,
  row_id INTEGER NOT NULL,
  operation TEXT NOT NULL CHECK (operation IN ('insert', 'update', 'delete')),
  changes TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1
);
INSERT INTO audit_log_rebuilt SELECT * FROM audit_log;
DROP TABLE audit_log;
ALTER TABLE audit_log_rebuilt RENAME TO audit_log;
CREATE INDEX audit_log_row ON audit_log (table_name, row_id);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
  SELECT RAISE (ABORT, 'the audit log is append-only');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
  SELECT RAISE (ABORT, 'the audit log is append-only');
END;

CREATE TABLE report_part_rebuilt (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  report_id INTEGER NOT NULL REFERENCES committee_report (id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('chart', 'appendix')),
  name TEXT NOT NULL,
  included INTEGER NOT NULL DEFAULT 1 CHECK (included IN (0, 1)),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  UNIQUE (report_id, kind, name)
);
INSERT INTO report_part_rebuilt SELECT * FROM report_part;
DROP TABLE report_part;
ALTER TABLE report_part_rebuilt RENAME TO report_part;

CREATE TABLE import_mapping_rebuilt (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  name TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('activities', 'metrics', 'actions')),
  mapping TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  UNIQUE (name, kind)
);
INSERT INTO import_mapping_rebuilt SELECT * FROM import_mapping;
DROP TABLE import_mapping;
ALTER TABLE import_mapping_rebuilt RENAME TO import_mapping;

-- Every reference still holds, or the migration fails and is rolled back.
CREATE TEMP TABLE migration_check (broken INTEGER CHECK (broken = 0));
INSERT INTO migration_check SELECT count(*) FROM pragma_foreign_key_check;
DROP TABLE migration_check;
