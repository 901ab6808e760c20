/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "csp-report-layout"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "csp-chart-draw.h"
#include "csp-chart-standard.h"
#include "csp-dates.h"
#include "csp-report-breaks.h"
#include "csp-report-layout.h"
#include "csp-report-words.h"
#include "csp-rich-text.h"

/* The committee report's layout engine: blocks (heading block, numbered
 * sections and paragraphs, tables, charts) flowed onto A4 pages, then
 * each page drawn on any cairo_t. Every piece of text is a PangoLayout made
 * once, at absolute sizes in points with unhinted metrics, so that the
 * same layout measures alike on a PDF surface, a print context and a
 * preview at any zoom; the pages' items are plain rectangles, for tests.
 * A table's plain text cells, by far the most text of a report, are
 * wrapped from a cache of words shaped once each (csp-report-words.c)
 * rather than a PangoLayout each, when that gives the same lines.
 *
 * Text split across pages (a long paragraph, a table row taller than a
 * page) is cut between lines and each page draws only the lines whose top
 * falls in its piece, so no text is drawn twice (and extracted twice from
 * the PDF). */

#define EPSILON 0.01

/* Sizes, as multiples of the body font's size. */
#define NUMBER_COLUMN 3.3  /* the hanging column of paragraph numbers */
#define SECTION_BEFORE 1.1 /* space above a section heading */
#define SECTION_AFTER 0.5
#define PARAGRAPH_AFTER 0.75
#define LIST_AFTER 0.3  /* between the items of a list */
#define LIST_INDENT 1.8 /* a list item's marker column, in ems */
#define BLOCK_AFTER 1.0 /* tables, charts, appendix headings */
#define CELL_PADDING 0.4
#define SMALL_TEXT 0.8 /* header and footer */
#define TABLE_TEXT (9.0 / 11.0)

/* The longest word Pango is left to break between characters itself, and
 * the longest run of white space it is given: longer ones are tamed first
 * (csp_text_breaks_tame()), as Pango's time for them grows with the
 * square of their length. */
#define MAX_WORD 64

typedef struct
{
  double top;
  double bottom;
} LineExtent;

/* A table cell's text: wrapped from the table's cache of words, or a
 * PangoLayout when it is markup or the cache cannot lay it out. */
typedef struct
{
  CspWordText *words;
  PangoLayout *layout;
} Cell;

/* What the layout keeps of a block: its text made into PangoLayouts at
 * the width of the pages it goes on. */
typedef struct
{
  double width;
  double indent;
  double number_offset; /* a list item's marker, from the body's left */
  PangoLayout *number;  /* a number, or a list item's marker */
  PangoLayout *text;
  GPtrArray *lines;           /* heading block: a layout per line */
  CspTextBreaks *breaks;      /* tables of text: their cells' line breaks, until measured */
  CspWordCache *words;        /* tables: the body's words */
  GArray *cells;              /* tables: rows × columns Cells, row-major */
  CspWordCache *header_words; /* tables: the header row's words, in bold */
  Cell *header;               /* tables: the header row's cells */
  double *column_x;           /* tables: each column's left, from the body's */
  double *column_width;       /* tables: each column's width */
  GArray *row_heights;        /* tables: each row's height, padding included */
  double header_height;       /* tables: 0 without a header row */
  double padding;             /* tables: round each cell's text */
  CspChartLayout *chart;      /* charts */
} BlockState;

struct _CspReportLayout
{
  GPtrArray *blocks;
  BlockState *states;
  PangoContext *context;
  char *font_family;
  double font_size;
  /* The margins' text, laid out once; the widths change with the pages. */
  PangoLayout *page_label;
  PangoLayout *footer; /* the report's title, or NULL */
  PangoLayout *header; /* the council, or NULL */
  GArray *pages;
  gboolean tagged;
  guint open_table;   /* while drawing tagged: the table block whose element is open */
  gboolean open_list; /* while drawing tagged: a list's element is open */
};

typedef struct
{
  CspReportLayout *layout;
  CspReportPage *page;
  double y;
  double after; /* the space the last block wants below it */
  gboolean empty;
} Flow;

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

/* Measuring. */

/**
 * csp_report_chart_style_init:
 * @style: (out caller-allocates): how a report's charts look
 * @font_family: (nullable): the report's fonts; %CSP_REPORT_DEFAULT_FONT when %NULL
 * @font_size: the report's body size in points; 11 when 0
 *
 * The charts' text is a little smaller than the body's, in its fonts.
 */
void
csp_report_chart_style_init (CspChartStyle *style, const char *font_family, double font_size)
{
  g_return_if_fail (style != NULL);

  csp_chart_style_init (style);
  style->font_family = font_family != NULL ? font_family : CSP_REPORT_DEFAULT_FONT;
  style->font_size = 0.8 * (font_size > 0 ? font_size : 11);
}

/**
 * csp_report_layout_create_context:
 *
 * Makes a Pango context for laying out reports to be drawn on cairo
 * surfaces in points: unhinted metrics, unrounded glyph positions.
 *
 * Returns: (transfer full): the context
 */
PangoContext *
csp_report_layout_create_context (void)
{
  PangoContext *context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  cairo_font_options_t *options = cairo_font_options_create ();

  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (context, options);
  pango_context_set_round_glyph_positions (context, FALSE);
  cairo_font_options_destroy (options);
  return context;
}

static PangoFontDescription *
make_font (CspReportLayout *self, double size, PangoWeight weight)
{
  PangoFontDescription *font = pango_font_description_from_string (self->font_family);

  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  pango_font_description_set_weight (font, weight);
  return font;
}

/* Text wraps at whole Pango units, as PangoLayout's width is. */
static int
wrap_width (double width)
{
  return (int) floor (width * PANGO_SCALE);
}

static PangoLayout *
make_layout (CspReportLayout *self, const char *text, double size, PangoWeight weight, double width,
             gboolean markup)
{
  PangoLayout *layout = pango_layout_new (self->context);
  PangoFontDescription *font = make_font (self, size, weight);

  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  if (width > 0)
    {
      pango_layout_set_width (layout, wrap_width (width));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
    }
  if (markup)
    pango_layout_set_markup (layout, text, -1);
  else
    pango_layout_set_text (layout, text, -1);
  csp_word_cache_set_features (layout);
  return layout;
}

/* Plain text wrapped at @width is tamed: a word longer than a line is
 * broken between characters in time that grows with its length, not its
 * square, and never widens the page. */
