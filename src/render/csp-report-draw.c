/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "csp-report-draw"

#include "config.h"

#include <pango/pangocairo.h>

#include "csp-chart-draw.h"
#include "csp-report-layout-private.h"

/* Drawing a laid out page on any cairo_t, and marking its structure for a
 * tagged PDF. */

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
