/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "csp-plan"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "csp-records.h"

/* An action plan for one year, e.g. “Action Plan 2021-22”. */

static const char *const plan_statuses[] = {
  "draft",
  "published",
  "archived",
  NULL,
};

static const CspColumn columns[] = {
  { .name = "title",
    .label = N_ ("Title"),
    .kind = CSP_COLUMN_TEXT,
    .flags = CSP_COLUMN_REQUIRED,
    .max_length = 300 },
  { .name = "year_start",
    .label = N_ ("First year"),
    .kind = CSP_COLUMN_INT,
    .flags = CSP_COLUMN_REQUIRED | CSP_COLUMN_RANGE,
    .min = 2000,
    .max = 2100 },
  { .name = "status",
    .label = N_ ("Status"),
    .kind = CSP_COLUMN_CHOICE,
    .flags = CSP_COLUMN_REQUIRED,
    .choices = plan_statuses },
  { .name = "reviewed_meeting_id",
    .label = N_ ("Reviewed at"),
    .kind = CSP_COLUMN_REF,
    .ref_table = "meeting" },
  { .name = "published_on", .label = N_ ("Published on"), .kind = CSP_COLUMN_DATE },
  { .name = "notes",
    .label = N_ ("Notes"),
    .kind = CSP_COLUMN_TEXT,
    .flags = CSP_COLUMN_MULTILINE,
    .max_length = 20000 },
};

static const CspTableInfo info = {
  .table = "plan",
  .noun = N_ ("action plan"),
  .columns = columns,
  .n_columns = G_N_ELEMENTS (columns),
};

CSP_DEFINE_RECORD_TYPE (CspPlan, csp_plan, &info)
