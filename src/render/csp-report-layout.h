/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <pango/pango.h>

#include "csp-chart-layout.h"
#include "csp-chart.h"
#include "csp-database.h"
#include "csp-report-content.h"

G_BEGIN_DECLS

/* A4 in points, and the margins round every page. */
#define CSP_REPORT_A4_SHORT_SIDE (210.0 / 25.4 * 72.0)
#define CSP_REPORT_A4_LONG_SIDE (297.0 / 25.4 * 72.0)
#define CSP_REPORT_MARGIN (20.0 / 25.4 * 72.0)

#define CSP_REPORT_DEFAULT_FONT "Arial, Liberation Sans, DejaVu Sans, sans"

/**
 * CspReportOrientation:
 * @CSP_REPORT_PORTRAIT: A4 upright, 595.28 × 841.89 points
 * @CSP_REPORT_LANDSCAPE: A4 on its side, 841.89 × 595.28 points
 */
typedef enum
{
  CSP_REPORT_PORTRAIT,
  CSP_REPORT_LANDSCAPE,
} CspReportOrientation;

/**
 * CspReportBlockKind:
 * @CSP_REPORT_BLOCK_HEADING: the heading block: council, committee and
 *   date, whose report, then the title in bold
 * @CSP_REPORT_BLOCK_SECTION: a numbered section heading, bold
 * @CSP_REPORT_BLOCK_PARAGRAPH: a paragraph, numbered in the hanging column
 * @CSP_REPORT_BLOCK_APPENDIX: an appendix's heading, bold
 * @CSP_REPORT_BLOCK_TABLE: a table with borders, its header row repeated on
 *   every page it runs onto
 * @CSP_REPORT_BLOCK_CHART: a chart across the page at a fixed height
 * @CSP_REPORT_BLOCK_PAGE_BREAK: the next block starts a new page of an orientation
 *
 * What a block of a report is.
 */
typedef enum
{
  CSP_REPORT_BLOCK_HEADING,
  CSP_REPORT_BLOCK_SECTION,
  CSP_REPORT_BLOCK_PARAGRAPH,
  CSP_REPORT_BLOCK_APPENDIX,
  CSP_REPORT_BLOCK_TABLE,
  CSP_REPORT_BLOCK_CHART,
  CSP_REPORT_BLOCK_PAGE_BREAK,
} CspReportBlockKind;

/**
 * CspReportBlock:
 * @kind: what it is
 * @number: (nullable): a section's or paragraph's number, "1" or "1.1"
 * @marker: (nullable): a list item's marker, "•" or "2.": the item is a
 *   paragraph block indented under its paragraph
 * @text: (nullable): a heading's or paragraph's text
 * @lines: (nullable) (array zero-terminated=1): the heading block's lines;
 *   the last is the title
 * @n_columns: a table's columns
 * @headers: (nullable) (array length=n_columns): a table's header row, or
 *   %NULL for a table without one
 * @widths: (array length=n_columns): each column's share of the width
 * @rows: (element-type GStrv): a table's rows, @n_columns cells each
 * @markup: a paragraph's text or a table's cells are Pango markup, not
 *   plain text
 * @row_headers: a table's first column names each row, as the author
 *   block's labels do: header cells in a tagged PDF
 * @font_size: a table's text size in points; the body size when 0
 * @chart: (nullable): a chart block's chart
 * @height: a chart block's height in points
 * @orientation: a page break's orientation for the pages after it
 *
 * One block of a report, as the layout engine flows it. Made with the
 * csp_report_block_new_*() functions.
 */
typedef struct
{
  CspReportBlockKind kind;
  char *number;
  char *marker;
  char *text;
  char **lines;
  guint n_columns;
  char **headers;
  double *widths;
  GPtrArray *rows;
  gboolean markup;
  gboolean row_headers;
  double font_size;
  CspChart *chart;
  double height;
  CspReportOrientation orientation;
} CspReportBlock;

CspReportBlock *csp_report_block_new_heading (const char *const *lines);
CspReportBlock *csp_report_block_new_section (const char *number, const char *heading);
CspReportBlock *csp_report_block_new_paragraph (const char *number, const char *text);
CspReportBlock *csp_report_block_new_list_item (const char *marker, const char *markup);
CspReportBlock *csp_report_block_new_appendix (const char *heading);
CspReportBlock *csp_report_block_new_table (guint n_columns, const char *const *headers,
                                            const double *widths);
