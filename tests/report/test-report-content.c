/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-report-content"

#include "config.h"

#include <locale.h>
#include <string.h>

#include "csp-dates.h"
#include "csp-records.h"
#include "csp-report-content.h"
#include "csp-store.h"
#include "report-fixtures.h"
#include "test-engine.h"
#include "test-folder.h"

/* What a report prints, gathered from the sample partnership. */

typedef struct
{
  char *dir;
  CspDatabase *database;
} Fixture;

static void
fixture_set_up (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (GError) error = NULL;

  fixture->dir = test_folder_new ("csp-test-report-content");
  fixture->database = report_fixture_open_sample (fixture->dir, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer user_data)
{
  g_clear_object (&fixture->database);
  test_folder_remove (fixture->dir);
  g_free (fixture->dir);
}

static void
test_sample_report (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CspReportContent) content = NULL;
  const CspReportSectionContent *section;

  content = csp_report_content_load (fixture->database, 0, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (content->report_id, ==, 1);
  g_assert_cmpstr (content->council_name, ==, "Welwyn Hatfield Borough Council");
  g_assert_cmpstr (content->meeting_date, ==, "2021-07-05");
  g_assert_cmpstr (content->author, ==, "Bianca Moreira");
  g_assert_cmpstr (content->author_title, ==, "Community Partnerships Manager");
  g_assert_cmpstr (content->period_start, ==, "2020-06-01");
  g_assert_cmpstr (content->period_end, ==, "2021-05-31");

  g_assert_cmpuint (content->sections->len, ==, 13);
  section = g_ptr_array_index (content->sections, 0);
  g_assert_cmpuint (section->number, ==, 1);
  g_assert_cmpstr (section->heading, ==, "Executive Summary");
  g_assert_cmpuint (g_strv_length (section->paragraphs), ==, 2);
  section = g_ptr_array_index (content->sections, 2);
  g_assert_cmpuint (g_strv_length (section->paragraphs), ==, 3);
  g_assert_true (g_str_has_prefix (section->paragraphs[2], "The CSP Action Plan for 2021 – 2022"));
  section = g_ptr_array_index (content->sections, 12);
  g_assert_cmpuint (section->number, ==, 13);
  g_assert_cmpstr (section->heading, ==, "Equality and Diversity");

  g_assert_cmpuint (content->charts->len, ==, 4);
  g_assert_cmpstr (g_ptr_array_index (content->charts, 0), ==, "reach-trend");
}

static void
set_part (CspStore *store, const char *name, gboolean included)
{
  g_autoptr (CspRecord) part = csp_record_new (CSP_TYPE_REPORT_PART);
  g_autoptr (GError) error = NULL;

  csp_record_set_int (part, "report_id", 1);
  csp_record_set_string (part, "kind", "chart");
  csp_record_set_string (part, "name", name);
  csp_record_set_bool (part, "included", included);
  g_assert_true (csp_store_insert (store, part, &error));
  g_assert_no_error (error);
}

/* The default charts are in unless left out; the risk matrix only when
 * taken in, after them. */
static void
test_chosen_charts (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CspReportContent) content = NULL;
  g_autoptr (CspStore) store = csp_store_new (fixture->database);

  g_assert_true (csp_report_content_is_default_chart ("rag-status"));
  g_assert_false (csp_report_content_is_default_chart ("risk-matrix"));
  set_part (store, "lead-partners", FALSE);
  set_part (store, "risk-matrix", TRUE);
  content = csp_report_content_load (fixture->database, 1, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (content->charts->len, ==, 4);
  g_assert_cmpstr (g_ptr_array_index (content->charts, 2), ==, "rag-status");
  g_assert_cmpstr (g_ptr_array_index (content->charts, 3), ==, "risk-matrix");
}

static void
test_appendix_rows (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CspReportContent) content = NULL;
  const CspReportRow *row = NULL;
  gint64 expected = 0;

  content = csp_report_content_load (fixture->database, 1, NULL, NULL, &error);
  g_assert_no_error (error);

  g_assert_true (
      csp_database_query_int (fixture->database,
                              "SELECT count(*) FROM activity WHERE include_in_appendix = 1 "
                              "AND start_date BETWEEN '2020-06-01' AND '2021-05-31'",
                              &expected, &error));
  g_assert_no_error (error);
  g_assert_cmpint (expected, >, 30);
  g_assert_cmpuint (content->rows->len, ==, expected);

  for (guint i = 0; i < content->rows->len; i++)
    {
      row = g_ptr_array_index (content->rows, i);
      g_assert_cmpstr (row->start_date, >=, "2020-06-01");
      g_assert_cmpstr (row->start_date, <=, "2021-05-31");
      if (i > 0)
        g_assert_cmpstr (((CspReportRow *) g_ptr_array_index (content->rows, i - 1))->start_date,
                         <=, row->start_date);
      for (guint c = 0; c < CSP_REPORT_N_COLUMNS; c++)
        g_assert_nonnull (row->cells[c]);
    }

  /* Scams Awareness Fortnight 2020: 15–28 June, 38 people, reach 14,300,
   * led by the council with supporting partners. */
  for (guint i = 0; i < content->rows->len; i++)
    {
      row = g_ptr_array_index (content->rows, i);
      if (g_str_equal (row->cells[CSP_REPORT_COLUMN_ACTIVITY], "Scams Awareness Fortnight 2020"))
        break;
      row = NULL;
    }
  g_assert_nonnull (row);
  g_assert_cmpstr (row->cells[CSP_REPORT_COLUMN_DATE], ==, "15–28 Jun 2020");
  g_assert_cmpstr (row->cells[CSP_REPORT_COLUMN_NUMBERS], ==, "38 / 14,300");
  g_assert_true (strstr (row->cells[CSP_REPORT_COLUMN_PARTNERS], "(lead)") != NULL);
  g_assert_cmpstr (row->cells[CSP_REPORT_COLUMN_CHANNEL], ==, "Twitter, Facebook and Zoom");
}

