/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "csp-chart.h"

G_BEGIN_DECLS

CspChartData *fixture_monthly_data (guint n_series, guint n_months, const char *first_month);
CspChartData *fixture_monthly_series (const double *values, guint n_months,
                                      const char *first_month);
CspChartData *fixture_category_data (guint n_series, guint n_categories);
CspChart *fixture_chart (CspChartKind kind, guint n_series, guint n_items);
double fixture_value (guint series, guint item);
CspChart *fixture_risk_matrix (void);

G_END_DECLS
