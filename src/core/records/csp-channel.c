/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "csp-channel"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "csp-records.h"

/* Where the partnership reaches people: a social media account, web pages, the magazine. */

static const char *const channel_kinds[] = {
  "social_media", "website", "magazine", "newsletter", "email", "other", NULL,
};

static const CspColumn columns[] = {
  { .name = "name",
    .label = N_ ("Name"),
    .kind = CSP_COLUMN_TEXT,
    .flags = CSP_COLUMN_REQUIRED,
    .max_length = 200 },
  { .name = "kind",
    .label = N_ ("Kind"),
    .kind = CSP_COLUMN_CHOICE,
    .flags = CSP_COLUMN_REQUIRED,
    .choices = channel_kinds },
  { .name = "url", .label = N_ ("Address"), .kind = CSP_COLUMN_TEXT, .max_length = 2000 },
  { .name = "retired", .label = N_ ("Retired"), .kind = CSP_COLUMN_BOOL },
};

static const CspTableInfo info = {
  .table = "channel",
  .noun = N_ ("channel"),
  .columns = columns,
  .n_columns = G_N_ELEMENTS (columns),
};

CSP_DEFINE_RECORD_TYPE (CspChannel, csp_channel, &info)
