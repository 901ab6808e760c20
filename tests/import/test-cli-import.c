/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-cli-import"

#include "config.h"

#include <string.h>

#include "csp-database.h"
#include "test-cli-run.h"
#include "test-engine.h"
#include "test-folder.h"

/* csp-engage-cli import-csv, export-csv and export-xlsx as a person runs
 * them ($CSP_CLI): exit 0 on success, 1 on failure with the reason on
 * stderr, 2 for a command line that cannot be used. */
typedef struct
{
  char *dir;
  char *db;
} Fixture;

/* Runs the program on the fixture's database with the arguments that
 * follow @run, NULL-terminated, its messages in English. */
static void
run_cli (Fixture *fixture, TestCliRun *run, ...)
{
  g_autoptr (GPtrArray) args = g_ptr_array_new ();
  g_auto (GStrv) env = g_get_environ ();
  const char *arg;
  va_list ap;

  g_ptr_array_add (args, "--database");
  g_ptr_array_add (args, fixture->db);
  va_start (ap, run);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (args, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);

  env = g_environ_setenv (env, "LC_ALL", "C.UTF-8", TRUE);
  env = g_environ_setenv (env, "LANGUAGE", "", TRUE);
  test_cli_run (run, NULL, env, (const char *const *) args->pdata);
  g_test_message ("exit %d\n%s%s", run->status, run->out, run->err);
}

static char *
data_path (const char *name)
{
  return g_build_filename (g_getenv ("CSP_IMPORT_DATA"), name, NULL);
}

static gint64
count (Fixture *fixture, const char *table)
{
  g_autoptr (CspDatabase) database = csp_database_open (fixture->db, NULL);
  gint64 n = -1;

  g_assert_nonnull (database);
  g_assert_true (csp_database_count_rows (database, table, &n, NULL));
  return n;
}

static void
fixture_set_up (Fixture *fixture, gconstpointer user_data)
{
  g_auto (TestCliRun) run = { 0 };

  fixture->dir = test_folder_new ("csp-test-cli-import");
  fixture->db = test_engine_new_location (fixture->dir, "csp-engage.db");
  run_cli (fixture, &run, "init", "--sample", NULL);
  g_assert_cmpint (run.status, ==, 0);
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer user_data)
{
  test_engine_drop_location (fixture->db);
  test_folder_remove (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->db);
}

/* Rows rejected: exit 1, each problem reported, nothing written. */
static void
test_rejected (Fixture *fixture, gconstpointer user_data)
{
  g_autofree char *path = data_path ("activities-invalid.csv");
  g_autofree char *line3 = NULL;
  g_auto (TestCliRun) run = { 0 };
  gint64 before = count (fixture, "activity");

  run_cli (fixture, &run, "import-csv", "activities", path, NULL);
  g_assert_cmpint (run.status, ==, 1);
  line3 = g_strdup_printf ("%s:3: column “Start date”: Start date: “31/02/2021” is not a real "
                           "date\n",
                           path);
  g_assert_nonnull (strstr (run.err, line3));
  g_assert_nonnull (strstr (run.err, ":6: column “Lead partner”: Lead partner: there is no "
                                     "partner called “Nobody Partnership”"));
  g_assert_nonnull (strstr (run.err, ":10: column “Title”: Title: a value is required"));
  g_assert_nonnull (strstr (run.err, "6 rows were rejected, so nothing was imported"));
  g_assert_cmpint (count (fixture, "activity"), ==, before);
}

static void
test_skip_invalid (Fixture *fixture, gconstpointer user_data)
{
  g_autofree char *path = data_path ("activities-invalid.csv");
  g_auto (TestCliRun) run = { 0 };
  gint64 before = count (fixture, "activity");

  run_cli (fixture, &run, "import-csv", "activities", path, "--skip-invalid", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "2 added, 0 updated, 0 unchanged, 6 rows rejected"));
  g_assert_nonnull (strstr (run.err, ":3: column “Start date”"));
  g_assert_cmpint (count (fixture, "activity"), ==, before + 2);
}

