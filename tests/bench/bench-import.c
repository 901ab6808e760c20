/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bench-import"

#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "bench-build.h"
#include "csp-database.h"
#include "csp-import.h"
#include "csp-sample.h"
#include "csp-store.h"
#include "test-engine.h"
#include "test-folder.h"

/* Imports 100,000 activities from a CSV file (every row validated, its
 * references resolved, staged and written set-based with one audit entry
 * and the search index, all in one transaction) and, in the same run,
 * times the engines' own bulk loads of the same file into a bare table:
 * the sqlite3 shell's .import, and psql's \copy when a server is set
 * (PGHOST/PGPORT; meson runs it under pg_virtualenv). The target is at
 * most three times as long as each. Then it imports 1,000,000 rows in a
 * process of its own, into a file and (with a server) into the server,
 * and reports that process's peak memory.
 *
 *   bench-import [--rows N] [--large N] [--check]
 *
 * --large 0 leaves out the large import; --check exits 1 when a target
 * is missed. The shells are $SQLITE3 and $PSQL, else from $PATH. */

static const char *const formats[] = { "Webinar", "Street briefing", "Event", "Survey",
                                       "Social media" };
static const char *const modes[] = { "Online", "In person", "Hybrid" };
static const char *const leads[] = { "WHBC", "Herts Police", "HFRS", "Clarion", "" };
static const char *const wards[] = { "Hatfield Central", "Welwyn West", "Handside", "Peartree",
                                     "Borough-wide" };

static void
write_file (const char *path, guint n_rows)
{
  FILE *out = fopen (path, "w");

  if (out == NULL)
    g_error ("cannot write %s", path);
  fputs ("Title,Start date,End date,Format,Mode,Location,Ward,Audience,Lead partner,"
         "Supporting partners,Participants,Reach,Status,Outcome\r\n",
         out);
  for (guint i = 0; i < n_rows; i++)
    {
      guint day = 1 + i % 28, month = 1 + (i / 28) % 12, year = 2015 + (i / 336) % 10;

      fprintf (out,
               "Activity %u for the community safety partnership,%02u/%02u/%04u,%02u/%02u/%04u,"
               "%s,%s,\"Community centre, room %u\",%s,Residents and businesses,%s,%s,%u,"
               "\"%u,%03u\",delivered,\"Residents raised parking and anti-social behaviour; "
               "follow-up %u agreed with partners\"\r\n",
               i, day, month, year, day, month, year, formats[i % G_N_ELEMENTS (formats)],
               modes[i % G_N_ELEMENTS (modes)], i % 40, wards[i % G_N_ELEMENTS (wards)],
               leads[i % G_N_ELEMENTS (leads)], i % 3 == 0 ? "\"WHBC; HFRS\"" : "", i % 500,
               1 + i % 97, i % 1000, i);
    }
  if (fclose (out) != 0)
    g_error ("cannot write %s", path);
}

static double
seconds_since (gint64 start)
{
  return (double) (g_get_monotonic_time () - start) / G_USEC_PER_SEC;
}

/* Processor time (user and system) of this process or of its ended
 * children: on a busy machine, steadier than the clock. */
static double
cpu_seconds (int who)
{
  struct rusage usage;

  getrusage (who, &usage);
  return (double) usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6 +
         (double) usage.ru_stime.tv_sec + usage.ru_stime.tv_usec / 1e6;
}

/* Ours: a fresh database with the sample partnership, then the import
 * (open, check, write). */
static double
time_import (const char *location, const char *csv, guint n_rows, double *check_seconds,
             double *cpu, double *again)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CspDatabase) database = csp_database_open (location, &error);
  g_autoptr (CspStore) store = NULL;
  g_autoptr (CspImport) import = NULL;
  g_autoptr (GFile) file = g_file_new_for_path (csv);
  gint64 start, checked;
  double cpu_start, seconds;

  if (database == NULL)
    g_error ("%s", error->message);
  store = csp_store_new (database);
  if (!csp_sample_load (store, &error))
    g_error ("%s", error->message);

  start = g_get_monotonic_time ();
  cpu_start = cpu_seconds (RUSAGE_SELF);
  import = csp_import_new (store, CSP_IMPORT_ACTIVITIES);
  if (!csp_import_open (import, file, NULL, &error) ||
      !csp_import_check (import, NULL, NULL, NULL, &error))
    g_error ("%s", error->message);
  checked = g_get_monotonic_time ();
  if (!csp_import_write (import, CSP_IMPORT_FLAGS_NONE, NULL, NULL, NULL, &error))
    g_error ("%s", error->message);
  *check_seconds = (double) (checked - start) / G_USEC_PER_SEC;
  *cpu = cpu_seconds (RUSAGE_SELF) - cpu_start;
  if (csp_import_get_summary (import)->n_inserted != n_rows)
    g_error ("imported %u rows of %u", csp_import_get_summary (import)->n_inserted, n_rows);
  seconds = seconds_since (start);

  /* The same file again: every row is looked up and found unchanged. */
  if (again != NULL)
    {
      g_autoptr (CspImport) repeat = csp_import_new (store, CSP_IMPORT_ACTIVITIES);
      gint64 repeat_start = g_get_monotonic_time ();

      if (!csp_import_open (repeat, file, NULL, &error) ||
          !csp_import_write (repeat, CSP_IMPORT_FLAGS_NONE, NULL, NULL, NULL, &error))
        g_error ("%s", error->message);
      if (csp_import_get_summary (repeat)->n_unchanged != n_rows)
        g_error ("found %u rows of %u unchanged", csp_import_get_summary (repeat)->n_unchanged,
                 n_rows);
      *again = seconds_since (repeat_start);
    }
  return seconds;
}

