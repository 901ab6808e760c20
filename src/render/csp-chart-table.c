/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "csp-chart-table"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "csp-chart-table.h"
#include "csp-scale.h"

/* Numbers are written as on the chart, with thousands separators. */

static const char *
category_heading (CspChartData *data)
{
  switch (csp_chart_data_get_category_kind (data))
    {
    case CSP_CHART_CATEGORY_MONTH:
      return _ ("Month");
    case CSP_CHART_CATEGORY_PARTNER:
      return _ ("Lead partner");
    case CSP_CHART_CATEGORY_RAG:
      return _ ("RAG status");
    case CSP_CHART_CATEGORY_OTHER:
    default:
      return _ ("Category");
    }
}

static char *
format_value (double value)
{
  return value == floor (value) ? csp_format_number (value) : csp_format_decimal (value, 2);
}

static char *
format_share (double value, double total)
{
  double percent = total > 0 ? 100 * value / total : 0;

  if (percent > 0 && percent < 0.5)
    return g_strdup ("<1%");
  return g_strdup_printf ("%.0f%%", percent);
}

/**
 * csp_chart_table_new:
 *
 * Returns: (transfer full): the figures @chart shows, as a table; only
 *   the header row when it has no data
 */
CspChartTable *
csp_chart_table_new (CspChart *chart)
{
  CspChartData *data;
  CspChartTable *table;
  guint n_series, n_categories, column = 0;
  gboolean total_column, share_column;
  double grand_total = 0;

  g_return_val_if_fail (CSP_IS_CHART (chart), NULL);

  data = csp_chart_get_data (chart);
  table = g_new0 (CspChartTable, 1);
  n_series = data != NULL ? csp_chart_data_get_n_series (data) : 0;
  n_categories = data != NULL ? csp_chart_data_get_n_categories (data) : 0;
  total_column = n_series > 1 && csp_chart_get_kind (chart) != CSP_CHART_LINE;
  share_column = csp_chart_get_kind (chart) == CSP_CHART_DONUT;

  table->n_columns = 1 + n_series + total_column + share_column;
  table->n_rows = 1 + n_categories;
  table->cells = g_new0 (char *, table->n_rows * table->n_columns);

  table->cells[column++] = g_strdup (data != NULL ? category_heading (data) : _ ("Category"));
  for (guint j = 0; j < n_series; j++)
    table->cells[column++] = g_strdup (csp_chart_data_get_series_label (data, j));
  if (total_column)
    table->cells[column++] = g_strdup (_ ("Total"));
  if (share_column)
    table->cells[column++] = g_strdup (_ ("Share"));

  for (guint i = 0; i < n_categories; i++)
    grand_total += csp_chart_data_get_category_total (data, i);
  for (guint i = 0; i < n_categories; i++)
    {
      char **row = table->cells + (i + 1) * table->n_columns;
      double total = csp_chart_data_get_category_total (data, i);

      column = 0;
      row[column++] = g_strdup (csp_chart_data_get_category_label (data, i));
      for (guint j = 0; j < n_series; j++)
        row[column++] = format_value (csp_chart_data_get_value (data, j, i));
      if (total_column)
        row[column++] = format_value (total);
      if (share_column)
        row[column++] = format_share (total, grand_total);
    }
  return table;
}

/**
 * csp_chart_table_get:
 * @row: 0 for the header
 *
 * Returns: (transfer none): the cell's text
 */
const char *
csp_chart_table_get (const CspChartTable *table, guint row, guint column)
{
  g_return_val_if_fail (table != NULL, NULL);
  g_return_val_if_fail (row < table->n_rows && column < table->n_columns, NULL);
  return table->cells[row * table->n_columns + column];
}

void
csp_chart_table_free (CspChartTable *table)
{
  if (table == NULL)
    return;
  for (guint i = 0; i < table->n_rows * table->n_columns; i++)
    g_free (table->cells[i]);
  g_free (table->cells);
  g_free (table);
}
