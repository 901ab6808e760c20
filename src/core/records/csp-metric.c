/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "csp-metric"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "csp-records.h"

/* A figure recorded monthly for a channel, e.g. followers of the social media account. */

static const char *const metric_kinds[] = {
  "followers",     "reach",           "engagements", "page_views", "survey_responses",
  "readership",    "subscribers",     "impressions", "sends",      "opens",
  "new_followers", "new_subscribers", NULL,
};

/* Kinds that count what stands at a moment (followers on a day) rather
 * than what happened over a time (people reached in it). */
static const char *const stock_kinds[] = { "followers", "subscribers", NULL };

static const CspColumn columns[] = {
  { .name = "channel_id",
    .label = N_ ("Channel"),
    .kind = CSP_COLUMN_REF,
    .flags = CSP_COLUMN_REQUIRED,
    .ref_table = "channel" },
  { .name = "name",
    .label = N_ ("Name"),
    .kind = CSP_COLUMN_TEXT,
    .flags = CSP_COLUMN_REQUIRED,
    .max_length = 200 },
  { .name = "kind",
    .label = N_ ("Kind"),
    .kind = CSP_COLUMN_CHOICE,
    .flags = CSP_COLUMN_REQUIRED,
    .choices = metric_kinds },
  { .name = "unit", .label = N_ ("Unit"), .kind = CSP_COLUMN_TEXT, .max_length = 50 },
  { .name = "retired", .label = N_ ("Retired"), .kind = CSP_COLUMN_BOOL },
};

static const char *const owned_tables[] = { "metric_value", NULL };

static const CspTableInfo info = {
  .table = "metric",
  .noun = N_ ("metric"),
  .columns = columns,
  .n_columns = G_N_ELEMENTS (columns),
  .owned_tables = owned_tables,
  .owned_key = "metric_id",
};

CSP_DEFINE_RECORD_TYPE (CspMetric, csp_metric, &info)

/**
 * csp_metric_kind_get_change:
 * @kind: a stock's kind, e.g. "followers"
 *
 * Returns: (nullable): the kind of the flow that counts a stock's change,
 *   e.g. "new_followers": what a platform's daily column of that name
 *   holds when it goes below zero; %NULL for a flow
 */
const char *
csp_metric_kind_get_change (const char *kind)
{
  static const char *const changes[][2] = {
    { "followers", "new_followers" },
    { "subscribers", "new_subscribers" },
  };

  g_return_val_if_fail (kind != NULL, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (changes); i++)
    if (g_str_equal (kind, changes[i][0]))
      return changes[i][1];
  return NULL;
}

/**
 * csp_metric_kind_is_stock:
 * @kind: a metric's kind, e.g. "followers"
 *
 * Whether figures of @kind count what stands at a moment, so that a
 * month's figure is its last day's (followers, subscribers), rather than
 * what happened over a time, so that a month's figure is the sum of its
 * days' (reach, impressions, page views, sends, opens ...).
 */
gboolean
csp_metric_kind_is_stock (const char *kind)
{
  g_return_val_if_fail (kind != NULL, FALSE);
  return g_strv_contains (stock_kinds, kind);
}
