/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-committee-reports"

#include "config.h"

#include <locale.h>
#include <string.h>

#include "csp-committee-reports.h"
#include "csp-records.h"
#include "csp-ref-choices.h"
#include "report-fixtures.h"
#include "test-engine.h"
#include "test-folder.h"

/* What is done to committee reports as a whole (csp-committee-reports.c),
 * on the sample partnership, without a display: a new report from the
 * section templates, a copy for the next meeting, two sections swapped;
 * each one step of undo. And the choice of a report's meeting: committee
 * meetings only, with their dates, filling its committee and date. */

typedef struct
{
  char *dir;
  CspDatabase *database;
  CspStore *store;
  CspHistory *history;
} Fixture;

/* The sample's report, its committee meetings and a RAG meeting. */
#define SAMPLE_REPORT 1
#define MARCH_COMMITTEE 12
#define JULY_COMMITTEE 18
#define JUNE_RAG 16

static void
fixture_set_up (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (GError) error = NULL;

  fixture->dir = test_folder_new ("csp-test-committee-reports");
  fixture->database = report_fixture_open_sample (fixture->dir, &error);
  g_assert_no_error (error);
  fixture->store = csp_store_new (fixture->database);
  fixture->history = csp_history_new (fixture->store);
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer user_data)
{
  g_clear_object (&fixture->history);
  g_clear_object (&fixture->store);
  g_clear_object (&fixture->database);
  test_folder_remove (fixture->dir);
  g_free (fixture->dir);
}

static GPtrArray *
list (Fixture *fixture, GType type, const char *ref_column, gint64 ref_id, const char *sort)
{
  g_autoptr (GError) error = NULL;
  CspQuery query = { .ref_column = ref_column, .ref_id = ref_id, .sort_column = sort };
  GPtrArray *rows = csp_store_list (fixture->store, type, &query, &error);

  g_assert_no_error (error);
  return rows;
}

static GPtrArray *
list_sections (Fixture *fixture, gint64 report_id)
{
  return list (fixture, CSP_TYPE_REPORT_SECTION, "report_id", report_id, "position");
}

static guint
count (Fixture *fixture, GType type)
{
  g_autoptr (GError) error = NULL;
  guint n = 0;

  g_assert_true (csp_store_count (fixture->store, type, NULL, &n, &error));
  g_assert_no_error (error);
  return n;
}

static CspRecord *
get (Fixture *fixture, GType type, gint64 id)
{
  g_autoptr (GError) error = NULL;
  CspRecord *record = csp_store_get (fixture->store, type, id, &error);

  g_assert_no_error (error);
  return record;
}

static char *
today (void)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  return g_date_time_format (now, "%Y-%m-%d");
}

static void
undo (Fixture *fixture)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (csp_history_undo (fixture->history, &error));
  g_assert_no_error (error);
}

/* A new report has the templates' sections, in their order, and the
 * partnership's defaults; one undo takes it all away. */
