/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "csp-report-content"

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>
#include <string.h>

#include "csp-dates.h"
#include "csp-report-content.h"

/* What a committee report prints, gathered from the database in a few
 * queries as plain strings: the layout engine in src/render turns it into
 * pages and never touches the database itself, so that tests (and the
 * print preview) can lay out content made by hand. */

/* The standard charts of the trends appendix (their names in
 * src/render/csp-chart-standard.c): every report has them unless it
 * leaves some out; the others (the risk matrix) only those it takes in
 * (report_part rows, see load_parts()). */
static const char *const default_charts[] = {
  "reach-trend",
  "activities-by-month",
  "rag-status",
  "lead-partners",
};

static const char *const column_titles[CSP_REPORT_N_COLUMNS] = {
  [CSP_REPORT_COLUMN_DATE] = N_ ("Date"),
  [CSP_REPORT_COLUMN_ACTIVITY] = N_ ("Activity"),
  [CSP_REPORT_COLUMN_PARTNERS] = N_ ("Lead and partners"),
  [CSP_REPORT_COLUMN_CHANNEL] = N_ ("Channel or location"),
  [CSP_REPORT_COLUMN_AUDIENCE] = N_ ("Audience"),
  [CSP_REPORT_COLUMN_NUMBERS] = N_ ("Participants / reach"),
  [CSP_REPORT_COLUMN_OUTCOME] = N_ ("Outcome"),
};

static void
section_free (gpointer data)
{
  CspReportSectionContent *section = data;

  g_free (section->heading);
  g_strfreev (section->paragraphs);
  g_free (section);
}

static void
row_free (gpointer data)
{
  CspReportRow *row = data;

  g_free (row->start_date);
  for (guint i = 0; i < CSP_REPORT_N_COLUMNS; i++)
    g_free (row->cells[i]);
  g_free (row);
}

/**
 * csp_report_content_new:
 *
 * Makes empty content, with every text field "" and the standard charts,
 * to be filled in by hand (tests, a preview of a report not yet saved).
 *
 * Returns: (transfer full): the content
 */
CspReportContent *
csp_report_content_new (void)
{
  CspReportContent *self = g_new0 (CspReportContent, 1);

  self->council_name = g_strdup ("");
  self->committee = g_strdup ("");
  self->meeting_date = g_strdup ("");
  self->report_of = g_strdup ("");
  self->title = g_strdup ("");
  self->author = g_strdup ("");
  self->report_date = g_strdup ("");
  self->status = g_strdup ("draft");
  self->sections = g_ptr_array_new_with_free_func (section_free);
  self->rows = g_ptr_array_new_with_free_func (row_free);
  self->charts = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < G_N_ELEMENTS (default_charts); i++)
    g_ptr_array_add (self->charts, g_strdup (default_charts[i]));
  self->activities_appendix = TRUE;
  return self;
}

void
csp_report_content_free (CspReportContent *self)
{
  if (self == NULL)
    return;
  g_free (self->council_name);
  g_free (self->committee);
  g_free (self->meeting_date);
  g_free (self->report_of);
  g_free (self->title);
  g_free (self->author);
  g_free (self->author_title);
  g_free (self->report_date);
  g_free (self->period_start);
  g_free (self->period_end);
  g_free (self->status);
  g_ptr_array_unref (self->sections);
  g_ptr_array_unref (self->rows);
  g_ptr_array_unref (self->charts);
  g_free (self);
}

/**
 * csp_report_split_paragraphs:
 * @body: (nullable): a section's text; blank lines separate its paragraphs
 *
 * Single line breaks stay inside a paragraph; spaces around each
 * paragraph go.
 *
 * Returns: (transfer full) (array zero-terminated=1): the paragraphs, none empty
 */
char **
csp_report_split_paragraphs (const char *body)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr (GString) paragraph = g_string_new (NULL);
  g_auto (GStrv) lines = NULL;

  if (body == NULL)
    return g_strv_builder_end (builder);

  lines = g_strsplit (body, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *line = g_strstrip (lines[i]);

      if (*line != '\0')
        {
          if (paragraph->len > 0)
            g_string_append_c (paragraph, '\n');
          g_string_append (paragraph, line);
        }
      if ((*line == '\0' || lines[i + 1] == NULL) && paragraph->len > 0)
        {
          g_strv_builder_add (builder, paragraph->str);
          g_string_truncate (paragraph, 0);
        }
    }
  return g_strv_builder_end (builder);
}