static void
test_period_override (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CspReportContent) content = NULL;
  g_autoptr (CspReportContent) none = NULL;

  content = csp_report_content_load (fixture->database, 0, "2020-10-01", "2020-10-31", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (content->period_start, ==, "2020-10-01");
  g_assert_cmpuint (content->rows->len, >, 0);
  for (guint i = 0; i < content->rows->len; i++)
    g_assert_true (g_str_has_prefix (
        ((CspReportRow *) g_ptr_array_index (content->rows, i))->start_date, "2020-10"));

  none = csp_report_content_load (fixture->database, 0, "2021-05-31", "2020-06-01", &error);
  g_assert_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_INVALID);
  g_assert_null (none);
  g_clear_error (&error);
  none = csp_report_content_load (fixture->database, 0, "2021-02-30", NULL, &error);
  g_assert_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_INVALID);
  g_assert_null (none);
}

static void
test_not_found (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CspReportContent) content = NULL;
  gint64 id = 0;

  content = csp_report_content_load (fixture->database, 99, NULL, NULL, &error);
  g_assert_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_NOT_FOUND);
  g_assert_null (content);
  g_clear_error (&error);

  g_assert_true (csp_database_exec (fixture->database, "DELETE FROM committee_report", &error));
  g_assert_no_error (error);
  g_assert_false (csp_report_find_latest (fixture->database, &id, &error));
  g_assert_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_NOT_FOUND);
}

static void
test_latest (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CspStatement) stmt = NULL;
  gint64 inserted = 0;
  gint64 id = 0;

  stmt = csp_database_prepare (
      fixture->database,
      "INSERT INTO committee_report (council_name, committee, meeting_date, report_of, title, "
      "author, report_date, status, created_at, updated_at) VALUES ('C', 'K', '2022-07-04', 'R', "
      "'Later report', 'A', '2022-06-13', 'draft', '2022-06-13', '2022-06-13') RETURNING id",
      &error);
  g_assert_no_error (error);
  g_assert_cmpint (csp_statement_step (stmt, &error), ==, CSP_STEP_ROW);
  g_assert_no_error (error);
  inserted = csp_statement_get_int64 (stmt, 0);
  g_assert_true (csp_statement_run (stmt, &error));
  g_assert_no_error (error);
  g_assert_true (csp_report_find_latest (fixture->database, &id, &error));
  g_assert_cmpint (id, ==, inserted);
}

static void
test_formatting (void)
{
  static const struct
  {
    gint64 count;
    const char *text;
  } counts[] = {
    { 0, "0" }, { 45, "45" }, { 999, "999" }, { 2300, "2,300" }, { 1234567, "1,234,567" },
  };
  g_auto (GStrv) paragraphs = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (counts); i++)
    {
      g_autofree char *text = csp_report_format_count (counts[i].count);
      g_assert_cmpstr (text, ==, counts[i].text);
    }

  {
    g_autofree char *a = csp_date_format_long ("2021-07-05");
    g_autofree char *b = csp_date_format_range ("2020-06-09", NULL);
    g_autofree char *c = csp_date_format_range ("2020-06-29", "2020-08-31");
    g_autofree char *d = csp_date_format_range ("2020-12-07", "2021-01-08");
    g_assert_cmpstr (a, ==, "5 July 2021");
    g_assert_cmpstr (b, ==, "9 Jun 2020");
    g_assert_cmpstr (c, ==, "29 Jun – 31 Aug 2020");
    g_assert_cmpstr (d, ==, "7 Dec 2020 – 8 Jan 2021");
  }
  g_assert_true (csp_date_is_valid ("2020-02-29"));
  g_assert_false (csp_date_is_valid ("2021-02-29"));
  g_assert_false (csp_date_is_valid ("2021-2-1"));
  g_assert_false (csp_date_is_valid (NULL));

  paragraphs = csp_report_split_paragraphs ("  One\nline two\n\n\n  Three  \n \nFour\n");
  g_assert_cmpuint (g_strv_length (paragraphs), ==, 3);
  g_assert_cmpstr (paragraphs[0], ==, "One\nline two");
  g_assert_cmpstr (paragraphs[1], ==, "Three");
  g_assert_cmpstr (paragraphs[2], ==, "Four");
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);
  test_engine_skip_unless_available ();

  g_test_add ("/report/content/sample", Fixture, NULL, fixture_set_up, test_sample_report,
              fixture_tear_down);
  g_test_add ("/report/content/chosen-charts", Fixture, NULL, fixture_set_up, test_chosen_charts,
              fixture_tear_down);
  g_test_add ("/report/content/appendix-rows", Fixture, NULL, fixture_set_up, test_appendix_rows,
              fixture_tear_down);
  g_test_add ("/report/content/period-override", Fixture, NULL, fixture_set_up,
              test_period_override, fixture_tear_down);
  g_test_add ("/report/content/not-found", Fixture, NULL, fixture_set_up, test_not_found,
              fixture_tear_down);
  g_test_add ("/report/content/latest", Fixture, NULL, fixture_set_up, test_latest,
              fixture_tear_down);
  g_test_add_func ("/report/content/formatting", test_formatting);
  return g_test_run ();
}