static void
test_dry_run (Fixture *fixture, gconstpointer user_data)
{
  g_autofree char *path = data_path ("activities-excel-1252.csv");
  g_auto (TestCliRun) run = { 0 };
  g_auto (TestCliRun) again = { 0 };
  gint64 before = count (fixture, "activity");

  run_cli (fixture, &run, "import-csv", "activities", path, "--dry-run", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "Windows-1252, separated by “;”, 4 rows"));
  g_assert_nonnull (strstr (run.out, "4 added"));
  g_assert_nonnull (strstr (run.out, "Dry run: nothing was written"));
  g_assert_cmpint (count (fixture, "activity"), ==, before);

  run_cli (fixture, &again, "import-csv", "activities", path, NULL);
  g_assert_cmpint (again.status, ==, 0);
  g_assert_cmpint (count (fixture, "activity"), ==, before + 4);
}

/* A platform's export: the mapping is given once and saved, then named. */
static void
test_saved_mapping (Fixture *fixture, gconstpointer user_data)
{
  g_autofree char *first = data_path ("facebook-insights.csv");
  g_autofree char *next = data_path ("facebook-insights-next.csv");
  g_auto (TestCliRun) refused = { 0 };
  g_auto (TestCliRun) run = { 0 };
  g_auto (TestCliRun) again = { 0 };
  gint64 before = count (fixture, "metric_value");

  run_cli (fixture, &refused, "import-csv", "metrics", first, NULL);
  g_assert_cmpint (refused.status, ==, 1);
  g_assert_nonnull (strstr (refused.err, "No column is chosen for “Channel”"));

  run_cli (fixture, &run, "import-csv", "metrics", first, "--skip-rows", "1", "--default",
           "channel=Welwyn Hatfield CSP Facebook", "--save-mapping", "Facebook", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "12 added"));
  g_assert_nonnull (strstr (run.out, "Saved the mapping as “Facebook”"));

  run_cli (fixture, &again, "import-csv", "metrics", next, "--mapping", "Facebook", NULL);
  g_assert_cmpint (again.status, ==, 0);
  g_assert_nonnull (strstr (again.out, "3 added, 1 updated, 5 unchanged, 0 rows rejected"));
  g_assert_cmpint (count (fixture, "metric_value"), ==, before + 15);
}

static void
test_create_unknown (Fixture *fixture, gconstpointer user_data)
{
  g_autofree char *path = data_path ("metrics-long.csv");
  g_auto (TestCliRun) refused = { 0 };
  g_auto (TestCliRun) run = { 0 };

  run_cli (fixture, &refused, "import-csv", "metrics", path, NULL);
  g_assert_cmpint (refused.status, ==, 1);
  g_assert_nonnull (strstr (refused.err, ":4: no channel is called “Instagram” (named in 2 "
                                         "rows)"));
  run_cli (fixture, &run, "import-csv", "metrics", path, "--create-unknown", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "New channel “Instagram”"));
  g_assert_nonnull (strstr (run.out, "New metric “Instagram followers” (Instagram)"));
}

static void
test_malformed (Fixture *fixture, gconstpointer user_data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "broken.csv", NULL);
  g_autofree char *expected = NULL;
  g_auto (TestCliRun) run = { 0 };

  g_assert_true (g_file_set_contents (path,
                                      "Title,Date,Format,Mode,Status\n"
                                      "One,01/01/2021,event,online,planned\n"
                                      "Two,\"unterminated\n",
                                      -1, NULL));
  run_cli (fixture, &run, "import-csv", "activities", path, NULL);
  g_assert_cmpint (run.status, ==, 1);
  expected = g_strdup_printf ("“%s”, line 3: the quoted value in column 2 is never closed", path);
  g_assert_nonnull (strstr (run.err, expected));
}

/* A row with more or fewer values than the header, or a quote out of
 * place, is a rejected row, by its line, as FILE:LINE: message; the other
 * rows import with --skip-invalid, and nothing is written without it. */
