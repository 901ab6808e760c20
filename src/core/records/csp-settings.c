/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "csp-settings"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "csp-records.h"

/* The partnership itself: names, financial year and report defaults (one row). */

static const CspColumn columns[] = {
  { .name = "council_name",
    .label = N_ ("Council name"),
    .kind = CSP_COLUMN_TEXT,
    .flags = CSP_COLUMN_REQUIRED,
    .max_length = 200 },
  { .name = "partnership_name",
    .label = N_ ("Partnership name"),
    .kind = CSP_COLUMN_TEXT,
    .flags = CSP_COLUMN_REQUIRED,
    .max_length = 200 },
  { .name = "short_name",
    .label = N_ ("Short name"),
    .kind = CSP_COLUMN_TEXT,
    .flags = CSP_COLUMN_REQUIRED,
    .max_length = 50 },
  { .name = "area_name", .label = N_ ("Area"), .kind = CSP_COLUMN_TEXT, .max_length = 200 },
  { .name = "financial_year_start_month",
    .label = N_ ("Financial year starts in"),
    .kind = CSP_COLUMN_INT,
    .flags = CSP_COLUMN_REQUIRED | CSP_COLUMN_RANGE | CSP_COLUMN_MONTH_OF_YEAR,
    .min = 1,
    .max = 12 },
  { .name = "default_committee",
    .label = N_ ("Committee"),
    .kind = CSP_COLUMN_TEXT,
    .max_length = 200 },
  { .name = "default_report_of",
    .label = N_ ("Report of"),
    .kind = CSP_COLUMN_TEXT,
    .max_length = 300 },
  { .name = "default_author", .label = N_ ("Author"), .kind = CSP_COLUMN_TEXT, .max_length = 200 },
  { .name = "default_author_title",
    .label = N_ ("Author’s title"),
    .kind = CSP_COLUMN_TEXT,
    .max_length = 200 },
};

static const CspTableInfo info = {
  .table = "settings",
  .noun = N_ ("partnership settings"),
  .columns = columns,
  .n_columns = G_N_ELEMENTS (columns),
};

CSP_DEFINE_RECORD_TYPE (CspSettings, csp_settings, &info)
