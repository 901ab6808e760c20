/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-cli"

#include "config.h"

#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "csp-database.h"
#include "csp-maintenance.h"
#include "csp-records.h"
#include "csp-stats.h"
#include "csp-store.h"
#include "test-cli-run.h"
#include "test-folder.h"

/* Runs csp-engage-cli (its path in $CSP_CLI) as a person would, with a
 * home and data folder of the test's own. */
typedef struct
{
  char *dir;
  char *db;
  char **env;
} Fixture;

static void
fixture_set_up (Fixture *fixture, gconstpointer user_data)
{
  g_autofree char *home = NULL;
  g_autofree char *data = NULL;

  fixture->dir = test_folder_new ("csp-test-cli");
  fixture->db = g_build_filename (fixture->dir, "csp-engage.db", NULL);
  home = g_build_filename (fixture->dir, "home", NULL);
  data = g_build_filename (fixture->dir, "data", NULL);
  g_assert_no_errno (g_mkdir (home, 0700));

  fixture->env = g_get_environ ();
  fixture->env = g_environ_unsetenv (fixture->env, "CSP_ENGAGE_DB");
  fixture->env = g_environ_setenv (fixture->env, "HOME", home, TRUE);
  fixture->env = g_environ_setenv (fixture->env, "XDG_DATA_HOME", data, TRUE);
  /* Messages in English, whatever the machine's language. */
  fixture->env = g_environ_setenv (fixture->env, "LC_ALL", "C.UTF-8", TRUE);
  fixture->env = g_environ_unsetenv (fixture->env, "LANGUAGE");
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer user_data)
{
  test_folder_remove (fixture->dir);
  g_assert_false (g_file_test (fixture->dir, G_FILE_TEST_EXISTS));
  g_free (fixture->dir);
  g_free (fixture->db);
  g_strfreev (fixture->env);
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

static CspCheckReport *
check_in_process (const char *path)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CspDatabase) database = csp_database_open (path, &error);
  CspCheckReport *report;

  g_assert_no_error (error);
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

static gint64
report_count (CspCheckReport *report, const char *table)
{
  for (guint i = 0; i < report->table_names->len; i++)
    if (g_str_equal (g_ptr_array_index (report->table_names, i), table))
      return g_array_index (report->row_counts, gint64, i);
  g_error ("the check does not count table %s", table);
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
                                       "check", "backup", "stats", "CSP_ENGAGE_DB");
       *word != NULL; word++)
    assert_contains (run.out, *word);
  g_assert_cmpstr (run.err, ==, "");
  /* Asking for help creates no database. */
  g_assert_false (g_file_test (fixture->db, G_FILE_TEST_EXISTS));
}

static void
test_command_help (Fixture *fixture, gconstpointer user_data)
{
  g_auto (TestCliRun) run = { 0 };

  run_cli (fixture, &run, ARGS ("--database", fixture->db, "init", "--help"));
  assert_status (&run, 0);
  assert_contains (run.out, "--sample");
  g_assert_false (g_file_test (fixture->db, G_FILE_TEST_EXISTS));
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
      g_assert_false (g_file_test (fixture->db, G_FILE_TEST_EXISTS));
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
      g_strdup_printf ("%d", csp_database_get_latest_schema_version (CSP_ENGINE_SQLITE));
  struct stat st;

  init_sample (fixture, fixture->db);
  g_assert_no_errno (g_stat (fixture->db, &st));
  g_assert_cmpuint (st.st_mode & 0777, ==, 0600);
  assert_no_side_files (fixture->db);

  run_cli (fixture, &run, ARGS ("--database", fixture->db, "check"));
  assert_status (&run, 0);
  g_assert_cmpstr (run.err, ==, "");
  assert_contains (run.out, fixture->db);
  assert_line (run.out, "schema", version);

  /* Every table with its number of rows, as the file really holds. */
  report = check_in_process (fixture->db);
  g_assert_true (report->ok);
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
  assert_contains (run.out, fixture->db);
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
  g_autoptr (CspCheckReport) before = NULL;
  g_autoptr (CspCheckReport) after = NULL;

  init_sample (fixture, fixture->db);
  before = check_in_process (fixture->db);
  run_cli (fixture, &run, ARGS ("--database", fixture->db, "init", "--sample"));
  assert_status (&run, 1);
  g_assert_cmpstr (run.err, !=, "");
  after = check_in_process (fixture->db);
  for (guint i = 0; i < before->row_counts->len; i++)
    g_assert_cmpint (g_array_index (before->row_counts, gint64, i), ==,
                     g_array_index (after->row_counts, gint64, i));
}

static void
test_check_not_sqlite (Fixture *fixture, gconstpointer user_data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "minutes.txt", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_auto (TestCliRun) run = { 0 };
  struct stat st_before, st_after;

  g_assert_true (g_file_set_contents (path,
                                      "Minutes of the RAG meeting, 5 July 2021.\n"
                                      "Present: council, police, fire and rescue, health, "
                                      "probation. Apologies: none. Actions: see the plan.\n",
                                      -1, NULL));
  before = checksum (path);
  g_assert_no_errno (g_stat (path, &st_before));

  run_cli (fixture, &run, ARGS ("--database", path, "check"));
  assert_status (&run, 1);
  assert_contains (run.err, path);

  after = checksum (path);
  g_assert_cmpstr (after, ==, before);
  g_assert_no_errno (g_stat (path, &st_after));
  g_assert_cmpint (st_after.st_mtim.tv_sec, ==, st_before.st_mtim.tv_sec);
  g_assert_cmpint (st_after.st_mtim.tv_nsec, ==, st_before.st_mtim.tv_nsec);
  assert_no_side_files (path);
}