static void
test_ragged_row (Fixture *fixture, gconstpointer user_data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "ragged.csv", NULL);
  g_autofree char *expected = NULL;
  g_autofree char *short_row = NULL;
  g_autofree char *quote_row = NULL;
  g_auto (TestCliRun) refused = { 0 };
  g_auto (TestCliRun) run = { 0 };
  gint64 before = count (fixture, "activity");

  g_assert_true (g_file_set_contents (path,
                                      "Title,Date,Format,Mode,Participants,Status\n"
                                      "Ragged one,01/01/2021,event,online,1,200,delivered\n"
                                      "Ragged two,02/01/2021,event,online,12,delivered\n"
                                      "Ragged three,03/01/2021\n"
                                      "Ragged four,04/01/2021,event,online,15,delivered\n"
                                      "Ragged five,05/01/2021,event,online,12\" screen,delivered\n"
                                      "Ragged six,06/01/2021,event,online,16,delivered\n",
                                      -1, NULL));
  run_cli (fixture, &refused, "import-csv", "activities", path, NULL);
  g_assert_cmpint (refused.status, ==, 1);
  expected = g_strdup_printf (
      "%s:2: this row has 7 values where the header row has 6 columns: “1” under "
      "“Participants” and the “200” after it look like one number, 1,200, split at its comma. "
      "Write the number without the comma, or in quotes (\"1,200\")\n",
      path);
  g_assert_nonnull (strstr (refused.err, expected));
  short_row = g_strdup_printf ("%s:4: this row has 2 values where the header row has 6 columns: "
                               "check for a missing separator",
                               path);
  g_assert_nonnull (strstr (refused.err, short_row));
  quote_row = g_strdup_printf ("%s:6: a quote (\") in column 5, “Participants”, is in the middle "
                               "of a value",
                               path);
  g_assert_nonnull (strstr (refused.err, quote_row));
  g_assert_cmpint (count (fixture, "activity"), ==, before);

  run_cli (fixture, &run, "import-csv", "activities", path, "--skip-invalid", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "3 added"));
  g_assert_nonnull (strstr (run.out, "3 rows rejected"));
  g_assert_nonnull (strstr (run.err, expected));
  g_assert_cmpint (count (fixture, "activity"), ==, before + 3);
}

/* The title of the activity whose title starts with @start, or NULL. */
static char *
stored_title (Fixture *fixture, const char *start)
{
  g_autoptr (CspDatabase) database = csp_database_open (fixture->db, NULL);
  g_autoptr (CspStatement) stmt = NULL;
  g_autofree char *pattern = g_strconcat (start, "%", NULL);
  char *title = NULL;

  g_assert_nonnull (database);
  stmt = csp_database_prepare (database, "SELECT title FROM activity WHERE title LIKE ?", NULL);
  g_assert_nonnull (stmt);
  csp_statement_bind_text (stmt, 1, pattern);
  if (csp_statement_step (stmt, NULL) == CSP_STEP_ROW)
    title = g_strdup (csp_statement_get_text (stmt, 0));
  return title;
}

/* A UTF-8 file with a stray byte: rejected by line and character, never
 * read as Windows-1252; with --skip-invalid only that row is left out,
 * and "Café Zoë – naïve" is stored as it is written. */
static void
test_invalid_utf8 (Fixture *fixture, gconstpointer user_data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "mostly-utf8.csv", NULL);
  g_autofree char *expected = NULL;
  g_autofree char *cafe = NULL;
  g_auto (TestCliRun) run = { 0 };
  g_auto (TestCliRun) skip = { 0 };
  gint64 before = count (fixture, "activity");

  g_assert_true (g_file_set_contents (path,
                                      "Title,Start date,Format,Mode,Status\n"
                                      "Caf\xc3\xa9 Zo\xc3\xab \xe2\x80\x93 na\xc3\xafve,"
                                      "2021-06-01,event,online,delivered\n"
                                      "Caf\xe9 bad,2021-06-02,event,online,delivered\n",
                                      -1, NULL));
  run_cli (fixture, &run, "import-csv", "activities", path, NULL);
  g_assert_cmpint (run.status, ==, 1);
  expected = g_strdup_printf ("%s:3: character 4: the byte 0xE9 is not UTF-8 text", path);
  g_assert_nonnull (strstr (run.err, expected));
  g_assert_nonnull (strstr (run.err, "1 row was rejected, so nothing was imported"));
  g_assert_nonnull (strstr (run.out, "UTF-8"));
  g_assert_cmpint (count (fixture, "activity"), ==, before);

  run_cli (fixture, &skip, "import-csv", "activities", path, "--skip-invalid", NULL);
  g_assert_cmpint (skip.status, ==, 0);
  g_assert_nonnull (strstr (skip.out, "1 added, 0 updated, 0 unchanged, 1 rows rejected"));
  g_assert_cmpint (count (fixture, "activity"), ==, before + 1);
  cafe = stored_title (fixture, "Caf");
  g_assert_cmpstr (cafe, ==, "Café Zoë – naïve");
}

/* A field of megabytes, NUL bytes: each a clear message, exit 1, nothing
 * written. */
