/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-engines-agree"

#include "config.h"

#include <locale.h>
#include <string.h>

#include "csp-chart-standard.h"
#include "csp-chart-table.h"
#include "csp-records.h"
#include "csp-report-content.h"
#include "csp-stats.h"
#include "csp-store.h"
#include "test-cli-run.h"
#include "test-engine.h"
#include "test-folder.h"
#include "test-tools.h"

/* The sample partnership on an SQLite file and on a PostgreSQL server
 * database, loaded by `csp-engage-cli init --sample` as a person would:
 * whatever a person reads of it, the committee report, the standard
 * charts' figures and `stats`, must be the same word for word and figure
 * for figure. So must they once records the sample lacks are added, made
 * to catch where the engines differ: names that differ in case alone or
 * are not ASCII, ties, empty short names, periods' end days, numbers past
 * 32 bits. Run only in the 'postgresql' suite, with a server. */

typedef struct
{
  char *dir;
  /* Index 0 the SQLite file, 1 the server database. */
  char *locations[2];
  CspDatabase *databases[2];
} Fixture;

static const char *const engine_names[] = { "sqlite", "postgresql" };

/* Runs the program on @location with the arguments that follow @run,
 * NULL-terminated, in the fixture's folder and with it as home. */
static void
run_cli (Fixture *fixture, const char *location, TestCliRun *run, ...)
{
  g_autoptr (GPtrArray) args = g_ptr_array_new ();
  g_auto (GStrv) env = test_cli_environ_at_home (fixture->dir, fixture->dir);
  const char *arg;
  va_list ap;

  g_ptr_array_add (args, "--database");
  g_ptr_array_add (args, (char *) location);
  va_start (ap, run);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (args, (char *) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);

  test_cli_run (run, fixture->dir, env, (const char *const *) args->pdata);
  if (run->status != 0)
    g_error ("csp-engage-cli on %s failed (%d): %s", location, run->status, run->err);
}

static void
fixture_set_up (Fixture *fixture, gconstpointer user_data)
{
  if (!test_engine_is_postgresql ())
    {
      g_test_skip ("compares SQLite with PostgreSQL: run with CSP_TEST_ENGINE=postgresql");
      return;
    }
  if (g_getenv ("CSP_CLI") == NULL)
    {
      g_test_skip ("CSP_CLI is not set: run through meson test");
      return;
    }
  fixture->dir = test_folder_new ("csp-test-engines-agree");
  fixture->locations[0] = g_build_filename (fixture->dir, "sample.db", NULL);
  fixture->locations[1] = test_engine_new_location (fixture->dir, "sample.db");
  g_assert_true (csp_database_location_is_server (fixture->locations[1]));
  for (guint i = 0; i < G_N_ELEMENTS (fixture->locations); i++)
    {
      g_auto (TestCliRun) init = { 0 };
      g_autoptr (GError) error = NULL;

      run_cli (fixture, fixture->locations[i], &init, "init", "--sample", NULL);
      fixture->databases[i] = csp_database_open_full (fixture->locations[i], CSP_DATABASE_OPEN_NONE,
                                                      CSP_DATABASE_BUSY_TIMEOUT_MS, &error);
      g_assert_no_error (error);
    }
  g_assert_cmpint (csp_database_get_engine (fixture->databases[0]), ==, CSP_ENGINE_SQLITE);
  g_assert_cmpint (csp_database_get_engine (fixture->databases[1]), ==, CSP_ENGINE_POSTGRESQL);
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer user_data)
{
  for (guint i = 0; i < G_N_ELEMENTS (fixture->databases); i++)
    g_clear_object (&fixture->databases[i]);
  test_engine_drop_location (fixture->locations[1]);
  if (fixture->dir != NULL)
    test_folder_remove (fixture->dir);
  for (guint i = 0; i < G_N_ELEMENTS (fixture->locations); i++)
    g_free (fixture->locations[i]);
  g_free (fixture->dir);
}

static gboolean
skipped (Fixture *fixture)
{
  return fixture->dir == NULL || g_test_failed ();
}

/* Fails the test when @what differs between the engines, with the
 * difference as `diff -u` shows it (or the first line that differs). */
