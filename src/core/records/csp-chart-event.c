/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "csp-chart-event"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "csp-records.h"

/* Something that happened, marked on the trend charts whose period it
 * falls in: a national lockdown, a campaign launch, a new platform. */

static const CspColumn columns[] = {
  { .name = "title",
    .label = N_ ("Label"),
    .kind = CSP_COLUMN_TEXT,
    .flags = CSP_COLUMN_REQUIRED,
    .max_length = 60 },
  { .name = "starts_on",
    .label = N_ ("Start date"),
    .kind = CSP_COLUMN_DATE,
    .flags = CSP_COLUMN_REQUIRED },
  { .name = "ends_on",
    .label = N_ ("End date"),
    .kind = CSP_COLUMN_DATE,
    .not_before = "starts_on" },
  { .name = "shown",
    .label = N_ ("Shown on charts"),
    .kind = CSP_COLUMN_BOOL,
    .flags = CSP_COLUMN_DEFAULT_TRUE },
};

static const CspTableInfo info = {
  .table = "chart_event",
  .noun = N_ ("chart event"),
  .columns = columns,
  .n_columns = G_N_ELEMENTS (columns),
  .date_column = "starts_on",
};

CSP_DEFINE_RECORD_TYPE (CspChartEvent, csp_chart_event, &info)
