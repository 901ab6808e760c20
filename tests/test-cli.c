/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-cli"

#include "config.h"

#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "csp-database.h"
#include "csp-file-writer.h"
#include "csp-maintenance.h"
#include "csp-records.h"
#include "csp-stats.h"
#include "csp-store.h"
#include "test-cli-run.h"
#include "test-engine.h"
#include "test-folder.h"

/* Runs csp-engage-cli (its path in $CSP_CLI) as a person would, with a
 * home and data folder of the test's own, on a database of the run's
 * engine (tests/test-engine.h): a file, or a server database. */
typedef struct
{
  char *dir;
  char *db;
  GPtrArray *locations; /* more databases of the test's own */
  char **env;
} Fixture;

static void
fixture_set_up (Fixture *fixture, gconstpointer user_data)
{
  g_autofree char *home = NULL;
  g_autofree char *data = NULL;

  fixture->dir = test_folder_new ("csp-test-cli");
  fixture->db = test_engine_new_location (fixture->dir, "csp-engage.db");
  fixture->locations = g_ptr_array_new_with_free_func (g_free);
  home = g_build_filename (fixture->dir, "home", NULL);
  data = g_build_filename (fixture->dir, "data", NULL);
  g_assert_no_errno (g_mkdir (home, 0700));

  fixture->env = test_cli_environ_at_home (home, data);
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer user_data)
{
  test_engine_drop_location (fixture->db);
  for (guint i = 0; i < fixture->locations->len; i++)
    test_engine_drop_location (g_ptr_array_index (fixture->locations, i));
  test_folder_remove (fixture->dir);
  g_assert_false (g_file_test (fixture->dir, G_FILE_TEST_EXISTS));
  g_free (fixture->dir);
  g_free (fixture->db);
  g_ptr_array_unref (fixture->locations);
  g_strfreev (fixture->env);
}

/* Another new, empty database of the run's engine, removed with the
 * fixture. */
static const char *
new_location (Fixture *fixture, const char *name)
{
  char *location = test_engine_new_location (fixture->dir, name);

  g_ptr_array_add (fixture->locations, location);
  return location;
}

/* A file in the test's folder: a file even when the run is on a server. */
static char *
new_file (Fixture *fixture, const char *name)
{
  return g_build_filename (fixture->dir, name, NULL);
}

static CspEngine
run_engine (void)
{
  return test_engine_is_postgresql () ? CSP_ENGINE_POSTGRESQL : CSP_ENGINE_SQLITE;
}

/* How a message names @location: a file by its path; a server database
 * (shown as user@host:port/name, never with a password) by its name. */
static const char *
label_of (const char *location)
{
  if (!csp_database_location_is_server (location))
    return location;
  return strrchr (location, '/') + 1;
}

/* Runs @statements on a server database with psql, beside the program
 * under test, and returns what they printed: rows as lines of values
 * separated by |. */
static char *
server_sql (const char *location, const char *const *statements)
{
  /* No psqlrc; unaligned rows without headers; stop at an error. */
  const char *const options[] = {
    "psql", "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-d", NULL,
  };
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *errors = NULL;
  char *out = NULL;
  int status = 0;

  g_assert_true (csp_database_location_is_server (location));
  for (guint i = 0; options[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) options[i]);
  g_ptr_array_add (argv, (gpointer) location);
  for (guint i = 0; statements[i] != NULL; i++)
    {
      g_ptr_array_add (argv, "-c");
      g_ptr_array_add (argv, (gpointer) statements[i]);
    }
  g_ptr_array_add (argv, NULL);
  if (!g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out,
                     &errors, &status, &error) ||
      !g_spawn_check_wait_status (status, &error))
    g_error ("psql: %s %s", error->message, errors != NULL ? errors : "");
  return out;
}

#define SERVER_TABLES                                                                              \
  "SELECT count (*), coalesce (string_agg (c.relname, ',' ORDER BY c.relname), '') "               \
  "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "                                 \
  "WHERE n.nspname = current_schema ()"

/* Whether @location is as test_engine_new_location() made it: no file,
 * or a server database without a single table. */
static gboolean
is_new (const char *location)
{
  g_autofree char *tables = NULL;

  if (!csp_database_location_is_server (location))
    return !g_file_test (location, G_FILE_TEST_EXISTS);
  tables = server_sql (location, (const char *const[]){ SERVER_TABLES, NULL });
  return g_str_equal (tables, "0|\n");
}

/* Runs the program with @args (NULL-terminated) in the fixture's folder,
 * with @env or else the fixture's environment. */
static void
run_env (Fixture *fixture, char **env, TestCliRun *run, const char *const *args)
{
  test_cli_run (run, fixture->dir, env != NULL ? env : fixture->env, args);
}

static void
run_cli (Fixture *fixture, TestCliRun *run, const char *const *args)
{
  run_env (fixture, NULL, run, args);
}

#define ARGS(...) ((const char *const[]){ __VA_ARGS__, NULL })

static void
assert_status (TestCliRun *run, int status)
{
  if (run->status != status)
    g_error ("exit status %d, expected %d\nstdout:\n%s\nstderr:\n%s", run->status, status, run->out,
             run->err);
}

static void
assert_contains (const char *text, const char *what)
{
  if (strstr (text, what) == NULL)
    g_error ("“%s” not found in:\n%s", what, text);
}

static void
assert_not_contains (const char *text, const char *what)
{
  if (strstr (text, what) != NULL)
    g_error ("“%s” found in:\n%s", what, text);
}

/* @text has a line on which @first and, later, @second stand as words. */
static void
assert_line (const char *text, const char *first, const char *second)
{
  g_autofree char *first_quoted = g_regex_escape_string (first, -1);
  g_autofree char *second_quoted = g_regex_escape_string (second, -1);
  g_autofree char *pattern = g_strdup_printf (
      "^.*(?<![\\w-])%s(?![\\w-]).*(?<![\\w.-])%s(?![\\w.])", first_quoted, second_quoted);

  if (!g_regex_match_simple (pattern, text, G_REGEX_MULTILINE | G_REGEX_CASELESS, 0))
    g_error ("no line with “%s” then “%s” in:\n%s", first, second, text);
}

static void
init_sample (Fixture *fixture, const char *db)
{
  g_auto (TestCliRun) run = { 0 };

  run_cli (fixture, &run, ARGS ("--database", db, "init", "--sample"));
  assert_status (&run, 0);
  g_assert_cmpstr (run.err, ==, "");
}

/* Opens a database that must already be ours, never making one. */
static CspDatabase *
open_existing (const char *location)
{
  g_autoptr (GError) error = NULL;
  CspDatabase *database = csp_database_open_full (location, CSP_DATABASE_OPEN_NONE,
                                                  CSP_DATABASE_BUSY_TIMEOUT_MS, &error);

  g_assert_no_error (error);
  return database;
}

static CspCheckReport *
check_in_process (const char *location)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CspDatabase) database = open_existing (location);
  CspCheckReport *report;

  report = csp_database_check (database, &error);
  g_assert_no_error (error);
  return report;
}

