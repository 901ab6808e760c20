/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "csp-chart-events"

#include "config.h"

#include "csp-chart-events.h"

/* The events the partnership marks on its trend charts (the chart_event
 * records shown on charts), each at the month it started: a chart draws
 * those that fall in its period. */

static void
mark_clear (gpointer data)
{
  CspChartEventMark *mark = data;

  g_free (mark->month);
  g_free (mark->label);
}

/**
 * csp_chart_events_query:
 *
 * Returns: (transfer full) (element-type CspChartEventMark): the events
 *   shown on charts, earliest first, or %NULL with @error set
 */
GArray *
csp_chart_events_query (CspDatabase *database, GError **error)
{
  g_autoptr (CspStatement) stmt = NULL;
  g_autoptr (GArray) marks = g_array_new (FALSE, FALSE, sizeof (CspChartEventMark));
  CspStep step;

  g_return_val_if_fail (CSP_IS_DATABASE (database), NULL);

  g_array_set_clear_func (marks, mark_clear);
  stmt = csp_database_prepare (database,
                               "SELECT substr(starts_on, 1, 7), title FROM chart_event "
                               "WHERE shown = 1 ORDER BY starts_on, id",
                               error);
  if (stmt == NULL)
    return NULL;
  while ((step = csp_statement_step (stmt, error)) == CSP_STEP_ROW)
    {
      CspChartEventMark mark = {
        g_strdup (csp_statement_get_text (stmt, 0)),
        g_strdup (csp_statement_get_text (stmt, 1)),
      };
      g_array_append_val (marks, mark);
    }
  if (step == CSP_STEP_FAILED)
    return NULL;
  return g_steal_pointer (&marks);
}