static void
assert_same (Fixture *fixture, const char *what, const char *sqlite_text,
             const char *postgresql_text)
{
  g_autofree char *diff_program = g_find_program_in_path ("diff");
  g_autofree char *report = NULL;

  if (g_strcmp0 (sqlite_text, postgresql_text) == 0)
    return;

  if (diff_program != NULL)
    {
      const char *texts[] = { sqlite_text, postgresql_text };
      char *paths[2];
      g_autoptr (GError) error = NULL;

      for (guint i = 0; i < 2; i++)
        {
          g_autofree char *name = g_strdup_printf ("%s.%s.txt", what, engine_names[i]);

          g_strdelimit (name, "/ ", '-');
          paths[i] = g_build_filename (fixture->dir, name, NULL);
          g_file_set_contents (paths[i], texts[i], -1, &error);
          g_assert_no_error (error);
        }
      g_spawn_sync (NULL,
                    (char **) (const char *const[]){ diff_program, "-u", "--label", "sqlite",
                                                     "--label", "postgresql", paths[0], paths[1],
                                                     NULL },
                    NULL, G_SPAWN_DEFAULT, NULL, NULL, &report, NULL, NULL, &error);
      g_assert_no_error (error);
      g_free (paths[0]);
      g_free (paths[1]);
    }
  else
    {
      g_auto (GStrv) a = g_strsplit (sqlite_text, "\n", -1);
      g_auto (GStrv) b = g_strsplit (postgresql_text, "\n", -1);
      guint i = 0;

      while (a[i] != NULL && b[i] != NULL && g_str_equal (a[i], b[i]))
        i++;
      report = g_strdup_printf ("line %u:\n-%s\n+%s\n", i + 1, a[i] != NULL ? a[i] : "(end)",
                                b[i] != NULL ? b[i] : "(end)");
    }

  {
    g_auto (GStrv) lines = g_strsplit (report, "\n", -1);

    g_test_message ("%s differs between SQLite (-) and PostgreSQL (+):", what);
    for (guint i = 0; lines[i] != NULL; i++)
      g_test_message ("%s", lines[i]);
  }
  g_test_fail_printf ("%s differs between SQLite and PostgreSQL (the diff is above)", what);
}

static void
test_report_text (Fixture *fixture, gconstpointer user_data)
{
  g_autofree char *pdftotext = NULL;
  char *texts[2] = { NULL, NULL };

  if (skipped (fixture))
    return;
  pdftotext = g_find_program_in_path ("pdftotext");
  if (pdftotext == NULL)
    {
      test_tools_missing ("pdftotext is not installed (poppler-utils)");
      return;
    }
  for (guint i = 0; i < 2; i++)
    {
      g_auto (TestCliRun) run = { 0 };
      g_autofree char *name = g_strdup_printf ("report-%s.pdf", engine_names[i]);
      g_autofree char *pdf = g_build_filename (fixture->dir, name, NULL);
      g_autoptr (GError) error = NULL;
      int status = 0;

      run_cli (fixture, fixture->locations[i], &run, "report", "-o", pdf, NULL);
      g_spawn_sync (NULL, (char **) (const char *const[]){ pdftotext, "-layout", pdf, "-", NULL },
                    NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &texts[i], NULL, &status, &error);
      g_assert_no_error (error);
      g_spawn_check_wait_status (status, &error);
      g_assert_no_error (error);
    }
  /* A report with no words would agree as well. */
  g_assert_nonnull (strstr (texts[0], "Appendix A"));
  assert_same (fixture, "report text", texts[0], texts[1]);
  g_free (texts[0]);
  g_free (texts[1]);
}

static const char *
or_none (const char *text)
{
  return text != NULL ? text : "(none)";
}

/* The report's content as gathered from the database, field by field:
 * what the PDF is drawn from, and readable where a tool is missing. */
static char *
describe_content (const CspReportContent *content)
{
  GString *text = g_string_new (NULL);

  g_string_append_printf (text, "report %" G_GINT64_FORMAT "\n", content->report_id);
  g_string_append_printf (text, "council: %s\ncommittee: %s\nmeeting: %s\nreport of: %s\n",
                          content->council_name, content->committee, content->meeting_date,
                          content->report_of);
  g_string_append_printf (text, "title: %s\nauthor: %s (%s)\ndate: %s\nstatus: %s\n",
                          content->title, content->author, or_none (content->author_title),
                          content->report_date, content->status);
  g_string_append_printf (text, "period: %s to %s\n", or_none (content->period_start),
                          or_none (content->period_end));
  for (guint i = 0; i < content->sections->len; i++)
    {
      const CspReportSectionContent *section = g_ptr_array_index (content->sections, i);

      g_string_append_printf (text, "section %u %s\n", section->number, section->heading);
      for (guint j = 0; section->paragraphs[j] != NULL; j++)
        g_string_append_printf (text, "  %u.%u %s\n", section->number, j + 1,
                                section->paragraphs[j]);
    }
  g_string_append_printf (text, "activities appendix: %s\n",
                          content->activities_appendix ? "yes" : "no");
  for (guint i = 0; i < content->rows->len; i++)
    {
      const CspReportRow *row = g_ptr_array_index (content->rows, i);

      g_string_append_printf (text, "row %" G_GINT64_FORMAT " %s\n", row->activity_id,
                              row->start_date);
      for (guint c = 0; c < CSP_REPORT_N_COLUMNS; c++)
        g_string_append_printf (text, "  %s: %s\n", csp_report_column_get_title (c), row->cells[c]);
    }
  for (guint i = 0; i < content->charts->len; i++)
    g_string_append_printf (text, "chart %s\n",
                            (const char *) g_ptr_array_index (content->charts, i));
  return g_string_free (text, FALSE);
}

