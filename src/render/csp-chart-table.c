/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "csp-chart-table"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "csp-chart-risk-matrix.h"
#include "csp-chart-table.h"
#include "csp-export-csv.h"
#include "csp-scale.h"

/* Numbers are written as on the chart, with thousands separators, or as
 * plain digits for a file; a missing value is an empty cell. */

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
format_value (double value, CspChartTableFormat format)
{
  if (isnan (value))
    return g_strdup ("");
  if (format == CSP_CHART_TABLE_PLAIN)
    return value == floor (value) ? g_strdup_printf ("%.0f", value)
                                  : g_strdup_printf ("%.2f", value);
  return value == floor (value) ? csp_format_number (value) : csp_format_decimal (value, 2);
}

/**
 * csp_chart_format_share:
 * @value: what the share is of
 * @percent: the share in whole percent, from csp_chart_data_get_shares()
 *
 * Returns: (transfer full): the share as read in a legend or table:
 *   "40%", or "<1%" for a value too small to reach one percent
 */
char *
csp_chart_format_share (double value, int percent)
{
  if (value > 0 && percent == 0)
    return g_strdup ("<1%");
  return g_strdup_printf ("%d%%", percent);
}

/**
 * csp_chart_table_new:
 *
 * Returns: (transfer full): the figures @chart shows, as a table for
 *   people to read (%CSP_CHART_TABLE_DISPLAY)
 */
CspChartTable *
csp_chart_table_new (CspChart *chart)
{
  return csp_chart_table_new_full (chart, CSP_CHART_TABLE_DISPLAY);
}

/**
 * csp_chart_table_new_full:
 * @format: how numbers are written
 *
 * Returns: (transfer full): the figures @chart shows, as a table; only
 *   the header row when it has no data
 */
CspChartTable *
csp_chart_table_new_full (CspChart *chart, CspChartTableFormat format)
{
  CspChartData *data;
  CspChartTable *table;
  guint n_series, n_categories, column = 0;
  gboolean total_column, share_column;
  g_autofree int *percents = NULL;
  double grand_total = NAN;
  int all_shares = 0;

  g_return_val_if_fail (CSP_IS_CHART (chart), NULL);

  /* Its cells are read by likelihood, impact and score, not as categories. */
  if (csp_chart_get_kind (chart) == CSP_CHART_RISK_MATRIX)
    return csp_chart_risk_matrix_table (chart);
  data = csp_chart_get_data (chart);
  table = g_new0 (CspChartTable, 1);
  n_series = data != NULL ? csp_chart_data_get_n_series (data) : 0;
  n_categories = data != NULL ? csp_chart_data_get_n_categories (data) : 0;
  total_column = n_series > 1 && csp_chart_get_kind (chart) != CSP_CHART_LINE;
  share_column = csp_chart_get_kind (chart) == CSP_CHART_DONUT;

  table->has_totals = n_categories > 0 && n_series > 0;
  table->n_columns = 1 + n_series + total_column + share_column;
  table->n_rows = 1 + n_categories + table->has_totals;
  table->cells = g_new0 (char *, table->n_rows * table->n_columns);

  table->cells[column++] = g_strdup (data != NULL ? category_heading (data) : _ ("Category"));
  for (guint j = 0; j < n_series; j++)
    table->cells[column++] = g_strdup (csp_chart_data_get_series_label (data, j));
  if (total_column)
    table->cells[column++] = g_strdup (_ ("Total"));
  if (share_column)
    table->cells[column++] = g_strdup (_ ("Share"));
  if (!table->has_totals)
    return table;

  percents = g_new0 (int, n_categories);
  csp_chart_data_get_shares (data, percents);
  for (guint i = 0; i < n_categories; i++)
    {
      char **row = table->cells + (i + 1) * table->n_columns;
      double total = csp_chart_data_get_category_total (data, i);

      column = 0;
      row[column++] = g_strdup (csp_chart_data_get_category_label (data, i));
      for (guint j = 0; j < n_series; j++)
        row[column++] = format_value (csp_chart_data_get_value (data, j, i), format);
      if (total_column)
        row[column++] = format_value (total, format);
      if (share_column)
        row[column++] = csp_chart_format_share (total, percents[i]);
      if (!isnan (total))
        grand_total = isnan (grand_total) ? total : grand_total + total;
      all_shares += percents[i];
    }

  {
    char **row = table->cells + (table->n_rows - 1) * table->n_columns;

    column = 0;
    row[column++] = g_strdup (_ ("Total"));
    for (guint j = 0; j < n_series; j++)
      row[column++] = format_value (csp_chart_data_get_series_total (data, j), format);
    if (total_column)
      row[column++] = format_value (grand_total, format);
    if (share_column)
      row[column++] = g_strdup_printf ("%d%%", all_shares);
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

/**
 * csp_chart_table_to_csv:
 *
 * The table as CSV, as the CSV export writes records (csp-export-csv.h):
 * a byte order mark for Excel, fields quoted where needed, CRLF line ends.
 *
 * Returns: (transfer full): the CSV text
 */
char *
csp_chart_table_to_csv (const CspChartTable *table)
{
  GString *text;

  g_return_val_if_fail (table != NULL, NULL);

  text = g_string_new ("\xef\xbb\xbf");
  for (guint i = 0; i < table->n_rows; i++)
    {
      for (guint j = 0; j < table->n_columns; j++)
        {
          if (j > 0)
            g_string_append_c (text, ',');
          csp_export_csv_append_field (text, csp_chart_table_get (table, i, j));
        }
      g_string_append (text, "\r\n");
    }
  return g_string_free (text, FALSE);
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
