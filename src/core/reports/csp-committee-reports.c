/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "csp-committee-reports"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>

#include "csp-committee-reports.h"
#include "csp-records.h"

/* What is done to committee reports as a whole, by the Reports page and
 * by `csp-engage-cli report`: starting one from the council's section
 * templates, copying one for the next meeting with its sections and its
 * choice of charts and appendices, and swapping two sections. Each is one
 * transaction and one step of undo of the history it is given (a
 * throwaway one, for the command line). */

/* Committees meet quarterly, as a rule. */
#define MONTHS_TO_NEXT_MEETING 3

/* The highest position a section may have (csp-report-section.c). */
#define MAX_POSITION 10000

/* Dates. */

static gboolean
parse_date (const char *text, GDate *date)
{
  int year, month, day;
  char end;

  g_date_clear (date, 1);
  if (text == NULL || sscanf (text, "%4d-%2d-%2d%c", &year, &month, &day, &end) != 3 ||
      !g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year))
    return FALSE;
  g_date_set_dmy (date, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
  return TRUE;
}

static char *
format_date (const GDate *date)
{
  return g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (date), g_date_get_month (date),
                          g_date_get_day (date));
}

static char *
today (void)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  return g_date_time_format (now, "%Y-%m-%d");
}

/* The 12 whole months before the meeting's month. */
static void
set_period_for_meeting (CspRecord *report)
{
  GDate meeting, start, end;
  g_autofree char *start_text = NULL;
  g_autofree char *end_text = NULL;

  if (!parse_date (csp_record_get_string (report, "meeting_date"), &meeting))
    return;
  g_date_clear (&end, 1);
  g_date_set_dmy (&end, 1, g_date_get_month (&meeting), g_date_get_year (&meeting));
  start = end;
  g_date_subtract_days (&end, 1);
  g_date_subtract_months (&start, 12);
  start_text = format_date (&start);
  end_text = format_date (&end);
  csp_record_set_string (report, "period_start", start_text);
  csp_record_set_string (report, "period_end", end_text);
}

static const char *
or_default (const char *value, const char *fallback)
{
  return value != NULL && *value != '\0' ? value : fallback;
}

/* The committee meetings held from @from_date to @to_date (either %NULL
 * for no limit), earliest first. */
static GPtrArray *
list_committee_meetings (CspStore *store, const char *from_date, const char *to_date,
                         GError **error)
{
  CspQuery query = { .from_date = from_date, .to_date = to_date, .sort_column = "held_on" };
  g_autoptr (GPtrArray) meetings = csp_store_list (store, CSP_TYPE_MEETING, &query, error);

  if (meetings == NULL)
    return NULL;
  for (guint i = meetings->len; i > 0; i--)
    if (g_strcmp0 (csp_record_get_string (g_ptr_array_index (meetings, i - 1), "kind"),
                   "committee") != 0)
      g_ptr_array_remove_index (meetings, i - 1);
  return g_steal_pointer (&meetings);
}

/* New report. */