static void
test_create (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) templates = list (fixture, CSP_TYPE_SECTION_TEMPLATE, NULL, 0, "position");
  g_autoptr (GPtrArray) sections = NULL;
  g_autoptr (CspRecord) report = NULL;
  g_autofree char *date = today ();
  g_autofree char *undo_text = NULL;
  guint n_sections = count (fixture, CSP_TYPE_REPORT_SECTION);
  gint64 id;

  g_assert_cmpuint (templates->len, ==, 13);
  id = csp_committee_reports_create (fixture->history, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, SAMPLE_REPORT);

  report = get (fixture, CSP_TYPE_COMMITTEE_REPORT, id);
  g_assert_cmpstr (csp_record_get_string (report, "council_name"), ==,
                   "Welwyn Hatfield Borough Council");
  g_assert_cmpstr (csp_record_get_string (report, "committee"), ==,
                   "Overview and Scrutiny Committee");
  g_assert_cmpstr (csp_record_get_string (report, "status"), ==, "draft");
  g_assert_cmpstr (csp_record_get_string (report, "report_date"), ==, date);
  g_assert_true (csp_record_is_null (report, "meeting_id"));
  g_assert_cmpstr (csp_record_get_string (report, "meeting_date"), >, date);

  sections = list_sections (fixture, id);
  g_assert_cmpuint (sections->len, ==, templates->len);
  for (guint i = 0; i < sections->len; i++)
    {
      CspRecord *section = g_ptr_array_index (sections, i);
      CspRecord *template = g_ptr_array_index (templates, i);

      g_assert_cmpint (csp_record_get_int (section, "position"), ==,
                       csp_record_get_int (template, "position"));
      g_assert_cmpstr (csp_record_get_string (section, "heading"), ==,
                       csp_record_get_string (template, "heading"));
      g_assert_cmpstr (csp_record_get_string (section, "body"), ==,
                       csp_record_get_string (template, "body"));
    }
  g_assert_cmpstr (csp_record_get_string (g_ptr_array_index (sections, 0), "heading"), ==,
                   "Executive Summary");

  undo_text = csp_history_describe_undo (fixture->history);
  g_assert_cmpstr (undo_text, ==, "Undo starting the report");
  undo (fixture);
  g_assert_false (csp_history_can_undo (fixture->history));
  g_assert_cmpuint (count (fixture, CSP_TYPE_COMMITTEE_REPORT), ==, 1);
  g_assert_cmpuint (count (fixture, CSP_TYPE_REPORT_SECTION), ==, n_sections);
}

/* For a committee meeting: its committee and date, and the 12 whole
 * months before it. Another kind of meeting, or none, is refused and
 * nothing is written. */
static void
test_create_for_meeting (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CspRecord) report = NULL;
  gint64 id;

  id = csp_committee_reports_create (fixture->history, JULY_COMMITTEE, &error);
  g_assert_no_error (error);
  report = get (fixture, CSP_TYPE_COMMITTEE_REPORT, id);
  g_assert_cmpint (csp_record_get_int (report, "meeting_id"), ==, JULY_COMMITTEE);
  g_assert_cmpstr (csp_record_get_string (report, "committee"), ==,
                   "Overview and Scrutiny Committee");
  g_assert_cmpstr (csp_record_get_string (report, "meeting_date"), ==, "2021-07-05");
  g_assert_cmpstr (csp_record_get_string (report, "period_start"), ==, "2020-07-01");
  g_assert_cmpstr (csp_record_get_string (report, "period_end"), ==, "2021-06-30");

  g_assert_cmpint (csp_committee_reports_create (fixture->history, JUNE_RAG, &error), ==, 0);
  g_assert_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "Responsible Authorities Group"));
  g_clear_error (&error);
  g_assert_cmpint (csp_committee_reports_create (fixture->history, 999, &error), ==, 0);
  g_assert_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_NOT_FOUND);
  g_assert_cmpuint (count (fixture, CSP_TYPE_COMMITTEE_REPORT), ==, 2);
  g_assert_false (csp_database_in_transaction (fixture->database));

  /* Only the first report is a step of undo. */
  undo (fixture);
  g_assert_false (csp_history_can_undo (fixture->history));
}

static void
add_part (Fixture *fixture, gint64 report_id, const char *kind, const char *name, gboolean included)
{
  g_autoptr (CspRecord) part = csp_record_new (CSP_TYPE_REPORT_PART);
  g_autoptr (GError) error = NULL;

  csp_record_set_int (part, "report_id", report_id);
  csp_record_set_string (part, "kind", kind);
  csp_record_set_string (part, "name", name);
  csp_record_set_bool (part, "included", included);
  g_assert_true (csp_store_insert (fixture->store, part, &error));
  g_assert_no_error (error);
}

/* The copy for the next meeting has the sections and the choice of
 * charts and appendices, is a draft written today for the next meeting;
 * one undo removes it entirely, redo brings it all back. */
