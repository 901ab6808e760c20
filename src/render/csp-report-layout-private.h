/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "csp-report-breaks.h"
#include "csp-report-layout.h"
#include "csp-report-words.h"

G_BEGIN_DECLS

/* The seam between the files of the report's layout: csp-report-layout.c
 * holds the layout itself, csp-report-flow.c measures its blocks and
 * flows them onto pages, csp-report-draw.c draws the pages. */

#define EPSILON 0.01

/* The header's and footer's size, as a multiple of the body font's. */
#define SMALL_TEXT 0.8

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

/* csp-report-flow.c */
PangoLayout *csp_report_layout_make_small_text (CspReportLayout *self, const char *text);
void csp_report_layout_measure_block (CspReportLayout *self, const CspReportBlock *block,
                                      BlockState *state, CspReportOrientation orientation);
void csp_report_block_state_clear (BlockState *state, const CspReportBlock *block);
void csp_report_layout_flow_blocks (CspReportLayout *self);

G_END_DECLS