static PangoLayout *
make_text (CspReportLayout *self, const char *text, double size, PangoWeight weight, double width,
           gboolean markup)
{
  g_autofree char *tamed = NULL;

  if (!markup && width > 0)
    tamed = csp_text_breaks_tame (text, NULL, pango_context_get_language (self->context), MAX_WORD);
  return make_layout (self, tamed != NULL ? tamed : text, size, weight, width, markup);
}

static PangoLayout *
make_small_text (CspReportLayout *self, const char *text)
{
  return make_layout (self, text, SMALL_TEXT * self->font_size, PANGO_WEIGHT_NORMAL, 0, FALSE);
}

static double
text_height (PangoLayout *layout)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  return (double) logical.height / PANGO_SCALE;
}

static GArray *
line_extents (PangoLayout *layout)
{
  GArray *lines = g_array_new (FALSE, FALSE, sizeof (LineExtent));
  PangoLayoutIter *iter = pango_layout_get_iter (layout);

  do
    {
      int y0, y1;
      LineExtent line;

      pango_layout_iter_get_line_yrange (iter, &y0, &y1);
      line.top = (double) y0 / PANGO_SCALE;
      line.bottom = (double) y1 / PANGO_SCALE;
      g_array_append_val (lines, line);
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);
  return lines;
}

static void
cell_clear (gpointer data)
{
  Cell *cell = data;

  g_clear_pointer (&cell->words, csp_word_text_free);
  g_clear_object (&cell->layout);
}

/* @breaks: (nullable): where @text may break, when already found */
static Cell
cell_new (CspReportLayout *self, CspWordCache *words, const char *text, const PangoLogAttr *breaks,
          double size, PangoWeight weight, double width, gboolean markup)
{
  Cell cell = { 0 };
  g_autofree PangoLogAttr *found = NULL;
  g_autofree char *tamed = NULL;

  if (markup)
    {
      cell.layout = make_layout (self, text, size, weight, width, markup);
      return cell;
    }
  if (breaks == NULL)
    breaks = found = csp_text_breaks_find (text, pango_context_get_language (self->context));
  tamed = csp_text_breaks_tame (text, breaks, pango_context_get_language (self->context), MAX_WORD);
  if (tamed != NULL)
    {
      text = tamed;
      breaks = NULL;
      g_clear_pointer (&found, g_free);
    }
  cell.words = csp_word_text_new (words, text, breaks, wrap_width (width));
  if (cell.words == NULL)
    cell.layout = make_layout (self, text, size, weight, width, markup);
  return cell;
}

static double
cell_height (const Cell *cell)
{
  if (cell->words != NULL)
    return csp_word_text_get_height (cell->words);
  return text_height (cell->layout);
}

static GArray *
cell_line_extents (const Cell *cell)
{
  GArray *lines;

  if (cell->layout != NULL)
    return line_extents (cell->layout);
  lines = g_array_new (FALSE, FALSE, sizeof (LineExtent));
  for (guint i = 0; i < csp_word_text_get_n_lines (cell->words); i++)
    {
      LineExtent line;

      csp_word_text_get_line_yrange (cell->words, i, &line.top, &line.bottom);
      g_array_append_val (lines, line);
    }
  return lines;
}

static double
page_width (CspReportOrientation orientation)
{
  return orientation == CSP_REPORT_LANDSCAPE ? CSP_REPORT_A4_LONG_SIDE : CSP_REPORT_A4_SHORT_SIDE;
}

static double
page_height (CspReportOrientation orientation)
{
  return orientation == CSP_REPORT_LANDSCAPE ? CSP_REPORT_A4_SHORT_SIDE : CSP_REPORT_A4_LONG_SIDE;
}

/* Returns: (transfer full) (element-type utf8): the table's cells' texts,
 * row by row, owned by @block */
static GPtrArray *
table_texts (const CspReportBlock *block)
{
  GPtrArray *texts = g_ptr_array_sized_new (block->rows->len * block->n_columns);

  for (guint r = 0; r < block->rows->len; r++)
    {
      char **row = g_ptr_array_index (block->rows, r);

      for (guint i = 0; i < block->n_columns; i++)
        g_ptr_array_add (texts, row[i]);
    }
  return texts;
}

static void
measure_table (CspReportLayout *self, const CspReportBlock *block, BlockState *state)
{
  double size = block->font_size > 0 ? block->font_size : self->font_size;
  double total = 0, x = 0;
  PangoFontDescription *font;

  state->padding = CELL_PADDING * size;
  state->column_x = g_new0 (double, block->n_columns);
  state->column_width = g_new0 (double, block->n_columns);
  for (guint i = 0; i < block->n_columns; i++)
    total += MAX (block->widths[i], 0);
  for (guint i = 0; i < block->n_columns; i++)
    {
      state->column_x[i] = x;
      state->column_width[i] = total > 0 ? state->width * MAX (block->widths[i], 0) / total
                                         : state->width / block->n_columns;
      x += state->column_width[i];
    }

  if (block->headers != NULL)
    {
      font = make_font (self, size, PANGO_WEIGHT_BOLD);
      state->header_words = csp_word_cache_new (self->context, font);
      pango_font_description_free (font);
      state->header = g_new0 (Cell, block->n_columns);
      for (guint i = 0; i < block->n_columns; i++)
        {
          state->header[i] =
              cell_new (self, state->header_words, block->headers[i], NULL, size, PANGO_WEIGHT_BOLD,
                        state->column_width[i] - 2 * state->padding, FALSE);
          state->header_height =
              MAX (state->header_height, cell_height (&state->header[i]) + 2 * state->padding);
        }
    }

  font = make_font (self, size, PANGO_WEIGHT_NORMAL);
  state->words = csp_word_cache_new (self->context, font);
  pango_font_description_free (font);
  state->cells =
      g_array_sized_new (FALSE, TRUE, sizeof (Cell), block->rows->len * block->n_columns);
  g_array_set_clear_func (state->cells, cell_clear);
  state->row_heights = g_array_sized_new (FALSE, FALSE, sizeof (double), block->rows->len);
  for (guint r = 0; r < block->rows->len; r++)
    {
      char **row = g_ptr_array_index (block->rows, r);
      double height = 0;

      for (guint i = 0; i < block->n_columns; i++)
        {
          const PangoLogAttr *found =
              state->breaks != NULL ? csp_text_breaks_get (state->breaks, r * block->n_columns + i)
                                    : NULL;
          Cell cell = cell_new (self, state->words, row[i], found, size, PANGO_WEIGHT_NORMAL,
                                state->column_width[i] - 2 * state->padding, block->markup);

          height = MAX (height, cell_height (&cell));
          g_array_append_val (state->cells, cell);
        }
      height += 2 * state->padding;
      g_array_append_val (state->row_heights, height);
    }
  g_clear_pointer (&state->breaks, csp_text_breaks_free);
}

