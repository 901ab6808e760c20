/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "csp-chart-standard"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "csp-chart-events.h"
#include "csp-chart-standard.h"
#include "csp-risk-matrix-data.h"

/* The charts every partnership gets, by name: the Trends page, the
 * committee report and `csp-engage-cli chart` all make them here. */

typedef CspChartData *(*QueryFunc) (CspDatabase *database, const char *from_month,
                                    const char *to_month, GError **error);

typedef struct
{
  const char *name;
  const char *summary;
  const char *title;
  const char *value_title;
  CspChartKind kind;
  CspChartColors colors;
  gboolean events;
  QueryFunc query;
} StandardChart;

static const char *const chart_names[] = {
  "reach-trend", "activities-by-month", "rag-status", "lead-partners", "risk-matrix", NULL,
};

static const StandardChart charts[] = {
  { "reach-trend", N_ ("Monthly reach per channel"), N_ ("People reached each month, by channel"),
    N_ ("People reached"), CSP_CHART_LINE, CSP_CHART_COLORS_SERIES, TRUE,
    csp_chart_data_query_reach_trend },
  { "activities-by-month", N_ ("Activities per month, stacked by mode"),
    N_ ("Engagement activities each month, by mode"), N_ ("Activities"), CSP_CHART_STACKED_BAR,
    CSP_CHART_COLORS_SERIES, TRUE, csp_chart_data_query_activities_by_month },
  { "rag-status", N_ ("Actions of the action plan by RAG status"), N_ ("Actions by RAG status"),
    NULL, CSP_CHART_DONUT, CSP_CHART_COLORS_RAG, FALSE, csp_chart_data_query_rag_status },
  { "lead-partners", N_ ("Activities per lead partner"),
    N_ ("Engagement activities by lead partner"), N_ ("Activities"), CSP_CHART_HORIZONTAL_BAR,
    CSP_CHART_COLORS_SERIES, FALSE, csp_chart_data_query_lead_partners },
  { "risk-matrix", N_ ("Open risks by likelihood and impact"),
    N_ ("Risk matrix: open risks by likelihood and impact"), N_ ("Open risks"),
    CSP_CHART_RISK_MATRIX, CSP_CHART_COLORS_SERIES, FALSE, csp_risk_matrix_query },
};

G_STATIC_ASSERT (G_N_ELEMENTS (chart_names) == G_N_ELEMENTS (charts) + 1);

static const StandardChart *
find_chart (const char *name)
{
  for (guint i = 0; name != NULL && i < G_N_ELEMENTS (charts); i++)
    if (g_str_equal (name, charts[i].name))
      return &charts[i];
  return NULL;
}

/**
 * csp_standard_chart_get_names:
 *
 * Returns: (transfer none): the standard charts' names, %NULL-terminated
 */
const char *const *
csp_standard_chart_get_names (void)
{
  return chart_names;
}

/**
 * csp_standard_chart_get_summary:
 *
 * Returns: (nullable): what the chart called @name shows, translated;
 *   %NULL for a name not known
 */
const char *
csp_standard_chart_get_summary (const char *name)
{
  const StandardChart *chart = find_chart (name);

  return chart != NULL ? _ (chart->summary) : NULL;
}

/* "Apr 2020 to Mar 2021", from the data's months or the period asked for. */
static char *
describe_period (CspChartData *data, const char *from_month, const char *to_month)
{
  int from, to;
  g_autofree char *from_label = NULL;
  g_autofree char *to_label = NULL;
  guint n = csp_chart_data_get_n_categories (data);

  if (csp_chart_data_get_category_kind (data) == CSP_CHART_CATEGORY_MONTH && n > 0)
    {
      from_month = csp_chart_data_get_category_key (data, 0);
      to_month = csp_chart_data_get_category_key (data, n - 1);
    }
  if (from_month != NULL && csp_month_parse (from_month, &from))
    from_label = csp_month_label (from);
  if (to_month != NULL && csp_month_parse (to_month, &to))
    to_label = csp_month_label (to);

  if (from_label != NULL && to_label != NULL)
    {
      if (g_str_equal (from_label, to_label))
        return g_steal_pointer (&from_label);
      /* TRANSLATORS: the period a chart shows: "Apr 2020 to Mar 2021" */
      return g_strdup_printf (_ ("%s to %s"), from_label, to_label);
    }
  if (from_label != NULL)
    /* TRANSLATORS: the period a chart shows, open at its end */
    return g_strdup_printf (_ ("From %s"), from_label);
  if (to_label != NULL)
    /* TRANSLATORS: the period a chart shows, open at its start */
    return g_strdup_printf (_ ("Up to %s"), to_label);
  return g_strdup (_ ("All dates"));
}

/**
 * csp_standard_chart_new:
 * @name: one of csp_standard_chart_get_names()
 * @from_month: (nullable): the period's first month, 'YYYY-MM'; %NULL
 *   for the first with figures
 * @to_month: (nullable): its last month; %NULL for the last with figures
 *
 * Queries @database for a standard chart's figures and sets up the chart
 * to show them: its kind, titles, the partnership's financial year and,
 * on time axes, the partnership's chart events (csp-chart-events.c).
 *
 * Returns: (transfer full): the chart, or %NULL with @error set
 */
CspChart *
csp_standard_chart_new (CspDatabase *database, const char *name, const char *from_month,
                        const char *to_month, GError **error)
{
  const StandardChart *standard;
  g_autoptr (CspChartData) data = NULL;
  g_autoptr (CspChart) chart = NULL;
  g_autofree char *subtitle = NULL;
  int year_start_month = 4;

  g_return_val_if_fail (CSP_IS_DATABASE (database), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  standard = find_chart (name);
  if (standard == NULL)
    {
      g_autofree char *known = g_strjoinv (", ", (char **) csp_standard_chart_get_names ());
      g_set_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_INVALID,
                   _ ("There is no chart called “%s”; the charts are %s"), name, known);
      return NULL;
    }
  data = standard->query (database, from_month, to_month, error);
  if (data == NULL || !csp_chart_data_query_year_start_month (database, &year_start_month, error))
    return NULL;

  chart = csp_chart_new (standard->kind);
  csp_chart_set_title (chart, _ (standard->title));
  if (standard->value_title != NULL)
    csp_chart_set_value_title (chart, _ (standard->value_title));
  csp_chart_set_colors (chart, standard->colors);
  csp_chart_set_year_start_month (chart, year_start_month);
  if (csp_chart_data_get_note (data) != NULL)
    subtitle = g_strdup (csp_chart_data_get_note (data));
  else
    subtitle = describe_period (data, from_month, to_month);
  csp_chart_set_subtitle (chart, subtitle);
  /* Chart events: the partnership's own, kept as records. */
  if (standard->events)
    {
      g_autoptr (GArray) marks = csp_chart_events_query (database, error);

      if (marks == NULL)
        return NULL;
      for (guint i = 0; i < marks->len; i++)
        csp_chart_add_event (chart, g_array_index (marks, CspChartEventMark, i).month,
                             g_array_index (marks, CspChartEventMark, i).label);
    }
  csp_chart_set_data (chart, data);
  return g_steal_pointer (&chart);
}
