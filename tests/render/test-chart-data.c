/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-chart-data"

#include "config.h"

#include <locale.h>
#include <math.h>

#include "csp-chart-data.h"
#include "csp-records.h"
#include "csp-risk-matrix-data.h"
#include "csp-store.h"
#include "test-engine.h"
#include "test-folder.h"

/* The standard charts' queries on a temporary database (on the run's
 * engine) filled through the store, as a person would fill it. */

typedef struct
{
  char *dir;
  char *location;
  CspDatabase *database;
  CspStore *store;
  gint64 alpha;
  gint64 beta;
} Fixture;

static gint64
insert (Fixture *fixture, CspRecord *record)
{
  g_autoptr (GError) error = NULL;

  csp_store_insert (fixture->store, record, &error);
  g_assert_no_error (error);
  return csp_record_get_id (record);
}

static gint64
add_partner (Fixture *fixture, const char *name)
{
  g_autoptr (CspRecord) record = csp_record_new (CSP_TYPE_PARTNER);

  csp_record_set_string (record, "name", name);
  csp_record_set_string (record, "kind", "council");
  return insert (fixture, record);
}

static gint64
add_channel (Fixture *fixture, const char *name)
{
  g_autoptr (CspRecord) record = csp_record_new (CSP_TYPE_CHANNEL);

  csp_record_set_string (record, "name", name);
  csp_record_set_string (record, "kind", "social_media");
  return insert (fixture, record);
}

static gint64
add_metric (Fixture *fixture, gint64 channel, const char *kind)
{
  g_autoptr (CspRecord) record = csp_record_new (CSP_TYPE_METRIC);

  csp_record_set_int (record, "channel_id", channel);
  csp_record_set_string (record, "name", kind);
  csp_record_set_string (record, "kind", kind);
  return insert (fixture, record);
}

static void
add_value (Fixture *fixture, gint64 metric, const char *month, gint64 value)
{
  g_autoptr (CspRecord) record = csp_record_new (CSP_TYPE_METRIC_VALUE);

  csp_record_set_int (record, "metric_id", metric);
  csp_record_set_string (record, "month", month);
  csp_record_set_int (record, "value", value);
  insert (fixture, record);
}

static void
add_activity (Fixture *fixture, const char *start_date, const char *mode, const char *status,
              gint64 lead)
{
  g_autoptr (CspRecord) record = csp_record_new (CSP_TYPE_ACTIVITY);

  csp_record_set_string (record, "title", "An activity");
  csp_record_set_string (record, "start_date", start_date);
  csp_record_set_string (record, "format", "event");
  csp_record_set_string (record, "mode", mode);
  csp_record_set_string (record, "status", status);
  if (lead != 0)
    csp_record_set_int (record, "lead_partner_id", lead);
  insert (fixture, record);
}

/* A plan of one priority, with an action per RAG word (NULL for not set). */
static void
add_plan (Fixture *fixture, const char *title, int year, const char *const *rags,
          const char *const *statuses, guint n_actions)
{
  g_autoptr (CspRecord) plan = csp_record_new (CSP_TYPE_PLAN);
  g_autoptr (CspRecord) priority = csp_record_new (CSP_TYPE_PRIORITY);

  csp_record_set_string (plan, "title", title);
  csp_record_set_int (plan, "year_start", year);
  csp_record_set_string (plan, "status", "published");
  insert (fixture, plan);
  csp_record_set_int (priority, "plan_id", csp_record_get_id (plan));
  csp_record_set_int (priority, "position", 0);
  csp_record_set_string (priority, "title", "Keep people safe");
  insert (fixture, priority);
  for (guint i = 0; i < n_actions; i++)
    {
      g_autoptr (CspRecord) action = csp_record_new (CSP_TYPE_ACTION);
      g_autofree char *ref = g_strdup_printf ("%d.%u", year, i + 1);

      csp_record_set_int (action, "priority_id", csp_record_get_id (priority));
      csp_record_set_string (action, "ref", ref);
      csp_record_set_string (action, "title", "An action");
      csp_record_set_string (action, "status", statuses[i]);
      csp_record_set_int (action, "percent_complete", 0);
      if (rags[i] != NULL)
        csp_record_set_string (action, "rag", rags[i]);
      insert (fixture, action);
    }
}

