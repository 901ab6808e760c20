/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-report-limits"

#include "config.h"

#include <string.h>
#include <sys/resource.h>

#include "csp-records.h"
#include "csp-report-content.h"
#include "csp-store.h"
#include "report-fixtures.h"
#include "test-cli-run.h"
#include "test-engine.h"
#include "test-folder.h"

/* The committee report of a database whose every text is as long as the
 * store allows, as one unbroken word or as many words, made by
 * `csp-engage-cli report` as a person would: it is made, its pages are
 * A4, and it takes a bounded share of the processor and of memory. A
 * report that hangs is stopped by a limit on its processor time, never
 * waited for; nothing here depends on the time on the clock. */

/* Far beyond what the report needs (about a second, a few tens of MB),
 * even under the sanitizers: a bound that only a report growing with the
 * square of a text's length, as Pango's breaking of a long word does,
 * would pass. */
#define CPU_SECONDS_BOUND 60
#define CPU_SECONDS_KILL 300
#define MEMORY_BOUND_KB (1024 * 1024)

typedef struct
{
  char *dir;
  char *db;
} Fixture;

static void
fixture_set_up (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (GError) error = NULL;

  if (g_getenv ("CSP_CLI") == NULL)
    {
      g_test_skip ("CSP_CLI is not set: run through meson test");
      return;
    }
  fixture->dir = test_folder_new ("csp-test-report-limits");
  fixture->db = report_fixture_new_sample (fixture->dir, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer user_data)
{
  if (fixture->db != NULL)
    test_engine_drop_location (fixture->db);
  if (fixture->dir != NULL)
    test_folder_remove (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->db);
}

/* The most characters the store allows in @column of @type, of @unit
 * over and over. */
static char *
at_limit (GType type, const char *column, const char *unit)
{
  const CspColumn *found = csp_table_info_find_column (csp_record_type_get_info (type), column);
  guint unit_chars = (guint) g_utf8_strlen (unit, -1);
  GString *text = g_string_new (NULL);
  guint n = 0;

  g_assert_nonnull (found);
  for (; n + unit_chars <= found->max_length; n += unit_chars)
    g_string_append (text, unit);
  for (; n < found->max_length; n++)
    g_string_append_c (text, 'x');
  return g_string_free (text, FALSE);
}

static void
set_at_limit (CspRecord *record, const char *column, const char *unit)
{
  g_autofree char *text = at_limit (G_OBJECT_TYPE (record), column, unit);

  csp_record_set_string (record, column, text);
}

static void
store_ok (CspStore *store, CspRecord *record)
{
  g_autoptr (GError) error = NULL;

  if (csp_record_get_id (record) == 0)
    g_assert_true (csp_store_insert (store, record, &error));
  else
    g_assert_true (csp_store_update (store, record, &error));
  g_assert_no_error (error);
}

/* Fills the sample's latest report, a section of it and two activities of
 * its appendix with texts at their limits. */
static void
fill_to_limits (Fixture *fixture, const char *unit)
{
  static const char *const report_texts[] = {
    "council_name", "committee", "report_of", "title", "author", "author_title",
  };
  static const char *const activity_texts[] = {
    "title", "location", "ward", "audience", "constraints", "outcome",
  };
  g_autoptr (GError) error = NULL;
  g_autoptr (CspDatabase) database = csp_database_open (fixture->db, &error);
  g_autoptr (CspStore) store = NULL;
  g_autoptr (CspRecord) report = NULL;
  g_autoptr (CspRecord) partner = csp_record_new (CSP_TYPE_PARTNER);
  g_autoptr (GPtrArray) sections = NULL;
  CspQuery query = { .ref_column = "report_id" };
  CspRecord *section;
  gint64 report_id = 0;

  g_assert_no_error (error);
  store = csp_store_new (database);
  g_assert_true (csp_report_find_latest (database, &report_id, &error));
  g_assert_no_error (error);
  report = csp_store_get (store, CSP_TYPE_COMMITTEE_REPORT, report_id, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (report_texts); i++)
    set_at_limit (report, report_texts[i], unit);
  store_ok (store, report);

  query.ref_id = report_id;
  sections = csp_store_list (store, CSP_TYPE_REPORT_SECTION, &query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sections->len, >, 0);
  section = g_ptr_array_index (sections, 0);
  set_at_limit (section, "heading", unit);
  set_at_limit (section, "body", unit);
  store_ok (store, section);

  set_at_limit (partner, "name", unit);
  csp_record_set_string (partner, "kind", "other");
  store_ok (store, partner);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr (CspRecord) activity = csp_record_new (CSP_TYPE_ACTIVITY);
      g_autofree char *start = g_strdup_printf ("2020-07-0%u", i + 1);

      for (guint c = 0; c < G_N_ELEMENTS (activity_texts); c++)
        set_at_limit (activity, activity_texts[c], unit);
      csp_record_set_string (activity, "start_date", start);
      csp_record_set_string (activity, "format", "event");
      csp_record_set_string (activity, "mode", "in_person");
      csp_record_set_string (activity, "status", "delivered");
      csp_record_set_int (activity, "lead_partner_id", csp_record_get_id (partner));
      store_ok (store, activity);
    }
}

