/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-report-cli"

#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "report-fixtures.h"
#include "test-cli-run.h"
#include "test-engine.h"
#include "test-folder.h"

/* `csp-engage-cli report` run as a person would (its path in $CSP_CLI):
 * 0 when the PDF (or OpenDocument file) is written, 1 on a failure, 2 for a command line that
 * cannot be used, the option at fault named; and `report new`,
 * `report duplicate` and `report list`, read back as a person would. */

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

/* -o FILE.odt: an OpenDocument Text package, its type first and stored. */
static void
test_writes_odt (Fixture *fixture, gconstpointer user_data)
{
  static const char mimetype[] = "mimetypeapplication/vnd.oasis.opendocument.text";
  g_auto (TestCliRun) run = { 0 };
  g_autofree char *odt = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;

  if (g_test_failed () || fixture->dir == NULL)
    return;
  odt = g_build_filename (fixture->dir, "x.odt", NULL);
  run_cli (fixture, fixture->db, &run, "report", "-o", odt, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "Community Safety Partnership Community Engagement"));
  g_assert_nonnull (strstr (run.out, "x.odt"));
  g_assert_true (g_file_get_contents (odt, &contents, &length, NULL));
  /* A ZIP entry's name starts 30 bytes in; stored, its data follows. */
  g_assert_cmpuint (length, >, 30 + strlen (mimetype));
  g_assert_true (g_str_has_prefix (contents, "PK\003\004"));
  g_assert_cmpint (contents[8], ==, 0);
  g_assert_cmpmem (contents + 30, strlen (mimetype), mimetype, strlen (mimetype));
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
    { { "report", "-o", "r.ods", NULL }, ".odt" },
    { { "report", "--template", "t.docx", "-o", "r.odt", NULL }, "--template" },
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

/* A line of @text that holds every one of @words, or %NULL. */
static char *
find_line (const char *text, const char *const *words)
{
  g_auto (GStrv) lines = g_strsplit (text, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      gboolean all = TRUE;

      for (guint j = 0; all && words[j] != NULL; j++)
        all = strstr (lines[i], words[j]) != NULL;
      if (all)
        return g_strdup (lines[i]);
    }
  return NULL;
}

#define WORDS(...) ((const char *const[]){ __VA_ARGS__, NULL })

/* `report list`: id, meeting date, status, committee and title, newest
 * meeting first; an empty database says there are none. */
static void
test_list (Fixture *fixture, gconstpointer user_data)
{
  g_auto (TestCliRun) run = { 0 };
  g_auto (TestCliRun) empty = { 0 };
  g_autofree char *line = NULL;

  if (fixture->dir == NULL)
    return;
  run_cli (fixture, fixture->db, &run, "report", "list", NULL);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_str_has_prefix (run.out + strspn (run.out, " "), "Id"));
  line = find_line (run.out, WORDS (" 1 ", "2021-07-05", "Final", "Overview and Scrutiny Committee",
                                    "Community Safety Partnership Community Engagement"));
  g_assert_nonnull (line);

  run_cli (fixture, fixture->empty_db, &empty, "report", "list", NULL);
  g_assert_cmpint (empty.status, ==, 0);
  g_assert_nonnull (strstr (empty.out, "No committee reports yet"));
}

/* `report new`: the new report's id and title, its sections from the
 * templates; `--meeting` takes the committee meeting's committee and
 * date. What is listed afterwards shows them. */
static void
test_new (Fixture *fixture, gconstpointer user_data)
{
  g_auto (TestCliRun) run = { 0 };
  g_auto (TestCliRun) for_meeting = { 0 };
  g_auto (TestCliRun) listed = { 0 };
  g_autofree char *line = NULL;

  if (fixture->dir == NULL)
    return;
  run_cli (fixture, fixture->db, &run, "report", "new", NULL);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "Started report 2: “Welwyn Hatfield Community Safety "
                                     "Partnership Community Engagement”"));
  g_assert_nonnull (strstr (run.out, "with 13 sections from the templates"));

  run_cli (fixture, fixture->db, &for_meeting, "report", "new", "--meeting", "12", NULL);
  g_assert_cmpstr (for_meeting.err, ==, "");
  g_assert_cmpint (for_meeting.status, ==, 0);
  g_assert_nonnull (strstr (for_meeting.out, "Started report 3:"));
  g_assert_nonnull (strstr (for_meeting.out, "for Overview and Scrutiny Committee on 2021-03-03"));
  g_assert_nonnull (strstr (for_meeting.out, "meeting with id 12"));

  run_cli (fixture, fixture->db, &listed, "report", "list", NULL);
  g_assert_cmpint (listed.status, ==, 0);
  line = find_line (listed.out, WORDS (" 3 ", "2021-03-03", "Draft", "Welwyn Hatfield"));
  g_assert_nonnull (line);
  g_clear_pointer (&line, g_free);
  line = find_line (listed.out, WORDS (" 2 ", "Draft", "Overview and Scrutiny Committee"));
  g_assert_nonnull (line);
}

/* `report duplicate ID`: the copy for the next meeting, as the window's
 * Duplicate makes it. */