static void
fixture_set_up (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (GError) error = NULL;
  gint64 twitter, facebook, website, twitter_reach;
  const char *rags_2020[] = { "red", "red", "green", NULL, "amber" };
  const char *statuses_2020[] = { "in_progress", "in_progress", "in_progress", "not_started",
                                  "cancelled" };
  const char *rags_2021[] = { "amber", "complete" };
  const char *statuses_2021[] = { "in_progress", "complete" };

  fixture->dir = test_folder_new ("csp-test-chart-data");
  fixture->location = test_engine_new_location (fixture->dir, "csp-engage.db");
  fixture->database = csp_database_open (fixture->location, &error);
  g_assert_no_error (error);
  fixture->store = csp_store_new (fixture->database);

  fixture->alpha = add_partner (fixture, "Alpha Council");
  fixture->beta = add_partner (fixture, "Beta Police");

  /* Reach of two channels; page views and a channel without figures are not reach. */
  twitter = add_channel (fixture, "Twitter");
  facebook = add_channel (fixture, "Facebook");
  website = add_channel (fixture, "Website");
  add_channel (fixture, "Magazine");
  twitter_reach = add_metric (fixture, twitter, "reach");
  add_value (fixture, twitter_reach, "2020-04", 12345);
  add_value (fixture, twitter_reach, "2020-06", 300);
  add_value (fixture, add_metric (fixture, facebook, "reach"), "2020-05", 50);
  add_metric (fixture, twitter, "followers");
  add_value (fixture, add_metric (fixture, website, "page_views"), "2020-05", 9999);

  add_activity (fixture, "2020-04-06", "online", "delivered", fixture->alpha);
  add_activity (fixture, "2020-04-30", "in_person", "planned", fixture->beta);
  add_activity (fixture, "2020-04-15", "online", "cancelled", fixture->alpha);
  add_activity (fixture, "2020-06-01", "hybrid", "delivered", fixture->alpha);
  add_activity (fixture, "2020-06-10", "online", "delivered", 0);
  add_activity (fixture, "2020-07-01", "in_person", "postponed", fixture->beta);
  add_activity (fixture, "2021-03-31", "online", "delivered", fixture->beta);

  add_plan (fixture, "Action Plan 2020-21", 2020, rags_2020, statuses_2020, 5);
  add_plan (fixture, "Action Plan 2021-22", 2021, rags_2021, statuses_2021, 2);
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer user_data)
{
  g_clear_object (&fixture->store);
  g_clear_object (&fixture->database);
  test_engine_drop_location (fixture->location);
  test_folder_remove (fixture->dir);
  g_assert_false (g_file_test (fixture->dir, G_FILE_TEST_EXISTS));
  g_free (fixture->location);
  g_free (fixture->dir);
}

static void
assert_categories (CspChartData *data, const char *const *keys)
{
  guint n = g_strv_length ((char **) keys);

  g_assert_cmpuint (csp_chart_data_get_n_categories (data), ==, n);
  for (guint i = 0; i < n; i++)
    g_assert_cmpstr (csp_chart_data_get_category_key (data, i), ==, keys[i]);
}

static void
assert_values (CspChartData *data, guint series, const double *expected, guint n)
{
  guint n_values = 0;
  const double *values = csp_chart_data_get_values (data, series, &n_values);

  g_assert_cmpuint (n_values, ==, n);
  /* NAN expected is no value: a missing figure, which is never 0. */
  for (guint i = 0; i < n; i++)
    if (isnan (expected[i]) ? !isnan (values[i]) : values[i] != expected[i])
      g_error ("series %u, category %u: %g, not %g", series, i, values[i], expected[i]);
}