static void
measure_block (CspReportLayout *self, const CspReportBlock *block, BlockState *state,
               CspReportOrientation orientation)
{
  state->width = page_width (orientation) - 2 * CSP_REPORT_MARGIN;
  switch (block->kind)
    {
    case CSP_REPORT_BLOCK_HEADING:
      state->lines = g_ptr_array_new_with_free_func (g_object_unref);
      for (guint i = 0; block->lines[i] != NULL; i++)
        {
          gboolean title = block->lines[i + 1] == NULL;
          g_ptr_array_add (state->lines, make_text (self, block->lines[i], self->font_size,
                                                    title ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL,
                                                    state->width, FALSE));
        }
      break;
    case CSP_REPORT_BLOCK_SECTION:
    case CSP_REPORT_BLOCK_PARAGRAPH:
      {
        PangoWeight weight =
            block->kind == CSP_REPORT_BLOCK_SECTION ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL;

        state->indent = NUMBER_COLUMN * self->font_size;
        if (block->marker != NULL)
          {
            /* A list item: its marker in a column of its own under the text. */
            state->number_offset = state->indent;
            state->indent += LIST_INDENT * self->font_size;
            state->number = make_text (self, block->marker, self->font_size, weight, 0, FALSE);
          }
        else if (block->number != NULL)
          {
            /* A space after the number, though the column sets them apart,
             * so that text read from the PDF says "1.1 The…", not "1.1The…". */
            g_autofree char *number = g_strconcat (block->number, " ", NULL);
            state->number = make_text (self, number, self->font_size, weight, 0, FALSE);
          }
        state->text = make_text (self, block->text, self->font_size, weight,
                                 state->width - state->indent, block->markup);
      }
      break;
    case CSP_REPORT_BLOCK_APPENDIX:
      state->text =
          make_text (self, block->text, self->font_size, PANGO_WEIGHT_BOLD, state->width, FALSE);
      break;
    case CSP_REPORT_BLOCK_TABLE:
      measure_table (self, block, state);
      break;
    case CSP_REPORT_BLOCK_CHART:
      {
        CspChartStyle style;

        csp_report_chart_style_init (&style, self->font_family, self->font_size);
        style.transparent = TRUE;
        state->chart = csp_chart_layout_new (block->chart, &style, state->width, block->height);
      }
      break;
    case CSP_REPORT_BLOCK_PAGE_BREAK:
      break;
    default:
      g_assert_not_reached ();
    }
}

static void
block_state_clear (BlockState *state, const CspReportBlock *block)
{
  if (state->header != NULL)
    {
      for (guint i = 0; i < block->n_columns; i++)
        cell_clear (&state->header[i]);
      g_clear_pointer (&state->header, g_free);
    }
  g_clear_pointer (&state->header_words, csp_word_cache_free);
  g_clear_pointer (&state->breaks, csp_text_breaks_free);
  g_clear_object (&state->number);
  g_clear_object (&state->text);
  g_clear_pointer (&state->lines, g_ptr_array_unref);
  g_clear_pointer (&state->cells, g_array_unref);
  g_clear_pointer (&state->words, csp_word_cache_free);
  g_clear_pointer (&state->row_heights, g_array_unref);
  g_clear_pointer (&state->column_x, g_free);
  g_clear_pointer (&state->column_width, g_free);
  g_clear_pointer (&state->chart, csp_chart_layout_free);
}

/* Flowing. */

static void
new_page (Flow *flow, CspReportOrientation orientation)
{
  CspReportPage page = { 0 };

  page.orientation = orientation;
  page.width = page_width (orientation);
  page.height = page_height (orientation);
  page.body =
      (CspReportRect){ CSP_REPORT_MARGIN, CSP_REPORT_MARGIN, page.width - 2 * CSP_REPORT_MARGIN,
                       page.height - 2 * CSP_REPORT_MARGIN };
  page.items = g_array_new (FALSE, FALSE, sizeof (CspReportItem));
  g_array_append_val (flow->layout->pages, page);
  flow->page = &g_array_index (flow->layout->pages, CspReportPage, flow->layout->pages->len - 1);
  flow->y = page.body.y;
  flow->after = 0;
  flow->empty = TRUE;
}

static double
flow_bottom (Flow *flow)
{
  return flow->page->body.y + flow->page->body.height;
}

static double
flow_body_height (Flow *flow)
{
  return flow->page->body.height;
}

/* Space above a block: none at the top of a page, else the larger of what
 * the last block wants below it and this one above it. */
static double
flow_gap (Flow *flow, double before)
{
  return flow->empty ? 0 : MAX (flow->after, before);
}

static void
flow_break (Flow *flow)
{
  new_page (flow, flow->page->orientation);
}

static CspReportItem *
flow_place (Flow *flow, CspReportItemKind kind, guint block, guint index, double x, double width,
            double height)
{
  CspReportItem item = { 0 };

  item.kind = kind;
  item.block = block;
  item.index = index;
  item.rect = (CspReportRect){ x, flow->y, width, height };
  g_array_append_val (flow->page->items, item);
  flow->y += height;
  flow->empty = FALSE;
  return &g_array_index (flow->page->items, CspReportItem, flow->page->items->len - 1);
}

/* The height a block needs on the page it starts on, to keep a heading
 * with it: two lines of a paragraph, a table's header and first row. */
static double
lead_height (CspReportLayout *self, guint index)
{
  const CspReportBlock *block;
  BlockState *state;

  if (index >= self->blocks->len)
    return 0;
  block = g_ptr_array_index (self->blocks, index);
  state = &self->states[index];
  switch (block->kind)
    {
    case CSP_REPORT_BLOCK_PARAGRAPH:
      {
        g_autoptr (GArray) lines = line_extents (state->text);
        guint n = lines->len <= 3 ? lines->len : 2;
        return g_array_index (lines, LineExtent, n - 1).bottom;
      }
    case CSP_REPORT_BLOCK_TABLE:
      if (block->rows->len == 0)
        return state->header_height;
      return state->header_height + MIN (g_array_index (state->row_heights, double, 0),
                                         3 * self->font_size + 2 * state->padding);
    case CSP_REPORT_BLOCK_CHART:
      return block->height;
    case CSP_REPORT_BLOCK_HEADING:
    case CSP_REPORT_BLOCK_SECTION:
    case CSP_REPORT_BLOCK_APPENDIX:
    case CSP_REPORT_BLOCK_PAGE_BREAK:
    default:
      return 0;
    }
}

