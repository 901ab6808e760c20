-- SPDX-License-Identifier: GPL-3.0-or-later
-- Schema version 3: saved CSV import mappings.
-- A mapping says which column of a source's CSV file fills which field, the
-- values for fields the file lacks, and which names in it stand for existing
-- partners, channels or priorities, so that the next import from the same
-- source (e.g. a social media platform's monthly export) is one step.
-- kind is what the file holds: 'activities', 'metrics' or 'actions';
-- mapping is a JSON object (see src/core/csp-import-mapping.c).

CREATE TABLE import_mapping (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('activities', 'metrics', 'actions')),
  mapping TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  UNIQUE (name, kind)
);