static void
test_hostile (Fixture *fixture, gconstpointer user_data)
{
  g_autofree char *huge_path = g_build_filename (fixture->dir, "huge.csv", NULL);
  g_autofree char *nul_path = g_build_filename (fixture->dir, "nul.csv", NULL);
  g_autoptr (GString) huge = g_string_new ("Title,Start date,Format,Mode,Status\n");
  const char nul[] = "Title,Start date,Format,Mode,Status\nA\0,2021-06-01,event,online,planned\n";
  g_autofree char *expected = NULL;
  g_auto (TestCliRun) huge_run = { 0 };
  g_auto (TestCliRun) nul_run = { 0 };
  gint64 before = count (fixture, "activity");

  for (guint i = 0; i < 2 * 1024 * 1024; i++)
    g_string_append_c (huge, 'T');
  g_string_append (huge, ",2021-06-01,event,online,delivered\n");
  g_assert_true (g_file_set_contents (huge_path, huge->str, (gssize) huge->len, NULL));
  run_cli (fixture, &huge_run, "import-csv", "activities", huge_path, NULL);
  g_assert_cmpint (huge_run.status, ==, 1);
  expected = g_strdup_printf ("%s:2: column “Title”: Title: too long (2097152 characters; at most "
                              "300)\n",
                              huge_path);
  g_assert_nonnull (strstr (huge_run.err, expected));
  /* The message is of the field's length, not its text. */
  g_assert_cmpuint (strlen (huge_run.err), <, 2000);

  g_assert_true (g_file_set_contents (nul_path, nul, sizeof nul - 1, NULL));
  run_cli (fixture, &nul_run, "import-csv", "activities", nul_path, NULL);
  g_assert_cmpint (nul_run.status, ==, 1);
  g_free (expected);
  expected = g_strdup_printf ("“%s”, line 2: control character 0x00 found", nul_path);
  g_assert_nonnull (strstr (nul_run.err, expected));
  g_assert_cmpint (count (fixture, "activity"), ==, before);
}

static void
test_usage (Fixture *fixture, gconstpointer user_data)
{
  g_autofree char *path = data_path ("activities-utf8-bom.csv");
  g_auto (TestCliRun) kind = { 0 };
  g_auto (TestCliRun) missing = { 0 };
  g_auto (TestCliRun) column = { 0 };
  g_auto (TestCliRun) export_kind = { 0 };
  g_auto (TestCliRun) mapping = { 0 };

  run_cli (fixture, &kind, "import-csv", "people", path, NULL);
  g_assert_cmpint (kind.status, ==, 2);
  g_assert_nonnull (strstr (kind.err, "“people” is not something to import"));
  run_cli (fixture, &missing, "import-csv", "activities", NULL);
  g_assert_cmpint (missing.status, ==, 2);
  run_cli (fixture, &column, "import-csv", "activities", path, "--column", "Title=nonsense", NULL);
  g_assert_cmpint (column.status, ==, 2);
  run_cli (fixture, &export_kind, "export-csv", "people", "out.csv", NULL);
  g_assert_cmpint (export_kind.status, ==, 2);
  run_cli (fixture, &mapping, "import-csv", "activities", path, "--mapping", "Nope", NULL);
  g_assert_cmpint (mapping.status, ==, 1);
  g_assert_nonnull (strstr (mapping.err, "There is no saved mapping called “Nope”"));
}

static void
test_export (Fixture *fixture, gconstpointer user_data)
{
  g_autofree char *csv = g_build_filename (fixture->dir, "actions.csv", NULL);
  g_autofree char *xlsx = g_build_filename (fixture->dir, "lists.xlsx", NULL);
  g_autofree char *contents = NULL;
  g_auto (TestCliRun) run = { 0 };
  g_auto (TestCliRun) workbook = { 0 };
  g_auto (TestCliRun) back = { 0 };

  run_cli (fixture, &run, "export-csv", "actions", csv, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_file_get_contents (csv, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "\xef\xbb\xbfPlan,Priority,Reference,Title,"));
  run_cli (fixture, &workbook, "export-xlsx", xlsx, NULL);
  g_assert_cmpint (workbook.status, ==, 0);
  g_assert_true (g_file_test (xlsx, G_FILE_TEST_IS_REGULAR));
  run_cli (fixture, &back, "import-csv", "actions", csv, NULL);
  g_assert_cmpint (back.status, ==, 0);
  g_assert_nonnull (strstr (back.out, "0 added, 0 updated, 28 unchanged"));
}