static void
test_duplicate (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) sections = NULL;
  g_autoptr (GPtrArray) copied_sections = NULL;
  g_autoptr (GPtrArray) parts = NULL;
  g_autoptr (GPtrArray) copied_parts = NULL;
  g_autoptr (CspRecord) original = NULL;
  g_autoptr (CspRecord) copy = NULL;
  g_autofree char *date = today ();
  g_autofree char *next = NULL;
  g_autofree char *undo_text = NULL;
  guint n_sections, n_parts;
  gint64 id;

  add_part (fixture, SAMPLE_REPORT, "chart", "rag-status", FALSE);
  add_part (fixture, SAMPLE_REPORT, "appendix", "activities", TRUE);
  n_sections = count (fixture, CSP_TYPE_REPORT_SECTION);
  n_parts = count (fixture, CSP_TYPE_REPORT_PART);

  /* No committee meeting is recorded after July's: three months on. */
  next = csp_committee_reports_propose_next_meeting (fixture->store, SAMPLE_REPORT, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (next, ==, "2021-10-05");

  id = csp_committee_reports_duplicate (fixture->history, SAMPLE_REPORT, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, SAMPLE_REPORT);
  original = get (fixture, CSP_TYPE_COMMITTEE_REPORT, SAMPLE_REPORT);
  copy = get (fixture, CSP_TYPE_COMMITTEE_REPORT, id);
  g_assert_cmpstr (csp_record_get_string (copy, "meeting_date"), ==, "2021-10-05");
  g_assert_true (csp_record_is_null (copy, "meeting_id"));
  g_assert_cmpstr (csp_record_get_string (copy, "period_start"), ==, "2020-10-01");
  g_assert_cmpstr (csp_record_get_string (copy, "period_end"), ==, "2021-09-30");
  g_assert_cmpstr (csp_record_get_string (copy, "report_date"), ==, date);
  g_assert_cmpstr (csp_record_get_string (copy, "status"), ==, "draft");
  g_assert_cmpstr (csp_record_get_string (copy, "title"), ==,
                   csp_record_get_string (original, "title"));
  g_assert_cmpstr (csp_record_get_string (copy, "author"), ==,
                   csp_record_get_string (original, "author"));

  sections = list_sections (fixture, SAMPLE_REPORT);
  copied_sections = list_sections (fixture, id);
  g_assert_cmpuint (copied_sections->len, ==, sections->len);
  for (guint i = 0; i < sections->len; i++)
    {
      CspRecord *a = g_ptr_array_index (sections, i);
      CspRecord *b = g_ptr_array_index (copied_sections, i);

      g_assert_cmpint (csp_record_get_id (b), !=, csp_record_get_id (a));
      g_assert_cmpint (csp_record_get_int (b, "position"), ==, csp_record_get_int (a, "position"));
      g_assert_cmpstr (csp_record_get_string (b, "heading"), ==,
                       csp_record_get_string (a, "heading"));
      g_assert_cmpstr (csp_record_get_string (b, "body"), ==, csp_record_get_string (a, "body"));
    }
  parts = list (fixture, CSP_TYPE_REPORT_PART, "report_id", SAMPLE_REPORT, "id");
  copied_parts = list (fixture, CSP_TYPE_REPORT_PART, "report_id", id, "id");
  g_assert_cmpuint (copied_parts->len, ==, 2);
  for (guint i = 0; i < parts->len; i++)
    {
      CspRecord *a = g_ptr_array_index (parts, i);
      CspRecord *b = g_ptr_array_index (copied_parts, i);

      g_assert_cmpstr (csp_record_get_string (b, "kind"), ==, csp_record_get_string (a, "kind"));
      g_assert_cmpstr (csp_record_get_string (b, "name"), ==, csp_record_get_string (a, "name"));
      g_assert_cmpint (csp_record_get_bool (b, "included"), ==,
                       csp_record_get_bool (a, "included"));
    }

  undo_text = csp_history_describe_undo (fixture->history);
  g_assert_cmpstr (undo_text, ==, "Undo duplicating the report");
  undo (fixture);
  g_assert_false (csp_history_can_undo (fixture->history));
  g_assert_cmpuint (count (fixture, CSP_TYPE_COMMITTEE_REPORT), ==, 1);
  g_assert_cmpuint (count (fixture, CSP_TYPE_REPORT_SECTION), ==, n_sections);
  g_assert_cmpuint (count (fixture, CSP_TYPE_REPORT_PART), ==, n_parts);

  g_assert_true (csp_history_redo (fixture->history, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count (fixture, CSP_TYPE_COMMITTEE_REPORT), ==, 2);
  g_assert_cmpuint (count (fixture, CSP_TYPE_REPORT_SECTION), ==, 2 * n_sections);
  g_assert_cmpuint (count (fixture, CSP_TYPE_REPORT_PART), ==, 2 * n_parts);
}

/* A copy for a day a committee meeting is recorded on is for that
 * meeting; the meeting after a report's is the next one recorded. Not a
 * date, or no such report: nothing is written. */
static void
test_duplicate_to_meeting (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CspRecord) copy = NULL;
  g_autoptr (CspRecord) march = get (fixture, CSP_TYPE_MEETING, MARCH_COMMITTEE);
  g_autofree char *next = NULL;
  gint64 id;

  id = csp_committee_reports_duplicate (fixture->history, SAMPLE_REPORT, "2021-03-03", &error);
  g_assert_no_error (error);
  copy = get (fixture, CSP_TYPE_COMMITTEE_REPORT, id);
  g_assert_cmpint (csp_record_get_int (copy, "meeting_id"), ==, MARCH_COMMITTEE);
  g_assert_cmpstr (csp_record_get_string (copy, "committee"), ==,
                   csp_record_get_string (march, "title"));
  g_assert_cmpstr (csp_record_get_string (copy, "period_start"), ==, "2020-03-01");

  /* From March's meeting, the next recorded is July's. */
  next = csp_committee_reports_propose_next_meeting (fixture->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (next, ==, "2021-07-05");

  g_assert_cmpint (
      csp_committee_reports_duplicate (fixture->history, SAMPLE_REPORT, "next week", &error), ==,
      0);
  g_assert_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (csp_committee_reports_duplicate (fixture->history, 42, NULL, &error), ==, 0);
  g_assert_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "42"));
  g_assert_cmpuint (count (fixture, CSP_TYPE_COMMITTEE_REPORT), ==, 2);
}

