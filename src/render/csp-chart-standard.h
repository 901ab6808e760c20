/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "csp-chart.h"
#include "csp-database.h"

G_BEGIN_DECLS

const char *const *csp_standard_chart_get_names (void);
const char *csp_standard_chart_get_summary (const char *name);
CspChart *csp_standard_chart_new (CspDatabase *database, const char *name, const char *from_month,
                                  const char *to_month, GError **error);

G_END_DECLS
