/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "report-fixtures"

#include "config.h"

#include "csp-records.h"
#include "csp-sample.h"
#include "csp-store.h"
#include "report-fixtures.h"
#include "test-engine.h"

/* Made-up reports for the report tests and the benchmark: the sample
 * partnership in a temporary database on the run's engine
 * (tests/test-engine.h), its activities replaced by as many generated
 * ones as asked, or report content made by hand. */

static const char *const words[] = {
  "residents", "partners",  "safety",   "online",   "webinar",    "survey",      "police",
  "council",   "community", "scams",    "burglary", "awareness",  "youth",       "parks",
  "campaign",  "lockdown",  "outreach", "leaflets", "volunteers", "reassurance",
};

/* Some words, more or fewer: cells of varied heights. */
static char *
make_words (GRand *rand, guint min, guint max)
{
  GString *text = g_string_new (NULL);
  guint n = (guint) g_rand_int_range (rand, (gint32) min, (gint32) max + 1);

  for (guint i = 0; i < n; i++)
    {
      if (i > 0)
        g_string_append_c (text, ' ');
      g_string_append (text, words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))]);
    }
  if (text->len > 0)
    text->str[0] = g_ascii_toupper (text->str[0]);
  return g_string_free (text, FALSE);
}

static void
drop_location_cb (gpointer location)
{
  test_engine_drop_location (location);
  g_free (location);
}

static CspDatabase *
open_sample (const char *location, GError **error)
{
  g_autoptr (CspDatabase) database = csp_database_open (location, error);
  g_autoptr (CspStore) store = NULL;

  if (database == NULL)
    return NULL;
  store = csp_store_new (database);
  if (!csp_sample_load (store, error))
    return NULL;
  return g_steal_pointer (&database);
}

/**
 * report_fixture_new_sample:
 * @dir: a folder of the test's own
 *
 * Loads the sample partnership into a new database on the run's engine
 * (tests/test-engine.h), for a test that hands its location on, as to
 * csp-engage-cli --database.
 *
 * Returns: (transfer full): the database's location; the caller removes
 *   it with test_engine_drop_location()
 */
char *
report_fixture_new_sample (const char *dir, GError **error)
{
  g_autofree char *location = test_engine_new_location (dir, "sample.db");
  g_autoptr (CspDatabase) database = open_sample (location, error);

  if (database == NULL)
    {
      test_engine_drop_location (location);
      return NULL;
    }
  return g_steal_pointer (&location);
}

/**
 * report_fixture_open_sample:
 * @dir: a folder of the test's own
 *
 * A new database on the run's engine holding the sample partnership. A
 * server database is dropped when the last reference to the returned
 * object goes, so that callers tear down as they would a file in @dir.
 *
 * Returns: (transfer full): the database
 */
CspDatabase *
report_fixture_open_sample (const char *dir, GError **error)
{
  g_autofree char *location = test_engine_new_location (dir, "sample.db");
  g_autoptr (CspDatabase) database = open_sample (location, error);

  if (database == NULL)
    {
      test_engine_drop_location (location);
      return NULL;
    }
  /* Object data is cleared after the database's own finalize has closed
   * the connection. */
  g_object_set_data_full (G_OBJECT (database), "report-fixture-location",
                          g_steal_pointer (&location), drop_location_cb);
  return g_steal_pointer (&database);
}

/**
 * report_fixture_replace_activities:
 *
 * Deletes the activities and adds @n_activities made up ones, spread over
 * the sample report's period (June 2020 to May 2021), all in its appendix.
 */
