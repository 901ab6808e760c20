/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "csp-report-blocks"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "csp-chart-standard.h"
#include "csp-dates.h"
#include "csp-report-layout.h"
#include "csp-rich-text.h"

/* The blocks of a committee report, what the layout (csp-report-layout.c)
 * lays out: made one by one, or all of them from a report's content in
 * the council's format. */

/* Blocks. */

static CspReportBlock *
block_new (CspReportBlockKind kind)
{
  CspReportBlock *self = g_new0 (CspReportBlock, 1);

  self->kind = kind;
  return self;
}

/**
 * csp_report_block_new_heading:
 * @lines: (array zero-terminated=1): the heading block's lines: council,
 *   committee and date, whose report; the last is the title, set in bold
 *   after a blank line
 *
 * Returns: (transfer full): the block
 */
CspReportBlock *
csp_report_block_new_heading (const char *const *lines)
{
  CspReportBlock *self;

  g_return_val_if_fail (lines != NULL && lines[0] != NULL, NULL);

  self = block_new (CSP_REPORT_BLOCK_HEADING);
  self->lines = g_strdupv ((char **) lines);
  return self;
}

/**
 * csp_report_block_new_section:
 * @number: (nullable): the section's number, "1"
 * @heading: its heading
 *
 * Returns: (transfer full): the block
 */
CspReportBlock *
csp_report_block_new_section (const char *number, const char *heading)
{
  CspReportBlock *self;

  g_return_val_if_fail (heading != NULL, NULL);

  self = block_new (CSP_REPORT_BLOCK_SECTION);
  self->number = g_strdup (number);
  self->text = g_strdup (heading);
  return self;
}

/**
 * csp_report_block_new_paragraph:
 * @number: (nullable): the paragraph's number, "1.1"
 * @text: its text
 *
 * Returns: (transfer full): the block
 */
CspReportBlock *
csp_report_block_new_paragraph (const char *number, const char *text)
{
  CspReportBlock *self;

  g_return_val_if_fail (text != NULL, NULL);

  self = block_new (CSP_REPORT_BLOCK_PARAGRAPH);
  self->number = g_strdup (number);
  self->text = g_strdup (text);
  return self;
}

/**
 * csp_report_block_new_list_item:
 * @marker: its marker, "•" or "2."
 * @markup: its text, Pango markup
 *
 * Returns: (transfer full): an item of a list inside a numbered paragraph
 */
CspReportBlock *
csp_report_block_new_list_item (const char *marker, const char *markup)
{
  CspReportBlock *self;

  g_return_val_if_fail (marker != NULL, NULL);
  g_return_val_if_fail (markup != NULL, NULL);

  self = block_new (CSP_REPORT_BLOCK_PARAGRAPH);
  self->marker = g_strdup (marker);
  self->text = g_strdup (markup);
  self->markup = TRUE;
  return self;
}

/**
 * csp_report_block_new_appendix:
 * @heading: the appendix's heading, "Appendix A – …"
 *
 * Returns: (transfer full): the block
 */
CspReportBlock *
csp_report_block_new_appendix (const char *heading)
{
  CspReportBlock *self;

  g_return_val_if_fail (heading != NULL, NULL);

  self = block_new (CSP_REPORT_BLOCK_APPENDIX);
  self->text = g_strdup (heading);
  return self;
}

/**
 * csp_report_block_new_table:
 * @n_columns: how many columns
 * @headers: (nullable) (array length=n_columns): the header row, repeated
 *   on every page; %NULL for none
 * @widths: (array length=n_columns): each column's share of the width
 *
 * Returns: (transfer full): an empty table; add rows with csp_report_block_add_row()
 */
