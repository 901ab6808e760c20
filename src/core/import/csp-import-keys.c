/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "csp-import"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "csp-import-private.h"

/* The rows of import_keys whose key a stored record has, with that
 * record's id, for lines first to last - 1. The key is (a, b, c) as
 * csp_import_note_key() was given it. The unary + keeps SQLite from
 * searching by lead partner, which most rows share, rather than by start
 * date. */
static const char *const match_sql[CSP_IMPORT_N_KINDS] = {
  [CSP_IMPORT_ACTIVITIES] = "SELECT k.a, k.b, k.c, t.id FROM import_keys k JOIN activity t "
                            "ON t.title = k.a AND t.start_date = k.b "
                            "AND +t.lead_partner_id IS NOT DISTINCT FROM CAST(k.c AS BIGINT) "
                            "WHERE k.line >= ? AND k.line < ?",
  [CSP_IMPORT_METRICS] = "SELECT k.a, k.b, k.c, t.id FROM import_keys k JOIN metric_value t "
                         "ON t.metric_id = CAST(k.a AS BIGINT) AND t.month = k.b "
                         "WHERE k.line >= ? AND k.line < ?",
  [CSP_IMPORT_ACTIONS] = "SELECT k.a, k.b, k.c, t.id FROM import_keys k JOIN action t "
                         "ON t.ref = k.b JOIN priority p ON p.id = t.priority_id "
                         "AND p.plan_id = CAST(k.a AS BIGINT) WHERE k.line >= ? AND k.line < ?",
  [CSP_IMPORT_MEETINGS] = "SELECT k.a, k.b, k.c, t.id FROM import_keys k JOIN meeting t "
                          "ON t.title = k.a AND t.held_on = k.b WHERE k.line >= ? AND k.line < ?",
};

/* The lines of the file whose keys and stored records the second pass
 * holds at a time. */
#define WINDOW_LINES 2000

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

  if (self->second_pass)
    {
      self->seen_keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      self->window_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      self->window_records =
          g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
      self->window_first = self->window_end = 0;
      return TRUE;
    }
  if (!csp_database_exec (self->database,
                          "CREATE TEMP TABLE IF NOT EXISTS import_keys "
                          "(line BIGINT NOT NULL, a TEXT, b TEXT, c TEXT)",
                          error) ||
      !csp_database_exec (self->database,
                          "CREATE INDEX IF NOT EXISTS import_keys_line ON import_keys (line)",
                          error) ||
      !csp_database_exec (
          self->database,
          csp_database_pick_sql (self->database, "DELETE FROM import_keys", "TRUNCATE import_keys"),
          error))
    return FALSE;
  self->keys = csp_database_load_begin (self->database, "import_keys", columns, error);
  return self->keys != NULL;
}

/* Whether any key in import_keys is a stored record's: the kind's match
 * query (code's own text) asked only whether it has a row. */
static gboolean
find_any_stored (CspImport *self, gboolean *any, GError **error)
{
  g_autofree char *sql = g_strconcat ("SELECT 1 WHERE EXISTS (", match_sql[self->kind], ")", NULL);
  g_autoptr (CspStatement) stmt = csp_database_prepare (self->database, sql, error);
  CspStep step;

  if (stmt == NULL)
    return FALSE;
  csp_statement_bind_int64 (stmt, 1, 0);
  csp_statement_bind_int64 (stmt, 2, G_MAXINT64);
  step = csp_statement_step (stmt, error);
  *any = step == CSP_STEP_ROW;
  return step != CSP_STEP_FAILED;
}

/* Ends the first pass's keys: finds whether some rows' keys are stored
 * and which keys the file repeats. *@again says whether a second pass
 * must look them up. */
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
  /* A server plans the joins over a temporary table by what it knows of
   * it, and it never looks at one by itself. */
  if (csp_database_get_engine (self->database) == CSP_ENGINE_POSTGRESQL &&
      !csp_database_exec (self->database, "ANALYZE import_keys", error))
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
  if (step != CSP_STEP_DONE || !find_any_stored (self, &self->any_stored, error))
    return FALSE;
  *again = self->any_stored || g_hash_table_size (self->repeated) > 0;
  return TRUE;
}