/* Two sections swap places, through a free position; one undo puts them
 * back; the rest stay where they were. */
static void
test_swap_sections (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) before = list_sections (fixture, SAMPLE_REPORT);
  g_autoptr (GPtrArray) after = NULL;
  g_autoptr (GPtrArray) undone = NULL;
  g_autofree char *undo_text = NULL;

  g_assert_true (csp_committee_reports_swap_sections (
      fixture->history, g_ptr_array_index (before, 2), g_ptr_array_index (before, 3), &error));
  g_assert_no_error (error);
  after = list_sections (fixture, SAMPLE_REPORT);
  g_assert_cmpuint (after->len, ==, before->len);
  for (guint i = 0; i < before->len; i++)
    {
      guint was = i == 2 ? 3 : i == 3 ? 2 : i;

      g_assert_cmpint (csp_record_get_id (g_ptr_array_index (after, i)), ==,
                       csp_record_get_id (g_ptr_array_index (before, was)));
      g_assert_cmpint (csp_record_get_int (g_ptr_array_index (after, i), "position"), ==,
                       csp_record_get_int (g_ptr_array_index (before, i), "position"));
    }
  g_assert_cmpstr (csp_record_get_string (g_ptr_array_index (after, 2), "heading"), ==,
                   "Financial Implications");

  undo_text = csp_history_describe_undo (fixture->history);
  g_assert_cmpstr (undo_text, ==, "Undo moving the section");
  undo (fixture);
  g_assert_false (csp_history_can_undo (fixture->history));
  undone = list_sections (fixture, SAMPLE_REPORT);
  for (guint i = 0; i < before->len; i++)
    {
      g_assert_cmpint (csp_record_get_id (g_ptr_array_index (undone, i)), ==,
                       csp_record_get_id (g_ptr_array_index (before, i)));
      g_assert_cmpint (csp_record_get_int (g_ptr_array_index (undone, i), "position"), ==,
                       csp_record_get_int (g_ptr_array_index (before, i), "position"));
    }
}