CspReportBlock *
csp_report_block_new_table (guint n_columns, const char *const *headers, const double *widths)
{
  CspReportBlock *self;

  g_return_val_if_fail (n_columns > 0, NULL);
  g_return_val_if_fail (widths != NULL, NULL);

  self = block_new (CSP_REPORT_BLOCK_TABLE);
  self->n_columns = n_columns;
  if (headers != NULL)
    {
      self->headers = g_new0 (char *, n_columns + 1);
      for (guint i = 0; i < n_columns; i++)
        self->headers[i] = g_strdup (headers[i] != NULL ? headers[i] : "");
    }
  self->widths = g_memdup2 (widths, n_columns * sizeof (double));
  self->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  return self;
}

/**
 * csp_report_block_add_row:
 * @cells: (array): the row's @n_columns cells; %NULL ones are empty
 */
void
csp_report_block_add_row (CspReportBlock *self, const char *const *cells)
{
  char **row;

  g_return_if_fail (self != NULL && self->kind == CSP_REPORT_BLOCK_TABLE);
  g_return_if_fail (cells != NULL);

  row = g_new0 (char *, self->n_columns + 1);
  for (guint i = 0; i < self->n_columns; i++)
    row[i] = g_strdup (cells[i] != NULL ? cells[i] : "");
  g_ptr_array_add (self->rows, row);
}

/**
 * csp_report_block_new_chart:
 * @chart: the chart, across the page
 * @height: its height in points
 *
 * Returns: (transfer full): the block, holding a reference to @chart
 */
CspReportBlock *
csp_report_block_new_chart (CspChart *chart, double height)
{
  CspReportBlock *self;

  g_return_val_if_fail (CSP_IS_CHART (chart), NULL);
  g_return_val_if_fail (height > 0, NULL);

  self = block_new (CSP_REPORT_BLOCK_CHART);
  self->chart = g_object_ref (chart);
  self->height = height;
  return self;
}

/**
 * csp_report_block_new_page_break:
 * @orientation: the orientation of the pages from here on
 *
 * Returns: (transfer full): the block
 */
CspReportBlock *
csp_report_block_new_page_break (CspReportOrientation orientation)
{
  CspReportBlock *self = block_new (CSP_REPORT_BLOCK_PAGE_BREAK);

  self->orientation = orientation;
  return self;
}

void
csp_report_block_free (CspReportBlock *self)
{
  if (self == NULL)
    return;
  g_free (self->number);
  g_free (self->marker);
  g_free (self->text);
  g_strfreev (self->lines);
  g_strfreev (self->headers);
  g_free (self->widths);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_object (&self->chart);
  g_free (self);
}

/* From content. */

static char *
month_of (const char *date)
{
  return date != NULL && strlen (date) >= 7 ? g_strndup (date, 7) : NULL;
}

/**
 * csp_report_charts_new:
 * @content: the report, whose @charts name the standard charts to make
 *
 * Makes the charts of the trends appendix over the report's period.
 *
 * Returns: (transfer full) (element-type CspChart): the charts in order,
 *   or %NULL with @error set
 */
GPtrArray *
csp_report_charts_new (CspDatabase *database, const CspReportContent *content, GError **error)
{
  g_autoptr (GPtrArray) charts = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *from_month = NULL;
  g_autofree char *to_month = NULL;

  g_return_val_if_fail (CSP_IS_DATABASE (database), NULL);
  g_return_val_if_fail (content != NULL, NULL);

  from_month = month_of (content->period_start);
  to_month = month_of (content->period_end);
  for (guint i = 0; i < content->charts->len; i++)
    {
      CspChart *chart = csp_standard_chart_new (database, g_ptr_array_index (content->charts, i),
                                                from_month, to_month, error);

      if (chart == NULL)
        return NULL;
      g_ptr_array_add (charts, chart);
    }
  return g_steal_pointer (&charts);
}

static char *
upper (const char *text)
{
  return g_utf8_strup (text != NULL ? text : "", -1);
}

static char *
describe_period (const CspReportContent *content, const char *what)
{
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;

  if (content->period_start == NULL || content->period_end == NULL)
    return g_strdup (what);
  from = csp_date_format_long (content->period_start);
  to = csp_date_format_long (content->period_end);
  /* TRANSLATORS: an appendix's subject, then its period: "Community
   * engagement activities, 1 June 2020 to 31 May 2021" */
  return g_strdup_printf (_ ("%s, %s to %s"), what, from, to);
}