/* Runs a program to its end; its output is shown only if @show. */
static gboolean
run_program (const char *const *argv, gboolean show)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *err = NULL;
  int status = 0;

  if (!g_spawn_sync (NULL, (char **) argv, NULL,
                     show ? G_SPAWN_DEFAULT : G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, &err,
                     &status, &error) ||
      !g_spawn_check_wait_status (status, &error))
    {
      g_printerr ("%s: %s %s\n", argv[0], error->message, err != NULL ? err : "");
      return FALSE;
    }
  return TRUE;
}

#define BARE_COLUMNS                                                                               \
  "(title TEXT, start_date TEXT, end_date TEXT, format TEXT, mode TEXT, "                          \
  "location TEXT, ward TEXT, audience TEXT, lead_partner TEXT, partners TEXT, "                    \
  "participants TEXT, reach TEXT, status TEXT, outcome TEXT)"
#define BARE_TABLE "CREATE TABLE bare " BARE_COLUMNS

/* The sqlite3 shell's .import into a bare table: no validation, index,
 * search index or audit. Best of three. */
static double
time_sqlite3 (const char *sqlite3, const char *dir, const char *csv, double *cpu)
{
  double best = -1.0;

  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *name = g_strdup_printf ("shell-%u.db", i);
      g_autofree char *database = g_build_filename (dir, name, NULL);
      g_autofree char *command = g_strdup_printf (".import --csv --skip 1 '%s' bare", csv);
      const char *create[] = { sqlite3, "-batch", database, BARE_TABLE, NULL };
      const char *import[] = { sqlite3, "-batch", database, command, NULL };
      gint64 start;
      double seconds;

      double cpu_start;

      if (!run_program (create, FALSE))
        return -1.0;
      start = g_get_monotonic_time ();
      cpu_start = cpu_seconds (RUSAGE_CHILDREN);
      if (!run_program (import, FALSE))
        return -1.0;
      seconds = seconds_since (start);
      if (best < 0 || seconds < best)
        {
          best = seconds;
          *cpu = cpu_seconds (RUSAGE_CHILDREN) - cpu_start;
        }
      g_remove (database);
    }
  return best;
}

/* psql's \copy of the file into a bare table of a fresh server database.
 * Best of three. */
static double
time_psql (const char *psql, const char *dir, const char *csv)
{
  double best = -1.0;

  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *location = test_engine_new_location (dir, NULL);
      g_autofree char *command =
          g_strdup_printf ("\\copy bare FROM '%s' WITH (FORMAT csv, HEADER true)", csv);
      const char *create[] = { psql, "-X", "-q", "-d", location, "-c", BARE_TABLE, NULL };
      const char *copy[] = { psql, "-X", "-q", "-d", location, "-c", command, NULL };
      gint64 start;
      double seconds;

      if (!run_program (create, FALSE))
        return -1.0;
      start = g_get_monotonic_time ();
      if (!run_program (copy, FALSE))
        return -1.0;
      seconds = seconds_since (start);
      if (best < 0 || seconds < best)
        best = seconds;
      test_engine_drop_location (location);
    }
  return best;
}

/* The engine's floor for this import: the shell's own load of the file,
 * then one INSERT ... SELECT of it into the real activity table of a
 * database with the sample partnership (its indexes, its search index or
 * column, a lead partner's foreign key), in one transaction. No
 * validation, staging, partner links or audit. */