static char *
checksum (const char *path)
{
  g_autofree char *contents = NULL;
  gsize size = 0;

  g_assert_true (g_file_get_contents (path, &contents, &size, NULL));
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, size);
}

static void
assert_no_side_files (const char *path)
{
  const char *suffixes[] = { "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *side = g_strconcat (path, suffixes[i], NULL);
      g_assert_false (g_file_test (side, G_FILE_TEST_EXISTS));
    }
}

/* Nothing in @dir but @names (NULL-terminated). */
static void
assert_only_files_in (const char *dir, const char *const *names)
{
  g_autoptr (GDir) folder = g_dir_open (dir, 0, NULL);
  const char *name;

  g_assert_nonnull (folder);
  while ((name = g_dir_read_name (folder)) != NULL)
    if (!g_strv_contains (names, name))
      g_error ("%s was left in %s", name, dir);
}

/* No file writer's temporary file is left in @dir. */
static void
assert_no_temporaries (const char *dir)
{
  g_autoptr (GDir) folder = g_dir_open (dir, 0, NULL);
  const char *name;

  g_assert_nonnull (folder);
  while ((name = g_dir_read_name (folder)) != NULL)
    if (csp_file_writer_is_temporary_name (name) || g_str_has_prefix (name, ".goutputstream") ||
        g_str_has_prefix (name, ".csp-engage"))
      g_error ("%s was left in %s", name, dir);
}

static gint64
report_count (CspCheckReport *report, const char *table)
{
  for (guint i = 0; i < report->table_names->len; i++)
    if (g_str_equal (g_ptr_array_index (report->table_names, i), table))
      return g_array_index (report->row_counts, gint64, i);
  g_error ("the check does not count table %s", table);
}

/* Another program's database at @location: a text file, or a server
 * database with a table of its own. */
static void
make_foreign (const char *location)
{
  if (!csp_database_location_is_server (location))
    {
      g_assert_true (g_file_set_contents (location,
                                          "Minutes of the RAG meeting, 5 July 2021.\n"
                                          "Present: council, police, fire and rescue, health, "
                                          "probation. Apologies: none. Actions: see the plan.\n",
                                          -1, NULL));
      return;
    }
  g_free (server_sql (location, (const char *const[]){ "CREATE TABLE minutes (id integer "
                                                       "PRIMARY KEY, line text NOT NULL)",
                                                       "INSERT INTO minutes VALUES "
                                                       "(1, 'RAG meeting'), (2, 'Apologies')",
                                                       NULL }));
}

/* All there is to see of another program's database: a file's bytes and
 * time of change, a server database's tables and rows. */
static char *
foreign_fingerprint (const char *location)
{
  g_autofree char *sum = NULL;
  struct stat st;

  if (csp_database_location_is_server (location))
    return server_sql (location, (const char *const[]){
                                     SERVER_TABLES, "SELECT * FROM minutes ORDER BY id", NULL });
  assert_no_side_files (location);
  sum = checksum (location);
  g_assert_no_errno (g_stat (location, &st));
  return g_strdup_printf ("%s %ld.%09ld", sum, (long) st.st_mtim.tv_sec, (long) st.st_mtim.tv_nsec);
}

/* Every row of @table, in id order (the first column; the two keys of a
 * link table), each column as text: name=value, or name for NULL. */
static void
dump_table (CspDatabase *database, const char *table, GString *out)
{
  g_autofree char *sql = g_strdup_printf ("SELECT * FROM %s ORDER BY 1, 2", table);
  g_autoptr (GError) error = NULL;
  g_autoptr (CspStatement) stmt = csp_database_prepare (database, sql, &error);
  CspStep step;

  g_assert_no_error (error);
  g_string_append_printf (out, "[%s]\n", table);
  while ((step = csp_statement_step (stmt, &error)) == CSP_STEP_ROW)
    {
      int n_columns = csp_statement_get_n_columns (stmt);

      for (int i = 0; i < n_columns; i++)
        {
          const char *name = csp_statement_get_column_name (stmt, i);

          if (g_str_equal (name, "id"))
            g_assert_cmpint (i, ==, 0);
          if (csp_statement_is_null (stmt, i))
            g_string_append_printf (out, "%s%s", i > 0 ? " | " : "", name);
          else
            g_string_append_printf (out, "%s%s=%s", i > 0 ? " | " : "", name,
                                    csp_statement_get_text (stmt, i));
        }
      g_string_append_c (out, '\n');
    }
  g_assert_no_error (error);
  g_assert_cmpint (step, ==, CSP_STEP_DONE);
}

/* Every row of every table of a database of ours. */
static char *
dump_database (const char *location)
{
  g_autoptr (CspDatabase) database = open_existing (location);
  const char *const *tables = csp_database_list_tables ();
  GString *out = g_string_new (NULL);

  for (guint i = 0; tables[i] != NULL; i++)
    dump_table (database, tables[i], out);
  return g_string_free (out, FALSE);
}

/* The ids of the records of @type that searching for @text finds, as the
 * application's lists search. */
static char *
search_ids (const char *location, GType type, const char *text)
{
  g_autoptr (CspDatabase) database = open_existing (location);
  g_autoptr (CspStore) store = csp_store_new (database);
  g_autoptr (GPtrArray) records = NULL;
  g_autoptr (GError) error = NULL;
  GString *ids = g_string_new (NULL);
  CspQuery query = { .text = text, .sort_column = "id" };

  records = csp_store_list (store, type, &query, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < records->len; i++)
    g_string_append_printf (ids, "%s%" G_GINT64_FORMAT, i > 0 ? "," : "",
                            csp_record_get_id (g_ptr_array_index (records, i)));
  return g_string_free (ids, FALSE);
}

/* Searching @copy finds the very records that searching @original finds,
 * for words of the sample partnership in each searched table. */
