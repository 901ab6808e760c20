/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-report-content"

#include "config.h"

#include <locale.h>
#include <string.h>

#include "csp-dates.h"
#include "csp-records.h"
#include "csp-report-content.h"
#include "csp-rich-text.h"
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
  {
    /* As typed in Britain, and back. */
    g_autofree char *typed = csp_date_format_typed ("2021-07-05");
    g_autofree char *iso = csp_date_from_typed ("05/07/2021");
    g_autofree char *short_iso = csp_date_from_typed ("5/7/2021");
    g_autofree char *leap = csp_date_from_typed ("29/02/2020");

    g_assert_cmpstr (typed, ==, "05/07/2021");
    g_assert_cmpstr (iso, ==, "2021-07-05");
    g_assert_cmpstr (short_iso, ==, "2021-07-05");
    g_assert_cmpstr (leap, ==, "2020-02-29");
    g_assert_null (csp_date_from_typed ("29/02/2021"));
    g_assert_null (csp_date_from_typed ("2021-07-05"));
    g_assert_null (csp_date_from_typed ("05/07/21"));
    g_assert_null (csp_date_from_typed ("05/07/2021 "));
    g_assert_null (csp_date_from_typed ("+5/07/2021"));
  }

  paragraphs = csp_report_split_paragraphs ("  One\nline two\n\n\n  Three  \n \nFour\n");
  g_assert_cmpuint (g_strv_length (paragraphs), ==, 3);
  g_assert_cmpstr (paragraphs[0], ==, "One\nline two");
  g_assert_cmpstr (paragraphs[1], ==, "Three");
  g_assert_cmpstr (paragraphs[2], ==, "Four");
}

static const CspRichLine *
line_at (GPtrArray *lines, guint i)
{
  return g_ptr_array_index (lines, i);
}

static void
record_piece (gsize start, gsize length, guint style, gboolean marker, gpointer user_data)
{
  g_string_append_printf (user_data, "[%" G_GSIZE_FORMAT "+%" G_GSIZE_FORMAT " %c%u]", start,
                          length, marker ? 'm' : 't', style);
}

/* A paragraph's formatting markup: spans, lists, escapes, and the text
 * written before formatting existed read as it was. */
static void
test_rich_text (void)
{
  g_autoptr (GPtrArray) lines =
      csp_rich_text_parse ("The **8^th^ June** meeting *agreed*:\n- to meet weekly\n"
                           "- to share <data> & plans\n2. a numbered one\nAfter the list.");
  g_autoptr (GPtrArray) plain = csp_rich_text_parse ("Q&A: 5 * 3 = 15, 2^10 is x^2 big; \\* not *");
  g_autoptr (GPtrArray) open = csp_rich_text_parse ("**bold to the end");
  g_autofree char *read = NULL;

  g_assert_cmpuint (lines->len, ==, 5);
  g_assert_cmpint (line_at (lines, 0)->kind, ==, CSP_RICH_LINE_TEXT);
  g_assert_null (line_at (lines, 0)->marker);
  g_assert_cmpstr (line_at (lines, 0)->markup, ==,
                   "The <b>8<sup>th</sup> June</b> meeting <i>agreed</i>:");
  g_assert_cmpstr (line_at (lines, 0)->plain, ==, "The 8th June meeting agreed:");
  g_assert_cmpint (line_at (lines, 1)->kind, ==, CSP_RICH_LINE_BULLET);
  g_assert_cmpstr (line_at (lines, 1)->marker, ==, "•");
  g_assert_cmpstr (line_at (lines, 1)->markup, ==, "to meet weekly");
  g_assert_cmpstr (line_at (lines, 2)->markup, ==, "to share &lt;data&gt; &amp; plans");
  g_assert_cmpint (line_at (lines, 3)->kind, ==, CSP_RICH_LINE_NUMBERED);
  g_assert_cmpstr (line_at (lines, 3)->marker, ==, "2.");
  g_assert_cmpstr (line_at (lines, 4)->plain, ==, "After the list.");

  /* Lone asterisks and carets are text; a backslash keeps one plain. */
  g_assert_cmpuint (plain->len, ==, 1);
  g_assert_cmpstr (line_at (plain, 0)->plain, ==, "Q&A: 5 * 3 = 15, 2^10 is x^2 big; * not *");
  g_assert_cmpstr (line_at (plain, 0)->markup, ==, "Q&amp;A: 5 * 3 = 15, 2^10 is x^2 big; * not *");
  /* A span left open closes at the line's end. */
  g_assert_cmpstr (line_at (open, 0)->markup, ==, "**bold to the end");

  /* Spans that cross are nested right, as Pango and Word need them. */
  {
    g_autoptr (GPtrArray) crossed = csp_rich_text_parse ("**bold *both** italic*");

    g_assert_cmpstr (line_at (crossed, 0)->markup, ==, "<b>bold <i>both</i></b><i> italic</i>");
  }
  /* An editor learns where each piece and marker is. */
  {
    g_autoptr (GString) pieces = g_string_new (NULL);

    csp_rich_text_scan_line ("- a **b**", record_piece, pieces);
    g_assert_cmpstr (pieces->str, ==, "[0+2 m0][2+2 t0][4+2 m1][6+1 t1][7+2 m1]");
  }
  read = csp_rich_text_to_plain ("**Note:**\n- one\n10. ten");
  g_assert_cmpstr (read, ==, "Note:\n• one\n10. ten");
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
  g_test_add_func ("/report/content/rich-text", test_rich_text);
  return g_test_run ();
}
