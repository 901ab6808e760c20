/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "csp-risk"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "csp-records.h"

/* A risk to the partnership’s work, scored for likelihood and impact. */

static const char *const risk_statuses[] = {
  "open",
  "closed",
  NULL,
};

static const CspColumn columns[] = {
  { .name = "plan_id", .label = N_ ("Plan"), .kind = CSP_COLUMN_REF, .ref_table = "plan" },
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
  { .name = "owner_partner_id",
    .label = N_ ("Owner"),
    .kind = CSP_COLUMN_REF,
    .ref_table = "partner" },
  { .name = "likelihood",
    .label = N_ ("Likelihood"),
    .kind = CSP_COLUMN_INT,
    .flags = CSP_COLUMN_REQUIRED | CSP_COLUMN_RANGE,
    .min = 1,
    .max = 5 },
  { .name = "impact",
    .label = N_ ("Impact"),
    .kind = CSP_COLUMN_INT,
    .flags = CSP_COLUMN_REQUIRED | CSP_COLUMN_RANGE,
    .min = 1,
    .max = 5 },
  { .name = "mitigation",
    .label = N_ ("Mitigation"),
    .kind = CSP_COLUMN_TEXT,
    .flags = CSP_COLUMN_MULTILINE,
    .max_length = 5000 },
  { .name = "status",
    .label = N_ ("Status"),
    .kind = CSP_COLUMN_CHOICE,
    .flags = CSP_COLUMN_REQUIRED,
    .choices = risk_statuses },
};

static const CspTableInfo info = {
  .table = "risk",
  .noun = N_ ("risk"),
  .columns = columns,
  .n_columns = G_N_ELEMENTS (columns),
};

CSP_DEFINE_RECORD_TYPE (CspRisk, csp_risk, &info)