static void
test_check_missing_file (Fixture *fixture, gconstpointer user_data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "typo.db", NULL);
  g_auto (TestCliRun) run = { 0 };

  run_cli (fixture, &run, ARGS ("--database", path, "check"));
  assert_status (&run, 1);
  assert_contains (run.err, path);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

static void
test_check_damaged (Fixture *fixture, gconstpointer user_data)
{
  g_auto (TestCliRun) run = { 0 };
  g_autofree guint8 *garbage = g_malloc (4096);
  struct stat st;
  int fd;

  init_sample (fixture, fixture->db);
  g_assert_no_errno (g_stat (fixture->db, &st));
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

static void
test_backup (Fixture *fixture, gconstpointer user_data)
{
  g_autofree char *copy = g_build_filename (fixture->dir, "copy.db", NULL);
  g_auto (TestCliRun) run = { 0 };
  g_auto (TestCliRun) check = { 0 };
  g_autoptr (CspCheckReport) original = NULL;

  init_sample (fixture, fixture->db);
  run_cli (fixture, &run, ARGS ("--database", fixture->db, "backup", copy));
  assert_status (&run, 0);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_true (g_file_test (copy, G_FILE_TEST_IS_REGULAR));

  run_cli (fixture, &check, ARGS ("--database", copy, "check"));
  assert_status (&check, 0);
  original = check_in_process (fixture->db);
  for (guint i = 0; i < original->table_names->len; i++)
    {
      g_autofree char *rows =
          g_strdup_printf ("%" G_GINT64_FORMAT, g_array_index (original->row_counts, gint64, i));
      assert_line (check.out, g_ptr_array_index (original->table_names, i), rows);
    }
}

static void
test_backup_missing_folder (Fixture *fixture, gconstpointer user_data)
{
  g_autofree char *folder = g_build_filename (fixture->dir, "no-such-folder", NULL);
  g_autofree char *copy = g_build_filename (folder, "copy.db", NULL);
  g_auto (TestCliRun) run = { 0 };

  init_sample (fixture, fixture->db);
  run_cli (fixture, &run, ARGS ("--database", fixture->db, "backup", copy));
  assert_status (&run, 1);
  assert_contains (run.err, folder);
  g_assert_false (g_file_test (folder, G_FILE_TEST_EXISTS));
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
        g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
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
  g_autofree char *png = g_build_filename (fixture->dir, "chart.png", NULL);
  g_autofree char *doc = g_build_filename (fixture->dir, "chart.docx", NULL);
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
    g_autoptr (CspDatabase) database = csp_database_open (fixture->db, &error);
    g_assert_no_error (error);
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

/* Which database: --database, else $CSP_ENGAGE_DB, else the default */

static void
test_database_precedence (Fixture *fixture, gconstpointer user_data)
{
  g_autofree char *from_option = g_build_filename (fixture->dir, "option.db", NULL);
  g_autofree char *from_env = g_build_filename (fixture->dir, "env.db", NULL);
  g_autofree char *data = g_build_filename (fixture->dir, "data", NULL);
  g_autofree char *folder = g_build_filename (data, "csp-engage", NULL);
  g_autofree char *by_default = g_build_filename (folder, "csp-engage.db", NULL);
  g_auto (GStrv) env = g_environ_setenv (g_strdupv (fixture->env), "CSP_ENGAGE_DB", from_env, TRUE);
  struct stat st;

  /* --database wins over the environment */
  {
    g_auto (TestCliRun) run = { 0 };
    run_env (fixture, env, &run, ARGS ("--database", from_option, "init"));
    assert_status (&run, 0);
    g_assert_true (g_file_test (from_option, G_FILE_TEST_EXISTS));
    g_assert_false (g_file_test (from_env, G_FILE_TEST_EXISTS));
    g_assert_false (g_file_test (by_default, G_FILE_TEST_EXISTS));
  }
  /* the environment wins over the default */
  {
    g_auto (TestCliRun) run = { 0 };
    run_env (fixture, env, &run, ARGS ("init"));
    assert_status (&run, 0);
    assert_contains (run.out, from_env);
    g_assert_true (g_file_test (from_env, G_FILE_TEST_EXISTS));
    g_assert_false (g_file_test (by_default, G_FILE_TEST_EXISTS));
  }
  /* and every command follows it */
  {
    g_auto (TestCliRun) run = { 0 };
    g_assert_true (g_file_set_contents (from_env, "not a database", -1, NULL));
    run_env (fixture, env, &run, ARGS ("check"));
    assert_status (&run, 1);
    assert_contains (run.err, from_env);
  }
  /* the default, in the user's data folder, private to the user */
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

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/cli/version", test_version);
  ADD ("/cli/help", test_help);
  ADD ("/cli/help/command", test_command_help);
  ADD ("/cli/usage-errors", test_usage_errors);
  ADD ("/cli/init/sample-then-check", test_init_and_check);
  ADD ("/cli/init/empty", test_init_empty);
  ADD ("/cli/init/sample-twice", test_init_sample_twice);
  ADD ("/cli/check/not-sqlite", test_check_not_sqlite);
  ADD ("/cli/check/missing-file", test_check_missing_file);
  ADD ("/cli/check/damaged", test_check_damaged);
  ADD ("/cli/backup/round-trip", test_backup);
  ADD ("/cli/backup/missing-folder", test_backup_missing_folder);
  ADD ("/cli/stats/sample", test_stats);
  ADD ("/cli/chart/formats", test_chart);
  ADD ("/cli/chart/usage-errors", test_chart_usage_errors);
  ADD ("/cli/stats/empty", test_stats_empty);
  ADD ("/cli/database/precedence", test_database_precedence);
#undef ADD

  return g_test_run ();
}