static void
test_reach (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CspChartData) all = NULL;
  g_autoptr (CspChartData) wider = NULL;
  g_autoptr (CspChartData) later = NULL;
  const char *months[] = { "2020-04", "2020-05", "2020-06", NULL };
  const char *wider_months[] = { "2020-03", "2020-04", "2020-05", "2020-06", "2020-07", NULL };

  all = csp_chart_data_query_reach_trend (fixture->database, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (csp_chart_data_get_category_kind (all), ==, CSP_CHART_CATEGORY_MONTH);
  assert_categories (all, months);
  g_assert_cmpstr (csp_chart_data_get_category_label (all, 0), ==, "Apr 2020");
  /* A series per channel with reach figures, in the order they were added. */
  g_assert_cmpuint (csp_chart_data_get_n_series (all), ==, 2);
  g_assert_cmpstr (csp_chart_data_get_series_label (all, 0), ==, "Twitter");
  g_assert_cmpstr (csp_chart_data_get_series_key (all, 0), ==, "1");
  g_assert_cmpstr (csp_chart_data_get_series_label (all, 1), ==, "Facebook");
  /* A month without a figure has no value: not 0, which would chart as a fall. */
  assert_values (all, 0, (const double[]){ 12345, NAN, 300 }, 3);
  assert_values (all, 1, (const double[]){ NAN, 50, NAN }, 3);
  g_assert_false (csp_chart_data_has_value (all, 1, 0));
  g_assert_true (csp_chart_data_has_value (all, 1, 1));
  g_assert_false (csp_chart_data_is_empty (all));

  wider = csp_chart_data_query_reach_trend (fixture->database, "2020-03", "2020-07", &error);
  g_assert_no_error (error);
  assert_categories (wider, wider_months);
  assert_values (wider, 0, (const double[]){ NAN, 12345, NAN, 300, NAN }, 5);
  g_assert_true (isnan (csp_chart_data_get_category_total (wider, 0)));
  g_assert_cmpfloat (csp_chart_data_get_category_total (wider, 1), ==, 12345);
  g_assert_cmpfloat (csp_chart_data_get_series_total (wider, 0), ==, 12645);

  later = csp_chart_data_query_reach_trend (fixture->database, "2030-01", "2030-03", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (csp_chart_data_get_n_categories (later), ==, 3);
  g_assert_true (csp_chart_data_is_empty (later));
}

static void
test_bad_period (Fixture *fixture, gconstpointer user_data)
{
  const char *periods[][2] = {
    { "2020-13", NULL },
    { NULL, "April" },
    { "2020-06", "2020-04" },
    { "1020-06", "2020-04" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (periods); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (CspChartData) data = csp_chart_data_query_activities_by_month (
          fixture->database, periods[i][0], periods[i][1], &error);

      g_assert_null (data);
      g_assert_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_INVALID);
    }

  /* A mistyped year far from the others makes too long a period to chart. */
  {
    g_autoptr (CspRecord) value = csp_record_new (CSP_TYPE_METRIC_VALUE);
    g_autoptr (GError) error = NULL;
    g_autoptr (CspChartData) data = NULL;

    csp_record_set_int (value, "metric_id", 1);
    csp_record_set_string (value, "month", "2202-04");
    csp_record_set_int (value, "value", 1);
    insert (fixture, value);
    data = csp_chart_data_query_reach_trend (fixture->database, NULL, NULL, &error);
    g_assert_null (data);
    g_assert_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_INVALID);
    g_clear_error (&error);
    data = csp_chart_data_query_reach_trend (fixture->database, "2020-01", "2020-12", &error);
    g_assert_no_error (error);
    g_assert_nonnull (data);
  }
}

