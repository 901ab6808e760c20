-- SPDX-License-Identifier: GPL-3.0-or-later
-- Schema version 2: which charts and appendix tables a committee report
-- includes. One row per item the author chose to include or leave out;
-- kind 'chart' names a standard chart (src/render/csp-chart-standard.c),
-- kind 'appendix' an appendix table ('activities': the table of engagement
-- activities). An item without a row is included, so reports made before
-- this version, and charts added later, print as they always did.

CREATE TABLE report_part (
  id INTEGER PRIMARY KEY,
  report_id INTEGER NOT NULL REFERENCES committee_report (id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('chart', 'appendix')),
  name TEXT NOT NULL,
  included INTEGER NOT NULL DEFAULT 1 CHECK (included IN (0, 1)),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  UNIQUE (report_id, kind, name)
);