/* Forgets what the passes learnt of the keys. */
void
csp_import_keys_clear (CspImport *self)
{
  if (self->keys != NULL)
    csp_load_end (g_steal_pointer (&self->keys), NULL);
  g_clear_pointer (&self->repeated, g_hash_table_unref);
  g_clear_pointer (&self->seen_keys, g_hash_table_unref);
  g_clear_pointer (&self->window_ids, g_hash_table_unref);
  g_clear_pointer (&self->window_records, g_hash_table_unref);
  self->any_stored = FALSE;
  self->second_pass = FALSE;
}

/* Reads the stored keys of the lines from @line on, and their records,
 * with a few queries for the whole window rather than two a row. */
static gboolean
load_window (CspImport *self, guint line)
{
  g_autoptr (CspStatement) stmt = NULL;
  g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (GPtrArray) records = NULL;
  CspStep step;

  g_hash_table_remove_all (self->window_ids);
  g_hash_table_remove_all (self->window_records);
  self->window_first = line;
  self->window_end = line + WINDOW_LINES;
  stmt = csp_database_prepare_cached (self->database, match_sql[self->kind], &self->fatal);
  if (stmt == NULL)
    return FALSE;
  csp_statement_bind_int64 (stmt, 1, self->window_first);
  csp_statement_bind_int64 (stmt, 2, self->window_end);
  while ((step = csp_statement_step (stmt, &self->fatal)) == CSP_STEP_ROW)
    {
      gint64 id = csp_statement_get_int64 (stmt, 3);
      g_autofree char *key =
          key_text (csp_statement_get_text (stmt, 0), csp_statement_get_text (stmt, 1),
                    csp_statement_get_text (stmt, 2));
      gint64 *known = g_hash_table_lookup (self->window_ids, key);

      if (known == NULL)
        {
          g_hash_table_insert (self->window_ids, g_steal_pointer (&key),
                               g_memdup2 (&id, sizeof id));
          g_array_append_val (ids, id);
        }
      else if (*known != id)
        *known = -1;
    }
  csp_statement_reset (stmt);
  if (step != CSP_STEP_DONE)
    return FALSE;

  records = csp_store_get_several (self->store, self->record_type, (const gint64 *) ids->data,
                                   ids->len, &self->fatal);
  if (records == NULL)
    return FALSE;
  for (guint i = 0; i < records->len; i++)
    {
      CspRecord *record = g_ptr_array_index (records, i);
      gint64 id = csp_record_get_id (record);

      g_hash_table_insert (self->window_records, g_memdup2 (&id, sizeof id), g_object_ref (record));
    }
  return TRUE;
}

/* The stored record with the natural key (a, b, c; @c may be %NULL) of
 * @row, found on the second pass only: *@existing_id is 0 for none, -1
 * for several. Returns %FALSE with self->fatal set when the database
 * fails. */
gboolean
csp_import_find_existing (CspImport *self, Row *row, const char *a, const char *b, const char *c,
                          gint64 *existing_id)
{
  g_autofree char *key = NULL;
  const gint64 *id;

  *existing_id = 0;
  if (!self->second_pass || !self->any_stored)
    return TRUE;
  /* Rows come in the order of their lines, but for the months that daily
   * figures make, which come at the end. */
  if ((row->line < self->window_first || row->line >= self->window_end) &&
      !load_window (self, row->line))
    return FALSE;
  key = key_text (a, b, c);
  id = g_hash_table_lookup (self->window_ids, key);
  if (id != NULL)
    *existing_id = *id;
  return TRUE;
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
  *stored = g_hash_table_lookup (self->window_records, &existing_id);
  /* Deleted since the window was read: the store says so. */
  *stored = *stored != NULL ? g_object_ref (*stored)
                            : csp_store_get (self->store, self->record_type, existing_id, &error);
  if (*stored == NULL)
    {
      g_propagate_error (&self->fatal, g_steal_pointer (&error));
      return FALSE;
    }
  *record = csp_record_copy (*stored);
  return TRUE;
}
