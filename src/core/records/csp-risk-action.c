/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "csp-risk-action"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "csp-records.h"

/* That a risk affects an action: a record of its own, so that linking and
 * unlinking are audited, undone and checked for conflicts as any change. */

static const CspColumn columns[] = {
  { .name = "risk_id",
    .label = N_ ("Risk"),
    .kind = CSP_COLUMN_REF,
    .flags = CSP_COLUMN_REQUIRED,
    .ref_table = "risk" },
  { .name = "action_id",
    .label = N_ ("Action"),
    .kind = CSP_COLUMN_REF,
    .flags = CSP_COLUMN_REQUIRED,
    .ref_table = "action" },
};

static const CspTableInfo info = {
  .table = "risk_action",
  .noun = N_ ("link of a risk to an action"),
  .columns = columns,
  .n_columns = G_N_ELEMENTS (columns),
};

CSP_DEFINE_RECORD_TYPE (CspRiskAction, csp_risk_action, &info)