static void
add_heading_block (GPtrArray *blocks, const CspReportContent *content)
{
  g_autofree char *date = csp_date_format_long (content->meeting_date);
  g_autofree char *committee = NULL;
  g_autofree char *report_of = NULL;
  char *lines[5] = { NULL };

  /* TRANSLATORS: the committee and the meeting's date in a report's heading */
  committee = g_strdup_printf (_ ("%s - %s"), content->committee, date);
  if (g_ascii_strncasecmp (content->report_of, "the ", 4) == 0)
    /* TRANSLATORS: whose report it is, when that already starts with "the" */
    report_of = g_strdup_printf (_ ("Report of %s"), content->report_of);
  else
    /* TRANSLATORS: whose report it is: "Report of the Corporate Director (…)" */
    report_of = g_strdup_printf (_ ("Report of the %s"), content->report_of);

  lines[0] = upper (content->council_name);
  lines[1] = upper (committee);
  lines[2] = upper (report_of);
  lines[3] = upper (content->title);
  g_ptr_array_add (blocks, csp_report_block_new_heading ((const char *const *) lines));
  for (guint i = 0; i < 4; i++)
    g_free (lines[i]);
}

static void
add_author_block (GPtrArray *blocks, const CspReportContent *content)
{
  static const double widths[] = { 1.0, 2.0 };
  g_autofree char *author = g_markup_escape_text (content->author, -1);
  g_autofree char *date = csp_date_format_long (content->report_date);
  g_autofree char *date_markup = g_markup_escape_text (date, -1);
  g_autofree char *name_label = g_markup_escape_text (_ ("Name of author"), -1);
  g_autofree char *title_label = g_markup_escape_text (_ ("Title"), -1);
  g_autofree char *date_label = g_markup_escape_text (_ ("Date"), -1);
  CspReportBlock *table = csp_report_block_new_table (2, NULL, widths);

  table->markup = TRUE;
  table->row_headers = TRUE;
  csp_report_block_add_row (table, (const char *const[]){ name_label, author });
  if (content->author_title != NULL)
    {
      g_autofree char *title = g_markup_printf_escaped ("<i>%s</i>", content->author_title);
      csp_report_block_add_row (table, (const char *const[]){ title_label, title });
    }
  csp_report_block_add_row (table, (const char *const[]){ date_label, date_markup });
  g_ptr_array_add (blocks, table);
}

static void
add_activities_appendix (GPtrArray *blocks, const CspReportContent *content, const char *letter)
{
  /* Date, Activity, Lead and partners, Channel or location, Audience,
   * Participants / reach, Outcome. */
  static const double widths[CSP_REPORT_N_COLUMNS] = { 0.10, 0.17, 0.14, 0.13, 0.14, 0.09, 0.23 };
  const char *headers[CSP_REPORT_N_COLUMNS];
  g_autofree char *subject = describe_period (content, _ ("Community engagement activities"));
  g_autofree char *heading = NULL;
  CspReportBlock *table;

  /* TRANSLATORS: an appendix's heading: its letter, then its subject */
  heading = g_strdup_printf (_ ("Appendix %s – %s"), letter, subject);
  g_ptr_array_add (blocks, csp_report_block_new_page_break (CSP_REPORT_LANDSCAPE));
  g_ptr_array_add (blocks, csp_report_block_new_appendix (heading));
  if (content->rows->len == 0)
    {
      g_ptr_array_add (blocks, csp_report_block_new_paragraph (
                                   NULL, _ ("No activities of this period are marked for the "
                                            "committee’s appendix.")));
      return;
    }
  for (guint i = 0; i < CSP_REPORT_N_COLUMNS; i++)
    headers[i] = csp_report_column_get_title (i);
  table = csp_report_block_new_table (CSP_REPORT_N_COLUMNS, headers, widths);
  table->font_size = 9;
  for (guint i = 0; i < content->rows->len; i++)
    {
      const CspReportRow *row = g_ptr_array_index (content->rows, i);
      csp_report_block_add_row (table, (const char *const *) row->cells);
    }
  g_ptr_array_add (blocks, table);
}