static void
assert_same_search (const char *original, const char *copy)
{
  const struct
  {
    GType type;
    const char *text;
  } searches[] = {
    { CSP_TYPE_ACTIVITY, "safety" },
    { CSP_TYPE_ACTIVITY, "police" },
    { CSP_TYPE_ACTION, "safety" },
    { CSP_TYPE_ACTION, "police" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (searches); i++)
    {
      g_autofree char *expected = search_ids (original, searches[i].type, searches[i].text);
      g_autofree char *found = search_ids (copy, searches[i].type, searches[i].text);

      g_test_message ("%s “%s”: %s", g_type_name (searches[i].type), searches[i].text, expected);
      g_assert_cmpstr (expected, !=, "");
      g_assert_cmpstr (found, ==, expected);
    }
}

/* Help and usage */

static void
test_version (Fixture *fixture, gconstpointer user_data)
{
  g_auto (TestCliRun) run = { 0 };

  run_cli (fixture, &run, ARGS ("--version"));
  assert_status (&run, 0);
  assert_contains (run.out, "csp-engage-cli");
  assert_contains (run.out, PACKAGE_VERSION);
  g_assert_cmpstr (run.err, ==, "");
}

static void
test_help (Fixture *fixture, gconstpointer user_data)
{
  g_auto (TestCliRun) run = { 0 };

  run_cli (fixture, &run, ARGS ("--help"));
  assert_status (&run, 0);
  for (const char *const *word = ARGS ("Usage", "--database", "--version", "init", "--sample",
                                       "check", "backup", "copy", "stats", "chart", "report",
                                       "import-csv", "export-csv", "export-xlsx", "CSP_ENGAGE_DB");
       *word != NULL; word++)
    assert_contains (run.out, *word);
  g_assert_cmpstr (run.err, ==, "");
  /* Asking for help creates no database. */
  g_assert_true (is_new (fixture->db));
}

static void
test_command_help (Fixture *fixture, gconstpointer user_data)
{
  g_auto (TestCliRun) run = { 0 };

  run_cli (fixture, &run, ARGS ("--database", fixture->db, "init", "--help"));
  assert_status (&run, 0);
  assert_contains (run.out, "--sample");
  g_assert_true (is_new (fixture->db));
}

static void
test_usage_errors (Fixture *fixture, gconstpointer user_data)
{
  const char *const *cases[] = {
    ARGS ("frobnicate"),
    ARGS ("--database", fixture->db),
    ARGS ("--database", fixture->db, "backup"),
    ARGS ("--database", fixture->db, "check", "extra"),
    ARGS ("--database", fixture->db, "backup", "one.db", "two.db"),
    ARGS ("--database", fixture->db, "init", "--frobnicate"),
    ARGS ("--database", fixture->db, "copy"),
    ARGS ("--database", fixture->db, "copy", "--to", "one.db", "two.db"),
    ARGS ("--frobnicate", "check"),
    ARGS ("--database"),
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto (TestCliRun) run = { 0 };

      run_cli (fixture, &run, cases[i]);
      assert_status (&run, 2);
      assert_contains (run.err, "Usage");
      g_assert_cmpstr (run.out, ==, "");
      /* Nothing was run, so nothing was created. */
      g_assert_true (is_new (fixture->db));
    }
  {
    g_auto (TestCliRun) run = { 0 };
    run_cli (fixture, &run, ARGS ("frobnicate"));
    assert_contains (run.err, "frobnicate");
  }
}

/* init, check, backup, stats */

static void
test_init_and_check (Fixture *fixture, gconstpointer user_data)
{
  g_auto (TestCliRun) run = { 0 };
  g_autoptr (CspCheckReport) report = NULL;
  g_autofree char *version =
      g_strdup_printf ("%d", csp_database_get_latest_schema_version (run_engine ()));
  struct stat st;

  init_sample (fixture, fixture->db);
  if (run_engine () == CSP_ENGINE_SQLITE)
    {
      g_assert_no_errno (g_stat (fixture->db, &st));
      g_assert_cmpuint (st.st_mode & 0777, ==, 0600);
      assert_no_side_files (fixture->db);
    }

  run_cli (fixture, &run, ARGS ("--database", fixture->db, "check"));
  assert_status (&run, 0);
  g_assert_cmpstr (run.err, ==, "");
  assert_contains (run.out, label_of (fixture->db));
  assert_line (run.out, "schema", version);

  /* The engine and its version, and every table with its number of rows,
   * as the database really holds them. */
  report = check_in_process (fixture->db);
  g_assert_true (report->ok);
  g_assert_true (g_str_has_prefix (report->engine_version,
                                   test_engine_is_postgresql () ? "PostgreSQL " : "SQLite "));
  assert_line (run.out, "Engine", report->engine_version);
  for (guint i = 0; i < report->table_names->len; i++)
    {
      g_autofree char *rows =
          g_strdup_printf ("%" G_GINT64_FORMAT, g_array_index (report->row_counts, gint64, i));
      assert_line (run.out, g_ptr_array_index (report->table_names, i), rows);
    }
  g_assert_cmpint (report_count (report, "activity"), >, 0);
}

static void
test_init_empty (Fixture *fixture, gconstpointer user_data)
{
  g_auto (TestCliRun) run = { 0 };
  g_auto (TestCliRun) again = { 0 };
  g_autoptr (CspCheckReport) report = NULL;

  run_cli (fixture, &run, ARGS ("--database", fixture->db, "init"));
  assert_status (&run, 0);
  assert_contains (run.out, label_of (fixture->db));
  report = check_in_process (fixture->db);
  for (guint i = 0; i < report->row_counts->len; i++)
    g_assert_cmpint (g_array_index (report->row_counts, gint64, i), ==, 0);

  /* init on an up-to-date database changes nothing. */
  run_cli (fixture, &again, ARGS ("--database", fixture->db, "init"));
  assert_status (&again, 0);
}

static void
test_init_sample_twice (Fixture *fixture, gconstpointer user_data)
{
  g_auto (TestCliRun) run = { 0 };
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  init_sample (fixture, fixture->db);
  before = dump_database (fixture->db);
  run_cli (fixture, &run, ARGS ("--database", fixture->db, "init", "--sample"));
  assert_status (&run, 1);
  g_assert_cmpstr (run.err, !=, "");
  after = dump_database (fixture->db);
  g_assert_cmpstr (after, ==, before);
}

/* Another program's database (a text file, or a server database with
 * tables of its own) is refused and left as it was. */
static void
test_check_not_ours (Fixture *fixture, gconstpointer user_data)
{
  const char *location = new_location (fixture, "minutes.txt");
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_auto (TestCliRun) run = { 0 };

  make_foreign (location);
  before = foreign_fingerprint (location);
  run_cli (fixture, &run, ARGS ("--database", location, "check"));
  assert_status (&run, 1);
  assert_contains (run.err, label_of (location));
  after = foreign_fingerprint (location);
  g_assert_cmpstr (after, ==, before);
}

/* No database where one was meant: a mistyped file name, or a server
 * database no one ran init on. Either is refused, pointing at init, and
 * left as it was. */
static void
test_check_missing (Fixture *fixture, gconstpointer user_data)
{
  const char *location = new_location (fixture, "typo.db");
  const char *const commands[] = { "check", "stats", "export-xlsx" };

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autofree char *xlsx = new_file (fixture, "lists.xlsx");
      g_auto (TestCliRun) run = { 0 };

      if (g_str_equal (commands[i], "export-xlsx"))
        run_cli (fixture, &run, ARGS ("--database", location, commands[i], xlsx));
      else
        run_cli (fixture, &run, ARGS ("--database", location, commands[i]));
      assert_status (&run, 1);
      assert_contains (run.err, label_of (location));
      assert_contains (run.err, "csp-engage-cli init");
      g_assert_true (is_new (location));
      g_assert_false (g_file_test (xlsx, G_FILE_TEST_EXISTS));
    }
}

static void
test_check_damaged (Fixture *fixture, gconstpointer user_data)
{
  g_auto (TestCliRun) run = { 0 };
  g_autofree guint8 *garbage = NULL;
  struct stat st;
  int fd;

  if (test_engine_is_postgresql ())
    {
      g_test_skip ("damage is done to a file's pages; a server checks its own");
      return;
    }
  init_sample (fixture, fixture->db);
  g_assert_no_errno (g_stat (fixture->db, &st));
  garbage = g_malloc (4096);
  memset (garbage, 0x3C, 4096);
  fd = g_open (fixture->db, O_WRONLY, 0);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (pwrite (fd, garbage, 4096, (st.st_size / 4096 / 2) * 4096), ==, 4096);
  close (fd);

  run_cli (fixture, &run, ARGS ("--database", fixture->db, "check"));
  assert_status (&run, 1);
  assert_contains (run.err, fixture->db);
  assert_contains (run.err, "damaged");
}