/**
 * csp_report_content_append_section:
 * @heading: the section's heading
 * @body: (nullable): its text, paragraphs separated by a blank line
 *
 * Adds a section after the others, numbered next.
 *
 * Returns: (transfer none): the section added
 */
CspReportSectionContent *
csp_report_content_append_section (CspReportContent *self, const char *heading, const char *body)
{
  CspReportSectionContent *section;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (heading != NULL, NULL);

  section = g_new0 (CspReportSectionContent, 1);
  section->number = self->sections->len + 1;
  section->heading = g_strdup (heading);
  section->paragraphs = csp_report_split_paragraphs (body);
  g_ptr_array_add (self->sections, section);
  return section;
}

/**
 * csp_report_content_append_row:
 * @activity_id: the activity's id, or 0
 * @start_date: its start date, YYYY-MM-DD
 * @cells: (array fixed-size=7): the text of each column; %NULL ones are empty
 *
 * Adds a row at the end of the appendix table.
 *
 * Returns: (transfer none): the row added
 */
CspReportRow *
csp_report_content_append_row (CspReportContent *self, gint64 activity_id, const char *start_date,
                               const char *const *cells)
{
  CspReportRow *row;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (start_date != NULL, NULL);
  g_return_val_if_fail (cells != NULL, NULL);

  row = g_new0 (CspReportRow, 1);
  row->activity_id = activity_id;
  row->start_date = g_strdup (start_date);
  for (guint i = 0; i < CSP_REPORT_N_COLUMNS; i++)
    row->cells[i] = g_strdup (cells[i] != NULL ? cells[i] : "");
  g_ptr_array_add (self->rows, row);
  return row;
}

/**
 * csp_report_column_get_title:
 *
 * Returns: (transfer none): the column's heading, translated
 */
const char *
csp_report_column_get_title (CspReportColumn column)
{
  g_return_val_if_fail (column < CSP_REPORT_N_COLUMNS, NULL);
  return _ (column_titles[column]);
}

/**
 * csp_report_format_count:
 *
 * Returns: (transfer full): @count with its thousands grouped, "2,300",
 *   whatever the locale
 */
char *
csp_report_format_count (gint64 count)
{
  g_autofree char *digits =
      g_strdup_printf ("%" G_GUINT64_FORMAT, count < 0 ? (guint64) -count : (guint64) count);
  GString *text = g_string_new (count < 0 ? "-" : "");
  gsize n = strlen (digits);

  for (gsize i = 0; i < n; i++)
    {
      if (i > 0 && (n - i) % 3 == 0)
        /* TRANSLATORS: the thousands separator of figures in a report */
        g_string_append (text, C_ ("thousands separator", ","));
      g_string_append_c (text, digits[i]);
    }
  return g_string_free (text, FALSE);
}

/* Steps @stmt to its one row: %FALSE when that fails, and when there is
 * no row, with %CSP_DATABASE_ERROR_NOT_FOUND and @missing as the
 * message. */
static gboolean
step_to_row (CspStatement *stmt, const char *missing, GError **error)
{
  CspStep step = csp_statement_step (stmt, error);

  if (step == CSP_STEP_DONE)
    g_set_error_literal (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_NOT_FOUND, missing);
  return step == CSP_STEP_ROW;
}

/**
 * csp_report_find_latest:
 * @report_id: (out): the report of the latest meeting
 *
 * Returns: whether there is one; %CSP_DATABASE_ERROR_NOT_FOUND when the
 *   database holds no report
 */
