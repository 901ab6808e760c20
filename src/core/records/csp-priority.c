/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "csp-priority"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "csp-records.h"

/* A priority agreed at the RAG meeting, under which actions are grouped. */

static const CspColumn columns[] = {
  { .name = "plan_id",
    .label = N_ ("Plan"),
    .kind = CSP_COLUMN_REF,
    .flags = CSP_COLUMN_REQUIRED,
    .ref_table = "plan" },
  { .name = "position",
    .label = N_ ("Position"),
    .kind = CSP_COLUMN_INT,
    .flags = CSP_COLUMN_REQUIRED | CSP_COLUMN_RANGE,
    .min = 0,
    .max = 10000 },
  { .name = "title",
    .label = N_ ("Title"),
    .kind = CSP_COLUMN_TEXT,
    .flags = CSP_COLUMN_REQUIRED,
    .max_length = 300 },
  { .name = "description",
    .label = N_ ("Description"),
    .kind = CSP_COLUMN_TEXT,
    .flags = CSP_COLUMN_MULTILINE,
    .max_length = 5000 },
  { .name = "retired", .label = N_ ("Retired"), .kind = CSP_COLUMN_BOOL },
};

static const CspTableInfo info = {
  .table = "priority",
  .noun = N_ ("priority"),
  .columns = columns,
  .n_columns = G_N_ELEMENTS (columns),
};

CSP_DEFINE_RECORD_TYPE (CspPriority, csp_priority, &info)
