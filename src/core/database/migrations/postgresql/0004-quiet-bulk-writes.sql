-- SPDX-License-Identifier: GPL-3.0-or-later
-- Schema version 4 on PostgreSQL. A bulk write (an import of thousands
-- of rows) announces each table it fills once, as "table 0", instead of
-- once per row: the row triggers stay quiet in a transaction that has set
-- csp.bulk_write to 'on' (SET LOCAL), and the writer sends the
-- announcement itself. Announcements only tell desktops to look again,
-- so a connection that silences its own gives nothing away.

DO $$
DECLARE
  name text;
BEGIN
  FOR name IN SELECT c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
              WHERE t.tgname = c.relname || '_announce'
                AND c.relnamespace = current_schema ()::regnamespace LOOP
    EXECUTE format ('DROP TRIGGER %I ON %I', name || '_announce', name);
    EXECUTE format ('CREATE TRIGGER %I AFTER INSERT OR UPDATE OR DELETE ON %I FOR EACH ROW '
                    'WHEN (current_setting (''csp.bulk_write'', true) IS DISTINCT FROM ''on'') '
                    'EXECUTE FUNCTION csp_announce_change ()',
                    name || '_announce', name);
  END LOOP;
END;
$$;