gboolean
csp_report_find_latest (CspDatabase *database, gint64 *report_id, GError **error)
{
  g_autoptr (CspStatement) stmt = NULL;

  g_return_val_if_fail (CSP_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (report_id != NULL, FALSE);

  stmt = csp_database_prepare (database,
                               "SELECT id FROM committee_report "
                               "ORDER BY meeting_date DESC, id DESC LIMIT 1",
                               error);
  if (stmt == NULL ||
      !step_to_row (stmt, _ ("There is no committee report in the database yet: write one first"),
                    error))
    return FALSE;
  *report_id = csp_statement_get_int64 (stmt, 0);
  return TRUE;
}

/* @sql prepared with the report's id bound to its one parameter. */
static CspStatement *
prepare_for_report (CspDatabase *database, CspReportContent *self, const char *sql, GError **error)
{
  CspStatement *stmt = csp_database_prepare (database, sql, error);

  if (stmt != NULL)
    csp_statement_bind_int64 (stmt, 1, self->report_id);
  return stmt;
}

static gboolean
load_report (CspDatabase *database, CspReportContent *self, GError **error)
{
  g_autoptr (CspStatement) stmt = NULL;
  g_autofree char *missing =
      g_strdup_printf (_ ("There is no committee report number %" PRId64), self->report_id);
  char **fields[] = {
    &self->council_name, &self->committee,  &self->meeting_date, &self->report_of,
    &self->title,        &self->author,     &self->author_title, &self->report_date,
    &self->period_start, &self->period_end, &self->status,
  };

  stmt = prepare_for_report (database, self,
                             "SELECT council_name, committee, meeting_date, report_of, title, "
                             "author, author_title, report_date, period_start, period_end, "
                             "status FROM committee_report WHERE id = ?",
                             error);
  if (stmt == NULL || !step_to_row (stmt, missing, error))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      char *value = g_strdup (csp_statement_get_text (stmt, (int) i));

      /* Required columns are never NULL; keep the fields that are not
       * nullable in the header non-NULL all the same. */
      if (value == NULL && fields[i] != &self->author_title && fields[i] != &self->period_start &&
          fields[i] != &self->period_end)
        value = g_strdup ("");
      g_free (*fields[i]);
      *fields[i] = value;
    }
  if (self->author_title != NULL && *self->author_title == '\0')
    g_clear_pointer (&self->author_title, g_free);
  return TRUE;
}

/* Hands each row of @sql, whose one parameter is the report's id, to
 * @read. */
static gboolean
load_each_row (CspDatabase *database, CspReportContent *self, const char *sql,
               void (*read) (CspReportContent *self, CspStatement *row), GError **error)
{
  g_autoptr (CspStatement) stmt = prepare_for_report (database, self, sql, error);
  CspStep step;

  if (stmt == NULL)
    return FALSE;
  while ((step = csp_statement_step (stmt, error)) == CSP_STEP_ROW)
    read (self, stmt);
  return step == CSP_STEP_DONE;
}

static void
read_section (CspReportContent *self, CspStatement *row)
{
  csp_report_content_append_section (self, csp_statement_get_text (row, 0),
                                     csp_statement_get_text (row, 1));
}

static gboolean
load_sections (CspDatabase *database, CspReportContent *self, GError **error)
{
  return load_each_row (database, self,
                        "SELECT heading, body FROM report_section WHERE report_id = ? "
                        "ORDER BY position, id",
                        read_section, error);
}

/**
 * csp_report_content_is_default_chart:
 * @name: a standard chart's name
 *
 * Returns: whether a report has the chart unless it leaves it out;
 *   otherwise only a report that takes it in has it
 */
gboolean
csp_report_content_is_default_chart (const char *name)
{
  g_return_val_if_fail (name != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (default_charts); i++)
    if (g_str_equal (default_charts[i], name))
      return TRUE;
  return FALSE;
}

static void
read_part (CspReportContent *self, CspStatement *row)
{
  const char *kind = csp_statement_get_text (row, 0);
  const char *name = csp_statement_get_text (row, 1);
  gboolean included = csp_statement_get_int64 (row, 2) != 0;
  guint i;

  if (g_strcmp0 (kind, "appendix") == 0 && g_strcmp0 (name, "activities") == 0)
    self->activities_appendix = included;
  if (g_strcmp0 (kind, "chart") != 0 || name == NULL)
    return;
  for (i = 0; i < self->charts->len; i++)
    if (g_str_equal (g_ptr_array_index (self->charts, i), name))
      break;
  if (!included && i < self->charts->len)
    g_ptr_array_remove_index (self->charts, i);
  else if (included && i == self->charts->len)
    g_ptr_array_add (self->charts, g_strdup (name));
}