void csp_report_block_add_row (CspReportBlock *self, const char *const *cells);
CspReportBlock *csp_report_block_new_chart (CspChart *chart, double height);
CspReportBlock *csp_report_block_new_page_break (CspReportOrientation orientation);
void csp_report_block_free (CspReportBlock *self);

GPtrArray *csp_report_charts_new (CspDatabase *database, const CspReportContent *content,
                                  GError **error);
GPtrArray *csp_report_blocks_from_content (const CspReportContent *content, GPtrArray *charts);

/**
 * CspReportRect:
 *
 * A rectangle on a page, in points from its top left corner.
 */
typedef struct
{
  double x;
  double y;
  double width;
  double height;
} CspReportRect;

/**
 * CspReportItemKind:
 * @CSP_REPORT_ITEM_TEXT: a heading block line, a heading or a paragraph
 *   (or the part of one on this page)
 * @CSP_REPORT_ITEM_HEADER_ROW: a table's header row
 * @CSP_REPORT_ITEM_ROW: a table's row, or the part of it on this page
 * @CSP_REPORT_ITEM_CHART: a chart
 *
 * What a placed item is.
 */
typedef enum
{
  CSP_REPORT_ITEM_TEXT,
  CSP_REPORT_ITEM_HEADER_ROW,
  CSP_REPORT_ITEM_ROW,
  CSP_REPORT_ITEM_CHART,
} CspReportItemKind;

/**
 * CspReportItem:
 * @kind: what it is
 * @block: the index of its block
 * @index: a table row's index in its block's rows; a heading block line's
 *   index; 0 otherwise
 * @part: which piece of a block or row split across pages, from 0
 * @continued: more of it follows on the next page
 * @offset: where this piece starts in the block's (row's) text, in points
 *   from the text's top; 0 for a whole item
 * @rect: where it goes on the page
 *
 * One thing placed on a page.
 */
typedef struct
{
  CspReportItemKind kind;
  guint block;
  guint index;
  guint part;
  gboolean continued;
  double offset;
  CspReportRect rect;
} CspReportItem;

/**
 * CspReportPage:
 * @orientation: which way up it is
 * @width: its width in points
 * @height: its height in points
 * @body: the area within the margins, where the items go
 * @items: (element-type CspReportItem): what is on it, top to bottom
 *
 * One page of a laid out report.
 */
typedef struct
{
  CspReportOrientation orientation;
  double width;
  double height;
  CspReportRect body;
  GArray *items;
} CspReportPage;

/**
 * CspReportLayoutOptions:
 * @font_family: (nullable): font families; %CSP_REPORT_DEFAULT_FONT when %NULL
 * @font_size: the body text's size in points; 11 when 0
 * @footer: (nullable): the text at the foot of every page, left of the
 *   page number: the report's title
 * @header: (nullable): the text at the head of every page but the first:
 *   the council's name
 *
 * How a report is laid out, apart from what is in it.
 */
typedef struct
{
  const char *font_family;
  double font_size;
  const char *footer;
  const char *header;
} CspReportLayoutOptions;

typedef struct _CspReportLayout CspReportLayout;

void csp_report_layout_options_init (CspReportLayoutOptions *options);

CspReportLayout *csp_report_layout_new (GPtrArray *blocks, const CspReportLayoutOptions *options,
                                        PangoContext *context);
char *csp_report_dup_page_header (const CspReportContent *content);
CspReportLayout *csp_report_layout_new_for_content (const CspReportContent *content,
                                                    GPtrArray *charts, PangoContext *context);
void csp_report_layout_free (CspReportLayout *self);

PangoContext *csp_report_layout_create_context (void);
void csp_report_chart_style_init (CspChartStyle *style, const char *font_family, double font_size);

guint csp_report_layout_get_n_pages (CspReportLayout *self);
const CspReportPage *csp_report_layout_get_page (CspReportLayout *self, guint index);
const CspReportBlock *csp_report_layout_get_block (CspReportLayout *self, guint index);
guint csp_report_layout_get_n_blocks (CspReportLayout *self);
double csp_report_layout_get_row_height (CspReportLayout *self, guint block, int row);
char *csp_report_layout_dup_page_label (CspReportLayout *self, guint index);
void csp_report_layout_set_tagged (CspReportLayout *self, gboolean tagged);
void csp_report_layout_draw_page (CspReportLayout *self, guint index, cairo_t *cr);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CspReportBlock, csp_report_block_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CspReportLayout, csp_report_layout_free)

G_END_DECLS