#define FLOOR_INSERT                                                                               \
  "INSERT INTO activity (title, start_date, end_date, format, mode, location, ward, audience, "    \
  "lead_partner_id, participants, status, outcome, created_at, updated_at) "                       \
  "SELECT title, start_date, end_date, 'webinar', 'online', location, ward, audience, 1, "         \
  "CAST (participants AS BIGINT), 'delivered', outcome, 'now', 'now' FROM bare"

static char *
new_sample_database (const char *dir, const char *name)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *location = test_engine_new_location (dir, name);
  g_autoptr (CspDatabase) database = csp_database_open (location, &error);
  g_autoptr (CspStore) store = NULL;

  if (database == NULL)
    g_error ("%s", error->message);
  store = csp_store_new (database);
  if (!csp_sample_load (store, &error))
    g_error ("%s", error->message);
  return g_steal_pointer (&location);
}

static double
time_floor (const char *shell, const char *dir, const char *csv, gboolean server)
{
  double best = -1.0;

  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *name = g_strdup_printf ("floor-%u.db", i);
      g_autofree char *location = new_sample_database (dir, name);
      g_autofree char *import = NULL;
      gint64 start;
      double seconds;
      gboolean ok;

      if (server)
        {
          import = g_strdup_printf ("\\copy bare FROM '%s' WITH (FORMAT csv, HEADER true)", csv);
          start = g_get_monotonic_time ();
          ok = run_program (
              (const char *const[]){
                  shell, "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", location, "-c",
                  "CREATE TEMP TABLE bare " BARE_COLUMNS, "-c", import, "-c",
                  "BEGIN; SET LOCAL csp.bulk_write = 'on'; " FLOOR_INSERT "; COMMIT", NULL },
              FALSE);
        }
      else
        {
          import = g_strdup_printf (".import --csv --skip 1 '%s' bare", csv);
          start = g_get_monotonic_time ();
          ok = run_program (
              (const char *const[]){
                  shell, "-batch", "-bail", location, "CREATE TEMP TABLE bare " BARE_COLUMNS,
                  import, "BEGIN",
                  "CREATE TEMP TABLE before AS SELECT coalesce (max (id), 0) AS id FROM activity",
                  FLOOR_INSERT,
                  "INSERT INTO activity_fts (rowid, title, location, ward, audience, outcome) "
                  "SELECT id, title, location, ward, audience, outcome FROM activity "
                  "WHERE id > (SELECT id FROM before)",
                  "COMMIT", NULL },
              FALSE);
        }
      seconds = seconds_since (start);
      test_engine_drop_location (location);
      if (!ok)
        return -1.0;
      if (best < 0 || seconds < best)
        best = seconds;
    }
  return best;
}

static char *
find_shell (const char *variable, const char *name)
{
  const char *set = g_getenv (variable);

  if (set != NULL && *set != '\0')
    return g_strdup (set);
  return g_find_program_in_path (name);
}

/* Prints one engine's figures; returns whether the target was met. */
static gboolean
report (const char *engine, const char *shell_name, guint n_rows, double ours, double checking,
        double ours_cpu, double again, double shell, double shell_cpu, double floor)
{
  g_print ("%s: %u activities from CSV\n", engine, n_rows);
  g_print ("  csp-engage import      %8.2f s  (check %.2f s, write %.2f s; %.0f rows/s; "
           "processor %.2f s%s)\n",
           ours, checking, ours - checking, n_rows / ours, ours_cpu,
           shell_cpu < 0 ? " in this process, the server's not counted" : "");
  g_print ("  the same file again    %8.2f s  (every row found unchanged)\n", again);
  if (shell <= 0)
    {
      g_print ("  %s not found: set its variable to compare\n", shell_name);
      return TRUE;
    }
  if (shell_cpu >= 0)
    g_print ("  %-22s %8.2f s  (bare table, best of 3; processor %.2f s)\n", shell_name, shell,
             shell_cpu);
  else
    g_print ("  %-22s %8.2f s  (bare table, best of 3)\n", shell_name, shell);
  g_print ("  ratio                  %8.1f x  (target: at most 3 x): %s\n", ours / shell,
           ours / shell <= 3.0 ? "met" : "missed");
  if (floor > 0)
    g_print ("  the same, then INSERT  %8.2f s  (into the real table with its indexes and search "
             "index, in one transaction; best of 3): ours is %.1f x that\n",
             floor, ours / floor);
  return ours / shell <= 3.0;
}

/* The large import, in this process alone: its peak memory is the
 * import's (on a server, this side's: the server's own is not counted). */