/* The charts and appendix tables the report leaves out, and the charts
 * it takes in that others do not have; what has no row in report_part is
 * as csp_report_content_is_default_chart() says. */
static gboolean
load_parts (CspDatabase *database, CspReportContent *self, GError **error)
{
  return load_each_row (database, self,
                        "SELECT kind, name, included FROM report_part "
                        "WHERE report_id = ? ORDER BY id",
                        read_part, error);
}

static char *
format_numbers (CspStatement *stmt, int participants_column, int reach_column)
{
  g_autofree char *participants = NULL;
  g_autofree char *reach = NULL;

  if (csp_statement_is_null (stmt, participants_column) &&
      csp_statement_is_null (stmt, reach_column))
    return g_strdup ("–");
  participants =
      csp_statement_is_null (stmt, participants_column)
          ? g_strdup ("–")
          : csp_report_format_count (csp_statement_get_int64 (stmt, participants_column));
  reach = csp_statement_is_null (stmt, reach_column)
              ? g_strdup ("–")
              : csp_report_format_count (csp_statement_get_int64 (stmt, reach_column));
  return g_strdup_printf ("%s / %s", participants, reach);
}

/* Partners go by their short names ("Herts Police") where they have one:
 * the column is narrow, and the council's own reports write them so.
 * The supporting partners are listed in case-insensitive order of those
 * names (ASCII letters folded, then byte order), ties by the names as
 * written, then by id: SQLite 3.40's group_concat takes no ORDER BY, but
 * keeps the order of an ordered subquery; PostgreSQL's string_agg takes
 * the same order inside, lower (x COLLATE "C") folding as NOCASE does. */
#define ROWS_SQL(SUPPORTING_PARTNERS)                                                              \
  "SELECT a.id, a.start_date, a.end_date, a.title, "                                               \
  " coalesce (nullif (lp.short_name, ''), lp.name), "                                              \
  " (" SUPPORTING_PARTNERS "), "                                                                   \
  " nullif (trim (a.location), ''), c.name, a.audience, a.participants, a.reach, a.outcome "       \
  "FROM activity a "                                                                               \
  "LEFT JOIN partner lp ON lp.id = a.lead_partner_id "                                             \
  "LEFT JOIN channel c ON c.id = a.channel_id "                                                    \
  "WHERE a.include_in_appendix = 1 "                                                               \
  " AND (CAST(? AS TEXT) IS NULL OR a.start_date >= ?) "                                           \
  " AND (CAST(? AS TEXT) IS NULL OR a.start_date <= ?) "                                           \
  "ORDER BY a.start_date, a.id"
#define SUPPORTING_PARTNERS_FROM                                                                   \
  "SELECT coalesce (nullif (p.short_name, ''), p.name) AS partner_name, p.id AS partner_id "       \
  "FROM activity_partner ap JOIN partner p ON p.id = ap.partner_id "                               \
  "WHERE ap.activity_id = a.id "                                                                   \
  " AND (a.lead_partner_id IS NULL OR ap.partner_id <> a.lead_partner_id)"

static const char rows_sqlite_sql[] =
    ROWS_SQL ("SELECT group_concat (partner_name, ', ') FROM (" SUPPORTING_PARTNERS_FROM
              " ORDER BY partner_name COLLATE NOCASE, partner_name, partner_id) AS s");
static const char rows_postgresql_sql[] =
    ROWS_SQL ("SELECT string_agg (partner_name, ', ' ORDER BY lower (partner_name COLLATE \"C\"),"
              " partner_name COLLATE \"C\", partner_id) FROM (" SUPPORTING_PARTNERS_FROM ") AS s");

#undef SUPPORTING_PARTNERS_FROM
#undef ROWS_SQL

