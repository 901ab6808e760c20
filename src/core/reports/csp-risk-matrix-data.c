/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "csp-risk-matrix-data"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "csp-risk-matrix-data.h"

/* The figures of the risk matrix: the open risks of the register, counted
 * in the cells of likelihood by impact. Risks are today's, so a period
 * means nothing to it. */

/**
 * csp_risk_matrix_cell_key:
 *
 * Returns: (transfer full): the key of a cell in the matrix's data: "4-5"
 *   for likelihood 4, impact 5
 */
char *
csp_risk_matrix_cell_key (int likelihood, int impact)
{
  return g_strdup_printf ("%d-%d", likelihood, impact);
}

/**
 * csp_risk_matrix_parse_key:
 * @likelihood: (out): the cell's likelihood, 1 to 5
 * @impact: (out): its impact, 1 to 5
 *
 * Returns: whether @key is the key of a cell
 */
gboolean
csp_risk_matrix_parse_key (const char *key, int *likelihood, int *impact)
{
  g_return_val_if_fail (likelihood != NULL && impact != NULL, FALSE);

  if (key == NULL || !g_ascii_isdigit (key[0]) || key[1] != '-' || !g_ascii_isdigit (key[2]) ||
      key[3] != '\0')
    return FALSE;
  *likelihood = key[0] - '0';
  *impact = key[2] - '0';
  return *likelihood >= 1 && *likelihood <= CSP_RISK_SCALE && *impact >= 1 &&
         *impact <= CSP_RISK_SCALE;
}

/* Every cell, 0 risks in each, by score, highest first, then by
 * likelihood: the rows a reader of the table should see first. */
static void
add_cells (CspChartData *data)
{
  for (int score = CSP_RISK_SCALE * CSP_RISK_SCALE; score >= 1; score--)
    for (int likelihood = CSP_RISK_SCALE; likelihood >= 1; likelihood--)
      {
        int impact = score / likelihood;
        g_autofree char *key = NULL;
        g_autofree char *label = NULL;

        if (score % likelihood != 0 || impact > CSP_RISK_SCALE)
          continue;
        key = csp_risk_matrix_cell_key (likelihood, impact);
        /* TRANSLATORS: a cell of the risk matrix */
        label = g_strdup_printf (_ ("Likelihood %d × impact %d"), likelihood, impact);
        csp_chart_data_set_value (data, 0, csp_chart_data_add_category (data, key, label), 0);
      }
}

/**
 * csp_risk_matrix_query:
 * @from_month: (nullable): unused: the risks are those open today
 * @to_month: (nullable): unused
 *
 * The open risks in the cells of likelihood by impact: every one of the
 * 25 cells, the highest scores first, with the number of risks in it (0
 * for none) and, as the cell's detail, their titles a line each. The
 * data's note says how many risks are open.
 *
 * Returns: (transfer full): the data, one series, categories of
 *   %CSP_CHART_CATEGORY_RISK_CELL keyed by csp_risk_matrix_cell_key()
 */
CspChartData *
csp_risk_matrix_query (CspDatabase *database, const char *from_month, const char *to_month,
                       GError **error)
{
  g_autoptr (CspChartData) data = NULL;
  g_autoptr (CspStatement) stmt = NULL;
  g_autoptr (GHashTable) titles = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL,
                                                         (GDestroyNotify) g_ptr_array_unref);
  GHashTableIter iter;
  gpointer cell, list;
  guint total = 0;
  CspStep step;

  g_return_val_if_fail (CSP_IS_DATABASE (database), NULL);

  data = csp_chart_data_new (CSP_CHART_CATEGORY_RISK_CELL);
  csp_chart_data_add_series (data, "risks", _ ("Open risks"));
  add_cells (data);
  stmt = csp_database_prepare (database,
                               "SELECT likelihood, impact, title FROM risk WHERE status = ?"
                               " ORDER BY likelihood, impact, id",
                               error);
  if (stmt == NULL)
    return NULL;
  csp_statement_bind_text (stmt, 1, "open");
  while ((step = csp_statement_step (stmt, error)) == CSP_STEP_ROW)
    {
      int likelihood = (int) csp_statement_get_int64 (stmt, 0);
      int impact = (int) csp_statement_get_int64 (stmt, 1);
      gpointer key = GINT_TO_POINTER (likelihood * 10 + impact);
      GPtrArray *cell_titles;

      if (likelihood < 1 || likelihood > CSP_RISK_SCALE || impact < 1 || impact > CSP_RISK_SCALE)
        continue;
      cell_titles = g_hash_table_lookup (titles, key);
      if (cell_titles == NULL)
        {
          cell_titles = g_ptr_array_new_with_free_func (g_free);
          g_hash_table_insert (titles, key, cell_titles);
        }
      g_ptr_array_add (cell_titles, g_strdup (csp_statement_get_text (stmt, 2)));
      total++;
    }
  if (step == CSP_STEP_FAILED)
    return NULL;

  g_hash_table_iter_init (&iter, titles);
  while (g_hash_table_iter_next (&iter, &cell, &list))
    {
      GPtrArray *cell_titles = list;
      g_autofree char *key =
          csp_risk_matrix_cell_key (GPOINTER_TO_INT (cell) / 10, GPOINTER_TO_INT (cell) % 10);
      guint category = (guint) csp_chart_data_find_category (data, key);
      g_autofree char *detail = NULL;

      g_ptr_array_add (cell_titles, NULL);
      detail = g_strjoinv ("\n", (char **) cell_titles->pdata);
      csp_chart_data_set_value (data, 0, category, cell_titles->len - 1);
      csp_chart_data_set_category_detail (data, category, detail);
    }
  if (total == 0)
    csp_chart_data_set_note (data, _ ("No open risks"));
  else
    {
      g_autofree char *note =
          g_strdup_printf (ngettext ("%u open risk", "%u open risks", total), total);
      csp_chart_data_set_note (data, note);
    }
  return g_steal_pointer (&data);
}

/**
 * csp_risk_matrix_query_cell:
 *
 * Returns: (transfer full) (element-type gint64): the ids of the open
 *   risks of likelihood @likelihood and impact @impact, in the order they
 *   were added; %NULL with @error set when they could not be read
 */
GArray *
csp_risk_matrix_query_cell (CspDatabase *database, int likelihood, int impact, GError **error)
{
  g_autoptr (CspStatement) stmt = NULL;
  g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  CspStep step;

  g_return_val_if_fail (CSP_IS_DATABASE (database), NULL);

  stmt = csp_database_prepare (database,
                               "SELECT id FROM risk"
                               " WHERE status = ? AND likelihood = ? AND impact = ? ORDER BY id",
                               error);
  if (stmt == NULL)
    return NULL;
  csp_statement_bind_text (stmt, 1, "open");
  csp_statement_bind_int64 (stmt, 2, likelihood);
  csp_statement_bind_int64 (stmt, 3, impact);
  while ((step = csp_statement_step (stmt, error)) == CSP_STEP_ROW)
    {
      gint64 id = csp_statement_get_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  return step == CSP_STEP_FAILED ? NULL : g_steal_pointer (&ids);
}
