/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "csp-chart.h"

G_BEGIN_DECLS

/**
 * CspChartTableFormat:
 * @CSP_CHART_TABLE_DISPLAY: numbers as on the chart, with thousands
 *   separators ("61,200"), for people
 * @CSP_CHART_TABLE_PLAIN: numbers as digits alone ("61200"), for files
 *   that other programs read
 */
typedef enum
{
  CSP_CHART_TABLE_DISPLAY,
  CSP_CHART_TABLE_PLAIN,
} CspChartTableFormat;

/**
 * CspChartTable:
 * @n_rows: rows, the header row and the totals row included
 * @n_columns: columns
 * @cells: @n_rows × @n_columns strings, row by row
 * @has_totals: the last row is the totals ("Total"), the sum of each
 *   column of figures
 *
 * The figures behind a chart as text, for the accessible alternative to
 * the picture, a "show as table" view, a CSV file or a copy to the
 * clipboard. Row 0 names the columns: the categories' heading, then one
 * column per series (then "Total" when several series are stacked,
 * "Share" for a donut). A row per category follows, then the totals. A
 * value the data does not have (a month without a figure) is an empty
 * cell, never 0.
 */
typedef struct
{
  guint n_rows;
  guint n_columns;
  char **cells;
  gboolean has_totals;
} CspChartTable;

CspChartTable *csp_chart_table_new (CspChart *chart);
CspChartTable *csp_chart_table_new_full (CspChart *chart, CspChartTableFormat format);
const char *csp_chart_table_get (const CspChartTable *table, guint row, guint column);
char *csp_chart_table_to_csv (const CspChartTable *table);
void csp_chart_table_free (CspChartTable *table);

char *csp_chart_format_share (double value, int percent);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CspChartTable, csp_chart_table_free)

G_END_DECLS
