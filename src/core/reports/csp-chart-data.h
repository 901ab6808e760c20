/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "csp-database.h"

G_BEGIN_DECLS

/**
 * CspChartCategoryKind:
 * @CSP_CHART_CATEGORY_MONTH: consecutive months; keys are 'YYYY-MM'
 * @CSP_CHART_CATEGORY_PARTNER: partners; keys are partner ids, "none" for no partner
 * @CSP_CHART_CATEGORY_RAG: RAG words (red, amber, green, complete, "none")
 * @CSP_CHART_CATEGORY_RISK_CELL: cells of a risk matrix; keys are
 *   'LIKELIHOOD-IMPACT', such as "4-5" (csp-risk-matrix-data.h)
 * @CSP_CHART_CATEGORY_OTHER: anything else; keys mean nothing outside the chart
 *
 * What the categories of a chart's data stand for, so that a view can
 * label them and find the records behind them.
 */
typedef enum
{
  CSP_CHART_CATEGORY_MONTH,
  CSP_CHART_CATEGORY_PARTNER,
  CSP_CHART_CATEGORY_RAG,
  CSP_CHART_CATEGORY_RISK_CELL,
  CSP_CHART_CATEGORY_OTHER,
} CspChartCategoryKind;

/* A month as one number, year * 12 + (month - 1), so that months can be
 * counted and compared. */
#define CSP_MONTH_INDEX(year, month) ((year) *12 + (month) -1)
#define CSP_MONTH_YEAR(index) ((index) / 12)
#define CSP_MONTH_OF_YEAR(index) ((index) % 12 + 1)

gboolean csp_month_parse (const char *key, int *index);
char *csp_month_key (int index);
char *csp_month_label (int index);

#define CSP_TYPE_CHART_DATA (csp_chart_data_get_type ())
G_DECLARE_FINAL_TYPE (CspChartData, csp_chart_data, CSP, CHART_DATA, GObject)

CspChartData *csp_chart_data_new (CspChartCategoryKind kind);
CspChartCategoryKind csp_chart_data_get_category_kind (CspChartData *self);

guint csp_chart_data_add_category (CspChartData *self, const char *key, const char *label);
guint csp_chart_data_add_series (CspChartData *self, const char *key, const char *label);
void csp_chart_data_set_value (CspChartData *self, guint series, guint category, double value);

guint csp_chart_data_get_n_categories (CspChartData *self);
guint csp_chart_data_get_n_series (CspChartData *self);
const char *csp_chart_data_get_category_key (CspChartData *self, guint category);
const char *csp_chart_data_get_category_label (CspChartData *self, guint category);
int csp_chart_data_find_category (CspChartData *self, const char *key);
void csp_chart_data_set_category_detail (CspChartData *self, guint category, const char *detail);
const char *csp_chart_data_get_category_detail (CspChartData *self, guint category);
const char *csp_chart_data_get_series_key (CspChartData *self, guint series);
const char *csp_chart_data_get_series_label (CspChartData *self, guint series);
double csp_chart_data_get_value (CspChartData *self, guint series, guint category);
gboolean csp_chart_data_has_value (CspChartData *self, guint series, guint category);
const double *csp_chart_data_get_values (CspChartData *self, guint series, guint *n_values);
double csp_chart_data_get_category_total (CspChartData *self, guint category);
double csp_chart_data_get_series_total (CspChartData *self, guint series);
void csp_chart_data_get_shares (CspChartData *self, int *percents);
gboolean csp_chart_data_is_empty (CspChartData *self);

void csp_chart_data_set_note (CspChartData *self, const char *note);
const char *csp_chart_data_get_note (CspChartData *self);

gboolean csp_chart_data_query_year_start_month (CspDatabase *database, int *month, GError **error);
gboolean csp_chart_data_query_last_full_month (CspDatabase *database, char **month, GError **error);
CspChartData *csp_chart_data_query_reach_trend (CspDatabase *database, const char *from_month,
                                                const char *to_month, GError **error);
CspChartData *csp_chart_data_query_activities_by_month (CspDatabase *database,
                                                        const char *from_month,
                                                        const char *to_month, GError **error);
CspChartData *csp_chart_data_query_rag_status (CspDatabase *database, const char *from_month,
                                               const char *to_month, GError **error);
CspChartData *csp_chart_data_query_lead_partners (CspDatabase *database, const char *from_month,
                                                  const char *to_month, GError **error);

G_END_DECLS
