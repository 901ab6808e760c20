/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "csp-database.h"

G_BEGIN_DECLS

/**
 * CspChartEventMark:
 * @month: the month it started, 'YYYY-MM'
 * @label: what happened
 *
 * A chart event as a trend chart marks it.
 */
typedef struct
{
  char *month;
  char *label;
} CspChartEventMark;

GArray *csp_chart_events_query (CspDatabase *database, GError **error);

G_END_DECLS