static void
test_report_content (Fixture *fixture, gconstpointer user_data)
{
  /* The report's own period, then one of a single month. */
  static const char *const periods[][2] = { { NULL, NULL }, { "2020-10-01", "2020-10-31" } };

  if (skipped (fixture))
    return;
  for (guint p = 0; p < G_N_ELEMENTS (periods); p++)
    {
      char *texts[2];
      g_autofree char *what = g_strdup_printf ("report content from %s to %s",
                                               periods[p][0] != NULL ? periods[p][0] : "start",
                                               periods[p][1] != NULL ? periods[p][1] : "end");

      for (guint i = 0; i < 2; i++)
        {
          g_autoptr (GError) error = NULL;
          g_autoptr (CspReportContent) content = csp_report_content_load (
              fixture->databases[i], 0, periods[p][0], periods[p][1], &error);

          g_assert_no_error (error);
          g_assert_cmpuint (content->rows->len, >, 0);
          texts[i] = describe_content (content);
        }
      assert_same (fixture, what, texts[0], texts[1]);
      g_free (texts[0]);
      g_free (texts[1]);
    }
}

/* A standard chart as its figures: what the chart says of itself, the
 * categories and series with their keys, every value, and its table (the
 * text a "show as table" view and a screen reader give). */
static char *
describe_chart (CspChart *chart)
{
  CspChartData *data = csp_chart_get_data (chart);
  g_autoptr (CspChartTable) table = csp_chart_table_new (chart);
  GString *text = g_string_new (NULL);
  guint n_categories = csp_chart_data_get_n_categories (data);

  g_string_append_printf (text, "title: %s\nsubtitle: %s\nvalue title: %s\nnote: %s\n",
                          csp_chart_get_title (chart), csp_chart_get_subtitle (chart),
                          or_none (csp_chart_get_value_title (chart)),
                          or_none (csp_chart_data_get_note (data)));
  g_string_append_printf (text, "year starts in month %d\n",
                          csp_chart_get_year_start_month (chart));
  for (guint c = 0; c < n_categories; c++)
    g_string_append_printf (text, "category %u: %s = %s\n", c,
                            csp_chart_data_get_category_key (data, c),
                            csp_chart_data_get_category_label (data, c));
  for (guint s = 0; s < csp_chart_data_get_n_series (data); s++)
    {
      guint n_values = 0;
      const double *values = csp_chart_data_get_values (data, s, &n_values);

      g_string_append_printf (text, "series %u: %s = %s:", s,
                              csp_chart_data_get_series_key (data, s),
                              csp_chart_data_get_series_label (data, s));
      for (guint c = 0; c < n_values; c++)
        g_string_append_printf (text, " %.17g", values[c]);
      g_string_append_c (text, '\n');
    }
  for (guint r = 0; r < table->n_rows; r++)
    {
      g_string_append (text, "table:");
      for (guint c = 0; c < table->n_columns; c++)
        g_string_append_printf (text, " | %s", csp_chart_table_get (table, r, c));
      g_string_append_c (text, '\n');
    }
  return g_string_free (text, FALSE);
}