gboolean
report_fixture_replace_activities (CspDatabase *database, guint n_activities, GError **error)
{
  static const char *const formats[] = { "webinar", "event", "survey", "social_media", "meeting" };
  static const char *const modes[] = { "online", "in_person", "hybrid" };
  g_autoptr (CspStore) store = csp_store_new (database);
  g_autoptr (GRand) rand = g_rand_new_with_seed (2021);
  g_autoptr (GDate) start = g_date_new_dmy (1, G_DATE_JUNE, 2020);

  if (!csp_database_begin (database, error))
    return FALSE;
  if (!csp_database_exec (database, "DELETE FROM activity", error))
    goto failed;
  for (guint i = 0; i < n_activities; i++)
    {
      g_autoptr (CspRecord) activity = csp_record_new (CSP_TYPE_ACTIVITY);
      g_autoptr (GDate) date = g_date_copy (start);
      g_autofree char *title = make_words (rand, 3, 9);
      g_autofree char *numbered = g_strdup_printf ("Activity %04u: %s", i + 1, title);
      g_autofree char *audience = make_words (rand, 1, 8);
      g_autofree char *location = make_words (rand, 1, 5);
      g_autofree char *outcome = make_words (rand, 0, 40);
      gint64 partners[2];
      char iso[16];

      g_date_add_days (date, i * 365 / MAX (n_activities, 1));
      g_date_strftime (iso, sizeof iso, "%Y-%m-%d", date);
      csp_record_set_string (activity, "title", numbered);
      csp_record_set_string (activity, "start_date", iso);
      csp_record_set_string (activity, "format", formats[i % G_N_ELEMENTS (formats)]);
      csp_record_set_string (activity, "mode", modes[i % G_N_ELEMENTS (modes)]);
      csp_record_set_string (activity, "status", "delivered");
      csp_record_set_string (activity, "location", location);
      csp_record_set_string (activity, "audience", audience);
      if (*outcome != '\0')
        csp_record_set_string (activity, "outcome", outcome);
      csp_record_set_int (activity, "lead_partner_id", 1 + i % 5);
      csp_record_set_int (activity, "participants", g_rand_int_range (rand, 5, 400));
      if (i % 3 == 0)
        csp_record_set_int (activity, "reach", g_rand_int_range (rand, 100, 50000));
      partners[0] = 1 + (i + 1) % 5;
      partners[1] = 1 + (i + 2) % 5;
      csp_record_set_partner_ids (activity, partners, i % 2 + 1);
      if (!csp_store_insert (store, activity, error))
        goto failed;
    }
  return csp_database_commit (database, error);

failed:
  csp_database_rollback (database);
  return FALSE;
}

/**
 * report_fixture_content:
 * @n_rows: appendix rows to make
 * @seed: varies the rows' text (and so their heights)
 *
 * Returns: (transfer full): content made by hand: three sections and an
 *   appendix of @n_rows rows of from one to a dozen lines, no charts
 */
CspReportContent *
report_fixture_content (guint n_rows, guint seed)
{
  CspReportContent *content = csp_report_content_new ();
  g_autoptr (GRand) rand = g_rand_new_with_seed (seed);

  g_free (content->council_name);
  content->council_name = g_strdup ("Test Borough Council");
  g_free (content->committee);
  content->committee = g_strdup ("Overview and Scrutiny Committee");
  g_free (content->meeting_date);
  content->meeting_date = g_strdup ("2021-07-05");
  g_free (content->report_of);
  content->report_of = g_strdup ("Corporate Director (Housing and Communities)");
  g_free (content->title);
  content->title = g_strdup ("Generated Report");
  g_free (content->author);
  content->author = g_strdup ("A. Author");
  content->author_title = g_strdup ("Tester");
  g_free (content->report_date);
  content->report_date = g_strdup ("2021-06-14");
  content->period_start = g_strdup ("2020-06-01");
  content->period_end = g_strdup ("2021-05-31");
  g_ptr_array_set_size (content->charts, 0);

  csp_report_content_append_section (content, "Executive Summary",
                                     "First paragraph.\n\nSecond paragraph.");
  csp_report_content_append_section (content, "Recommendation(s)", "The Committee notes it.");
  csp_report_content_append_section (content, "Explanation",
                                     "A longer paragraph of explanation that goes on for a "
                                     "while so that it wraps onto more than one line of the "
                                     "page, as paragraphs in reports do.");
  for (guint i = 0; i < n_rows; i++)
    {
      g_autofree char *title = make_words (rand, 2, 10);
      g_autofree char *numbered = g_strdup_printf ("Row %03u %s", i, title);
      g_autofree char *partners = make_words (rand, 1, 6);
      g_autofree char *channel = make_words (rand, 1, 4);
      g_autofree char *audience = make_words (rand, 1, 6);
      g_autofree char *outcome = make_words (rand, 0, 60);
      const char *cells[CSP_REPORT_N_COLUMNS] = {
        "1 Jun 2020", numbered, partners, channel, audience, "45 / 2,300", outcome,
      };

      csp_report_content_append_row (content, i + 1, "2020-06-01", cells);
    }
  return content;
}