static void
test_duplicate (Fixture *fixture, gconstpointer user_data)
{
  g_auto (TestCliRun) run = { 0 };
  g_auto (TestCliRun) to_meeting = { 0 };
  g_auto (TestCliRun) listed = { 0 };
  g_autofree char *line = NULL;

  if (fixture->dir == NULL)
    return;
  run_cli (fixture, fixture->db, &run, "report", "duplicate", "1", NULL);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "Copied as report 2: “Community Safety Partnership Community "
                                     "Engagement”, for Overview and Scrutiny Committee on "
                                     "2021-10-05, with 13 sections."));

  run_cli (fixture, fixture->db, &to_meeting, "report", "duplicate", "1", "--meeting-date",
           "2021-03-03", NULL);
  g_assert_cmpint (to_meeting.status, ==, 0);
  g_assert_nonnull (strstr (to_meeting.out, "meeting with id 12"));

  run_cli (fixture, fixture->db, &listed, "report", "list", NULL);
  line = find_line (listed.out, WORDS (" 2 ", "2021-10-05", "Draft"));
  g_assert_nonnull (line);
  /* The newest meeting first. */
  g_assert_true (strstr (listed.out, "2021-10-05") < strstr (listed.out, "2021-07-05"));
  g_assert_true (strstr (listed.out, "2021-07-05") < strstr (listed.out, "2021-03-03"));
}

/* Mistakes are named: the report or meeting that is not there, a meeting
 * that is not a committee, numbers that are not numbers. */
static void
test_new_and_duplicate_errors (Fixture *fixture, gconstpointer user_data)
{
  static const struct
  {
    const char *args[5];
    int status;
    const char *says;
  } cases[] = {
    { { "report", "duplicate", "42", NULL }, 1, "no committee report with id 42" },
    { { "report", "duplicate", "x", NULL }, 2, "“x” is not a report’s number" },
    { { "report", "duplicate", NULL }, 2, "missing argument" },
    { { "report", "duplicate", "1", "2", NULL }, 2, "too many arguments" },
    { { "report", "duplicate", "1", "--meeting-date", "soon" }, 2, "--meeting-date" },
    { { "report", "new", "--meeting", "99", NULL }, 1, "no meeting with id 99" },
    { { "report", "new", "--meeting", "16", NULL }, 1, "not “Committee”" },
    { { "report", "new", "--meeting", "0", NULL }, 2, "--meeting" },
    { { "report", "list", "extra", NULL }, 2, "too many arguments" },
  };
  g_auto (TestCliRun) listed = { 0 };

  if (fixture->dir == NULL)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto (TestCliRun) run = { 0 };
      const char *const *a = cases[i].args;

      run_cli (fixture, fixture->db, &run, a[0], a[1], a[2], a[3], a[4], NULL);
      if (run.status != cases[i].status || strstr (run.err, cases[i].says) == NULL)
        g_error ("Case %u: status %d, stderr does not say “%s”: %s", i, run.status, cases[i].says,
                 run.err);
    }
  /* Nothing was added. */
  run_cli (fixture, fixture->db, &listed, "report", "list", NULL);
  g_assert_cmpint (listed.status, ==, 0);
  g_assert_null (find_line (listed.out, WORDS ("Draft")));
}

/* A read-only database file: `report list` reads it, `report new` and
 * `report duplicate` say it is read-only and leave it as it was. */
static void
test_read_only (Fixture *fixture, gconstpointer user_data)
{
  g_auto (TestCliRun) listed = { 0 };
  g_auto (TestCliRun) added = { 0 };
  g_auto (TestCliRun) copied = { 0 };

  if (fixture->dir == NULL)
    return;
  if (test_engine_is_postgresql ())
    {
      g_test_skip ("file permissions; a viewer on a server is tests/test-roles.c's");
      return;
    }
  g_assert_cmpint (g_chmod (fixture->db, 0444), ==, 0);
  run_cli (fixture, fixture->db, &listed, "report", "list", NULL);
  g_assert_cmpint (listed.status, ==, 0);
  run_cli (fixture, fixture->db, &added, "report", "new", NULL);
  g_assert_cmpint (added.status, ==, 1);
  g_assert_nonnull (strstr (added.err, "read-only"));
  run_cli (fixture, fixture->db, &copied, "report", "duplicate", "1", NULL);
  g_assert_cmpint (copied.status, ==, 1);
  g_assert_nonnull (strstr (copied.err, "read-only"));
  g_assert_cmpint (g_chmod (fixture->db, 0600), ==, 0);
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);
  test_engine_skip_unless_available ();

  g_test_add ("/report/cli/writes-pdf", Fixture, NULL, fixture_set_up, test_writes_pdf,
              fixture_tear_down);
  g_test_add ("/report/cli/writes-odt", Fixture, NULL, fixture_set_up, test_writes_odt,
              fixture_tear_down);
  g_test_add ("/report/cli/usage-errors", Fixture, NULL, fixture_set_up, test_usage_errors,
              fixture_tear_down);
  g_test_add ("/report/cli/failures", Fixture, NULL, fixture_set_up, test_failures,
              fixture_tear_down);
  g_test_add ("/report/cli/list", Fixture, NULL, fixture_set_up, test_list, fixture_tear_down);
  g_test_add ("/report/cli/new", Fixture, NULL, fixture_set_up, test_new, fixture_tear_down);
  g_test_add ("/report/cli/duplicate", Fixture, NULL, fixture_set_up, test_duplicate,
              fixture_tear_down);
  g_test_add ("/report/cli/new-duplicate-errors", Fixture, NULL, fixture_set_up,
              test_new_and_duplicate_errors, fixture_tear_down);
  g_test_add ("/report/cli/read-only", Fixture, NULL, fixture_set_up, test_read_only,
              fixture_tear_down);
  return g_test_run ();
}
