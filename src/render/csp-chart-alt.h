/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "csp-chart.h"

G_BEGIN_DECLS

char *csp_chart_dup_alt_text (CspChart *chart);

G_END_DECLS
