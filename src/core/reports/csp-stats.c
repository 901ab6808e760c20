/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "csp-stats"

#include "config.h"

#include "csp-stats.h"

/**
 * csp_stats_by_financial_year:
 *
 * Totals of the activities delivered or planned (not cancelled) in each
 * financial year, which starts in the month the partnership's settings name.
 *
 * Returns: (transfer full) (element-type CspYearStats): one entry a year, oldest first
 */
GArray *
csp_stats_by_financial_year (CspDatabase *database, GError **error)
{
  g_autoptr (GArray) years = g_array_new (FALSE, TRUE, sizeof (CspYearStats));
  g_autoptr (sqlite3_stmt) stmt = NULL;
  gboolean has_row = FALSE, ok;

  g_return_val_if_fail (CSP_IS_DATABASE (database), NULL);

  stmt = csp_database_prepare (
      database,
      "SELECT CAST(substr(start_date, 1, 4) AS INTEGER)"
      "         - (CAST(substr(start_date, 6, 2) AS INTEGER)"
      "            < coalesce((SELECT financial_year_start_month FROM settings), 4)) AS year,"
      "       count(*),"
      "       sum(mode = 'online'), sum(mode = 'in_person'), sum(mode = 'hybrid'),"
      "       coalesce(sum(participants), 0), coalesce(sum(reach), 0)"
      "  FROM activity WHERE status <> 'cancelled'"
      " GROUP BY year ORDER BY year",
      error);
  if (stmt == NULL)
    return NULL;
  while ((ok = csp_database_step_row (database, stmt, &has_row, error)) && has_row)
    {
      CspYearStats year = {
        .year_start = sqlite3_column_int (stmt, 0),
        .activities = sqlite3_column_int64 (stmt, 1),
        .online = sqlite3_column_int64 (stmt, 2),
        .in_person = sqlite3_column_int64 (stmt, 3),
        .hybrid = sqlite3_column_int64 (stmt, 4),
        .participants = sqlite3_column_int64 (stmt, 5),
        .reach = sqlite3_column_int64 (stmt, 6),
      };
      g_array_append_val (years, year);
    }
  if (!ok)
    return NULL;
  return g_steal_pointer (&years);
}
