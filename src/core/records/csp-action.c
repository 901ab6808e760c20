/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "csp-action"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "csp-records.h"

/* An action of the plan under a priority, with its lead partner and RAG status. */

static const char *const action_statuses[] = {
  "not_started", "in_progress", "complete", "deferred", "cancelled", NULL,
};

static const char *const rag_values[] = {
  "red", "amber", "green", "complete", NULL,
};

static const CspColumn columns[] = {
  { .name = "priority_id",
    .label = N_ ("Priority"),
    .kind = CSP_COLUMN_REF,
    .flags = CSP_COLUMN_REQUIRED,
    .ref_table = "priority" },
  { .name = "ref",
    .label = N_ ("Reference"),
    .kind = CSP_COLUMN_TEXT,
    .flags = CSP_COLUMN_REQUIRED | CSP_COLUMN_SEARCHED,
    .max_length = 30 },
  { .name = "title",
    .label = N_ ("Title"),
    .kind = CSP_COLUMN_TEXT,
    .flags = CSP_COLUMN_REQUIRED | CSP_COLUMN_SEARCHED,
    .max_length = 300 },
  { .name = "outcome",
    .label = N_ ("Outcome"),
    .kind = CSP_COLUMN_TEXT,
    .flags = CSP_COLUMN_SEARCHED | CSP_COLUMN_MULTILINE,
    .max_length = 20000 },
  { .name = "measure",
    .label = N_ ("Measure"),
    .kind = CSP_COLUMN_TEXT,
    .flags = CSP_COLUMN_SEARCHED,
    .max_length = 2000 },
  { .name = "baseline", .label = N_ ("Baseline"), .kind = CSP_COLUMN_TEXT, .max_length = 2000 },
  { .name = "target",
    .label = N_ ("Target"),
    .kind = CSP_COLUMN_TEXT,
    .flags = CSP_COLUMN_SEARCHED,
    .max_length = 2000 },
  { .name = "lead_partner_id",
    .label = N_ ("Lead partner"),
    .kind = CSP_COLUMN_REF,
    .ref_table = "partner" },
  { .name = "start_date", .label = N_ ("Start date"), .kind = CSP_COLUMN_DATE },
  { .name = "due_date",
    .label = N_ ("Due date"),
    .kind = CSP_COLUMN_DATE,
    .not_before = "start_date" },
  { .name = "completed_date",
    .label = N_ ("Completed date"),
    .kind = CSP_COLUMN_DATE,
    .not_before = "start_date" },
  { .name = "status",
    .label = N_ ("Status"),
    .kind = CSP_COLUMN_CHOICE,
    .flags = CSP_COLUMN_REQUIRED,
    .choices = action_statuses },
  { .name = "percent_complete",
    .label = N_ ("Percent complete"),
    .kind = CSP_COLUMN_INT,
    .flags = CSP_COLUMN_REQUIRED | CSP_COLUMN_RANGE,
    .min = 0,
    .max = 100 },
  { .name = "rag", .label = N_ ("RAG status"), .kind = CSP_COLUMN_CHOICE, .choices = rag_values },
  { .name = "rag_manual", .label = N_ ("RAG set by hand"), .kind = CSP_COLUMN_BOOL },
  { .name = "rag_reason",
    .label = N_ ("Reason for RAG status"),
    .kind = CSP_COLUMN_TEXT,
    .flags = CSP_COLUMN_SEARCHED | CSP_COLUMN_MULTILINE,
    .max_length = 5000 },
};

static const char *const owned_tables[] = { "action_update", "risk_action", NULL };

static const CspTableInfo info = {
  .table = "action",
  .noun = N_ ("action"),
  .columns = columns,
  .n_columns = G_N_ELEMENTS (columns),
  .date_column = "due_date",
  .partner_table = "action_partner",
  .partner_key = "action_id",
  .fts_table = "action_fts",
  .owned_tables = owned_tables,
  .owned_key = "action_id",
};

CSP_DEFINE_RECORD_TYPE (CspAction, csp_action, &info)