static void
test_activities (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CspChartData) all = NULL;
  g_autoptr (CspChartData) some = NULL;
  const char *months[] = { "2020-05", "2020-06", NULL };

  all = csp_chart_data_query_activities_by_month (fixture->database, NULL, NULL, &error);
  g_assert_no_error (error);
  /* April 2020 to March 2021, every month, the cancelled activity left out. */
  g_assert_cmpuint (csp_chart_data_get_n_categories (all), ==, 12);
  g_assert_cmpstr (csp_chart_data_get_category_key (all, 11), ==, "2021-03");
  g_assert_cmpuint (csp_chart_data_get_n_series (all), ==, 3);
  g_assert_cmpstr (csp_chart_data_get_series_key (all, 0), ==, "online");
  g_assert_cmpstr (csp_chart_data_get_series_label (all, 1), ==, "In person");
  assert_values (all, 0, (const double[]){ 1, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1 }, 12);
  assert_values (all, 1, (const double[]){ 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0 }, 12);
  assert_values (all, 2, (const double[]){ 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0 }, 12);
  g_assert_cmpfloat (csp_chart_data_get_category_total (all, 0), ==, 2);

  /* The first and last days of a month belong to it. */
  some = csp_chart_data_query_activities_by_month (fixture->database, "2020-05", "2020-06", &error);
  g_assert_no_error (error);
  assert_categories (some, months);
  assert_values (some, 0, (const double[]){ 0, 1 }, 2);
  assert_values (some, 2, (const double[]){ 0, 1 }, 2);
  g_clear_object (&some);
  some = csp_chart_data_query_activities_by_month (fixture->database, "2021-03", "2021-03", &error);
  g_assert_no_error (error);
  assert_values (some, 0, (const double[]){ 1 }, 1);
}

