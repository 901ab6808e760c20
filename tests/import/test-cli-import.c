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

  g_assert_true (g_file_set_contents (
      path, "Title,Date,Format,Mode,Status\nOne,01/01/2021,event,online,planned\nTwo\n", -1, NULL));
  run_cli (fixture, &run, "import-csv", "activities", path, NULL);
  g_assert_cmpint (run.status, ==, 1);
  expected = g_strdup_printf (
      "“%s”, line 3: this row has 1 values, but the header row names 5 columns", path);
  g_assert_nonnull (strstr (run.err, expected));
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
  ADD ("/cli/import-csv/usage", test_usage);
  ADD ("/cli/export", test_export);
#undef ADD
  return g_test_run ();
}
