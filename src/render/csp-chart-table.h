/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "csp-chart.h"

G_BEGIN_DECLS

/**
 * CspChartTable:
 * @n_rows: rows, the header row included
 * @n_columns: columns
 * @cells: @n_rows × @n_columns strings, row by row
 *
 * The figures behind a chart as text, for the accessible alternative to
 * the picture, a "show as table" view or a copy to the clipboard. Row 0
 * names the columns: the categories' heading, then one column per series
 * (then "Total" when several series are stacked, "Share" for a donut).
 */
typedef struct
{
  guint n_rows;
  guint n_columns;
  char **cells;
} CspChartTable;

CspChartTable *csp_chart_table_new (CspChart *chart);
const char *csp_chart_table_get (const CspChartTable *table, guint row, guint column);
void csp_chart_table_free (CspChartTable *table);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CspChartTable, csp_chart_table_free)

G_END_DECLS
