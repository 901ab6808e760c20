/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "csp-committee-report"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "csp-records.h"

/* A report to the council’s scrutiny committee, made of ordered sections. */

static const char *const report_statuses[] = {
  "draft",
  "final",
  NULL,
};

/* The meeting chosen names the committee and its date. */
static const char *const meeting_fills[] = {
  "committee", "title", "meeting_date", "held_on", NULL,
};

static const CspColumn columns[] = {
  { .name = "council_name",
    .label = N_ ("Council"),
    .kind = CSP_COLUMN_TEXT,
    .flags = CSP_COLUMN_REQUIRED,
    .max_length = 200 },
  { .name = "committee",
    .label = N_ ("Committee"),
    .kind = CSP_COLUMN_TEXT,
    .flags = CSP_COLUMN_REQUIRED,
    .max_length = 200 },
  { .name = "meeting_id",
    .label = N_ ("Meeting"),
    .kind = CSP_COLUMN_REF,
    .ref_table = "meeting",
    .ref_kind = "committee",
    .ref_fills = meeting_fills },
  { .name = "meeting_date",
    .label = N_ ("Meeting date"),
    .kind = CSP_COLUMN_DATE,
    .flags = CSP_COLUMN_REQUIRED },
  { .name = "report_of",
    .label = N_ ("Report of"),
    .kind = CSP_COLUMN_TEXT,
    .flags = CSP_COLUMN_REQUIRED,
    .max_length = 300 },
  { .name = "title",
    .label = N_ ("Title"),
    .kind = CSP_COLUMN_TEXT,
    .flags = CSP_COLUMN_REQUIRED,
    .max_length = 300 },
  { .name = "author",
    .label = N_ ("Author"),
    .kind = CSP_COLUMN_TEXT,
    .flags = CSP_COLUMN_REQUIRED,
    .max_length = 200 },
  { .name = "author_title",
    .label = N_ ("Author’s title"),
    .kind = CSP_COLUMN_TEXT,
    .max_length = 200 },
  { .name = "report_date",
    .label = N_ ("Report date"),
    .kind = CSP_COLUMN_DATE,
    .flags = CSP_COLUMN_REQUIRED },
  { .name = "period_start", .label = N_ ("Period from"), .kind = CSP_COLUMN_DATE },
  { .name = "period_end",
    .label = N_ ("Period to"),
    .kind = CSP_COLUMN_DATE,
    .not_before = "period_start" },
  { .name = "status",
    .label = N_ ("Status"),
    .kind = CSP_COLUMN_CHOICE,
    .flags = CSP_COLUMN_REQUIRED,
    .choices = report_statuses },
};

static const char *const owned_tables[] = { "report_section", "report_part", NULL };

static const CspTableInfo info = {
  .table = "committee_report",
  .noun = N_ ("committee report"),
  .columns = columns,
  .n_columns = G_N_ELEMENTS (columns),
  .date_column = "meeting_date",
  .owned_tables = owned_tables,
  .owned_key = "report_id",
};

CSP_DEFINE_RECORD_TYPE (CspCommitteeReport, csp_committee_report, &info)