static CspRecord *
new_report (CspStore *store, gint64 meeting_id, GError **error)
{
  g_autoptr (CspRecord) settings = csp_store_get (store, CSP_TYPE_SETTINGS, 1, error);
  g_autoptr (CspRecord) report = csp_record_new (CSP_TYPE_COMMITTEE_REPORT);
  g_autoptr (CspRecord) meeting = NULL;
  g_autofree char *date = today ();
  g_autofree char *meeting_text = NULL;
  g_autofree char *title = NULL;
  GDate meeting_day;

  if (settings == NULL)
    return NULL;
  if (meeting_id != 0)
    {
      meeting = csp_store_get (store, CSP_TYPE_MEETING, meeting_id, error);
      if (meeting == NULL)
        return NULL;
    }

  /* Without a meeting recorded, the report is for a month from now. */
  parse_date (date, &meeting_day);
  g_date_add_months (&meeting_day, 1);
  meeting_text = format_date (&meeting_day);
  /* TRANSLATORS: a new report's title: the partnership's name */
  title = g_strdup_printf (_ ("%s Community Engagement"),
                           csp_record_get_string (settings, "partnership_name"));
  csp_record_set_string (report, "council_name", csp_record_get_string (settings, "council_name"));
  csp_record_set_string (
      report, "committee",
      or_default (csp_record_get_string (settings, "default_committee"), _ ("Committee")));
  csp_record_set_string (report, "meeting_date", meeting_text);
  if (meeting != NULL && !csp_record_set_ref (report, "meeting_id", meeting, error))
    return NULL;
  csp_record_set_string (
      report, "report_of",
      or_default (csp_record_get_string (settings, "default_report_of"), _ ("Report of")));
  csp_record_set_string (report, "title", title);
  csp_record_set_string (
      report, "author",
      or_default (csp_record_get_string (settings, "default_author"), g_get_real_name ()));
  if (!csp_record_is_null (settings, "default_author_title"))
    csp_record_set_string (report, "author_title",
                           csp_record_get_string (settings, "default_author_title"));
  csp_record_set_string (report, "report_date", date);
  set_period_for_meeting (report);
  csp_record_set_string (report, "status", "draft");
  return g_steal_pointer (&report);
}

/**
 * csp_committee_reports_create:
 * @history: where the change goes, as one step of undo
 * @meeting_id: the committee meeting the report is for, or 0 for one a
 *   month from today, with the partnership's default committee
 *
 * Starts a draft report: the partnership's council, committee, "report
 * of" and author, written today, covering the 12 whole months before the
 * meeting, with a section for each of the council's section templates, in
 * their order. A meeting chosen gives the report its committee and date.
 *
 * Returns: the new report's id, or 0 with @error set (nothing changed)
 */