/* How many pages of @pdf, as cairo writes them, are A4 either way up;
 * @n_pages: (out): how many pages it has */
static guint
count_a4_pages (const char *pdf, gsize length, guint *n_pages)
{
  g_autoptr (GRegex) media_box =
      g_regex_new ("/MediaBox \\[ *0 +0 +([0-9.]+) +([0-9.]+) *\\]", G_REGEX_RAW, 0, NULL);
  g_autoptr (GMatchInfo) match = NULL;
  guint n_a4 = 0;

  *n_pages = 0;
  g_regex_match_full (media_box, pdf, (gssize) length, 0, 0, &match, NULL);
  while (g_match_info_matches (match))
    {
      g_autofree char *width_text = g_match_info_fetch (match, 1);
      g_autofree char *height_text = g_match_info_fetch (match, 2);
      double width = g_ascii_strtod (width_text, NULL);
      double height = g_ascii_strtod (height_text, NULL);

      (*n_pages)++;
      if ((ABS (width - 595.28) < 0.01 && ABS (height - 841.89) < 0.01) ||
          (ABS (width - 841.89) < 0.01 && ABS (height - 595.28) < 0.01))
        n_a4++;
      else
        g_test_message ("a page of %g × %g points", width, height);
      g_match_info_next (match, NULL);
    }
  return n_a4;
}

static double
seconds_of (const struct timeval *time)
{
  return (double) time->tv_sec + (double) time->tv_usec / 1e6;
}

static void
test_report_at_limits (Fixture *fixture, gconstpointer data)
{
  const char *unit = data;
  g_autofree char *pdf = NULL;
  g_autofree char *contents = NULL;
  g_auto (GStrv) env = NULL;
  g_auto (TestCliRun) run = { 0 };
  struct rusage self_usage, before, after;
  struct rlimit cpu, bounded;
  double cpu_seconds;
  gsize length = 0;
  guint n_pages = 0, n_a4;

  if (fixture->dir == NULL)
    return;
  fill_to_limits (fixture, unit);
  pdf = g_build_filename (fixture->dir, "report.pdf", NULL);
  env = test_cli_environ_at_home (fixture->dir, fixture->dir);

  /* A report that never ends is killed by the system, not waited for. */
  g_assert_cmpint (getrlimit (RLIMIT_CPU, &cpu), ==, 0);
  g_assert_cmpint (getrusage (RUSAGE_SELF, &self_usage), ==, 0);
  bounded = cpu;
  bounded.rlim_cur = (rlim_t) (seconds_of (&self_usage.ru_utime) +
                               seconds_of (&self_usage.ru_stime) + CPU_SECONDS_KILL);
  if (cpu.rlim_max != RLIM_INFINITY && bounded.rlim_cur > cpu.rlim_max)
    bounded.rlim_cur = cpu.rlim_max;
  g_assert_cmpint (setrlimit (RLIMIT_CPU, &bounded), ==, 0);
  g_assert_cmpint (getrusage (RUSAGE_CHILDREN, &before), ==, 0);
  test_cli_run (&run, fixture->dir, env,
                (const char *const[]){ "--database", fixture->db, "report", "-o", pdf, NULL });
  g_assert_cmpint (getrusage (RUSAGE_CHILDREN, &after), ==, 0);
  g_assert_cmpint (setrlimit (RLIMIT_CPU, &cpu), ==, 0);

  g_test_message ("exit %d\n%s%s", run.status, run.out, run.err);
  g_assert_cmpint (run.status, ==, 0);
  cpu_seconds = seconds_of (&after.ru_utime) - seconds_of (&before.ru_utime) +
                seconds_of (&after.ru_stime) - seconds_of (&before.ru_stime);
  g_test_message ("%.2f s of processor time, at most %ld kB of memory", cpu_seconds,
                  after.ru_maxrss);
  g_assert_cmpfloat (cpu_seconds, <, CPU_SECONDS_BOUND);
  g_assert_cmpint (after.ru_maxrss, <, MEMORY_BOUND_KB);

  g_assert_true (g_file_get_contents (pdf, &contents, &length, NULL));
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));
  n_a4 = count_a4_pages (contents, length, &n_pages);
  g_test_message ("%u pages", n_pages);
  g_assert_cmpuint (n_pages, >, 10);
  g_assert_cmpuint (n_a4, ==, n_pages);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  test_engine_skip_unless_available ();

  g_test_add ("/report/limits/one-word", Fixture, "W", fixture_set_up, test_report_at_limits,
              fixture_tear_down);
  g_test_add ("/report/limits/many-words", Fixture, "Word wrap ", fixture_set_up,
              test_report_at_limits, fixture_tear_down);
  return g_test_run ();
}