static void
flow_heading_block (Flow *flow, guint index)
{
  BlockState *state = &flow->layout->states[index];

  flow->y += flow_gap (flow, 0);
  for (guint i = 0; i < state->lines->len; i++)
    {
      PangoLayout *line = g_ptr_array_index (state->lines, i);

      /* A blank line before the title. */
      if (i > 0 && i + 1 == state->lines->len)
        flow->y += flow->layout->font_size * 1.15;
      flow_place (flow, CSP_REPORT_ITEM_TEXT, index, i, flow->page->body.x, state->width,
                  text_height (line));
    }
  flow->after = 1.6 * flow->layout->font_size;
}

static void
flow_heading (Flow *flow, guint index, double before, double after)
{
  BlockState *state = &flow->layout->states[index];
  double height = text_height (state->text);
  double gap = flow_gap (flow, before);

  /* Keep with what follows. */
  if (!flow->empty &&
      flow->y + gap + height + lead_height (flow->layout, index + 1) > flow_bottom (flow))
    {
      flow_break (flow);
      gap = 0;
    }
  flow->y += gap;
  flow_place (flow, CSP_REPORT_ITEM_TEXT, index, 0, flow->page->body.x, state->width, height);
  flow->after = after;
}

/* Whether the block after @index is an item of a list: the items of a
 * list, and the text that leads into it, stand close together. */
static gboolean
list_follows (Flow *flow, guint index)
{
  GPtrArray *blocks = flow->layout->blocks;

  return index + 1 < blocks->len &&
         ((const CspReportBlock *) g_ptr_array_index (blocks, index + 1))->marker != NULL;
}

static void
flow_paragraph (Flow *flow, guint index)
{
  BlockState *state = &flow->layout->states[index];
  g_autoptr (GArray) lines = line_extents (state->text);
  guint first = 0, part = 0;

  flow->y += flow_gap (flow, 0);
  while (first < lines->len)
    {
      double start = g_array_index (lines, LineExtent, first).top;
      double avail = flow_bottom (flow) - flow->y;
      guint fit = 0, take;
      CspReportItem *item;

      while (first + fit < lines->len &&
             g_array_index (lines, LineExtent, first + fit).bottom - start <= avail + EPSILON)
        fit++;
      if (first + fit == lines->len)
        take = fit;
      else
        {
          /* No single line at the foot or head of a page. */
          guint rest = lines->len - first;
          take = MIN (fit, rest - 2);
          if (fit < 2 || rest < 4 || take < 2)
            take = 0;
        }
      if (take == 0)
        {
          if (!flow->empty)
            {
              flow_break (flow);
              continue;
            }
          take = MAX (fit, 1);
        }
      item = flow_place (flow, CSP_REPORT_ITEM_TEXT, index, 0, flow->page->body.x, state->width,
                         g_array_index (lines, LineExtent, first + take - 1).bottom - start);
      item->part = part++;
      item->offset = start;
      first += take;
      item->continued = first < lines->len;
      if (item->continued)
        flow_break (flow);
    }
  flow->after =
      (list_follows (flow, index) ? LIST_AFTER : PARAGRAPH_AFTER) * flow->layout->font_size;
}

static void
flow_header_row (Flow *flow, guint index)
{
  BlockState *state = &flow->layout->states[index];

  if (state->header_height > 0)
    flow_place (flow, CSP_REPORT_ITEM_HEADER_ROW, index, 0, flow->page->body.x, state->width,
                state->header_height);
}

/* The lowest cut at most @limit down a row's text at which no line of any
 * cell is cut in two. @extents holds each cell's line extents. */
static double
find_cut (GArray **extents, guint n_columns, double limit)
{
  double cut = limit;
  gboolean changed = TRUE;

  while (changed)
    {
      changed = FALSE;
      for (guint i = 0; i < n_columns; i++)
        {
          GArray *lines = extents[i];

          for (guint j = 0; j < lines->len; j++)
            {
              const LineExtent *line = &g_array_index (lines, LineExtent, j);
              if (line->top < cut - EPSILON && line->bottom > cut + EPSILON)
                {
                  cut = line->top;
                  changed = TRUE;
                }
            }
        }
    }
  return cut;
}

static void
flow_split_row (Flow *flow, guint index, guint row)
{
  const CspReportBlock *block = g_ptr_array_index (flow->layout->blocks, index);
  BlockState *state = &flow->layout->states[index];
  double content = g_array_index (state->row_heights, double, row) - 2 * state->padding;
  double start = 0;
  guint part = 0;
  /* Measured once for all the pages the row runs over. */
  g_autoptr (GPtrArray) extents =
      g_ptr_array_new_full (block->n_columns, (GDestroyNotify) g_array_unref);

  for (guint i = 0; i < block->n_columns; i++)
    g_ptr_array_add (extents, cell_line_extents (
                                  &g_array_index (state->cells, Cell, row * block->n_columns + i)));
  while (start < content - EPSILON)
    {
      double avail = flow_bottom (flow) - flow->y - 2 * state->padding;
      double cut = content - start <= avail + EPSILON
                       ? content
                       : find_cut ((GArray **) extents->pdata, block->n_columns, start + avail);
      CspReportItem *item;

      if (cut <= start + EPSILON)
        {
          if (flow->empty || flow->page->items->len == 1)
            /* A line taller than a page: nothing to be done but clip it. */
            cut = MIN (content, start + avail);
          else
            {
              flow_break (flow);
              flow_header_row (flow, index);
              continue;
            }
        }
      item = flow_place (flow, CSP_REPORT_ITEM_ROW, index, row, flow->page->body.x, state->width,
                         cut - start + 2 * state->padding);
      item->part = part++;
      item->offset = start;
      item->continued = cut < content - EPSILON;
      start = cut;
      if (item->continued)
        {
          flow_break (flow);
          flow_header_row (flow, index);
        }
    }
}

