/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "csp-metric-value"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "csp-records.h"

/* One month’s value of a metric. */

static const CspColumn columns[] = {
  { .name = "metric_id",
    .label = N_ ("Metric"),
    .kind = CSP_COLUMN_REF,
    .flags = CSP_COLUMN_REQUIRED,
    .ref_table = "metric" },
  { .name = "month",
    .label = N_ ("Month"),
    .kind = CSP_COLUMN_MONTH,
    .flags = CSP_COLUMN_REQUIRED },
  { .name = "value",
    .label = N_ ("Value"),
    .kind = CSP_COLUMN_INT,
    .flags = CSP_COLUMN_REQUIRED | CSP_COLUMN_RANGE,
    .min = 0,
    .max = G_MAXINT64 },
  { .name = "note", .label = N_ ("Note"), .kind = CSP_COLUMN_TEXT, .max_length = 1000 },
};

static const CspTableInfo info = {
  .table = "metric_value",
  .noun = N_ ("monthly figure"),
  .columns = columns,
  .n_columns = G_N_ELEMENTS (columns),
  .date_column = "month",
};

CSP_DEFINE_RECORD_TYPE (CspMetricValue, csp_metric_value, &info)
