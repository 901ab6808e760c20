/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chart-fixtures"

#include "config.h"

#include <math.h>

#include "chart-fixtures.h"
#include "csp-risk-matrix-data.h"

/* Charts with made-up figures for the render tests and the benchmark:
 * every value is a whole number, different per series and item, and
 * above zero, so that every mark is drawn. */

/**
 * fixture_value:
 *
 * Returns: the value fixtures give @series at @item: a seasonal wave on a
 *   rising trend, each series on its own level
 */
double
fixture_value (guint series, guint item)
{
  return round (1000.0 * (series + 1) + 40.0 * item + 400.0 * sin (item * G_PI / 6 + series) +
                500.0);
}

static CspChartData *
months_data (guint n_months, const char *first_month)
{
  CspChartData *data = csp_chart_data_new (CSP_CHART_CATEGORY_MONTH);
  int first = 0;

  g_assert_true (csp_month_parse (first_month, &first));
  for (guint i = 0; i < n_months; i++)
    {
      g_autofree char *key = csp_month_key (first + (int) i);
      g_autofree char *label = csp_month_label (first + (int) i);
      csp_chart_data_add_category (data, key, label);
    }
  return data;
}

/**
 * fixture_monthly_series:
 * @values: (array length=n_months): a value per month, NAN for a month
 *   without a figure
 * @first_month: 'YYYY-MM'
 *
 * Returns: (transfer full): one series, "Channel number 1", over @n_months months
 */
CspChartData *
fixture_monthly_series (const double *values, guint n_months, const char *first_month)
{
  CspChartData *data = months_data (n_months, first_month);
  guint series = csp_chart_data_add_series (data, "1", "Channel number 1");

  for (guint i = 0; i < n_months; i++)
    if (!isnan (values[i]))
      csp_chart_data_set_value (data, series, i, values[i]);
  return data;
}

/**
 * fixture_monthly_data:
 * @first_month: 'YYYY-MM'
 *
 * Returns: (transfer full): @n_series series over @n_months months
 */
CspChartData *
fixture_monthly_data (guint n_series, guint n_months, const char *first_month)
{
  CspChartData *data = months_data (n_months, first_month);

  for (guint j = 0; j < n_series; j++)
    {
      g_autofree char *key = g_strdup_printf ("%u", j + 1);
      g_autofree char *label = g_strdup_printf ("Channel number %u", j + 1);
      guint series = csp_chart_data_add_series (data, key, label);

      for (guint i = 0; i < n_months; i++)
        csp_chart_data_set_value (data, series, i, fixture_value (j, i));
    }
  return data;
}

/**
 * fixture_category_data:
 *
 * Returns: (transfer full): @n_series series over @n_categories partners
 */
CspChartData *
fixture_category_data (guint n_series, guint n_categories)
{
  CspChartData *data = csp_chart_data_new (CSP_CHART_CATEGORY_PARTNER);

  for (guint i = 0; i < n_categories; i++)
    {
      g_autofree char *key = g_strdup_printf ("%u", i + 1);
      g_autofree char *label = g_strdup_printf ("Partner organisation %u", i + 1);
      csp_chart_data_add_category (data, key, label);
    }
  for (guint j = 0; j < n_series; j++)
    {
      g_autofree char *key = g_strdup_printf ("s%u", j);
      g_autofree char *label = g_strdup_printf ("Series %u", j + 1);
      guint series = csp_chart_data_add_series (data, key, label);

      for (guint i = 0; i < n_categories; i++)
        csp_chart_data_set_value (data, series, i, fixture_value (j, i));
    }
  return data;
}

/**
 * fixture_chart:
 *
 * Returns: (transfer full): a titled chart of @kind; lines and stacked
 *   bars over months from April 2016, the others over partners
 */
CspChart *
fixture_chart (CspChartKind kind, guint n_series, guint n_items)
{
  CspChart *chart = csp_chart_new (kind);
  g_autoptr (CspChartData) data = NULL;

  if (kind == CSP_CHART_LINE || kind == CSP_CHART_STACKED_BAR)
    data = fixture_monthly_data (n_series, n_items, "2016-04");
  else
    data = fixture_category_data (n_series, n_items);
  csp_chart_set_title (chart, "Engagement over ten years");
  csp_chart_set_subtitle (chart, "Made-up figures");
  csp_chart_set_value_title (chart, "People reached");
  csp_chart_set_data (chart, data);
  return chart;
}

/**
 * fixture_risk_matrix:
 *
 * Returns: (transfer full): a risk matrix with two risks of likelihood 4
 *   and impact 5, one of 3 and 3, and none in the other cells, in the
 *   order of csp_risk_matrix_query()'s cells
 */
CspChart *
fixture_risk_matrix (void)
{
  CspChart *chart = csp_chart_new (CSP_CHART_RISK_MATRIX);
  g_autoptr (CspChartData) data = csp_chart_data_new (CSP_CHART_CATEGORY_RISK_CELL);

  csp_chart_data_add_series (data, "risks", "Open risks");
  for (int likelihood = 1; likelihood <= CSP_RISK_SCALE; likelihood++)
    for (int impact = 1; impact <= CSP_RISK_SCALE; impact++)
      {
        g_autofree char *key = csp_risk_matrix_cell_key (likelihood, impact);
        g_autofree char *label = g_strdup_printf ("L%d I%d", likelihood, impact);
        guint cell = csp_chart_data_add_category (data, key, label);

        csp_chart_data_set_value (data, 0, cell,
                                  likelihood == 4 && impact == 5   ? 2
                                  : likelihood == 3 && impact == 3 ? 1
                                                                   : 0);
      }
  csp_chart_data_set_category_detail (data, (guint) csp_chart_data_find_category (data, "4-5"),
                                      "Funding ends\nVenue lost");
  csp_chart_set_title (chart, "Risk matrix");
  csp_chart_set_data (chart, data);
  return chart;
}
