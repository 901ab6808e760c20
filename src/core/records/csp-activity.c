/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "csp-activity"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "csp-records.h"

/* A community engagement activity: who led it, for which priority, how many took part. */

static const char *const activity_formats[] = {
  "webinar", "social_media", "survey",   "street_briefing", "event", "leaflet_drop",
  "meeting", "workshop",     "campaign", "other",           NULL,
};

static const char *const activity_modes[] = {
  "online",
  "in_person",
  "hybrid",
  NULL,
};

static const char *const activity_statuses[] = {
  "planned", "delivered", "cancelled", "postponed", NULL,
};

static const CspColumn columns[] = {
  { .name = "title",
    .label = N_ ("Title"),
    .kind = CSP_COLUMN_TEXT,
    .flags = CSP_COLUMN_REQUIRED | CSP_COLUMN_SEARCHED,
    .max_length = 300 },
  { .name = "start_date",
    .label = N_ ("Start date"),
    .kind = CSP_COLUMN_DATE,
    .flags = CSP_COLUMN_REQUIRED },
  { .name = "end_date",
    .label = N_ ("End date"),
    .kind = CSP_COLUMN_DATE,
    .not_before = "start_date" },
  { .name = "format",
    .label = N_ ("Format"),
    .kind = CSP_COLUMN_CHOICE,
    .flags = CSP_COLUMN_REQUIRED,
    .choices = activity_formats },
  { .name = "mode",
    .label = N_ ("Mode"),
    .kind = CSP_COLUMN_CHOICE,
    .flags = CSP_COLUMN_REQUIRED,
    .choices = activity_modes },
  { .name = "location",
    .label = N_ ("Location"),
    .kind = CSP_COLUMN_TEXT,
    .flags = CSP_COLUMN_SEARCHED,
    .max_length = 300 },
  { .name = "ward",
    .label = N_ ("Ward"),
    .kind = CSP_COLUMN_TEXT,
    .flags = CSP_COLUMN_SEARCHED,
    .max_length = 200 },
  { .name = "audience",
    .label = N_ ("Audience"),
    .kind = CSP_COLUMN_TEXT,
    .flags = CSP_COLUMN_SEARCHED,
    .max_length = 300 },
  { .name = "lead_partner_id",
    .label = N_ ("Lead partner"),
    .kind = CSP_COLUMN_REF,
    .ref_table = "partner" },
  { .name = "priority_id",
    .label = N_ ("Priority"),
    .kind = CSP_COLUMN_REF,
    .ref_table = "priority" },
  { .name = "action_id", .label = N_ ("Action"), .kind = CSP_COLUMN_REF, .ref_table = "action" },
  { .name = "channel_id", .label = N_ ("Channel"), .kind = CSP_COLUMN_REF, .ref_table = "channel" },
  { .name = "participants",
    .label = N_ ("Participants"),
    .kind = CSP_COLUMN_INT,
    .flags = CSP_COLUMN_RANGE,
    .min = 0,
    .max = G_MAXINT64 },
  { .name = "reach",
    .label = N_ ("Reach"),
    .kind = CSP_COLUMN_INT,
    .flags = CSP_COLUMN_RANGE,
    .min = 0,
    .max = G_MAXINT64 },
  { .name = "responses",
    .label = N_ ("Responses"),
    .kind = CSP_COLUMN_INT,
    .flags = CSP_COLUMN_RANGE,
    .min = 0,
    .max = G_MAXINT64 },
  { .name = "status",
    .label = N_ ("Status"),
    .kind = CSP_COLUMN_CHOICE,
    .flags = CSP_COLUMN_REQUIRED,
    .choices = activity_statuses },
  { .name = "constraints",
    .label = N_ ("Constraints and adaptation"),
    .kind = CSP_COLUMN_TEXT,
    .flags = CSP_COLUMN_SEARCHED | CSP_COLUMN_MULTILINE,
    .max_length = 20000 },
  { .name = "outcome",
    .label = N_ ("Outcome"),
    .kind = CSP_COLUMN_TEXT,
    .flags = CSP_COLUMN_SEARCHED | CSP_COLUMN_MULTILINE,
    .max_length = 20000 },
  { .name = "include_in_appendix",
    .label = N_ ("Include in committee appendix"),
    .kind = CSP_COLUMN_BOOL,
    .flags = CSP_COLUMN_DEFAULT_TRUE },
};

static const CspTableInfo info = {
  .table = "activity",
  .noun = N_ ("activity"),
  .columns = columns,
  .n_columns = G_N_ELEMENTS (columns),
  .date_column = "start_date",
  .partner_table = "activity_partner",
  .partner_key = "activity_id",
  .fts_table = "activity_fts",
};

CSP_DEFINE_RECORD_TYPE (CspActivity, csp_activity, &info)
