/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "csp-records"

#include "config.h"

#include <string.h>

#include "csp-records.h"

/**
 * csp_record_list_types:
 * @n_types: (out): how many
 *
 * Returns: (transfer none) (array length=n_types): every record type, each
 *   after the types it refers to
 */
const GType *
csp_record_list_types (guint *n_types)
{
  static GType types[18];
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      GType all[] = {
        CSP_TYPE_SETTINGS,         CSP_TYPE_PARTNER,
        CSP_TYPE_MEETING,          CSP_TYPE_PLAN,
        CSP_TYPE_PRIORITY,         CSP_TYPE_ACTION,
        CSP_TYPE_ACTION_UPDATE,    CSP_TYPE_CHANNEL,
        CSP_TYPE_ACTIVITY,         CSP_TYPE_METRIC,
        CSP_TYPE_METRIC_VALUE,     CSP_TYPE_RISK,
        CSP_TYPE_RISK_ACTION,      CSP_TYPE_CHART_EVENT,
        CSP_TYPE_SECTION_TEMPLATE, CSP_TYPE_COMMITTEE_REPORT,
        CSP_TYPE_REPORT_SECTION,   CSP_TYPE_REPORT_PART,
      };
      G_STATIC_ASSERT (G_N_ELEMENTS (all) == G_N_ELEMENTS (types));
      memcpy (types, all, sizeof all);
      g_once_init_leave (&initialized, 1);
    }
  *n_types = G_N_ELEMENTS (types);
  return types;
}

/**
 * csp_record_type_from_table:
 *
 * Returns: the record type stored in @table, or %G_TYPE_INVALID
 */
GType
csp_record_type_from_table (const char *table)
{
  guint n_types = 0;
  const GType *types = csp_record_list_types (&n_types);

  for (guint i = 0; i < n_types; i++)
    if (g_strcmp0 (csp_record_type_get_info (types[i])->table, table) == 0)
      return types[i];
  return G_TYPE_INVALID;
}
