/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "csp-import"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "csp-import-private.h"

static const char *const find_sql[CSP_IMPORT_N_KINDS] = {
  /* The unary + keeps SQLite from searching by lead partner, which most
   * rows share, rather than by start date. The cast gives PostgreSQL the
   * type of a lead partner bound as NULL. */
  [CSP_IMPORT_ACTIVITIES] = "SELECT id FROM activity WHERE title = ? AND start_date = ? "
                            "AND +lead_partner_id IS NOT DISTINCT FROM CAST(? AS BIGINT) "
                            "ORDER BY id LIMIT 2",
  [CSP_IMPORT_METRICS] = "SELECT id FROM metric_value WHERE metric_id = ? AND month = ? "
                         "ORDER BY id LIMIT 2",
  [CSP_IMPORT_ACTIONS] = "SELECT a.id FROM action a JOIN priority p ON p.id = a.priority_id "
                         "WHERE p.plan_id = ? AND a.ref = ? ORDER BY a.id LIMIT 2",
  [CSP_IMPORT_MEETINGS] = "SELECT id FROM meeting WHERE title = ? AND held_on = ? "
                          "ORDER BY id LIMIT 2",
};

/* The query for a stored record with a row's natural key. */
CspStatement *
csp_import_prepare_find (CspImport *self, GError **error)
{
  return csp_database_prepare (self->database, find_sql[self->kind], error);
}

/* The stored record with the key bound to find_stmt, if any: 0 none, -1
 * several. */
gboolean
csp_import_find_existing (CspImport *self, gint64 *existing_id, GError **error)
{
  CspStep step = csp_statement_step (self->find_stmt, error);

  *existing_id = 0;
  if (step == CSP_STEP_ROW)
    {
      *existing_id = csp_statement_get_int64 (self->find_stmt, 0);
      step = csp_statement_step (self->find_stmt, error);
      if (step == CSP_STEP_ROW)
        *existing_id = -1;
    }
  csp_statement_reset (self->find_stmt);
  return step != CSP_STEP_FAILED;
}

/* Notes the row's natural key; a second row with the same key is
 * rejected. */
void
csp_import_check_duplicate (CspImport *self, Row *row, char *key, int target)
{
  gpointer first = NULL;

  if (g_hash_table_lookup_extended (self->seen_keys, key, NULL, &first))
    {
      guint line = GPOINTER_TO_UINT (first);
      g_autofree char *message = NULL;

      switch (self->kind)
        {
        case CSP_IMPORT_ACTIVITIES:
          message = g_strdup_printf (_ ("line %u has the same title, start date and lead "
                                        "partner: each activity is imported once"),
                                     line);
          break;
        case CSP_IMPORT_METRICS:
          message = g_strdup_printf (_ ("line %u has the same metric and month: each monthly "
                                        "figure is imported once"),
                                     line);
          break;
        case CSP_IMPORT_MEETINGS:
          message = g_strdup_printf (_ ("line %u has the same title and date: each meeting is "
                                        "imported once"),
                                     line);
          break;
        case CSP_IMPORT_ACTIONS:
        default:
          message = g_strdup_printf (_ ("line %u has the same reference in the same plan: each "
                                        "action is imported once"),
                                     line);
          break;
        }
      csp_import_add_problem (self, row, csp_import_header_of_target (self, target), message);
      g_free (key);
      return;
    }
  g_hash_table_insert (self->seen_keys, key, GUINT_TO_POINTER (row->line));
}

/* The stored record of @existing_id, and a copy to change; %NULL when new. */
gboolean
csp_import_load_existing (CspImport *self, Row *row, gint64 existing_id, int key_target,
                          CspRecord **stored, CspRecord **record)
{
  g_autoptr (GError) error = NULL;

  *stored = NULL;
  if (existing_id < 0)
    {
      csp_import_add_problem (
          self, row, csp_import_header_of_target (self, key_target),
          _ ("more than one stored record has the same key, so the row cannot tell "
             "which one to update"));
      return FALSE;
    }
  if (existing_id == 0)
    {
      *record = csp_import_new_record (self);
      return TRUE;
    }
  *stored = csp_store_get (self->store, self->record_type, existing_id, &error);
  if (*stored == NULL)
    {
      g_propagate_error (&self->fatal, g_steal_pointer (&error));
      return FALSE;
    }
  *record = csp_record_copy (*stored);
  return TRUE;
}