/* A section someone else changed since it was read: nothing moves. */
static void
test_swap_sections_conflict (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) before = list_sections (fixture, SAMPLE_REPORT);
  g_autoptr (CspRecord) theirs = csp_record_copy (g_ptr_array_index (before, 1));
  g_autoptr (GPtrArray) after = NULL;

  csp_record_set_string (theirs, "heading", "Recommendations");
  g_assert_true (csp_store_update (fixture->store, theirs, &error));
  g_assert_no_error (error);

  g_assert_false (csp_committee_reports_swap_sections (
      fixture->history, g_ptr_array_index (before, 0), g_ptr_array_index (before, 1), &error));
  g_assert_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_CONFLICT);
  g_assert_false (csp_history_can_undo (fixture->history));
  g_assert_false (csp_database_in_transaction (fixture->database));
  after = list_sections (fixture, SAMPLE_REPORT);
  for (guint i = 0; i < before->len; i++)
    g_assert_cmpint (csp_record_get_id (g_ptr_array_index (after, i)), ==,
                     csp_record_get_id (g_ptr_array_index (before, i)));
}

/* A report's meeting is chosen among the committee meetings, newest
 * first, each with its date; choosing one sets the committee and date. */
static void
test_meeting_choices (Fixture *fixture, gconstpointer user_data)
{
  const CspColumn *column = csp_table_info_find_column (
      csp_record_type_get_info (CSP_TYPE_COMMITTEE_REPORT), "meeting_id");
  g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) labels = NULL;
  g_autoptr (CspRecord) report = get (fixture, CSP_TYPE_COMMITTEE_REPORT, SAMPLE_REPORT);
  g_autoptr (CspRecord) march = get (fixture, CSP_TYPE_MEETING, MARCH_COMMITTEE);
  g_autoptr (CspRecord) rag = get (fixture, CSP_TYPE_MEETING, JUNE_RAG);

  labels = csp_ref_choices_list_for_column (fixture->store, column, ids, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (labels->len, ==, 2);
  g_assert_cmpuint (ids->len, ==, 2);
  g_assert_cmpint (g_array_index (ids, gint64, 0), ==, JULY_COMMITTEE);
  g_assert_cmpint (g_array_index (ids, gint64, 1), ==, MARCH_COMMITTEE);
  g_assert_cmpstr (g_ptr_array_index (labels, 0), ==,
                   "Overview and Scrutiny Committee — 5 Jul 2021");
  g_assert_cmpstr (g_ptr_array_index (labels, 1), ==,
                   "Overview and Scrutiny Committee — 3 Mar 2021");

  g_assert_true (csp_record_set_ref (report, "meeting_id", march, &error));
  g_assert_no_error (error);
  g_assert_cmpint (csp_record_get_int (report, "meeting_id"), ==, MARCH_COMMITTEE);
  g_assert_cmpstr (csp_record_get_string (report, "meeting_date"), ==, "2021-03-03");
  g_assert_cmpstr (csp_record_get_string (report, "committee"), ==,
                   "Overview and Scrutiny Committee");

  g_assert_false (csp_record_set_ref (report, "meeting_id", rag, &error));
  g_assert_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_INVALID);
  g_assert_cmpint (csp_record_get_int (report, "meeting_id"), ==, MARCH_COMMITTEE);
  g_assert_cmpstr (csp_record_get_string (report, "meeting_date"), ==, "2021-03-03");

  /* None: the committee and date stay as they were. */
  g_assert_true (csp_record_set_ref (report, "meeting_id", NULL, NULL));
  g_assert_true (csp_record_is_null (report, "meeting_id"));
  g_assert_cmpstr (csp_record_get_string (report, "meeting_date"), ==, "2021-03-03");
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);
  test_engine_skip_unless_available ();

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/committee-reports/create", test_create);
  ADD ("/committee-reports/create-for-meeting", test_create_for_meeting);
  ADD ("/committee-reports/duplicate", test_duplicate);
  ADD ("/committee-reports/duplicate-to-meeting", test_duplicate_to_meeting);
  ADD ("/committee-reports/swap-sections", test_swap_sections);
  ADD ("/committee-reports/swap-sections-conflict", test_swap_sections_conflict);
  ADD ("/committee-reports/meeting-choices", test_meeting_choices);
#undef ADD
  return g_test_run ();
}
