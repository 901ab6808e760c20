/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "csp-chart-data.h"

G_BEGIN_DECLS

/* Likelihood and impact are each scored from 1 to this. */
#define CSP_RISK_SCALE 5

char *csp_risk_matrix_cell_key (int likelihood, int impact);
gboolean csp_risk_matrix_parse_key (const char *key, int *likelihood, int *impact);
CspChartData *csp_risk_matrix_query (CspDatabase *database, const char *from_month,
                                     const char *to_month, GError **error);
GArray *csp_risk_matrix_query_cell (CspDatabase *database, int likelihood, int impact,
                                    GError **error);

G_END_DECLS
