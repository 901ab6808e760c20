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

/* The rows of import_keys whose key a stored record has, by line. The
 * key is (a, b, c) as csp_import_note_key() was given it. */
static const char *const match_sql[CSP_IMPORT_N_KINDS] = {
  [CSP_IMPORT_ACTIVITIES] = "SELECT DISTINCT k.line FROM import_keys k JOIN activity t "
                            "ON t.title = k.a AND t.start_date = k.b "
                            "AND +t.lead_partner_id IS NOT DISTINCT FROM CAST(k.c AS BIGINT) "
                            "ORDER BY k.line",
  [CSP_IMPORT_METRICS] = "SELECT DISTINCT k.line FROM import_keys k JOIN metric_value t "
                         "ON t.metric_id = CAST(k.a AS BIGINT) AND t.month = k.b ORDER BY k.line",
  [CSP_IMPORT_ACTIONS] = "SELECT DISTINCT k.line FROM import_keys k JOIN action t ON t.ref = k.b "
                         "JOIN priority p ON p.id = t.priority_id "
                         "AND p.plan_id = CAST(k.a AS BIGINT) ORDER BY k.line",
  [CSP_IMPORT_MEETINGS] = "SELECT DISTINCT k.line FROM import_keys k JOIN meeting t "
                          "ON t.title = k.a AND t.held_on = k.b ORDER BY k.line",
};

/* The query for a stored record with a row's natural key. */
CspStatement *
csp_import_prepare_find (CspImport *self, GError **error)
{
  return csp_database_prepare (self->database, find_sql[self->kind], error);
}

static char *
key_text (const char *a, const char *b, const char *c)
{
  return g_strjoin ("\x1f", a != NULL ? a : "", b != NULL ? b : "", c != NULL ? c : "", NULL);
}

/* Starts a pass's keys: the first loads them into import_keys. */
gboolean
csp_import_keys_open (CspImport *self, GError **error)
{
  static const char *const columns[] = { "line", "a", "b", "c", NULL };

  self->next_matched = 0;
  self->n_probed = 0;
  self->find_all = FALSE;
  if (self->second_pass)
    {
      self->seen_keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      return TRUE;
    }
  if (!csp_database_exec (self->database,
                          "CREATE TEMP TABLE IF NOT EXISTS import_keys "
                          "(line BIGINT NOT NULL, a TEXT, b TEXT, c TEXT)",
                          error) ||
      !csp_database_exec (
          self->database,
          csp_database_pick_sql (self->database, "DELETE FROM import_keys", "TRUNCATE import_keys"),
          error))
    return FALSE;
  self->keys = csp_database_load_begin (self->database, "import_keys", columns, error);
  return self->keys != NULL;
}

/* Ends the first pass's keys: finds the rows whose key is stored and the
 * keys the file repeats. *@again says whether a second pass must look
 * them up. */
gboolean
csp_import_keys_close (CspImport *self, gboolean *again, GError **error)
{
  g_autoptr (CspStatement) stmt = NULL;
  CspStep step;

  *again = FALSE;
  if (self->second_pass)
    return TRUE;
  if (!csp_load_end (g_steal_pointer (&self->keys), error))
    return FALSE;

  g_clear_pointer (&self->repeated, g_hash_table_unref);
  self->repeated = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  stmt = csp_database_prepare (self->database,
                               "SELECT a, b, c FROM import_keys GROUP BY a, b, c "
                               "HAVING count(*) > 1",
                               error);
  if (stmt == NULL)
    return FALSE;
  while ((step = csp_statement_step (stmt, error)) == CSP_STEP_ROW)
    g_hash_table_add (self->repeated,
                      key_text (csp_statement_get_text (stmt, 0), csp_statement_get_text (stmt, 1),
                                csp_statement_get_text (stmt, 2)));
  if (step != CSP_STEP_DONE)
    return FALSE;
  g_clear_pointer (&stmt, csp_statement_free);
  /* Every row was looked up already, and no key repeats: all is known. */
  if (self->find_all && g_hash_table_size (self->repeated) == 0)
    return TRUE;

  g_clear_pointer (&self->matched, g_array_unref);
  self->matched = g_array_new (FALSE, FALSE, sizeof (guint));
  stmt = csp_database_prepare (self->database, match_sql[self->kind], error);
  if (stmt == NULL)
    return FALSE;
  while ((step = csp_statement_step (stmt, error)) == CSP_STEP_ROW)
    {
      guint line = (guint) csp_statement_get_int64 (stmt, 0);
      g_array_append_val (self->matched, line);
    }
  if (step != CSP_STEP_DONE)
    return FALSE;
  *again = (!self->find_all && self->matched->len > 0) || g_hash_table_size (self->repeated) > 0;
  return TRUE;
}

/* Forgets what the passes learnt of the keys. */
void
csp_import_keys_clear (CspImport *self)
{
  if (self->keys != NULL)
    csp_load_end (g_steal_pointer (&self->keys), NULL);
  g_clear_pointer (&self->matched, g_array_unref);
  g_clear_pointer (&self->repeated, g_hash_table_unref);
  g_clear_pointer (&self->seen_keys, g_hash_table_unref);
  self->second_pass = FALSE;
}

/* The rows the first pass looks up, to tell a file of new records from
 * one imported before. */
#define N_PROBED 64

/* Whether @row's key may match a stored record, to be looked up with
 * find_stmt. The first pass looks up its first rows; if one of them is
 * stored (the file was imported before), every row after them too, as a
 * second pass would. Otherwise only the second pass looks up, and only the
 * rows the first found. Rows come in the order of their lines. */
gboolean
csp_import_should_find (CspImport *self, Row *row)
{
  if (!self->second_pass)
    {
      if (self->find_all)
        return TRUE;
      if (self->n_probed >= N_PROBED)
        return FALSE;
      self->n_probed++;
      return TRUE;
    }
  while (self->next_matched < self->matched->len &&
         g_array_index (self->matched, guint, self->next_matched) < row->line)
    self->next_matched++;
  return self->next_matched < self->matched->len &&
         g_array_index (self->matched, guint, self->next_matched) == row->line;
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
      if (!self->second_pass)
        self->find_all = TRUE;
    }
  csp_statement_reset (self->find_stmt);
  return step != CSP_STEP_FAILED;
}

/* Notes the row's natural key (a, b, c; @c may be %NULL); on the second
 * pass, a row with the key of an earlier one is rejected. Returns %FALSE
 * with self->fatal set when the database fails. */
gboolean
csp_import_note_key (CspImport *self, Row *row, int target, const char *a, const char *b,
                     const char *c)
{
  g_autofree char *key = NULL;
  gpointer first = NULL;
  g_autofree char *message = NULL;
  guint line;

  if (!self->second_pass)
    {
      g_autofree char *text = g_strdup_printf ("%u", row->line);

      if (!csp_load_add_row (self->keys, (const char *const[]){ text, a, b, c }, &self->fatal))
        return FALSE;
      return TRUE;
    }
  key = key_text (a, b, c);
  if (!g_hash_table_contains (self->repeated, key))
    return TRUE;
  if (!g_hash_table_lookup_extended (self->seen_keys, key, NULL, &first))
    {
      g_hash_table_insert (self->seen_keys, g_steal_pointer (&key), GUINT_TO_POINTER (row->line));
      return TRUE;
    }
  line = GPOINTER_TO_UINT (first);
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
  return TRUE;
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