/* A backup is a verified SQLite file, from a file or a server, that
 * check opens with the same rows and search finds the same records in. */
static void
test_backup (Fixture *fixture, gconstpointer user_data)
{
  g_autofree char *copy = new_file (fixture, "copy.db");
  g_autofree char *original_rows = NULL;
  g_autofree char *copied_rows = NULL;
  g_auto (TestCliRun) run = { 0 };
  g_auto (TestCliRun) check = { 0 };
  g_autoptr (CspCheckReport) original = NULL;

  init_sample (fixture, fixture->db);
  run_cli (fixture, &run, ARGS ("--database", fixture->db, "backup", copy));
  assert_status (&run, 0);
  g_assert_cmpstr (run.err, ==, "");
  assert_contains (run.out, label_of (fixture->db));
  g_assert_true (g_file_test (copy, G_FILE_TEST_IS_REGULAR));

  run_cli (fixture, &check, ARGS ("--database", copy, "check"));
  assert_status (&check, 0);
  assert_line (check.out, "Engine", "SQLite");
  assert_line (check.out, "Integrity", "ok");
  original = check_in_process (fixture->db);
  for (guint i = 0; i < original->table_names->len; i++)
    {
      g_autofree char *rows =
          g_strdup_printf ("%" G_GINT64_FORMAT, g_array_index (original->row_counts, gint64, i));
      assert_line (check.out, g_ptr_array_index (original->table_names, i), rows);
    }
  original_rows = dump_database (fixture->db);
  copied_rows = dump_database (copy);
  if (run_engine () == CSP_ENGINE_SQLITE)
    g_assert_cmpstr (copied_rows, ==, original_rows);
  assert_same_search (fixture->db, copy);
}

static void
test_backup_missing_folder (Fixture *fixture, gconstpointer user_data)
{
  g_autofree char *folder = new_file (fixture, "no-such-folder");
  g_autofree char *copy = g_build_filename (folder, "copy.db", NULL);
  g_auto (TestCliRun) run = { 0 };

  init_sample (fixture, fixture->db);
  run_cli (fixture, &run, ARGS ("--database", fixture->db, "backup", copy));
  assert_status (&run, 1);
  assert_contains (run.err, folder);
  g_assert_false (g_file_test (folder, G_FILE_TEST_EXISTS));
}

static void
test_backup_onto_itself (Fixture *fixture, gconstpointer user_data)
{
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_auto (TestCliRun) run = { 0 };

  if (test_engine_is_postgresql ())
    {
      g_test_skip ("a server database is no file that a backup could overwrite");
      return;
    }
  init_sample (fixture, fixture->db);
  before = checksum (fixture->db);
  run_cli (fixture, &run, ARGS ("--database", fixture->db, "backup", fixture->db));
  assert_status (&run, 1);
  assert_contains (run.err, fixture->db);
  after = checksum (fixture->db);
  g_assert_cmpstr (after, ==, before);
}

/* restore: a backup put back, only once confirmed */

static gint64
count_partners (const char *location)
{
  g_autoptr (CspCheckReport) report = check_in_process (location);

  return report_count (report, "partner");
}

static void
add_partner_to (const char *location, const char *name)
{
  g_autoptr (CspDatabase) database = open_existing (location);
  g_autoptr (CspStore) store = csp_store_new (database);
  g_autoptr (CspRecord) partner = csp_record_new (CSP_TYPE_PARTNER);
  g_autoptr (GError) error = NULL;

  csp_record_set_string (partner, "name", name);
  csp_record_set_string (partner, "kind", "other");
  g_assert_true (csp_store_insert (store, partner, &error));
  g_assert_no_error (error);
}

