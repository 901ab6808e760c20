/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "csp-meeting"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "csp-records.h"

/* A partners’ weekly meeting, Responsible Authorities Group (RAG) meeting or committee. */

static const char *const meeting_kinds[] = {
  "partners_weekly", "rag", "committee", "other", NULL,
};

static const CspColumn columns[] = {
  { .name = "kind",
    .label = N_ ("Kind"),
    .kind = CSP_COLUMN_CHOICE,
    .flags = CSP_COLUMN_REQUIRED,
    .choices = meeting_kinds },
  { .name = "title",
    .label = N_ ("Title"),
    .kind = CSP_COLUMN_TEXT,
    .flags = CSP_COLUMN_REQUIRED,
    .max_length = 300 },
  { .name = "held_on",
    .label = N_ ("Date"),
    .kind = CSP_COLUMN_DATE,
    .flags = CSP_COLUMN_REQUIRED },
  { .name = "starts_at",
    .label = N_ ("Time"),
    .kind = CSP_COLUMN_TEXT,
    .flags = CSP_COLUMN_TIME_OF_DAY,
    .max_length = 5 },
  { .name = "place", .label = N_ ("Place or link"), .kind = CSP_COLUMN_TEXT, .max_length = 500 },
  { .name = "notes",
    .label = N_ ("Notes or minutes"),
    .kind = CSP_COLUMN_TEXT,
    .flags = CSP_COLUMN_MULTILINE,
    .max_length = 20000 },
};

static const CspTableInfo info = {
  .table = "meeting",
  .noun = N_ ("meeting"),
  .columns = columns,
  .n_columns = G_N_ELEMENTS (columns),
  .date_column = "held_on",
  .partner_table = "meeting_partner",
  .partner_key = "meeting_id",
  .partners_label = N_ ("Partners attending"),
  .dated_choices = TRUE,
};

CSP_DEFINE_RECORD_TYPE (CspMeeting, csp_meeting, &info)