static void
test_charts (Fixture *fixture, gconstpointer user_data)
{
  const char *const *names = csp_standard_chart_get_names ();
  g_autoptr (GError) error = NULL;
  g_autoptr (CspReportContent) report = NULL;
  g_autofree char *report_from = NULL;
  g_autofree char *report_to = NULL;
  guint n_compared = 0;

  if (skipped (fixture))
    return;
  /* The sample report's period, as months; then every month with
   * figures, and each end left open. */
  report = csp_report_content_load (fixture->databases[0], 0, NULL, NULL, &error);
  g_assert_no_error (error);
  report_from = g_strndup (report->period_start, 7);
  report_to = g_strndup (report->period_end, 7);
  {
    const char *periods[][2] = {
      { report_from, report_to },
      { NULL, NULL },
      { report_from, NULL },
      { NULL, report_to },
    };

    for (guint n = 0; names[n] != NULL; n++)
      for (guint p = 0; p < G_N_ELEMENTS (periods); p++)
        {
          char *texts[2];
          g_autofree char *what = g_strdup_printf ("chart %s from %s to %s", names[n],
                                                   periods[p][0] != NULL ? periods[p][0] : "start",
                                                   periods[p][1] != NULL ? periods[p][1] : "end");

          for (guint i = 0; i < 2; i++)
            {
              g_autoptr (CspChart) chart = csp_standard_chart_new (
                  fixture->databases[i], names[n], periods[p][0], periods[p][1], &error);

              g_assert_no_error (error);
              /* Figures that agree by being empty prove nothing. */
              g_assert_false (csp_chart_data_is_empty (csp_chart_get_data (chart)));
              texts[i] = describe_chart (chart);
            }
          assert_same (fixture, what, texts[0], texts[1]);
          g_free (texts[0]);
          g_free (texts[1]);
          n_compared++;
        }
  }
  g_assert_cmpuint (n_compared, ==, 4 * g_strv_length ((char **) names));
}

static gint64
insert (CspStore *store, CspRecord *record)
{
  g_autoptr (GError) error = NULL;

  csp_store_insert (store, record, &error);
  g_assert_no_error (error);
  return csp_record_get_id (record);
}

static gint64
add_partner (CspStore *store, const char *name, const char *short_name)
{
  g_autoptr (CspRecord) record = csp_record_new (CSP_TYPE_PARTNER);

  csp_record_set_string (record, "name", name);
  if (short_name != NULL)
    csp_record_set_string (record, "short_name", short_name);
  csp_record_set_string (record, "kind", "council");
  return insert (store, record);
}

static void
add_activity (CspStore *store, const char *title, const char *start_date, const char *end_date,
              const char *location, gint64 reach, gint64 lead, const gint64 *partners,
              guint n_partners)
{
  g_autoptr (CspRecord) record = csp_record_new (CSP_TYPE_ACTIVITY);

  csp_record_set_string (record, "title", title);
  csp_record_set_string (record, "start_date", start_date);
  if (end_date != NULL)
    csp_record_set_string (record, "end_date", end_date);
  if (location != NULL)
    csp_record_set_string (record, "location", location);
  csp_record_set_string (record, "format", "event");
  csp_record_set_string (record, "mode", "hybrid");
  csp_record_set_string (record, "status", "delivered");
  if (reach >= 0)
    csp_record_set_int (record, "reach", reach);
  if (lead != 0)
    csp_record_set_int (record, "lead_partner_id", lead);
  csp_record_set_partner_ids (record, partners, n_partners);
  insert (store, record);
}

/* The same awkward records in each database, through the store as a
 * person would add them. */
static void
add_awkward_records (CspDatabase *database)
{
  g_autoptr (CspStore) store = csp_store_new (database);
  g_autoptr (CspRecord) channel = csp_record_new (CSP_TYPE_CHANNEL);
  g_autoptr (CspRecord) metric = csp_record_new (CSP_TYPE_METRIC);
  static const char *const months[] = { "2020-07", "2021-05", "2019-12" };
  gint64 ids[6];

  /* NOCASE and lower (x COLLATE "C") fold "abc" and "Abc" alike; a
   * language's collation would, besides, put "Émile" among the Es and
   * "zeta" before "Zeta". */
  ids[0] = add_partner (store, "abc Housing", "");
  ids[1] = add_partner (store, "Abc Housing", NULL);
  ids[2] = add_partner (store, "ABD Housing", "ABD");
  ids[3] = add_partner (store, "Émile Youth Club", NULL);
  ids[4] = add_partner (store, "zeta Trust", NULL);
  ids[5] = add_partner (store, "Zeta Trust", "zeta");

  /* One activity each: a tie of lead partners at one activity, on the
   * report period's last day. */
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    add_activity (store, "Tied lead partner", "2021-05-31", NULL, NULL, -1, ids[i], NULL, 0);
  /* No lead, every new partner supporting, on the period's first day,
   * a location of spaces alone, a reach past 32 bits. */
  add_activity (store, "Supported by all", "2020-06-01", NULL, "   ",
                G_GINT64_CONSTANT (5000000000), 0, ids, G_N_ELEMENTS (ids));
  add_activity (store, "Émile’s day out  ", "2020-12-31", "2021-01-01", " Émile’s ", 0, ids[4],
                ids + 3, 3);

  csp_record_set_string (channel, "name", "Émile Radio");
  csp_record_set_string (channel, "kind", "social_media");
  csp_record_set_int (metric, "channel_id", insert (store, channel));
  csp_record_set_string (metric, "name", "Listeners");
  csp_record_set_string (metric, "kind", "reach");
  insert (store, metric);
  for (guint i = 0; i < G_N_ELEMENTS (months); i++)
    {
      g_autoptr (CspRecord) value = csp_record_new (CSP_TYPE_METRIC_VALUE);

      csp_record_set_int (value, "metric_id", csp_record_get_id (metric));
      csp_record_set_string (value, "month", months[i]);
      csp_record_set_int (value, "value", G_GINT64_CONSTANT (3000000000) + i);
      insert (store, value);
    }
}