static gboolean
load_rows (CspDatabase *database, CspReportContent *self, GError **error)
{
  g_autoptr (CspStatement) stmt = NULL;
  CspStep step;

  stmt = csp_database_prepare (
      database, csp_database_pick_sql (database, rows_sqlite_sql, rows_postgresql_sql), error);
  if (stmt == NULL)
    return FALSE;
  csp_statement_bind_text (stmt, 1, self->period_start);
  csp_statement_bind_text (stmt, 2, self->period_start);
  csp_statement_bind_text (stmt, 3, self->period_end);
  csp_statement_bind_text (stmt, 4, self->period_end);
  while ((step = csp_statement_step (stmt, error)) == CSP_STEP_ROW)
    {
      const char *start_date = csp_statement_get_text (stmt, 1);
      const char *lead = csp_statement_get_text (stmt, 4);
      const char *supporting = csp_statement_get_text (stmt, 5);
      const char *location = csp_statement_get_text (stmt, 6);
      const char *channel = csp_statement_get_text (stmt, 7);
      g_autofree char *date = NULL;
      g_autofree char *partners = NULL;
      g_autofree char *numbers = NULL;
      const char *cells[CSP_REPORT_N_COLUMNS];

      date = csp_date_format_range (start_date, csp_statement_get_text (stmt, 2));
      if (lead != NULL && supporting != NULL)
        /* TRANSLATORS: the lead partner, then the supporting partners */
        partners = g_strdup_printf (_ ("%s (lead), %s"), lead, supporting);
      else if (lead != NULL)
        partners = g_strdup_printf (_ ("%s (lead)"), lead);
      else
        partners = g_strdup (supporting);
      numbers = format_numbers (stmt, 9, 10);

      cells[CSP_REPORT_COLUMN_DATE] = date;
      cells[CSP_REPORT_COLUMN_ACTIVITY] = csp_statement_get_text (stmt, 3);
      cells[CSP_REPORT_COLUMN_PARTNERS] = partners;
      /* The location says more ("Twitter, Facebook and Zoom") than the
       * channel it was counted under, when both are known. */
      cells[CSP_REPORT_COLUMN_CHANNEL] = location != NULL ? location : channel;
      cells[CSP_REPORT_COLUMN_AUDIENCE] = csp_statement_get_text (stmt, 8);
      cells[CSP_REPORT_COLUMN_NUMBERS] = numbers;
      cells[CSP_REPORT_COLUMN_OUTCOME] = csp_statement_get_text (stmt, 11);
      csp_report_content_append_row (self, csp_statement_get_int64 (stmt, 0), start_date, cells);
    }
  return step == CSP_STEP_DONE;
}

/**
 * csp_report_content_load:
 * @report_id: the committee report, or 0 for the one of the latest meeting
 * @from_date: (nullable): the period's first day, YYYY-MM-DD, instead of the report's
 * @to_date: (nullable): the period's last day, instead of the report's
 *
 * Gathers the report, its sections and the appendix of the activities
 * that started in the period and are marked for the appendix.
 *
 * Returns: (transfer full): the content, or %NULL with @error set:
 *   %CSP_DATABASE_ERROR_NOT_FOUND when there is no such report (or none),
 *   %CSP_DATABASE_ERROR_INVALID for a period that is not one
 */
CspReportContent *
csp_report_content_load (CspDatabase *database, gint64 report_id, const char *from_date,
                         const char *to_date, GError **error)
{
  g_autoptr (CspReportContent) self = NULL;

  g_return_val_if_fail (CSP_IS_DATABASE (database), NULL);
  g_return_val_if_fail (report_id >= 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  for (guint i = 0; i < 2; i++)
    {
      const char *date = i == 0 ? from_date : to_date;

      if (date != NULL && !csp_date_is_valid (date))
        {
          g_set_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_INVALID,
                       _ ("“%s” is not a date: write it as YYYY-MM-DD"), date);
          return NULL;
        }
    }

  self = csp_report_content_new ();
  if (report_id == 0 && !csp_report_find_latest (database, &report_id, error))
    return NULL;
  self->report_id = report_id;
  if (!load_report (database, self, error))
    return NULL;
  if (from_date != NULL)
    {
      g_free (self->period_start);
      self->period_start = g_strdup (from_date);
    }
  if (to_date != NULL)
    {
      g_free (self->period_end);
      self->period_end = g_strdup (to_date);
    }
  if (self->period_start != NULL && self->period_end != NULL &&
      strcmp (self->period_start, self->period_end) > 0)
    {
      g_set_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_INVALID,
                   _ ("The period from %s to %s ends before it starts"), self->period_start,
                   self->period_end);
      return NULL;
    }
  if (!load_sections (database, self, error) || !load_parts (database, self, error) ||
      !load_rows (database, self, error))
    return NULL;
  return g_steal_pointer (&self);
}
