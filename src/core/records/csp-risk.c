/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "csp-risk"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

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
    .label = N_ ("Current controls"),
    .kind = CSP_COLUMN_TEXT,
    .flags = CSP_COLUMN_MULTILINE,
    .max_length = 5000 },
  { .name = "review_date", .label = N_ ("Review date"), .kind = CSP_COLUMN_DATE },
  { .name = "status",
    .label = N_ ("Status"),
    .kind = CSP_COLUMN_CHOICE,
    .flags = CSP_COLUMN_REQUIRED,
    .choices = risk_statuses },
};

/* Its links to the actions it affects go with it. */
static const char *const owned_tables[] = { "risk_action", NULL };

/* Kept in step with csp_risk_get_score(). */
static const CspFigureColumn figures[] = {
  { .label = N_ ("Score"), .sql = "likelihood * impact" },
};

static const CspTableInfo info = {
  .table = "risk",
  .noun = N_ ("risk"),
  .columns = columns,
  .n_columns = G_N_ELEMENTS (columns),
  .owned_tables = owned_tables,
  .owned_key = "risk_id",
  .figures = figures,
  .n_figures = G_N_ELEMENTS (figures),
};

CSP_DEFINE_RECORD_TYPE (CspRisk, csp_risk, &info)

/**
 * csp_risk_get_score:
 *
 * Returns: likelihood times impact, from 1 to 25
 */
gint64
csp_risk_get_score (CspRisk *self)
{
  g_return_val_if_fail (CSP_IS_RISK (self), 0);
  return csp_record_get_int (CSP_RECORD (self), "likelihood") *
         csp_record_get_int (CSP_RECORD (self), "impact");
}

/**
 * csp_risk_is_review_due:
 * @today: the date, YYYY-MM-DD
 *
 * Returns: whether the risk is open and its review date has passed
 */
gboolean
csp_risk_is_review_due (CspRisk *self, const char *today)
{
  CspRecord *record = CSP_RECORD (self);

  g_return_val_if_fail (CSP_IS_RISK (self), FALSE);
  g_return_val_if_fail (today != NULL, FALSE);

  return g_strcmp0 (csp_record_get_string (record, "status"), "open") == 0 &&
         !csp_record_is_null (record, "review_date") &&
         strcmp (csp_record_get_string (record, "review_date"), today) < 0;
}