static void
test_rag (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CspChartData) latest = NULL;
  g_autoptr (CspChartData) earlier = NULL;
  g_autoptr (CspChartData) none = NULL;
  const char *rags[] = { "red", "amber", "green", "complete", NULL };
  const char *with_not_set[] = { "red", "amber", "green", "complete", "none", NULL };

  /* Every action has a RAG status: no empty "Not set" slice. */
  latest = csp_chart_data_query_rag_status (fixture->database, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (csp_chart_data_get_category_kind (latest), ==, CSP_CHART_CATEGORY_RAG);
  assert_categories (latest, rags);
  g_assert_cmpstr (csp_chart_data_get_note (latest), ==, "Action Plan 2021-22");
  assert_values (latest, 0, (const double[]){ 0, 1, 0, 1 }, 4);

  /* March 2021 is in 2020-21: that year's plan, its cancelled action left
   * out, and one action without a RAG status. */
  earlier = csp_chart_data_query_rag_status (fixture->database, "2020-04", "2021-03", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (csp_chart_data_get_note (earlier), ==, "Action Plan 2020-21");
  assert_categories (earlier, with_not_set);
  g_assert_cmpstr (csp_chart_data_get_category_label (earlier, 4), ==, "Not set");
  assert_values (earlier, 0, (const double[]){ 2, 0, 1, 0, 1 }, 5);

  none = csp_chart_data_query_rag_status (fixture->database, NULL, "2019-12", &error);
  g_assert_no_error (error);
  g_assert_null (csp_chart_data_get_note (none));
  g_assert_true (csp_chart_data_is_empty (none));
}

static gint64
add_risk (Fixture *fixture, const char *title, int likelihood, int impact, const char *status)
{
  g_autoptr (CspRecord) record = csp_record_new (CSP_TYPE_RISK);

  csp_record_set_string (record, "title", title);
  csp_record_set_int (record, "likelihood", likelihood);
  csp_record_set_int (record, "impact", impact);
  csp_record_set_string (record, "status", status);
  return insert (fixture, record);
}

/* Open risks counted in their cells, the closed left out; every cell is
 * there, the highest score first; a cell's detail names its risks. */
static void
test_risk_matrix (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CspChartData) none = NULL;
  g_autoptr (CspChartData) data = NULL;
  g_autoptr (GArray) ids = NULL;
  gint64 funding, venue;
  int high, low, likelihood, impact;

  none = csp_risk_matrix_query (fixture->database, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (csp_chart_data_get_n_categories (none), ==, 25);
  g_assert_true (csp_chart_data_is_empty (none));
  g_assert_cmpstr (csp_chart_data_get_note (none), ==, "No open risks");

  funding = add_risk (fixture, "Funding ends", 4, 5, "open");
  add_risk (fixture, "Old venue closed", 4, 5, "closed");
  venue = add_risk (fixture, "Venue lost", 4, 5, "open");
  add_risk (fixture, "Volunteers leave", 1, 1, "open");
  data = csp_risk_matrix_query (fixture->database, "2020-01", "2020-02", &error);
  g_assert_no_error (error);
  g_assert_cmpint (csp_chart_data_get_category_kind (data), ==, CSP_CHART_CATEGORY_RISK_CELL);
  g_assert_cmpuint (csp_chart_data_get_n_categories (data), ==, 25);
  g_assert_cmpstr (csp_chart_data_get_category_key (data, 0), ==, "5-5");
  g_assert_cmpstr (csp_chart_data_get_category_key (data, 24), ==, "1-1");
  high = csp_chart_data_find_category (data, "4-5");
  low = csp_chart_data_find_category (data, "1-1");
  g_assert_cmpfloat (csp_chart_data_get_value (data, 0, (guint) high), ==, 2);
  g_assert_cmpfloat (csp_chart_data_get_value (data, 0, (guint) low), ==, 1);
  g_assert_cmpfloat (csp_chart_data_get_series_total (data, 0), ==, 3);
  g_assert_cmpstr (csp_chart_data_get_category_detail (data, (guint) high), ==,
                   "Funding ends\nVenue lost");
  g_assert_null (csp_chart_data_get_category_detail (
      data, (guint) csp_chart_data_find_category (data, "5-5")));
  g_assert_cmpstr (csp_chart_data_get_category_label (data, (guint) high), ==,
                   "Likelihood 4 × impact 5");
  g_assert_cmpstr (csp_chart_data_get_note (data), ==, "3 open risks");

  g_assert_true (csp_risk_matrix_parse_key ("4-5", &likelihood, &impact));
  g_assert_cmpint (likelihood, ==, 4);
  g_assert_cmpint (impact, ==, 5);
  g_assert_false (csp_risk_matrix_parse_key ("6-1", &likelihood, &impact));
  g_assert_false (csp_risk_matrix_parse_key ("2020-01", &likelihood, &impact));

  ids = csp_risk_matrix_query_cell (fixture->database, 4, 5, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, 2);
  g_assert_cmpint (g_array_index (ids, gint64, 0), ==, funding);
  g_assert_cmpint (g_array_index (ids, gint64, 1), ==, venue);
}

static void
test_lead_partners (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CspChartData) all = NULL;
  g_autoptr (CspChartData) june = NULL;
  g_autofree char *alpha = g_strdup_printf ("%" G_GINT64_FORMAT, fixture->alpha);
  g_autofree char *beta = g_strdup_printf ("%" G_GINT64_FORMAT, fixture->beta);
  const char *all_keys[] = { beta, alpha, "none", NULL };
  const char *june_keys[] = { alpha, "none", NULL };

  all = csp_chart_data_query_lead_partners (fixture->database, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (csp_chart_data_get_category_kind (all), ==, CSP_CHART_CATEGORY_PARTNER);
  /* Most first; no lead partner last. */
  assert_categories (all, all_keys);
  g_assert_cmpstr (csp_chart_data_get_category_label (all, 0), ==, "Beta Police");
  g_assert_cmpstr (csp_chart_data_get_category_label (all, 2), ==, "No lead partner");
  assert_values (all, 0, (const double[]){ 3, 2, 1 }, 3);

  june = csp_chart_data_query_lead_partners (fixture->database, "2020-06", "2020-06", &error);
  g_assert_no_error (error);
  assert_categories (june, june_keys);
  assert_values (june, 0, (const double[]){ 1, 1 }, 2);
}

/* The period's default end: one channel's figure in early does not make
 * a month complete. */
static void
test_last_full_month (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *month = NULL;
  g_autofree char *later = NULL;

  /* Figures for Twitter, Facebook and the website: May 2020 has two of the
   * three channels, April and June one each. */
  g_assert_true (csp_chart_data_query_last_full_month (fixture->database, &month, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (month, ==, "2020-05");

  /* June's Facebook figure comes in: June is complete enough. */
  add_value (fixture, 2, "2020-06", 70);
  g_assert_true (csp_chart_data_query_last_full_month (fixture->database, &later, &error));
  g_assert_cmpstr (later, ==, "2020-06");
}

static void
test_data_object (void)
{
  g_autoptr (CspChartData) data = csp_chart_data_new (CSP_CHART_CATEGORY_OTHER);

  g_assert_true (csp_chart_data_is_empty (data));
  csp_chart_data_add_series (data, "a", "A");
  csp_chart_data_add_category (data, "x", "X");
  csp_chart_data_add_series (data, "b", "B");
  csp_chart_data_add_category (data, "y", "Y");
  /* Series and categories added in any order have no values yet, not 0. */
  assert_values (data, 0, (const double[]){ NAN, NAN }, 2);
  assert_values (data, 1, (const double[]){ NAN, NAN }, 2);
  g_assert_true (csp_chart_data_is_empty (data));
  g_assert_true (isnan (csp_chart_data_get_category_total (data, 1)));
  csp_chart_data_set_value (data, 1, 1, 7);
  g_assert_cmpfloat (csp_chart_data_get_value (data, 1, 1), ==, 7);
  g_assert_true (csp_chart_data_has_value (data, 1, 1));
  g_assert_false (csp_chart_data_has_value (data, 0, 1));
  g_assert_cmpfloat (csp_chart_data_get_category_total (data, 1), ==, 7);
  g_assert_cmpint (csp_chart_data_find_category (data, "y"), ==, 1);
  g_assert_cmpint (csp_chart_data_find_category (data, "z"), ==, -1);
  g_assert_false (csp_chart_data_is_empty (data));

  g_test_expect_message ("csp-chart-data", G_LOG_LEVEL_CRITICAL, "*category < *");
  csp_chart_data_set_value (data, 0, 2, 1);
  g_test_assert_expected_messages ();
}

static void
assert_shares (const double *values, guint n, const int *expected)
{
  g_autoptr (CspChartData) data = csp_chart_data_new (CSP_CHART_CATEGORY_RAG);
  g_autofree int *percents = g_new0 (int, n);
  int sum = 0;
  gboolean any = FALSE;

  csp_chart_data_add_series (data, "actions", "Actions");
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *key = g_strdup_printf ("%u", i);
      guint category = csp_chart_data_add_category (data, key, key);

      if (!isnan (values[i]))
        csp_chart_data_set_value (data, 0, category, values[i]);
      any = any || values[i] > 0;
    }
  csp_chart_data_get_shares (data, percents);
  for (guint i = 0; i < n; i++)
    {
      g_assert_cmpint (percents[i], ==, expected[i]);
      sum += percents[i];
    }
  g_assert_cmpint (sum, ==, any ? 100 : 0);
}

/* Shares add up to 100, the points left by rounding down going to the
 * largest remainders: the sample plan's 2, 4, 14 and 1 actions read 9%,
 * 19%, 67% and 5%, where rounding each alone gave 10, 19, 67 and 5 (101). */
static void
test_shares (void)
{
  assert_shares ((const double[]){ 2, 4, 14, 1 }, 4, (const int[]){ 9, 19, 67, 5 });
  assert_shares ((const double[]){ 1, 1, 1 }, 3, (const int[]){ 34, 33, 33 });
  assert_shares ((const double[]){ 1, 0, 998, 1 }, 4, (const int[]){ 0, 0, 100, 0 });
  assert_shares ((const double[]){ 3, NAN, 1 }, 3, (const int[]){ 75, 0, 25 });
  assert_shares ((const double[]){ 0, 0 }, 2, (const int[]){ 0, 0 });
}

int
main (int argc, char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);
  test_engine_skip_unless_available ();

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/chart/data/reach-trend", test_reach);
  ADD ("/chart/data/bad-period", test_bad_period);
  ADD ("/chart/data/activities-by-month", test_activities);
  ADD ("/chart/data/rag-status", test_rag);
  ADD ("/chart/data/lead-partners", test_lead_partners);
  ADD ("/chart/data/last-full-month", test_last_full_month);
  ADD ("/chart/data/risk-matrix", test_risk_matrix);
#undef ADD
  g_test_add_func ("/chart/data/object", test_data_object);
  g_test_add_func ("/chart/data/shares", test_shares);
  return g_test_run ();
}