/* The one file in @folder, which must hold just that. */
static char *
only_file_in (const char *folder)
{
  g_autoptr (GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;
  char *path;

  g_assert_nonnull (dir);
  name = g_dir_read_name (dir);
  g_assert_nonnull (name);
  path = g_build_filename (folder, name, NULL);
  g_assert_null (g_dir_read_name (dir));
  return path;
}

static void
assert_mode (const char *path, mode_t mode)
{
  struct stat st;

  g_assert_no_errno (g_stat (path, &st));
  g_assert_cmpint (st.st_mode & 0777, ==, mode);
}

/* Backed up, changed, restored: the backup's records are back, and the
 * database it replaced is kept among the backups, private. On a server,
 * a backup goes into an empty database only. */
static void
test_restore (Fixture *fixture, gconstpointer user_data)
{
  g_autofree char *backup = new_file (fixture, "backup.db");
  g_autofree char *backups = new_file (fixture, "backups");
  g_autofree char *kept = NULL;
  g_autofree char *backup_rows = NULL;
  g_autofree char *restored_rows = NULL;
  const char *target = fixture->db;
  g_auto (TestCliRun) backed_up = { 0 };
  g_auto (TestCliRun) unconfirmed = { 0 };
  g_auto (TestCliRun) restored = { 0 };
  gint64 before;

  init_sample (fixture, fixture->db);
  run_cli (fixture, &backed_up, ARGS ("--database", fixture->db, "backup", backup));
  assert_status (&backed_up, 0);
  before = count_partners (fixture->db);
  add_partner_to (fixture->db, "Added after the backup");

  run_cli (fixture, &unconfirmed, ARGS ("--database", fixture->db, "restore", backup));
  assert_status (&unconfirmed, 1);
  assert_contains (unconfirmed.err, "--yes");
  g_assert_cmpint (count_partners (fixture->db), ==, before + 1);

  if (test_engine_is_postgresql ())
    {
      g_auto (TestCliRun) refused = { 0 };

      run_cli (fixture, &refused, ARGS ("--database", fixture->db, "restore", "--yes", backup));
      assert_status (&refused, 1);
      assert_contains (refused.err, "already holds records");
      g_assert_cmpint (count_partners (fixture->db), ==, before + 1);
      target = new_location (fixture, "restored.db");
    }
  run_cli (fixture, &restored, ARGS ("--database", target, "restore", "--yes", backup));
  assert_status (&restored, 0);
  g_assert_cmpstr (restored.err, ==, "");
  g_assert_cmpint (count_partners (target), ==, before);
  if (test_engine_is_postgresql ())
    return;

  backup_rows = dump_database (backup);
  restored_rows = dump_database (target);
  g_assert_cmpstr (restored_rows, ==, backup_rows);
  assert_mode (target, 0600);
  assert_no_temporaries (fixture->dir);
  kept = only_file_in (backups);
  assert_contains (restored.out, kept);
  assert_mode (kept, 0600);
  g_assert_cmpint (count_partners (kept), ==, before + 1);
}

/* A damaged backup is refused, and the database left as it was. */
static void
test_restore_damaged_backup (Fixture *fixture, gconstpointer user_data)
{
  g_autofree char *backup = new_file (fixture, "backup.db");
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_auto (TestCliRun) backed_up = { 0 };
  g_auto (TestCliRun) run = { 0 };
  int fd;

  init_sample (fixture, fixture->db);
  run_cli (fixture, &backed_up, ARGS ("--database", fixture->db, "backup", backup));
  assert_status (&backed_up, 0);
  fd = g_open (backup, O_WRONLY, 0);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (pwrite (fd, "garbage garbage garbage garbage", 31, 100), ==, 31);
  close (fd);
  before = dump_database (fixture->db);

  run_cli (fixture, &run, ARGS ("--database", fixture->db, "restore", "--yes", backup));
  assert_status (&run, 1);
  assert_contains (run.err, backup);
  assert_contains (run.err, "damaged");
  after = dump_database (fixture->db);
  g_assert_cmpstr (after, ==, before);
}

/* Each standard chart as PNG, SVG and PDF; the file is what its name says. */
static void
test_chart (Fixture *fixture, gconstpointer user_data)
{
  const char *kinds[] = { "reach-trend", "activities-by-month", "rag-status", "lead-partners" };
  const struct
  {
    const char *extension;
    const char *magic;
  } formats[] = { { "png", "\x89PNG" }, { "svg", "<?xml" }, { "pdf", "%PDF-" } };

  init_sample (fixture, fixture->db);
  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    for (guint f = 0; f < G_N_ELEMENTS (formats); f++)
      {
        g_auto (TestCliRun) run = { 0 };
        g_autofree char *name = g_strdup_printf ("%s.%s", kinds[k], formats[f].extension);
        g_autofree char *path = new_file (fixture, name);
        g_autofree char *contents = NULL;
        g_autofree char *magic = g_strcompress (formats[f].magic);
        gsize length = 0;

        run_cli (fixture, &run,
                 ARGS ("--database", fixture->db, "chart", kinds[k], "--from", "2020-04", "--to",
                       "2021-06", "-o", path));
        assert_status (&run, 0);
        g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
        g_assert_cmpuint (length, >, 1000);
        g_assert_true (g_str_has_prefix (contents, magic));
      }
}

static void
test_chart_usage_errors (Fixture *fixture, gconstpointer user_data)
{
  g_autofree char *png = new_file (fixture, "chart.png");
  g_autofree char *doc = new_file (fixture, "chart.docx");
  g_auto (TestCliRun) unknown = { 0 };
  g_auto (TestCliRun) extension = { 0 };
  g_auto (TestCliRun) month = { 0 };

  init_sample (fixture, fixture->db);
  run_cli (fixture, &unknown, ARGS ("--database", fixture->db, "chart", "pie", "-o", png));
  assert_status (&unknown, 2);
  run_cli (fixture, &extension,
           ARGS ("--database", fixture->db, "chart", "reach-trend", "-o", doc));
  assert_status (&extension, 2);
  run_cli (
      fixture, &month,
      ARGS ("--database", fixture->db, "chart", "reach-trend", "--from", "2021-13", "-o", png));
  assert_status (&month, 2);
  g_assert_false (g_file_test (png, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (doc, G_FILE_TEST_EXISTS));
}

static void
test_stats (Fixture *fixture, gconstpointer user_data)
{
  g_auto (TestCliRun) run = { 0 };
  g_autoptr (GArray) years = NULL;
  g_autoptr (GError) error = NULL;

  init_sample (fixture, fixture->db);
  run_cli (fixture, &run, ARGS ("--database", fixture->db, "stats"));
  assert_status (&run, 0);
  g_assert_cmpstr (run.err, ==, "");
  assert_contains (run.out, "2020-21");
  assert_contains (run.out, "2021-22");

  /* Each financial year's line carries its figures, as the core counts them. */
  {
    g_autoptr (CspDatabase) database = open_existing (fixture->db);
    years = csp_stats_by_financial_year (database, &error);
    g_assert_no_error (error);
  }
  g_assert_cmpuint (years->len, >=, 2);
  for (guint i = 0; i < years->len; i++)
    {
      const CspYearStats *year = &g_array_index (years, CspYearStats, i);
      g_autofree char *label =
          g_strdup_printf ("%d-%02d", year->year_start, (year->year_start + 1) % 100);
      g_autofree char *pattern = g_strdup_printf (
          "^%s\\s+%" G_GINT64_FORMAT "\\s+%" G_GINT64_FORMAT "\\s+%" G_GINT64_FORMAT
          "\\s+%" G_GINT64_FORMAT "\\s+%" G_GINT64_FORMAT "\\s+%" G_GINT64_FORMAT "\\s*$",
          label, year->activities, year->online, year->in_person, year->hybrid, year->participants,
          year->reach);

      g_assert_cmpint (year->activities, >, 0);
      if (!g_regex_match_simple (pattern, run.out, G_REGEX_MULTILINE, 0))
        g_error ("no line “%s” in:\n%s", pattern, run.out);
    }
}

static void
test_stats_empty (Fixture *fixture, gconstpointer user_data)
{
  g_auto (TestCliRun) run = { 0 };
  g_auto (TestCliRun) init = { 0 };

  run_cli (fixture, &init, ARGS ("--database", fixture->db, "init"));
  assert_status (&init, 0);
  run_cli (fixture, &run, ARGS ("--database", fixture->db, "stats"));
  assert_status (&run, 0);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_false (g_regex_match_simple ("^20\\d\\d-\\d\\d", run.out, G_REGEX_MULTILINE, 0));
}

/* report, export-csv, export-xlsx, import-csv (tests/report and
 * tests/import try them further) */

static void
test_report (Fixture *fixture, gconstpointer user_data)
{
  g_autofree char *pdf = new_file (fixture, "report.pdf");
  g_autofree char *contents = NULL;
  g_auto (TestCliRun) run = { 0 };
  gsize length = 0;

  init_sample (fixture, fixture->db);
  run_cli (fixture, &run, ARGS ("--database", fixture->db, "report", "-o", pdf));
  assert_status (&run, 0);
  g_assert_cmpstr (run.err, ==, "");
  assert_contains (run.out, pdf);
  g_assert_true (g_file_get_contents (pdf, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 10000);
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));
}

/* Each list written to CSV and read back: every row found unchanged. */
static void
test_csv_round_trip (Fixture *fixture, gconstpointer user_data)
{
  const struct
  {
    const char *kind;
    const char *table;
  } lists[] = { { "activities", "activity" },
                { "metrics", "metric_value" },
                { "actions", "action" } };
  g_autoptr (CspCheckReport) report = NULL;

  init_sample (fixture, fixture->db);
  report = check_in_process (fixture->db);
  for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
    {
      g_autofree char *name = g_strdup_printf ("%s.csv", lists[i].kind);
      g_autofree char *csv = new_file (fixture, name);
      g_autofree char *unchanged =
          g_strdup_printf ("0 added, 0 updated, %" G_GINT64_FORMAT " unchanged, 0 rows rejected",
                           report_count (report, lists[i].table));
      g_auto (TestCliRun) out = { 0 };
      g_auto (TestCliRun) in = { 0 };

      run_cli (fixture, &out, ARGS ("--database", fixture->db, "export-csv", lists[i].kind, csv));
      assert_status (&out, 0);
      g_assert_true (g_file_test (csv, G_FILE_TEST_IS_REGULAR));
      run_cli (fixture, &in, ARGS ("--database", fixture->db, "import-csv", lists[i].kind, csv));
      assert_status (&in, 0);
      assert_contains (in.out, unchanged);
    }
}

/* The lists besides the kinds of import are written too: the chart events
 * with their dates, the risk register with each risk's score. */
static void
test_csv_other_lists (Fixture *fixture, gconstpointer user_data)
{
  g_autofree char *events = new_file (fixture, "chart-events.csv");
  g_autofree char *risks = new_file (fixture, "risks.csv");
  g_autofree char *contents = NULL;
  g_auto (TestCliRun) run = { 0 };
  g_auto (TestCliRun) risk_run = { 0 };
  g_auto (TestCliRun) wrong = { 0 };

  init_sample (fixture, fixture->db);
  run_cli (fixture, &run, ARGS ("--database", fixture->db, "export-csv", "chart-events", events));
  assert_status (&run, 0);
  g_assert_true (g_file_get_contents (events, &contents, NULL, NULL));
  assert_contains (contents, "Label,Start date,End date,Shown on charts");
  assert_contains (contents, "2020-03-23");
  g_clear_pointer (&contents, g_free);

  run_cli (fixture, &risk_run, ARGS ("--database", fixture->db, "export-csv", "risks", risks));
  assert_status (&risk_run, 0);
  g_assert_true (g_file_get_contents (risks, &contents, NULL, NULL));
  assert_contains (contents, "Likelihood,Impact,Current controls,Review date,Status,Score");

  run_cli (fixture, &wrong, ARGS ("--database", fixture->db, "export-csv", "minutes", risks));
  g_assert_cmpint (wrong.status, !=, 0);
  assert_contains (wrong.err, "“minutes” is not a list to export");
}

static void
test_xlsx (Fixture *fixture, gconstpointer user_data)
{
  g_autofree char *xlsx = new_file (fixture, "lists.xlsx");
  g_autofree char *contents = NULL;
  g_auto (TestCliRun) run = { 0 };
  gsize length = 0;

  init_sample (fixture, fixture->db);
  run_cli (fixture, &run, ARGS ("--database", fixture->db, "export-xlsx", xlsx));
  assert_status (&run, 0);
  g_assert_cmpstr (run.err, ==, "");
  /* A workbook is a zip file. */
  g_assert_true (g_file_get_contents (xlsx, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 1000);
  g_assert_true (g_str_has_prefix (contents, "PK\x03\x04"));
}

/* copy: from a file to the run's engine and back */

static void
copy_ok (Fixture *fixture, const char *from, const char *to)
{
  g_auto (TestCliRun) run = { 0 };

  run_cli (fixture, &run, ARGS ("--database", from, "copy", "--to", to));
  assert_status (&run, 0);
  assert_contains (run.out, label_of (to));
}

/* The sample in a file, copied into a new database of the run's engine
 * (on a server when the run is on one) and back into a new file: every
 * row of every table comes back as it was, ids and audit entries
 * included, and search finds the same records in each. */
static void
test_copy_round_trip (Fixture *fixture, gconstpointer user_data)
{
  g_autofree char *original = new_file (fixture, "original.db");
  g_autofree char *final = new_file (fixture, "final.db");
  const char *middle = new_location (fixture, "middle.db");
  g_autofree char *original_rows = NULL;
  g_autofree char *middle_rows = NULL;
  g_autofree char *final_rows = NULL;
  g_autoptr (CspCheckReport) report = NULL;

  init_sample (fixture, original);
  copy_ok (fixture, original, middle);
  copy_ok (fixture, middle, final);

  original_rows = dump_database (original);
  final_rows = dump_database (final);
  g_assert_cmpstr (final_rows, ==, original_rows);
  report = check_in_process (final);
  g_assert_true (report->ok);
  g_assert_cmpint (report_count (report, "audit_log"), >, 0);
  g_assert_cmpint (report_count (report, "activity_partner"), >, 0);

  assert_same_search (original, middle);
  assert_same_search (original, final);
}

/* A record deleted before the copy keeps its id to itself after it: its
 * audit entries would otherwise tell the history of a newer record. */
static void
test_copy_ids_never_reused (Fixture *fixture, gconstpointer user_data)
{
  g_autofree char *original = new_file (fixture, "original.db");
  g_autofree char *final = new_file (fixture, "final.db");
  const char *middle = new_location (fixture, "middle.db");
  const char *const copies[] = { middle, final };
  g_autoptr (GError) error = NULL;
  gint64 deleted = 0;

  init_sample (fixture, original);
  {
    g_autoptr (CspDatabase) database = open_existing (original);
    g_autoptr (CspStore) store = csp_store_new (database);
    g_autoptr (CspRecord) newest = NULL;

    g_assert_true (
        csp_database_query_int (database, "SELECT max (id) FROM activity", &deleted, &error));
    g_assert_no_error (error);
    newest = csp_store_get (store, CSP_TYPE_ACTIVITY, deleted, &error);
    g_assert_no_error (error);
    g_assert_true (csp_store_delete (store, newest, &error));
    g_assert_no_error (error);
  }
  copy_ok (fixture, original, middle);
  copy_ok (fixture, middle, final);

  for (guint i = 0; i < G_N_ELEMENTS (copies); i++)
    {
      g_autoptr (CspDatabase) database = open_existing (copies[i]);
      g_autoptr (CspStore) store = csp_store_new (database);
      g_autoptr (CspRecord) activity = csp_record_new (CSP_TYPE_ACTIVITY);

      csp_record_set_string (activity, "title", "Added after the copy");
      csp_record_set_string (activity, "start_date", "2022-01-10");
      csp_record_set_string (activity, "format", "other");
      csp_record_set_string (activity, "mode", "online");
      csp_record_set_string (activity, "status", "planned");
      g_assert_true (csp_store_insert (store, activity, &error));
      g_assert_no_error (error);
      g_assert_cmpint (csp_record_get_id (activity), >, deleted);
    }
}

/* A database that holds records is no place for a copy: refused, and
 * left as it was. */
static void
test_copy_not_empty (Fixture *fixture, gconstpointer user_data)
{
  g_autofree char *original = new_file (fixture, "original.db");
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_auto (TestCliRun) run = { 0 };
  g_auto (TestCliRun) init = { 0 };

  init_sample (fixture, original);
  run_cli (fixture, &init, ARGS ("--database", fixture->db, "init"));
  assert_status (&init, 0);
  /* One record is enough. */
  {
    g_autoptr (CspDatabase) database = open_existing (fixture->db);
    g_autoptr (CspStore) store = csp_store_new (database);
    g_autoptr (CspRecord) partner = csp_record_new (CSP_TYPE_PARTNER);
    g_autoptr (GError) error = NULL;

    csp_record_set_string (partner, "name", "Hertfordshire Fire and Rescue Service");
    csp_record_set_string (partner, "kind", "fire");
    g_assert_true (csp_store_insert (store, partner, &error));
    g_assert_no_error (error);
  }
  before = dump_database (fixture->db);

  run_cli (fixture, &run, ARGS ("--database", original, "copy", "--to", fixture->db));
  assert_status (&run, 1);
  assert_contains (run.err, label_of (fixture->db));
  assert_contains (run.err, "already holds records");
  after = dump_database (fixture->db);
  g_assert_cmpstr (after, ==, before);
}

/* Another program's database is refused as a target, and left as it was. */
static void
test_copy_not_ours (Fixture *fixture, gconstpointer user_data)
{
  g_autofree char *original = new_file (fixture, "original.db");
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_auto (TestCliRun) run = { 0 };

  init_sample (fixture, original);
  make_foreign (fixture->db);
  before = foreign_fingerprint (fixture->db);
  run_cli (fixture, &run, ARGS ("--database", original, "copy", "--to", fixture->db));
  assert_status (&run, 1);
  assert_contains (run.err, label_of (fixture->db));
  after = foreign_fingerprint (fixture->db);
  g_assert_cmpstr (after, ==, before);
}

#define SECRET "pw-never-shown-4711"

/* No server at the address: the message names the host, port and user
 * to check, never the password. (No server is needed for this.) */
static void
test_copy_unreachable (Fixture *fixture, gconstpointer user_data)
{
  g_autofree char *original = new_file (fixture, "original.db");
  const char *server = "postgresql://csp_clerk:" SECRET "@localhost:1/csp_nowhere";
  g_auto (TestCliRun) to = { 0 };
  g_auto (TestCliRun) from = { 0 };

  init_sample (fixture, original);
  run_cli (fixture, &to, ARGS ("--database", original, "copy", "--to", server));
  run_cli (fixture, &from, ARGS ("--database", server, "copy", "--to", original));
  for (TestCliRun *run = &to; run != NULL; run = run == &to ? &from : NULL)
    {
      assert_status (run, 1);
      assert_contains (run->err, "csp_clerk@localhost:1/csp_nowhere");
      assert_contains (run->err, "does not answer");
      assert_not_contains (run->err, SECRET);
      assert_not_contains (run->out, SECRET);
    }
}

/* A login the server refuses, password and all: the message names the
 * user, never the password. */
static void
test_copy_login_refused (Fixture *fixture, gconstpointer user_data)
{
  g_autofree char *original = new_file (fixture, "original.db");
  g_autofree char *server = NULL;
  g_auto (TestCliRun) run = { 0 };

  if (!test_engine_is_postgresql ())
    {
      g_test_skip ("needs a server to refuse the login");
      return;
    }
  /* The run's own server (libpq's PGHOST and PGPORT), as a user it does
   * not have: refused however it authenticates. */
  server =
      g_strdup_printf ("postgresql://csp_no_such_clerk:" SECRET "@/%s", label_of (fixture->db));
  init_sample (fixture, original);
  run_cli (fixture, &run, ARGS ("--database", original, "copy", "--to", server));
  assert_status (&run, 1);
  assert_contains (run.err, "csp_no_such_clerk");
  assert_contains (run.err, "refused");
  assert_not_contains (run.err, SECRET);
  assert_not_contains (run.out, SECRET);
  g_assert_true (is_new (fixture->db));
}

/* Which database: --database, else $CSP_ENGAGE_DB, else the default */

static void
test_database_precedence (Fixture *fixture, gconstpointer user_data)
{
  const char *from_option = new_location (fixture, "option.db");
  const char *from_env = new_location (fixture, "env.db");
  g_autofree char *data = new_file (fixture, "data");
  g_autofree char *folder = g_build_filename (data, "csp-engage", NULL);
  g_autofree char *by_default = g_build_filename (folder, "csp-engage.db", NULL);
  g_auto (GStrv) env = g_environ_setenv (g_strdupv (fixture->env), "CSP_ENGAGE_DB", from_env, TRUE);
  struct stat st;

  /* --database wins over the environment */
  {
    g_auto (TestCliRun) run = { 0 };
    run_env (fixture, env, &run, ARGS ("--database", from_option, "init"));
    assert_status (&run, 0);
    g_assert_false (is_new (from_option));
    g_assert_true (is_new (from_env));
    g_assert_false (g_file_test (by_default, G_FILE_TEST_EXISTS));
  }
  /* the environment wins over the default */
  {
    g_auto (TestCliRun) run = { 0 };
    run_env (fixture, env, &run, ARGS ("init"));
    assert_status (&run, 0);
    assert_contains (run.out, label_of (from_env));
    g_assert_false (is_new (from_env));
    g_assert_false (g_file_test (by_default, G_FILE_TEST_EXISTS));
  }
  /* and every command follows it */
  {
    g_auto (TestCliRun) run = { 0 };
    run_env (fixture, env, &run, ARGS ("check"));
    assert_status (&run, 0);
    assert_contains (run.out, label_of (from_env));
  }
  /* the default, in the user's data folder, private to the user: a file
   * on either engine */
  {
    g_auto (TestCliRun) run = { 0 };
    g_auto (TestCliRun) check = { 0 };
    run_cli (fixture, &run, ARGS ("init"));
    assert_status (&run, 0);
    assert_contains (run.out, by_default);
    g_assert_no_errno (g_stat (by_default, &st));
    g_assert_cmpuint (st.st_mode & 0777, ==, 0600);
    g_assert_no_errno (g_stat (folder, &st));
    g_assert_cmpuint (st.st_mode & 0777, ==, 0700);
    run_cli (fixture, &check, ARGS ("check"));
    assert_status (&check, 0);
    assert_contains (check.out, by_default);
  }
  /* an empty CSP_ENGAGE_DB counts as unset */
  {
    g_auto (GStrv) empty = g_environ_setenv (g_strdupv (fixture->env), "CSP_ENGAGE_DB", "", TRUE);
    g_auto (TestCliRun) run = { 0 };
    run_env (fixture, empty, &run, ARGS ("check"));
    assert_status (&run, 0);
    assert_contains (run.out, by_default);
  }
}

/* Read-only work: every command that changes nothing, on @db, writing
 * its files into @out (a folder); each must succeed. */
static void
run_read_only_commands (Fixture *fixture, const char *db, const char *out)
{
  g_autofree char *csv = g_build_filename (out, "activities.csv", NULL);
  g_autofree char *xlsx = g_build_filename (out, "lists.xlsx", NULL);
  g_autofree char *pdf = g_build_filename (out, "report.pdf", NULL);
  g_autofree char *png = g_build_filename (out, "reach.png", NULL);
  g_autofree char *backup = g_build_filename (out, "backup.db", NULL);
  const char *const *commands[] = {
    ARGS ("--database", db, "check"),
    ARGS ("--database", db, "stats"),
    ARGS ("--database", db, "export-csv", "activities", csv),
    ARGS ("--database", db, "export-xlsx", xlsx),
    ARGS ("--database", db, "report", "-o", pdf),
    ARGS ("--database", db, "chart", "reach-trend", "-o", png),
    ARGS ("--database", db, "backup", backup),
  };

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_auto (TestCliRun) run = { 0 };

      run_cli (fixture, &run, commands[i]);
      assert_status (&run, 0);
      g_assert_cmpstr (run.err, ==, "");
    }
  {
    g_autoptr (CspCheckReport) report = check_in_process (backup);
    g_assert_true (report->ok);
    g_assert_cmpint (report_count (report, "activity"), >, 0);
  }
}

/* A read-only database file, as on a USB stick or a snapshot: everything
 * that only reads works, and the file is left exactly as it was, with
 * nothing beside it. */
static void
test_read_only_file (Fixture *fixture, gconstpointer user_data)
{
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  if (test_engine_is_postgresql ())
    {
      g_test_skip ("file permissions; on a server, read-only is the test-maintenance suite's");
      return;
    }
  init_sample (fixture, fixture->db);
  g_assert_no_errno (g_chmod (fixture->db, 0444));
  before = foreign_fingerprint (fixture->db);
  run_read_only_commands (fixture, fixture->db, fixture->dir);
  after = foreign_fingerprint (fixture->db);
  g_assert_cmpstr (after, ==, before);
}

/* A database in a folder this user may not write: no -wal or -shm can be
 * made there, and none is needed. */
static void
test_read_only_folder (Fixture *fixture, gconstpointer user_data)
{
  g_autofree char *folder = new_file (fixture, "read-only");
  g_autofree char *db = g_build_filename (folder, "csp-engage.db", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  if (test_engine_is_postgresql ())
    {
      g_test_skip ("folder permissions; a server has no folder");
      return;
    }
  g_assert_no_errno (g_mkdir (folder, 0700));
  init_sample (fixture, db);
  g_assert_no_errno (g_chmod (folder, 0555));
  before = foreign_fingerprint (db);
  run_read_only_commands (fixture, db, fixture->dir);
  after = foreign_fingerprint (db);
  g_assert_no_errno (g_chmod (folder, 0700));
  g_assert_cmpstr (after, ==, before);
  assert_only_files_in (folder, (const char *const[]){ "csp-engage.db", NULL });
}

/* Another program holds a write transaction (here, this test): the
 * commands that only read go on, seeing what was committed. */
static void
test_read_only_while_writing (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (CspDatabase) writer = NULL;
  g_autoptr (CspStore) store = NULL;
  g_autoptr (CspRecord) partner = csp_record_new (CSP_TYPE_PARTNER);
  g_autoptr (GError) error = NULL;
  g_autoptr (CspCheckReport) committed = NULL;
  g_autofree char *rows = NULL;
  g_auto (TestCliRun) check = { 0 };

  init_sample (fixture, fixture->db);
  committed = check_in_process (fixture->db);
  writer = open_existing (fixture->db);
  store = csp_store_new (writer);
  g_assert_true (csp_database_begin (writer, &error));
  g_assert_no_error (error);
  csp_record_set_string (partner, "name", "Written meanwhile");
  csp_record_set_string (partner, "kind", "police");
  g_assert_true (csp_store_insert (store, partner, &error));
  g_assert_no_error (error);

  run_read_only_commands (fixture, fixture->db, fixture->dir);
  run_cli (fixture, &check, ARGS ("--database", fixture->db, "check"));
  assert_status (&check, 0);
  rows = g_strdup_printf ("%" G_GINT64_FORMAT, report_count (committed, "partner"));
  assert_line (check.out, "partner", rows);

  csp_database_rollback (writer);
}

/* `ln -s victim.txt link.csv` (and .xlsx, .pdf, .png, .db): every command
 * that writes a file refuses the link, says why, and leaves the file it
 * points to alone. */
static void
test_symlink (Fixture *fixture, gconstpointer user_data)
{
  g_autofree char *victim = new_file (fixture, "victim.txt");
  const char *const names[] = { "link.csv", "link.xlsx", "link.pdf", "link.png", "link.db" };
  g_autofree char *before = NULL;

  init_sample (fixture, fixture->db);
  g_assert_true (g_file_set_contents (victim, "Minutes of the RAG meeting\n", -1, NULL));
  before = checksum (victim);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *link = new_file (fixture, names[i]);
      g_auto (TestCliRun) run = { 0 };
      const char *const *args[] = {
        ARGS ("--database", fixture->db, "export-csv", "activities", link),
        ARGS ("--database", fixture->db, "export-xlsx", link),
        ARGS ("--database", fixture->db, "report", "-o", link),
        ARGS ("--database", fixture->db, "chart", "rag-status", "-o", link),
        ARGS ("--database", fixture->db, "backup", link),
      };

      g_assert_no_errno (symlink ("victim.txt", link));
      run_cli (fixture, &run, args[i]);
      assert_status (&run, 1);
      assert_contains (run.err, link);
      assert_contains (run.err, "symbolic link");
      g_assert_true (g_file_test (link, G_FILE_TEST_IS_SYMLINK));
      {
        g_autofree char *after = checksum (victim);
        g_assert_cmpstr (after, ==, before);
      }
    }
  assert_no_temporaries (fixture->dir);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  test_engine_skip_unless_available ();

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/cli/version", test_version);
  ADD ("/cli/help", test_help);
  ADD ("/cli/help/command", test_command_help);
  ADD ("/cli/usage-errors", test_usage_errors);
  ADD ("/cli/init/sample-then-check", test_init_and_check);
  ADD ("/cli/init/empty", test_init_empty);
  ADD ("/cli/init/sample-twice", test_init_sample_twice);
  ADD ("/cli/check/not-ours", test_check_not_ours);
  ADD ("/cli/check/missing", test_check_missing);
  ADD ("/cli/check/damaged", test_check_damaged);
  ADD ("/cli/backup/round-trip", test_backup);
  ADD ("/cli/backup/missing-folder", test_backup_missing_folder);
  ADD ("/cli/backup/onto-itself", test_backup_onto_itself);
  ADD ("/cli/restore/round-trip", test_restore);
  ADD ("/cli/restore/damaged-backup", test_restore_damaged_backup);
  ADD ("/cli/stats/sample", test_stats);
  ADD ("/cli/chart/formats", test_chart);
  ADD ("/cli/chart/usage-errors", test_chart_usage_errors);
  ADD ("/cli/stats/empty", test_stats_empty);
  ADD ("/cli/report/pdf", test_report);
  ADD ("/cli/lists/csv-round-trip", test_csv_round_trip);
  ADD ("/cli/lists/csv-other-lists", test_csv_other_lists);
  ADD ("/cli/lists/xlsx", test_xlsx);
  ADD ("/cli/copy/round-trip", test_copy_round_trip);
  ADD ("/cli/copy/ids-never-reused", test_copy_ids_never_reused);
  ADD ("/cli/copy/not-empty", test_copy_not_empty);
  ADD ("/cli/copy/not-ours", test_copy_not_ours);
  ADD ("/cli/copy/unreachable", test_copy_unreachable);
  ADD ("/cli/copy/login-refused", test_copy_login_refused);
  ADD ("/cli/database/precedence", test_database_precedence);
  ADD ("/cli/read-only/file", test_read_only_file);
  ADD ("/cli/read-only/folder", test_read_only_folder);
  ADD ("/cli/read-only/while-writing", test_read_only_while_writing);
  ADD ("/cli/symlink", test_symlink);
#undef ADD

  return g_test_run ();
}
