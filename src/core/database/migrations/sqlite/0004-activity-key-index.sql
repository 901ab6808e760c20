-- SPDX-License-Identifier: GPL-3.0-or-later
-- Schema version 4: an activity is found by its natural key (start date,
-- title, lead partner) when a CSV import decides between adding and
-- updating. Indexing start date with title finds it directly rather than
-- reading every activity of that day; date-range lists use the same index.

DROP INDEX activity_start;
CREATE INDEX activity_start_title ON activity (start_date, title);
