-- SPDX-License-Identifier: GPL-3.0-or-later
-- Schema version 6: the Activities list sorted by title, as it sorts text
-- (case folded, then by id), is read from an index rather than sorted
-- whole at every page.

CREATE INDEX activity_title_folded ON activity (title COLLATE NOCASE, id);