static void
flow_table (Flow *flow, guint index)
{
  const CspReportBlock *block = g_ptr_array_index (flow->layout->blocks, index);
  BlockState *state = &flow->layout->states[index];
  double gap = flow_gap (flow, 0);

  if (!flow->empty && flow->y + gap + lead_height (flow->layout, index) > flow_bottom (flow))
    {
      flow_break (flow);
      gap = 0;
    }
  flow->y += gap;
  flow_header_row (flow, index);
  for (guint r = 0; r < block->rows->len; r++)
    {
      double height = g_array_index (state->row_heights, double, r);

      if (flow->y + height > flow_bottom (flow) + EPSILON)
        {
          if (height > flow_body_height (flow) - state->header_height + EPSILON)
            {
              flow_split_row (flow, index, r);
              continue;
            }
          flow_break (flow);
          flow_header_row (flow, index);
        }
      flow_place (flow, CSP_REPORT_ITEM_ROW, index, r, flow->page->body.x, state->width, height);
    }
  flow->after = BLOCK_AFTER * flow->layout->font_size;
}

static void
flow_chart (Flow *flow, guint index)
{
  const CspReportBlock *block = g_ptr_array_index (flow->layout->blocks, index);
  BlockState *state = &flow->layout->states[index];
  double gap = flow_gap (flow, 0);

  if (!flow->empty && flow->y + gap + block->height > flow_bottom (flow))
    {
      flow_break (flow);
      gap = 0;
    }
  flow->y += gap;
  flow_place (flow, CSP_REPORT_ITEM_CHART, index, 0, flow->page->body.x, state->width,
              block->height);
  flow->after = BLOCK_AFTER * flow->layout->font_size;
}

static void
flow_blocks (CspReportLayout *self)
{
  Flow flow = { .layout = self };

  new_page (&flow, CSP_REPORT_PORTRAIT);
  for (guint i = 0; i < self->blocks->len; i++)
    {
      const CspReportBlock *block = g_ptr_array_index (self->blocks, i);

      switch (block->kind)
        {
        case CSP_REPORT_BLOCK_HEADING:
          flow_heading_block (&flow, i);
          break;
        case CSP_REPORT_BLOCK_SECTION:
          flow_heading (&flow, i, SECTION_BEFORE * self->font_size,
                        SECTION_AFTER * self->font_size);
          break;
        case CSP_REPORT_BLOCK_APPENDIX:
          flow_heading (&flow, i, BLOCK_AFTER * self->font_size, BLOCK_AFTER * self->font_size);
          break;
        case CSP_REPORT_BLOCK_PARAGRAPH:
          flow_paragraph (&flow, i);
          break;
        case CSP_REPORT_BLOCK_TABLE:
          /* The author block stands apart from the last paragraph. */
          flow.after = MAX (flow.after, BLOCK_AFTER * self->font_size);
          flow_table (&flow, i);
          break;
        case CSP_REPORT_BLOCK_CHART:
          flow_chart (&flow, i);
          break;
        case CSP_REPORT_BLOCK_PAGE_BREAK:
          if (flow.empty)
            {
              /* Nothing on this page yet: turn it rather than leave it blank. */
              g_array_set_size (self->pages, self->pages->len - 1);
            }
          new_page (&flow, block->orientation);
          break;
        default:
          g_assert_not_reached ();
        }
    }
}

/* The layout. */

/**
 * csp_report_layout_options_init:
 * @options: (out caller-allocates): the defaults: Arial (or Liberation Sans,
 *   or DejaVu Sans) at 11 points, no header or footer text
 */
void
csp_report_layout_options_init (CspReportLayoutOptions *options)
{
  g_return_if_fail (options != NULL);

  *options = (CspReportLayoutOptions){
    .font_family = NULL,
    .font_size = 11,
    .footer = NULL,
    .header = NULL,
  };
}

static void
page_clear (gpointer data)
{
  CspReportPage *page = data;

  g_clear_pointer (&page->items, g_array_unref);
}

/**
 * csp_report_layout_new:
 * @blocks: (element-type CspReportBlock): the report's blocks; the layout
 *   keeps a reference and they must not change after
 * @options: (nullable): how it looks; the defaults when %NULL
 * @context: (nullable): the Pango context to measure text with, such as a
 *   print context's; one of csp_report_layout_create_context() when %NULL.
 *   Draw on a cairo_t whose user units are points.
 *
 * Lays the blocks out on A4 pages, portrait until a page break says otherwise.
 *
 * Returns: (transfer full): the layout
 */
CspReportLayout *
csp_report_layout_new (GPtrArray *blocks, const CspReportLayoutOptions *options,
                       PangoContext *context)
{
  CspReportLayoutOptions defaults;
  CspReportLayout *self;
  CspReportOrientation orientation = CSP_REPORT_PORTRAIT;

  g_return_val_if_fail (blocks != NULL, NULL);
  g_return_val_if_fail (context == NULL || PANGO_IS_CONTEXT (context), NULL);

  if (options == NULL)
    {
      csp_report_layout_options_init (&defaults);
      options = &defaults;
    }

  self = g_new0 (CspReportLayout, 1);
  self->blocks = g_ptr_array_ref (blocks);
  self->context = context != NULL ? g_object_ref (context) : csp_report_layout_create_context ();
  self->font_family =
      g_strdup (options->font_family != NULL ? options->font_family : CSP_REPORT_DEFAULT_FONT);
  self->font_size = options->font_size > 0 ? options->font_size : 11;
  self->page_label = make_small_text (self, "");
  if (options->footer != NULL)
    {
      self->footer = make_small_text (self, options->footer);
      pango_layout_set_ellipsize (self->footer, PANGO_ELLIPSIZE_END);
    }
  if (options->header != NULL)
    {
      self->header = make_small_text (self, options->header);
      pango_layout_set_alignment (self->header, PANGO_ALIGN_RIGHT);
      /* One line, however long the council's name: a word too long for it
       * would run off the left of the page. */
      pango_layout_set_ellipsize (self->header, PANGO_ELLIPSIZE_END);
    }
  self->pages = g_array_new (FALSE, FALSE, sizeof (CspReportPage));
  g_array_set_clear_func (self->pages, page_clear);
  self->open_table = G_MAXUINT;

  self->states = g_new0 (BlockState, MAX (blocks->len, 1));
  /* The tables' line breaks are found from the start, beside the rest. */
  for (guint i = 0; i < blocks->len; i++)
    {
      const CspReportBlock *block = g_ptr_array_index (blocks, i);

      if (block->kind == CSP_REPORT_BLOCK_TABLE && !block->markup)
        {
          g_autoptr (GPtrArray) texts = table_texts (block);

          self->states[i].breaks =
              csp_text_breaks_new (texts, pango_context_get_language (self->context));
        }
    }
  for (guint i = 0; i < blocks->len; i++)
    {
      const CspReportBlock *block = g_ptr_array_index (blocks, i);

      if (block->kind == CSP_REPORT_BLOCK_PAGE_BREAK)
        orientation = block->orientation;
      measure_block (self, block, &self->states[i], orientation);
    }
  flow_blocks (self);
  return self;
}

