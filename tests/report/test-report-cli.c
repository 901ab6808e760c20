/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-report-cli"

#include "config.h"

#include <locale.h>
#include <string.h>

#include "report-fixtures.h"
#include "test-cli-run.h"
#include "test-engine.h"
#include "test-folder.h"

/* `csp-engage-cli report` run as a person would (its path in $CSP_CLI):
 * 0 when the PDF is written, 1 on a failure, 2 for a command line that
 * cannot be used, the option at fault named. */

typedef struct
{
  char *dir;
  char *db;
  char *empty_db;
} Fixture;

/* Runs the program on @database, in the fixture's folder and with it as
 * home, with the arguments that follow @run, NULL-terminated. */
static void
run_cli (Fixture *fixture, const char *database, TestCliRun *run, ...)
{
  g_autoptr (GPtrArray) args = g_ptr_array_new ();
  g_auto (GStrv) env = test_cli_environ_at_home (fixture->dir, fixture->dir);
  const char *arg;
  va_list ap;

  g_ptr_array_add (args, "--database");
  g_ptr_array_add (args, (char *) database);
  va_start (ap, run);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (args, (char *) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);

  test_cli_run (run, fixture->dir, env, (const char *const *) args->pdata);
}

static void
fixture_set_up (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CspDatabase) empty = NULL;

  if (g_getenv ("CSP_CLI") == NULL)
    {
      g_test_skip ("CSP_CLI is not set: run through meson test");
      return;
    }
  fixture->dir = test_folder_new ("csp-test-report-cli");
  fixture->db = report_fixture_new_sample (fixture->dir, &error);
  g_assert_no_error (error);
  fixture->empty_db = test_engine_new_location (fixture->dir, "empty.db");
  empty = csp_database_open (fixture->empty_db, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer user_data)
{
  test_engine_drop_location (fixture->db);
  test_engine_drop_location (fixture->empty_db);
  if (fixture->dir != NULL)
    test_folder_remove (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->db);
  g_free (fixture->empty_db);
}

static void
test_writes_pdf (Fixture *fixture, gconstpointer user_data)
{
  g_auto (TestCliRun) run = { 0 };
  g_auto (TestCliRun) by_id = { 0 };
  g_autofree char *pdf = NULL;
  g_autofree char *contents = NULL;

  if (g_test_failed () || fixture->dir == NULL)
    return;
  pdf = g_build_filename (fixture->dir, "report.pdf", NULL);
  run_cli (fixture, fixture->db, &run, "report", "-o", pdf, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "Community Safety Partnership Community Engagement"));
  g_assert_nonnull (strstr (run.out, "pages"));
  g_assert_true (g_file_get_contents (pdf, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));

  run_cli (fixture, fixture->db, &by_id, "report", "--id", "1", "--from", "2020-10-01", "--to",
           "2020-10-31", "--output", pdf, NULL);
  g_assert_cmpint (by_id.status, ==, 0);
}

static void
test_usage_errors (Fixture *fixture, gconstpointer user_data)
{
  static const struct
  {
    const char *args[6];
    const char *says;
  } cases[] = {
    { { "report", NULL }, "-o FILE.pdf" },
    { { "report", "-o", "report.txt", NULL }, ".pdf" },
    { { "report", "--from", "2020-13-01", "-o", "r.pdf", NULL }, "--from" },
    { { "report", "--to", "31/05/2021", "-o", "r.pdf", NULL }, "--to" },
    { { "report", "--id", "0", "-o", "r.pdf", NULL }, "--id" },
    { { "report", "--id", "x", "-o", "r.pdf", NULL }, "id" },
    { { "report", "extra", "-o", "r.pdf", NULL }, "too many arguments" },
  };

  if (fixture->dir == NULL)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto (TestCliRun) run = { 0 };
      const char *const *a = cases[i].args;

      run_cli (fixture, fixture->db, &run, a[0], a[1], a[2], a[3], a[4], a[5], NULL);
      g_assert_cmpint (run.status, ==, 2);
      if (cases[i].says != NULL && strstr (run.err, cases[i].says) == NULL)
        g_error ("Case %u: stderr does not say “%s”: %s", i, cases[i].says, run.err);
    }

  {
    g_auto (TestCliRun) run = { 0 };
    run_cli (fixture, fixture->db, &run, "report", "--from", "2021-06-01", "--to", "2020-06-01",
             "-o", "r.pdf", NULL);
    g_assert_cmpint (run.status, ==, 2);
    g_assert_nonnull (strstr (run.err, "--from is after --to"));
  }
}

static void
test_failures (Fixture *fixture, gconstpointer user_data)
{
  g_auto (TestCliRun) empty = { 0 };
  g_auto (TestCliRun) missing = { 0 };
  g_auto (TestCliRun) folder = { 0 };
  g_autofree char *pdf = NULL;
  g_autofree char *nowhere = NULL;

  if (fixture->dir == NULL)
    return;
  pdf = g_build_filename (fixture->dir, "out.pdf", NULL);
  nowhere = g_build_filename (fixture->dir, "no-such-folder", "out.pdf", NULL);

  run_cli (fixture, fixture->empty_db, &empty, "report", "-o", pdf, NULL);
  g_assert_cmpint (empty.status, ==, 1);
  g_assert_nonnull (strstr (empty.err, "no committee report"));
  g_assert_false (g_file_test (pdf, G_FILE_TEST_EXISTS));

  run_cli (fixture, fixture->db, &missing, "report", "--id", "42", "-o", pdf, NULL);
  g_assert_cmpint (missing.status, ==, 1);
  g_assert_nonnull (strstr (missing.err, "42"));

  run_cli (fixture, fixture->db, &folder, "report", "-o", nowhere, NULL);
  g_assert_cmpint (folder.status, ==, 1);
  g_assert_nonnull (strstr (folder.err, "folder does not exist"));
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);
  test_engine_skip_unless_available ();

  g_test_add ("/report/cli/writes-pdf", Fixture, NULL, fixture_set_up, test_writes_pdf,
              fixture_tear_down);
  g_test_add ("/report/cli/usage-errors", Fixture, NULL, fixture_set_up, test_usage_errors,
              fixture_tear_down);
  g_test_add ("/report/cli/failures", Fixture, NULL, fixture_set_up, test_failures,
              fixture_tear_down);
  return g_test_run ();
}