/* Meetings are listed newest first, filtered by kind, and go out to a CSV
 * file and back in like the other lists; a bad time is refused, naming
 * the field and the line. */
static void
test_meetings (Fixture *fixture, gconstpointer user_data)
{
  g_autofree char *csv = g_build_filename (fixture->dir, "meetings.csv", NULL);
  g_autofree char *next = g_build_filename (fixture->dir, "next.csv", NULL);
  g_auto (TestCliRun) list = { 0 };
  g_auto (TestCliRun) usage = { 0 };
  g_auto (TestCliRun) out = { 0 };
  g_auto (TestCliRun) back = { 0 };
  g_auto (TestCliRun) bad = { 0 };
  g_auto (TestCliRun) good = { 0 };
  g_auto (TestCliRun) after = { 0 };
  g_autofree char *contents = NULL;
  const char *first_line;

  run_cli (fixture, &list, "meetings", "--kind", "committee", NULL);
  g_assert_cmpint (list.status, ==, 0);
  first_line = strchr (list.out, '\n') + 1;
  g_assert_true (g_str_has_prefix (first_line, "2021-07-05 19:30 Committee"));
  g_assert_null (strstr (list.out, "Responsible Authorities Group"));
  run_cli (fixture, &usage, "meetings", "--kind", "weekly", NULL);
  g_assert_cmpint (usage.status, ==, 2);

  run_cli (fixture, &out, "export-csv", "meetings", csv, NULL);
  g_assert_cmpint (out.status, ==, 0);
  g_assert_true (g_file_get_contents (csv, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (
      contents, "\xef\xbb\xbfKind,Title,Date,Time,Place or link,Partners attending,Notes"));
  run_cli (fixture, &back, "import-csv", "meetings", csv, NULL);
  g_assert_cmpint (back.status, ==, 0);
  g_assert_nonnull (strstr (back.out, "0 added, 0 updated, 18 unchanged"));

  g_assert_true (g_file_set_contents (next,
                                      "Kind,Title,Date,Time,Place,Attendees\n"
                                      "Responsible Authorities Group,RAG,2021-09-14,25:00,Teams,"
                                      "Hertfordshire Constabulary\n",
                                      -1, NULL));
  run_cli (fixture, &bad, "import-csv", "meetings", next, NULL);
  g_assert_cmpint (bad.status, ==, 1);
  g_assert_nonnull (strstr (bad.err, "next.csv:2: column “Time”: Time: “25:00” is not a time"));
  g_assert_cmpint (count (fixture, "meeting"), ==, 18);
  g_assert_true (g_file_set_contents (next,
                                      "Kind,Title,Date,Time,Place,Attendees\n"
                                      "Responsible Authorities Group,RAG,2021-09-14,10:00,Teams,"
                                      "Hertfordshire Constabulary\n",
                                      -1, NULL));
  run_cli (fixture, &good, "import-csv", "meetings", next, NULL);
  g_assert_cmpint (good.status, ==, 0);
  g_assert_cmpint (count (fixture, "meeting"), ==, 19);
  run_cli (fixture, &after, "meetings", "--kind", "rag", NULL);
  first_line = strchr (after.out, '\n') + 1;
  g_assert_true (g_str_has_prefix (first_line, "2021-09-14 10:00 Responsible Authorities Group"));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  test_engine_skip_unless_available ();

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/cli/import-csv/rejected", test_rejected);
  ADD ("/cli/import-csv/skip-invalid", test_skip_invalid);
  ADD ("/cli/import-csv/dry-run", test_dry_run);
  ADD ("/cli/import-csv/saved-mapping", test_saved_mapping);
  ADD ("/cli/import-csv/create-unknown", test_create_unknown);
  ADD ("/cli/import-csv/malformed", test_malformed);
  ADD ("/cli/import-csv/ragged-row", test_ragged_row);
  ADD ("/cli/import-csv/invalid-utf8", test_invalid_utf8);
  ADD ("/cli/import-csv/hostile", test_hostile);
  ADD ("/cli/import-csv/usage", test_usage);
  ADD ("/cli/export", test_export);
  ADD ("/cli/meetings", test_meetings);
#undef ADD
  return g_test_run ();
}
