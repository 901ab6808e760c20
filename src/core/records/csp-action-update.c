/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "csp-action-update"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "csp-records.h"

/* A dated progress update of an action: added, never changed. */

static const char *const action_statuses[] = {
  "not_started", "in_progress", "complete", "deferred", "cancelled", NULL,
};

static const char *const rag_values[] = {
  "red", "amber", "green", "complete", NULL,
};

static const CspColumn columns[] = {
  { .name = "action_id",
    .label = N_ ("Action"),
    .kind = CSP_COLUMN_REF,
    .flags = CSP_COLUMN_REQUIRED,
    .ref_table = "action" },
  { .name = "update_date",
    .label = N_ ("Date"),
    .kind = CSP_COLUMN_DATE,
    .flags = CSP_COLUMN_REQUIRED },
  { .name = "author",
    .label = N_ ("Author"),
    .kind = CSP_COLUMN_TEXT,
    .flags = CSP_COLUMN_REQUIRED,
    .max_length = 200 },
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
  { .name = "commentary",
    .label = N_ ("Commentary"),
    .kind = CSP_COLUMN_TEXT,
    .flags = CSP_COLUMN_REQUIRED | CSP_COLUMN_MULTILINE,
    .max_length = 20000 },
};

static const CspTableInfo info = {
  .table = "action_update",
  .noun = N_ ("progress update"),
  .columns = columns,
  .n_columns = G_N_ELEMENTS (columns),
  .date_column = "update_date",
  .append_only = TRUE,
};

CSP_DEFINE_RECORD_TYPE (CspActionUpdate, csp_action_update, &info)
