/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "csp-report-section"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "csp-records.h"

/* A numbered section of a committee report; blank lines separate its paragraphs. */

static const CspColumn columns[] = {
  { .name = "report_id",
    .label = N_ ("Report"),
    .kind = CSP_COLUMN_REF,
    .flags = CSP_COLUMN_REQUIRED,
    .ref_table = "committee_report" },
  { .name = "position",
    .label = N_ ("Position"),
    .kind = CSP_COLUMN_INT,
    .flags = CSP_COLUMN_REQUIRED | CSP_COLUMN_RANGE,
    .min = 0,
    .max = 10000 },
  { .name = "heading",
    .label = N_ ("Heading"),
    .kind = CSP_COLUMN_TEXT,
    .flags = CSP_COLUMN_REQUIRED,
    .max_length = 300 },
  { .name = "body",
    .label = N_ ("Text"),
    .kind = CSP_COLUMN_TEXT,
    .flags = CSP_COLUMN_MULTILINE,
    .max_length = 50000 },
};

static const CspTableInfo info = {
  .table = "report_section",
  .noun = N_ ("report section"),
  .columns = columns,
  .n_columns = G_N_ELEMENTS (columns),
};

CSP_DEFINE_RECORD_TYPE (CspReportSection, csp_report_section, &info)