static int
run_large (const char *csv, guint n_rows)
{
  g_autofree char *dir = test_folder_new ("csp-bench-import-large");
  gboolean server = g_strcmp0 (g_getenv ("CSP_TEST_ENGINE"), "postgresql") == 0;
  g_autofree char *location = test_engine_new_location (dir, "csp-engage.db");
  struct rusage usage;
  double checking = 0, ours, cpu = 0;

  ours = time_import (location, csv, n_rows, &checking, &cpu, NULL);
  getrusage (RUSAGE_SELF, &usage);
  g_print ("%s: %u activities from CSV in %.2f s (check %.2f s; processor %.2f s); peak memory "
           "%.0f MiB%s\n",
           server ? "PostgreSQL" : "SQLite", n_rows, ours, checking, cpu, usage.ru_maxrss / 1024.0,
           server ? " in this process" : "");
  test_engine_drop_location (location);
  test_folder_remove (dir);
  return 0;
}

int
main (int argc, char *argv[])
{
  int n_rows = 100000, n_large = 1000000;
  gboolean check = FALSE;
  g_autofree char *large_file = NULL;
  const GOptionEntry entries[] = {
    { "rows", 0, 0, G_OPTION_ARG_INT, &n_rows, "Rows to import (100000)", "N" },
    { "large", 0, 0, G_OPTION_ARG_INT, &n_large, "Rows of the large import (1000000)", "N" },
    { "check", 0, 0, G_OPTION_ARG_NONE, &check, "Fail when a target is missed", NULL },
    { "large-file", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_FILENAME, &large_file, NULL, NULL },
    G_OPTION_ENTRY_NULL,
  };
  g_autoptr (GOptionContext) context = g_option_context_new (NULL);
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *path = NULL;
  g_autofree char *sqlite3 = find_shell ("SQLITE3", "sqlite3");
  g_autofree char *psql = find_shell ("PSQL", "psql");
  gboolean server = g_getenv ("PGHOST") != NULL || g_getenv ("PGPORT") != NULL;
  gboolean met = TRUE;
  double ours, checking = 0, cpu = 0, shell_cpu = 0, shell, again = 0, floor;

  setlocale (LC_ALL, "");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || n_rows <= 0 || n_large < 0)
    {
      g_printerr ("bench-import: %s\n", error != NULL ? error->message : "--rows must be > 0");
      return 2;
    }
  if (large_file != NULL)
    return run_large (large_file, (guint) n_large);

  bench_build_print ();
  dir = test_folder_new ("csp-bench-import");
  csv = g_build_filename (dir, "activities.csv", NULL);
  write_file (csv, (guint) n_rows);

  path = g_build_filename (dir, "csp-engage.db", NULL);
  ours = time_import (path, csv, (guint) n_rows, &checking, &cpu, &again);
  shell = sqlite3 != NULL ? time_sqlite3 (sqlite3, dir, csv, &shell_cpu) : -1.0;
  floor = sqlite3 != NULL ? time_floor (sqlite3, dir, csv, FALSE) : -1.0;
  met = report ("SQLite", "sqlite3 shell .import", (guint) n_rows, ours, checking, cpu, again,
                shell, shell_cpu, floor) &&
        met;

  if (server)
    {
      g_autofree char *location = NULL;

      g_setenv ("CSP_TEST_ENGINE", "postgresql", TRUE);
      location = test_engine_new_location (dir, NULL);
      ours = time_import (location, csv, (guint) n_rows, &checking, &cpu, &again);
      test_engine_drop_location (location);
      shell = psql != NULL ? time_psql (psql, dir, csv) : -1.0;
      floor = psql != NULL ? time_floor (psql, dir, csv, TRUE) : -1.0;
      met = report ("PostgreSQL", "psql \\copy", (guint) n_rows, ours, checking, cpu, again, shell,
                    -1.0, floor) &&
            met;
    }
  else
    g_print ("PostgreSQL: no server (PGHOST/PGPORT unset); run under pg_virtualenv\n");

  if (n_large > 0)
    {
      g_autofree char *large = g_build_filename (dir, "large.csv", NULL);
      g_autofree char *rows = g_strdup_printf ("%d", n_large);
      const char *child[] = { argv[0], "--large", rows, "--large-file", large, NULL };

      write_file (large, (guint) n_large);
      g_unsetenv ("CSP_TEST_ENGINE");
      if (!run_program (child, TRUE))
        met = FALSE;
      if (server)
        {
          g_setenv ("CSP_TEST_ENGINE", "postgresql", TRUE);
          if (!run_program (child, TRUE))
            met = FALSE;
        }
    }
  test_folder_remove (dir);
  return check && !met ? 1 : 0;
}