static void
add_charts_appendix (GPtrArray *blocks, const CspReportContent *content, GPtrArray *charts,
                     const char *letter)
{
  g_autofree char *subject = describe_period (content, _ ("Trends"));
  g_autofree char *heading = g_strdup_printf (_ ("Appendix %s – %s"), letter, subject);

  g_ptr_array_add (blocks, csp_report_block_new_page_break (CSP_REPORT_PORTRAIT));
  g_ptr_array_add (blocks, csp_report_block_new_appendix (heading));
  /* Two to a portrait page. */
  for (guint i = 0; i < charts->len; i++)
    g_ptr_array_add (blocks, csp_report_block_new_chart (g_ptr_array_index (charts, i), 320));
}

static gboolean
is_formatted (const CspRichLine *line)
{
  g_autofree char *escaped = g_markup_escape_text (line->plain, -1);

  return !g_str_equal (escaped, line->markup);
}

/* A numbered paragraph with its formatting (csp-rich-text.h): its text,
 * then each list item as a block of its own, indented under it; the
 * number goes with the first. */
static void
add_rich_paragraph (GPtrArray *blocks, const char *number, const char *paragraph)
{
  g_autoptr (GPtrArray) lines = csp_rich_text_parse (paragraph);

  for (guint i = 0; i < lines->len; i++)
    {
      const CspRichLine *line = g_ptr_array_index (lines, i);
      CspReportBlock *block;

      if (line->marker != NULL)
        {
          /* A paragraph that is a list from its first line keeps its number. */
          if (i == 0)
            g_ptr_array_add (blocks, csp_report_block_new_paragraph (number, ""));
          block = csp_report_block_new_list_item (line->marker, line->markup);
        }
      else if (is_formatted (line))
        {
          block = csp_report_block_new_paragraph (i == 0 ? number : NULL, line->markup);
          block->markup = TRUE;
        }
      else
        /* Plain text is laid out as it always was: its very long words tamed. */
        block = csp_report_block_new_paragraph (i == 0 ? number : NULL, line->plain);
      g_ptr_array_add (blocks, block);
    }
}

/**
 * csp_report_blocks_from_content:
 * @charts: (nullable) (element-type CspChart): the trends appendix's charts
 *   (see csp_report_charts_new()); none when %NULL or empty
 *
 * Turns a report into blocks in the council's format: the heading block,
 * the numbered sections, the author block, Appendix A (the table of
 * activities, on landscape pages) and Appendix B (the charts).
 *
 * Returns: (transfer full) (element-type CspReportBlock): the blocks
 */
GPtrArray *
csp_report_blocks_from_content (const CspReportContent *content, GPtrArray *charts)
{
  GPtrArray *blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) csp_report_block_free);

  g_return_val_if_fail (content != NULL, NULL);

  add_heading_block (blocks, content);
  for (guint i = 0; i < content->sections->len; i++)
    {
      const CspReportSectionContent *section = g_ptr_array_index (content->sections, i);
      g_autofree char *number = g_strdup_printf ("%u", section->number);

      g_ptr_array_add (blocks, csp_report_block_new_section (number, section->heading));
      for (guint j = 0; section->paragraphs[j] != NULL; j++)
        {
          g_autofree char *paragraph_number = g_strdup_printf ("%u.%u", section->number, j + 1);

          add_rich_paragraph (blocks, paragraph_number, section->paragraphs[j]);
        }
    }
  add_author_block (blocks, content);
  if (content->activities_appendix)
    add_activities_appendix (blocks, content, "A");
  if (charts != NULL && charts->len > 0)
    add_charts_appendix (blocks, content, charts, content->activities_appendix ? "B" : "A");
  return blocks;
}