/**
 * csp_report_dup_page_header:
 * @content: the report
 *
 * Returns: (transfer full): the head of its pages but the first: the
 *   council's name, saying "draft" for a draft
 */
char *
csp_report_dup_page_header (const CspReportContent *content)
{
  g_return_val_if_fail (content != NULL, NULL);

  if (g_strcmp0 (content->status, "draft") == 0)
    /* TRANSLATORS: the head of a draft report's pages: the council's name */
    return g_strdup_printf (_ ("%s – draft"), content->council_name);
  return g_strdup (content->council_name);
}

/**
 * csp_report_layout_new_for_content:
 * @charts: (nullable) (element-type CspChart): the trends appendix's charts
 * @context: (nullable): as for csp_report_layout_new()
 *
 * Lays out a report in the council's format, its title at the foot of
 * every page and the council's name at the head of every page but the first.
 *
 * Returns: (transfer full): the layout
 */
CspReportLayout *
csp_report_layout_new_for_content (const CspReportContent *content, GPtrArray *charts,
                                   PangoContext *context)
{
  g_autoptr (GPtrArray) blocks = NULL;
  g_autofree char *header = NULL;
  CspReportLayoutOptions options;

  g_return_val_if_fail (content != NULL, NULL);

  blocks = csp_report_blocks_from_content (content, charts);
  header = csp_report_dup_page_header (content);
  csp_report_layout_options_init (&options);
  options.footer = content->title;
  options.header = header;
  return csp_report_layout_new (blocks, &options, context);
}

void
csp_report_layout_free (CspReportLayout *self)
{
  if (self == NULL)
    return;
  for (guint i = 0; i < self->blocks->len; i++)
    block_state_clear (&self->states[i], g_ptr_array_index (self->blocks, i));
  g_free (self->states);
  g_ptr_array_unref (self->blocks);
  g_array_unref (self->pages);
  g_object_unref (self->page_label);
  g_clear_object (&self->footer);
  g_clear_object (&self->header);
  g_object_unref (self->context);
  g_free (self->font_family);
  g_free (self);
}

guint
csp_report_layout_get_n_pages (CspReportLayout *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->pages->len;
}

/**
 * csp_report_layout_get_page:
 *
 * Returns: (transfer none): the page, as long as the layout lives
 */
const CspReportPage *
csp_report_layout_get_page (CspReportLayout *self, guint index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->pages->len, NULL);
  return &g_array_index (self->pages, CspReportPage, index);
}

guint
csp_report_layout_get_n_blocks (CspReportLayout *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->blocks->len;
}

/**
 * csp_report_layout_get_block:
 *
 * Returns: (transfer none): the block of that index
 */
const CspReportBlock *
csp_report_layout_get_block (CspReportLayout *self, guint index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->blocks->len, NULL);
  return g_ptr_array_index (self->blocks, index);
}

/**
 * csp_report_layout_get_row_height:
 * @block: a table block's index
 * @row: a row's index, or -1 for the header row
 *
 * Returns: the row's whole height in points, padding included
 */
double
csp_report_layout_get_row_height (CspReportLayout *self, guint block, int row)
{
  const CspReportBlock *table;

  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (block < self->blocks->len, 0);
  table = g_ptr_array_index (self->blocks, block);
  g_return_val_if_fail (table->kind == CSP_REPORT_BLOCK_TABLE, 0);
  g_return_val_if_fail (row >= -1 && row < (int) table->rows->len, 0);

  if (row < 0)
    return self->states[block].header_height;
  return g_array_index (self->states[block].row_heights, double, row);
}

/**
 * csp_report_layout_dup_page_label:
 *
 * Returns: (transfer full): the page number as its footer says it, "Page 3 of 12"
 */
char *
csp_report_layout_dup_page_label (CspReportLayout *self, guint index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->pages->len, NULL);
  return g_strdup_printf (_ ("Page %u of %u"), index + 1, self->pages->len);
}

/**
 * csp_report_layout_set_tagged:
 * @tagged: whether csp_report_layout_draw_page() marks the structure of
 *   a tagged PDF (cairo_tag_begin()); off by default
 *
 * A tagged document's structure runs from page to page, so its pages must
 * then be drawn once each, in order, on one surface, as a PDF export does;
 * a print operation or preview, which may draw any page, leaves it off.
 */
void
csp_report_layout_set_tagged (CspReportLayout *self, gboolean tagged)
{
  g_return_if_fail (self != NULL);
  self->tagged = tagged;
}

/* Drawing. */

/* Draws the lines of @layout whose tops lie in [@start, @end) of its text,
 * with @start at @y. */
static void
draw_lines (cairo_t *cr, PangoLayout *layout, double x, double y, double start, double end)
{
  PangoLayoutIter *iter = pango_layout_get_iter (layout);

  do
    {
      PangoRectangle logical;
      double top, baseline;

      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      top = (double) logical.y / PANGO_SCALE;
      if (top >= start - EPSILON && top < end - EPSILON)
        {
          baseline = (double) pango_layout_iter_get_baseline (iter) / PANGO_SCALE;
          cairo_move_to (cr, x + (double) logical.x / PANGO_SCALE, y + baseline - start);
          pango_cairo_show_layout_line (cr, pango_layout_iter_get_line_readonly (iter));
        }
      else if (top >= end)
        break;
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);
}

static void
draw_layout (cairo_t *cr, PangoLayout *layout, double x, double y)
{
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
}

/* Cells from the word cache join @batch; a cell of its own layout draws
 * at once, after what the batch holds, so that the PDF keeps the text in
 * reading order. */
static void
draw_cell_lines (cairo_t *cr, CspWordBatch *batch, const Cell *cell, double x, double y,
                 double start, double end)
{
  if (cell->words != NULL)
    csp_word_text_add_lines (cell->words, batch, x, y, start, end);
  else
    {
      csp_word_batch_draw (batch);
      draw_lines (cr, cell->layout, x, y, start, end);
    }
}