static char *
describe_stats (CspDatabase *database)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) years = csp_stats_by_financial_year (database, &error);
  GString *text = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < years->len; i++)
    {
      const CspYearStats *year = &g_array_index (years, CspYearStats, i);

      g_string_append_printf (text,
                              "%d: %" G_GINT64_FORMAT " activities, %" G_GINT64_FORMAT
                              " online, %" G_GINT64_FORMAT " in person, %" G_GINT64_FORMAT
                              " hybrid, %" G_GINT64_FORMAT " participants, %" G_GINT64_FORMAT
                              " reach\n",
                              year->year_start, year->activities, year->online, year->in_person,
                              year->hybrid, year->participants, year->reach);
    }
  return g_string_free (text, FALSE);
}

static void
test_awkward_records (Fixture *fixture, gconstpointer user_data)
{
  const char *const *names = csp_standard_chart_get_names ();
  char *texts[2];

  if (skipped (fixture))
    return;
  for (guint i = 0; i < 2; i++)
    add_awkward_records (fixture->databases[i]);

  for (guint i = 0; i < 2; i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (CspReportContent) content =
          csp_report_content_load (fixture->databases[i], 0, NULL, NULL, &error);

      g_assert_no_error (error);
      texts[i] = describe_content (content);
    }
  g_assert_nonnull (
      strstr (texts[0], "Abc Housing, abc Housing, ABD, zeta, zeta Trust, Émile Youth Club"));
  assert_same (fixture, "report content", texts[0], texts[1]);
  g_free (texts[0]);
  g_free (texts[1]);

  for (guint n = 0; names[n] != NULL; n++)
    for (guint p = 0; p < 2; p++)
      {
        g_autofree char *what =
            g_strdup_printf ("chart %s%s", names[n], p == 0 ? "" : " in 2020-21");

        for (guint i = 0; i < 2; i++)
          {
            g_autoptr (GError) error = NULL;
            g_autoptr (CspChart) chart =
                csp_standard_chart_new (fixture->databases[i], names[n], p == 0 ? NULL : "2020-04",
                                        p == 0 ? NULL : "2021-03", &error);

            g_assert_no_error (error);
            texts[i] = describe_chart (chart);
          }
        assert_same (fixture, what, texts[0], texts[1]);
        g_free (texts[0]);
        g_free (texts[1]);
      }

  for (guint i = 0; i < 2; i++)
    texts[i] = describe_stats (fixture->databases[i]);
  assert_same (fixture, "stats", texts[0], texts[1]);
  g_free (texts[0]);
  g_free (texts[1]);
}

static void
test_stats (Fixture *fixture, gconstpointer user_data)
{
  g_auto (TestCliRun) sqlite = { 0 };
  g_auto (TestCliRun) postgresql = { 0 };

  if (skipped (fixture))
    return;
  run_cli (fixture, fixture->locations[0], &sqlite, "stats", NULL);
  run_cli (fixture, fixture->locations[1], &postgresql, "stats", NULL);
  g_assert_nonnull (strstr (sqlite.out, "2020-21"));
  assert_same (fixture, "stats", sqlite.out, postgresql.out);
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);
  test_engine_skip_unless_available ();

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/engines/agree/report-text", test_report_text);
  ADD ("/engines/agree/report-content", test_report_content);
  ADD ("/engines/agree/charts", test_charts);
  ADD ("/engines/agree/stats", test_stats);
  ADD ("/engines/agree/awkward-records", test_awkward_records);
#undef ADD
  return g_test_run ();
}