gint64
csp_committee_reports_create (CspHistory *history, gint64 meeting_id, GError **error)
{
  CspStore *store;
  g_autoptr (CspRecord) report = NULL;
  g_autoptr (GPtrArray) templates = NULL;
  CspQuery query = { .sort_column = "position" };
  gboolean ok;

  g_return_val_if_fail (CSP_IS_HISTORY (history), 0);
  g_return_val_if_fail (meeting_id >= 0, 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  store = csp_history_get_store (history);
  report = new_report (store, meeting_id, error);
  if (report == NULL)
    return 0;
  templates = csp_store_list (store, CSP_TYPE_SECTION_TEMPLATE, &query, error);
  if (templates == NULL)
    return 0;

  if (!csp_history_begin_group (history, _ ("Undo starting the report"),
                                _ ("Redo starting the report"), error))
    return 0;
  ok = csp_history_insert (history, report, error);
  for (guint i = 0; ok && i < templates->len; i++)
    {
      CspRecord *template = g_ptr_array_index (templates, i);
      g_autoptr (CspRecord) section = csp_record_new (CSP_TYPE_REPORT_SECTION);

      csp_record_set_int (section, "report_id", csp_record_get_id (report));
      csp_record_set_int (section, "position", csp_record_get_int (template, "position"));
      csp_record_set_string (section, "heading", csp_record_get_string (template, "heading"));
      csp_record_set_string (section, "body", csp_record_get_string (template, "body"));
      ok = csp_history_insert (history, section, error);
    }
  return csp_history_end_group (history, ok, error) ? csp_record_get_id (report) : 0;
}

/* Duplicate for the next meeting. */

/**
 * csp_committee_reports_propose_next_meeting:
 * @report_id: a stored report
 *
 * The date of the meeting after the report's, for its copy: the first
 * committee meeting recorded after it, else the same day three months on
 * (committees meet quarterly, as a rule).
 *
 * Returns: (transfer full): the date, YYYY-MM-DD, or %NULL with @error set
 */
char *
csp_committee_reports_propose_next_meeting (CspStore *store, gint64 report_id, GError **error)
{
  g_autoptr (CspRecord) report = NULL;
  g_autoptr (GPtrArray) later = NULL;
  g_autofree char *after = NULL;
  GDate date;

  g_return_val_if_fail (CSP_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  report = csp_store_get (store, CSP_TYPE_COMMITTEE_REPORT, report_id, error);
  if (report == NULL)
    return NULL;
  if (!parse_date (csp_record_get_string (report, "meeting_date"), &date))
    {
      g_autofree char *now = today ();
      parse_date (now, &date);
    }
  g_date_add_days (&date, 1);
  after = format_date (&date);
  later = list_committee_meetings (store, after, NULL, error);
  if (later == NULL)
    return NULL;
  if (later->len > 0)
    return g_strdup (csp_record_get_string (g_ptr_array_index (later, 0), "held_on"));
  g_date_subtract_days (&date, 1);
  g_date_add_months (&date, MONTHS_TO_NEXT_MEETING);
  return format_date (&date);
}

/* Copies the rows of @type that belong to report @from onto report @to. */
static gboolean
copy_owned (CspHistory *history, GType type, gint64 from, gint64 to, GError **error)
{
  CspQuery query = {
    .ref_column = "report_id",
    .ref_id = from,
    .sort_column = type == CSP_TYPE_REPORT_SECTION ? "position" : NULL,
  };
  g_autoptr (GPtrArray) rows =
      csp_store_list (csp_history_get_store (history), type, &query, error);

  if (rows == NULL)
    return FALSE;
  for (guint i = 0; i < rows->len; i++)
    {
      g_autoptr (CspRecord) copy = csp_record_copy (g_ptr_array_index (rows, i));

      csp_record_set_id (copy, 0);
      csp_record_set_version (copy, 0);
      csp_record_set_times (copy, NULL, NULL);
      csp_record_set_int (copy, "report_id", to);
      if (!csp_history_insert (history, copy, error))
        return FALSE;
    }
  return TRUE;
}

/**
 * csp_committee_reports_duplicate:
 * @history: where the change goes, as one step of undo
 * @report_id: the report to copy
 * @meeting_date: (nullable): the next meeting's date, YYYY-MM-DD; %NULL
 *   for csp_committee_reports_propose_next_meeting()'s
 *
 * Copies the report with its sections and its choice of charts and
 * appendix tables for the meeting on @meeting_date: written today,
 * covering the 12 whole months before that meeting, a draft. When a
 * committee meeting is recorded on that day (one only), the copy is for
 * it, with its committee; otherwise it is for no meeting record.
 *
 * Returns: the copy's id, or 0 with @error set (nothing changed)
 */
gint64
csp_committee_reports_duplicate (CspHistory *history, gint64 report_id, const char *meeting_date,
                                 GError **error)
{
  CspStore *store;
  g_autoptr (CspRecord) copy = NULL;
  g_autoptr (GPtrArray) meetings = NULL;
  g_autofree char *proposed = NULL;
  g_autofree char *date = today ();
  GDate meeting;
  gboolean ok;

  g_return_val_if_fail (CSP_IS_HISTORY (history), 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  store = csp_history_get_store (history);
  copy = csp_store_get (store, CSP_TYPE_COMMITTEE_REPORT, report_id, error);
  if (copy == NULL)
    return 0;
  if (meeting_date == NULL)
    {
      proposed = csp_committee_reports_propose_next_meeting (store, report_id, error);
      if (proposed == NULL)
        return 0;
      meeting_date = proposed;
    }
  if (!parse_date (meeting_date, &meeting))
    {
      g_set_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_INVALID,
                   _ ("“%s” is not a date: write it as YYYY-MM-DD"), meeting_date);
      return 0;
    }
  meetings = list_committee_meetings (store, meeting_date, meeting_date, error);
  if (meetings == NULL)
    return 0;

  csp_record_set_id (copy, 0);
  csp_record_set_version (copy, 0);
  csp_record_set_times (copy, NULL, NULL);
  csp_record_set_null (copy, "meeting_id");
  csp_record_set_string (copy, "meeting_date", meeting_date);
  if (meetings->len == 1 &&
      !csp_record_set_ref (copy, "meeting_id", g_ptr_array_index (meetings, 0), error))
    return 0;
  csp_record_set_string (copy, "report_date", date);
  set_period_for_meeting (copy);
  csp_record_set_string (copy, "status", "draft");

  if (!csp_history_begin_group (history, _ ("Undo duplicating the report"),
                                _ ("Redo duplicating the report"), error))
    return 0;
  ok = csp_history_insert (history, copy, error) &&
       copy_owned (history, CSP_TYPE_REPORT_SECTION, report_id, csp_record_get_id (copy), error) &&
       copy_owned (history, CSP_TYPE_REPORT_PART, report_id, csp_record_get_id (copy), error);
  return csp_history_end_group (history, ok, error) ? csp_record_get_id (copy) : 0;
}

/* Sections. */

/* A position no section of the report holds: the one after the last, or
 * when that is past the limit, the first free one. */
static gboolean
free_position (CspStore *store, gint64 report_id, gint64 *position, GError **error)
{
  CspQuery query = { .ref_column = "report_id", .ref_id = report_id, .sort_column = "position" };
  g_autoptr (GPtrArray) sections = csp_store_list (store, CSP_TYPE_REPORT_SECTION, &query, error);
  gint64 candidate = 0;

  if (sections == NULL)
    return FALSE;
  if (sections->len > 0)
    candidate =
        csp_record_get_int (g_ptr_array_index (sections, sections->len - 1), "position") + 1;
  if (candidate > MAX_POSITION)
    {
      candidate = 0;
      for (guint i = 0; i < sections->len; i++)
        if (csp_record_get_int (g_ptr_array_index (sections, i), "position") == candidate)
          candidate++;
    }
  *position = candidate;
  return TRUE;
}

/**
 * csp_committee_reports_swap_sections:
 * @first: a section of a report, as read (its version)
 * @second: another section of the same report, as read
 *
 * Gives each section the other's place. Positions are unique within a
 * report, so the swap goes through a free one: three changes, one
 * transaction and one step of undo. Someone else's change to either since
 * it was read is a %CSP_DATABASE_ERROR_CONFLICT, and nothing moves.
 */
gboolean
csp_committee_reports_swap_sections (CspHistory *history, CspRecord *first, CspRecord *second,
                                     GError **error)
{
  g_autoptr (CspRecord) a = NULL;
  g_autoptr (CspRecord) b = NULL;
  gint64 a_position, b_position, spare;
  gboolean ok;

  g_return_val_if_fail (CSP_IS_HISTORY (history), FALSE);
  g_return_val_if_fail (G_TYPE_CHECK_INSTANCE_TYPE (first, CSP_TYPE_REPORT_SECTION), FALSE);
  g_return_val_if_fail (G_TYPE_CHECK_INSTANCE_TYPE (second, CSP_TYPE_REPORT_SECTION), FALSE);
  g_return_val_if_fail (csp_record_get_id (first) != csp_record_get_id (second), FALSE);
  g_return_val_if_fail (
      csp_record_get_int (first, "report_id") == csp_record_get_int (second, "report_id"), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  a = csp_record_copy (first);
  b = csp_record_copy (second);
  a_position = csp_record_get_int (a, "position");
  b_position = csp_record_get_int (b, "position");
  if (!csp_history_begin_group (history, _ ("Undo moving the section"),
                                _ ("Redo moving the section"), error))
    return FALSE;
  ok = free_position (csp_history_get_store (history), csp_record_get_int (a, "report_id"), &spare,
                      error);
  if (ok)
    {
      csp_record_set_int (a, "position", spare);
      ok = csp_history_update (history, a, error);
    }
  csp_record_set_int (b, "position", a_position);
  ok = ok && csp_history_update (history, b, error);
  csp_record_set_int (a, "position", b_position);
  ok = ok && csp_history_update (history, a, error);
  return csp_history_end_group (history, ok, error);
}