/* Tagging, for a tagged PDF. cairo 1.16 marks as content only what is
 * drawn inside a leaf element (a heading, a paragraph, a cell, a figure),
 * and cannot mark artifacts: leaves open and close on one page, so that
 * the page's header and footer, drawn last, stay out of them (a paragraph
 * or row split across pages is an element on each). The document's and a
 * table's elements run over pages; a table's header row, repeated on the
 * pages after its first, stays out of it, as the artifact it is. */

static void
tag_begin (CspReportLayout *self, cairo_t *cr, const char *tag)
{
  if (self->tagged)
    cairo_tag_begin (cr, tag, NULL);
}

static void
tag_end (CspReportLayout *self, cairo_t *cr, const char *tag)
{
  if (self->tagged)
    cairo_tag_end (cr, tag);
}

static const char *
text_tag (const CspReportBlock *block, const CspReportItem *item)
{
  switch (block->kind)
    {
    case CSP_REPORT_BLOCK_HEADING:
      /* The title is the document's top heading. */
      return block->lines[item->index + 1] == NULL ? "H1" : "P";
    case CSP_REPORT_BLOCK_SECTION:
    case CSP_REPORT_BLOCK_APPENDIX:
      return "H2";
    case CSP_REPORT_BLOCK_PARAGRAPH:
      return block->marker != NULL ? "LI" : "P";
    case CSP_REPORT_BLOCK_TABLE:
    case CSP_REPORT_BLOCK_CHART:
    case CSP_REPORT_BLOCK_PAGE_BREAK:
    default:
      return "P";
    }
}

static gboolean
is_row (const CspReportItem *item)
{
  return item->kind == CSP_REPORT_ITEM_HEADER_ROW || item->kind == CSP_REPORT_ITEM_ROW;
}

/* Opens a list's element at its first item, closes it after its last. */
static void
follow_list (CspReportLayout *self, cairo_t *cr, const CspReportBlock *block)
{
  gboolean item = block != NULL && block->marker != NULL;

  if (item && !self->open_list)
    tag_begin (self, cr, "L");
  else if (!item && self->open_list)
    tag_end (self, cr, "L");
  self->open_list = item;
}

static void
close_table (CspReportLayout *self, cairo_t *cr)
{
  if (self->open_table != G_MAXUINT)
    tag_end (self, cr, "Table");
  self->open_table = G_MAXUINT;
}

/* Closes the open table's element unless @item is one of its rows, and
 * opens its own table's. Returns whether it opened one. */
static gboolean
follow_table (CspReportLayout *self, cairo_t *cr, const CspReportItem *item)
{
  if (is_row (item) && item->block == self->open_table)
    return FALSE;
  close_table (self, cr);
  if (!is_row (item))
    return FALSE;
  tag_begin (self, cr, "Table");
  self->open_table = item->block;
  return TRUE;
}

/* Adds the row's text to the page's @batch: a page's rows are one
 * cairo_show_text_glyphs() when they can be, as each call has a cost in
 * the PDF surface beside that of its glyphs; each cell is drawn at once
 * when @tag marks its row and cells. */
static void
draw_row (CspReportLayout *self, cairo_t *cr, const CspReportItem *item, CspWordBatch *batch,
          gboolean tag)
{
  const CspReportBlock *block = g_ptr_array_index (self->blocks, item->block);
  BlockState *state = &self->states[item->block];
  const CspReportRect *rect = &item->rect;
  gboolean header = item->kind == CSP_REPORT_ITEM_HEADER_ROW;
  const Cell *cells =
      header ? state->header : &g_array_index (state->cells, Cell, item->index * block->n_columns);

  tag = tag && self->tagged;
  if (header)
    {
      csp_word_batch_draw (batch);
      cairo_set_source_rgb (cr, 0.86, 0.88, 0.90);
      cairo_rectangle (cr, rect->x, rect->y, rect->width, rect->height);
      cairo_fill (cr);
    }
  cairo_set_source_rgb (cr, 0, 0, 0);
  if (tag)
    {
      /* What the batch holds (a repeated header row) stays out of the row. */
      csp_word_batch_draw (batch);
      cairo_tag_begin (cr, "TR", NULL);
    }
  for (guint i = 0; i < block->n_columns; i++)
    {
      const char *cell_tag = header || (block->row_headers && i == 0) ? "TH" : "TD";

      if (tag)
        cairo_tag_begin (cr, cell_tag, NULL);
      draw_cell_lines (cr, batch, &cells[i], rect->x + state->column_x[i] + state->padding,
                       rect->y + state->padding, item->offset,
                       item->offset + rect->height - 2 * state->padding);
      if (tag)
        {
          csp_word_batch_draw (batch);
          cairo_tag_end (cr, cell_tag);
        }
    }
  if (tag)
    cairo_tag_end (cr, "TR");
}

/* Borders round the rows and between the columns of the @n_rows rows of a
 * table from @first, one after another on a page: a line down each column
 * for them all, which makes a far smaller PDF than lines round each row. A
 * piece of a split row leaves its cut edge open, as word processors do. */
static void
draw_borders (CspReportLayout *self, cairo_t *cr, const CspReportItem *first, guint n_rows)
{
  const CspReportBlock *block = g_ptr_array_index (self->blocks, first->block);
  BlockState *state = &self->states[first->block];
  const CspReportItem *last = first + n_rows - 1;
  const CspReportRect *rect = &first->rect;
  double bottom = last->rect.y + last->rect.height;

  cairo_set_source_rgb (cr, 0, 0, 0);
  cairo_set_line_width (cr, 0.6);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_SQUARE);
  for (const CspReportItem *row = first; row <= last; row++)
    {
      cairo_move_to (cr, rect->x, row->rect.y);
      cairo_rel_line_to (cr, rect->width, 0);
    }
  if (!last->continued)
    {
      cairo_move_to (cr, rect->x, bottom);
      cairo_rel_line_to (cr, rect->width, 0);
    }
  for (guint i = 0; i <= block->n_columns; i++)
    {
      double x = i < block->n_columns ? rect->x + state->column_x[i] : rect->x + rect->width;
      cairo_move_to (cr, x, rect->y);
      cairo_line_to (cr, x, bottom);
    }
  cairo_stroke (cr);
}

