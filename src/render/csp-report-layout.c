/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "csp-report-layout"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "csp-report-layout-private.h"

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
 * the PDF).
 *
 * csp-report-blocks.c makes the blocks, csp-report-flow.c measures them
 * and flows them onto pages, csp-report-draw.c draws the pages; this file
 * holds the layout itself. */

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
  self->page_label = csp_report_layout_make_small_text (self, "");
  if (options->footer != NULL)
    {
      self->footer = csp_report_layout_make_small_text (self, options->footer);
      pango_layout_set_ellipsize (self->footer, PANGO_ELLIPSIZE_END);
    }
  if (options->header != NULL)
    {
      self->header = csp_report_layout_make_small_text (self, options->header);
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
      csp_report_layout_measure_block (self, block, &self->states[i], orientation);
    }
  csp_report_layout_flow_blocks (self);
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
    csp_report_block_state_clear (&self->states[i], g_ptr_array_index (self->blocks, i));
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
 * then be drawn once each, in order, on one surface, as a PDF export does
 * and a print operation of every page; one that may draw any page (a
 * preview on screen, a range of pages) leaves it off.
 */
void
csp_report_layout_set_tagged (CspReportLayout *self, gboolean tagged)
{
  g_return_if_fail (self != NULL);
  self->tagged = tagged;
}
