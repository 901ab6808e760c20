-- SPDX-License-Identifier: GPL-3.0-or-later
-- Schema version 7: meetings, risks and chart events that people edit.
-- A meeting has a time of day ('HH:MM'), a place or link, and the
-- partners who attended. A risk has a review date and the actions it
-- affects. Chart events (a lockdown, a campaign launch) are marked on the
-- trend charts that cover them, where they were drawn from fixed dates.
-- Saved import mappings may also be of meetings.

ALTER TABLE meeting ADD COLUMN starts_at TEXT;
ALTER TABLE meeting ADD COLUMN place TEXT;

CREATE TABLE meeting_partner (
  meeting_id INTEGER NOT NULL REFERENCES meeting (id) ON DELETE CASCADE,
  partner_id INTEGER NOT NULL REFERENCES partner (id) ON DELETE NO ACTION,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  PRIMARY KEY (meeting_id, partner_id)
);
CREATE INDEX meeting_partner_partner ON meeting_partner (partner_id);

ALTER TABLE risk ADD COLUMN review_date TEXT;

-- A link goes with its risk or its action: deleting either deletes it
-- (the history keeps it, so that undoing the delete brings it back).
CREATE TABLE risk_action (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  risk_id INTEGER NOT NULL REFERENCES risk (id) ON DELETE CASCADE,
  action_id INTEGER NOT NULL REFERENCES action (id) ON DELETE CASCADE,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  UNIQUE (risk_id, action_id)
);
CREATE INDEX risk_action_action ON risk_action (action_id);

CREATE TABLE chart_event (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  title TEXT NOT NULL,
  starts_on TEXT NOT NULL,
  ends_on TEXT,
  shown INTEGER NOT NULL DEFAULT 1 CHECK (shown IN (0, 1)),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX chart_event_starts_on ON chart_event (starts_on);

-- SQLite cannot change a CHECK in place: the small table is rebuilt.
CREATE TABLE import_mapping_rebuilt (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  name TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('activities', 'metrics', 'actions', 'meetings')),
  mapping TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  UNIQUE (name, kind)
);
INSERT INTO import_mapping_rebuilt SELECT * FROM import_mapping;
DROP TABLE import_mapping;
ALTER TABLE import_mapping_rebuilt RENAME TO import_mapping;
