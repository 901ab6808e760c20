/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "csp-report-part"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "csp-records.h"

/* Whether a committee report includes one of its optional parts: a
 * standard chart or an appendix table. Parts without a row are included. */

static const char *const item_kinds[] = {
  "chart",
  "appendix",
  NULL,
};

static const CspColumn columns[] = {
  { .name = "report_id",
    .label = N_ ("Report"),
    .kind = CSP_COLUMN_REF,
    .flags = CSP_COLUMN_REQUIRED,
    .ref_table = "committee_report" },
  { .name = "kind",
    .label = N_ ("Kind"),
    .kind = CSP_COLUMN_CHOICE,
    .flags = CSP_COLUMN_REQUIRED,
    .choices = item_kinds },
  { .name = "name",
    .label = N_ ("Name"),
    .kind = CSP_COLUMN_TEXT,
    .flags = CSP_COLUMN_REQUIRED,
    .max_length = 100 },
  { .name = "included",
    .label = N_ ("Included"),
    .kind = CSP_COLUMN_BOOL,
    .flags = CSP_COLUMN_DEFAULT_TRUE },
};

static const CspTableInfo info = {
  .table = "report_part",
  .noun = N_ ("report part"),
  .columns = columns,
  .n_columns = G_N_ELEMENTS (columns),
};

CSP_DEFINE_RECORD_TYPE (CspReportPart, csp_report_part, &info)