static void
draw_page_borders (CspReportLayout *self, cairo_t *cr, const CspReportPage *page)
{
  const CspReportItem *items = (const CspReportItem *) page->items->data;
  guint i = 0;

  while (i < page->items->len)
    {
      guint n = 0;

      while (i + n < page->items->len && is_row (&items[i + n]) &&
             items[i + n].block == items[i].block)
        n++;
      if (n > 0)
        draw_borders (self, cr, &items[i], n);
      i += MAX (n, 1);
    }
}

static void
draw_text_item (CspReportLayout *self, cairo_t *cr, const CspReportItem *item)
{
  const CspReportBlock *block = g_ptr_array_index (self->blocks, item->block);
  BlockState *state = &self->states[item->block];
  const CspReportRect *rect = &item->rect;

  cairo_set_source_rgb (cr, 0, 0, 0);
  switch (block->kind)
    {
    case CSP_REPORT_BLOCK_HEADING:
      draw_layout (cr, g_ptr_array_index (state->lines, item->index), rect->x, rect->y);
      break;
    case CSP_REPORT_BLOCK_SECTION:
    case CSP_REPORT_BLOCK_PARAGRAPH:
      /* A list item's marker and text are its label and body. */
      if (state->number != NULL && item->part == 0)
        {
          /* On the first line's baseline, which a superscript lowers. */
          double shift = (double) (pango_layout_get_baseline (state->text) -
                                   pango_layout_get_baseline (state->number)) /
                         PANGO_SCALE;

          if (block->marker != NULL)
            tag_begin (self, cr, "Lbl");
          draw_layout (cr, state->number, rect->x + state->number_offset, rect->y + shift);
          if (block->marker != NULL)
            tag_end (self, cr, "Lbl");
        }
      if (block->marker != NULL)
        tag_begin (self, cr, "LBody");
      draw_lines (cr, state->text, rect->x + state->indent, rect->y, item->offset,
                  item->offset + rect->height);
      if (block->marker != NULL)
        tag_end (self, cr, "LBody");
      break;
    case CSP_REPORT_BLOCK_APPENDIX:
      draw_layout (cr, state->text, rect->x, rect->y);
      break;
    case CSP_REPORT_BLOCK_TABLE:
    case CSP_REPORT_BLOCK_CHART:
    case CSP_REPORT_BLOCK_PAGE_BREAK:
    default:
      g_assert_not_reached ();
    }
}

static void
draw_margins (CspReportLayout *self, cairo_t *cr, guint index, const CspReportPage *page)
{
  g_autofree char *label = csp_report_layout_dup_page_label (self, index);
  double size = SMALL_TEXT * self->font_size;
  double footer_y = page->body.y + page->body.height + 1.4 * size;
  PangoRectangle logical;
  double label_width;

  cairo_set_source_rgb (cr, 0.25, 0.25, 0.25);
  pango_layout_set_text (self->page_label, label, -1);
  pango_layout_get_extents (self->page_label, NULL, &logical);
  label_width = (double) logical.width / PANGO_SCALE;
  draw_layout (cr, self->page_label, page->body.x + page->body.width - label_width, footer_y);

  if (self->footer != NULL)
    {
      pango_layout_set_width (self->footer,
                              (int) ((page->body.width - label_width - 2 * size) * PANGO_SCALE));
      draw_layout (cr, self->footer, page->body.x, footer_y);
    }

  cairo_set_line_width (cr, 0.5);
  cairo_move_to (cr, page->body.x, footer_y - 0.5 * size);
  cairo_rel_line_to (cr, page->body.width, 0);
  cairo_stroke (cr);

  if (self->header != NULL && index > 0)
    {
      pango_layout_set_width (self->header, (int) (page->body.width * PANGO_SCALE));
      draw_layout (cr, self->header, page->body.x, page->body.y - 2.6 * size);
    }
}

/**
 * csp_report_layout_draw_page:
 * @index: the page, from 0
 * @cr: where to draw, in points with the page's top left corner at the
 *   origin (a PDF page of the page's size, a print context's page)
 *
 * Draws one page: its items, its footer and header. The page's background
 * is left as it is. The state of @cr is left as it was. When the layout
 * is tagged (csp_report_layout_set_tagged()), the page's structure is
 * marked too: the document's element opens on the first page and closes
 * on the last.
 */
void
csp_report_layout_draw_page (CspReportLayout *self, guint index, cairo_t *cr)
{
  const CspReportPage *page;
  g_autoptr (CspWordBatch) batch = NULL;

  g_return_if_fail (self != NULL);
  g_return_if_fail (index < self->pages->len);
  g_return_if_fail (cr != NULL);

  page = &g_array_index (self->pages, CspReportPage, index);
  cairo_save (cr);
  if (index == 0)
    {
      self->open_table = G_MAXUINT;
      self->open_list = FALSE;
      tag_begin (self, cr, "Document");
    }
  batch = csp_word_batch_new (cr);
  for (guint i = 0; i < page->items->len; i++)
    {
      const CspReportItem *item = &g_array_index (page->items, CspReportItem, i);
      const CspReportBlock *block = g_ptr_array_index (self->blocks, item->block);
      gboolean table_opened;

      follow_list (self, cr, item->kind == CSP_REPORT_ITEM_TEXT ? block : NULL);
      table_opened = follow_table (self, cr, item);
      switch (item->kind)
        {
        case CSP_REPORT_ITEM_TEXT:
          csp_word_batch_draw (batch);
          tag_begin (self, cr, text_tag (block, item));
          draw_text_item (self, cr, item);
          tag_end (self, cr, text_tag (block, item));
          break;
        case CSP_REPORT_ITEM_HEADER_ROW:
          draw_row (self, cr, item, batch, table_opened);
          break;
        case CSP_REPORT_ITEM_ROW:
          draw_row (self, cr, item, batch, TRUE);
          break;
        case CSP_REPORT_ITEM_CHART:
          csp_word_batch_draw (batch);
          tag_begin (self, cr, "Figure");
          cairo_save (cr);
          cairo_translate (cr, item->rect.x, item->rect.y);
          csp_chart_layout_draw (self->states[item->block].chart, cr);
          cairo_restore (cr);
          tag_end (self, cr, "Figure");
          break;
        default:
          g_assert_not_reached ();
        }
    }
  csp_word_batch_draw (batch);
  draw_page_borders (self, cr, page);
  draw_margins (self, cr, index, page);
  if (index + 1 == self->pages->len)
    {
      follow_list (self, cr, NULL);
      close_table (self, cr);
      tag_end (self, cr, "Document");
    }
  cairo_restore (cr);
}
