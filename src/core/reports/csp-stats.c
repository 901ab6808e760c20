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
  g_autoptr (CspStatement) stmt = NULL;
  CspStep step;

  g_return_val_if_fail (CSP_IS_DATABASE (database), NULL);

  /* CASE rather than a comparison's 0/1, which PostgreSQL keeps boolean. */
  stmt = csp_database_prepare (
      database,
      "SELECT CAST(substr(start_date, 1, 4) AS INTEGER)"
      "         - CASE WHEN CAST(substr(start_date, 6, 2) AS INTEGER)"
      "                     < coalesce((SELECT financial_year_start_month FROM settings), 4)"
      "                THEN 1 ELSE 0 END AS year,"
      "       count(*),"
      "       sum(CASE WHEN mode = 'online' THEN 1 ELSE 0 END),"
      "       sum(CASE WHEN mode = 'in_person' THEN 1 ELSE 0 END),"
      "       sum(CASE WHEN mode = 'hybrid' THEN 1 ELSE 0 END),"
      "       coalesce(sum(participants), 0), coalesce(sum(reach), 0)"
      "  FROM activity WHERE status <> 'cancelled'"
      " GROUP BY year ORDER BY year",
      error);
  if (stmt == NULL)
    return NULL;
  while ((step = csp_statement_step (stmt, error)) == CSP_STEP_ROW)
    {
      CspYearStats year = {
        .year_start = (int) csp_statement_get_int64 (stmt, 0),
        .activities = csp_statement_get_int64 (stmt, 1),
        .online = csp_statement_get_int64 (stmt, 2),
        .in_person = csp_statement_get_int64 (stmt, 3),
        .hybrid = csp_statement_get_int64 (stmt, 4),
        .participants = csp_statement_get_int64 (stmt, 5),
        .reach = csp_statement_get_int64 (stmt, 6),
      };
      g_array_append_val (years, year);
    }
  if (step == CSP_STEP_FAILED)
    return NULL;
  return g_steal_pointer (&years);
}
