/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "csp-partner"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "csp-records.h"

/* An organisation of the partnership; statutory ones are responsible authorities. */

static const char *const partner_kinds[] = {
  "council",   "police",    "fire",     "health", "probation", "housing",
  "education", "voluntary", "business", "other",  NULL,
};

static const CspColumn columns[] = {
  { .name = "name",
    .label = N_ ("Name"),
    .kind = CSP_COLUMN_TEXT,
    .flags = CSP_COLUMN_REQUIRED,
    .max_length = 200 },
  { .name = "short_name", .label = N_ ("Short name"), .kind = CSP_COLUMN_TEXT, .max_length = 50 },
  { .name = "kind",
    .label = N_ ("Kind"),
    .kind = CSP_COLUMN_CHOICE,
    .flags = CSP_COLUMN_REQUIRED,
    .choices = partner_kinds },
  { .name = "statutory", .label = N_ ("Responsible authority"), .kind = CSP_COLUMN_BOOL },
  { .name = "website", .label = N_ ("Website"), .kind = CSP_COLUMN_TEXT, .max_length = 2000 },
  { .name = "notes",
    .label = N_ ("Notes"),
    .kind = CSP_COLUMN_TEXT,
    .flags = CSP_COLUMN_MULTILINE,
    .max_length = 20000 },
  { .name = "retired", .label = N_ ("Retired"), .kind = CSP_COLUMN_BOOL },
};

static const CspTableInfo info = {
  .table = "partner",
  .noun = N_ ("partner"),
  .columns = columns,
  .n_columns = G_N_ELEMENTS (columns),
};

CSP_DEFINE_RECORD_TYPE (CspPartner, csp_partner, &info)
