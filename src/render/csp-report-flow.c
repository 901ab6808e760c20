/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "csp-report-flow"

#include "config.h"

#include <math.h>
#include <pango/pangocairo.h>

#include "csp-report-layout-private.h"

/* Measuring a report's blocks, as PangoLayouts at the width of their
 * pages, and flowing them onto the pages, as items. */

/* Sizes, as multiples of the body font's size. */
#define NUMBER_COLUMN 3.3  /* the hanging column of paragraph numbers */
#define SECTION_BEFORE 1.1 /* space above a section heading */
#define SECTION_AFTER 0.5
#define PARAGRAPH_AFTER 0.75
#define LIST_AFTER 0.3  /* between the items of a list */
#define LIST_INDENT 1.8 /* a list item's marker column, in ems */
#define BLOCK_AFTER 1.0 /* tables, charts, appendix headings */
#define CELL_PADDING 0.4
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

typedef struct
{
  CspReportLayout *layout;
  CspReportPage *page;
  double y;
  double after; /* the space the last block wants below it */
  gboolean empty;
} Flow;

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

PangoLayout *
csp_report_layout_make_small_text (CspReportLayout *self, const char *text)
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

void
csp_report_layout_measure_block (CspReportLayout *self, const CspReportBlock *block,
                                 BlockState *state, CspReportOrientation orientation)
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

void
csp_report_block_state_clear (BlockState *state, const CspReportBlock *block)
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

void
csp_report_layout_flow_blocks (CspReportLayout *self)
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
