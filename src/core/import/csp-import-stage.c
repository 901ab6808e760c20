/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "csp-import"

#include "config.h"

#include "csp-import-private.h"

/* Staging: the check keeps each record that writing would add or change
 * in a temporary table of the connection, import_stage_<table>, one text
 * per column as the record layer validated it, loaded in bulk (COPY on a
 * server). The write then moves them set-based (csp-import-write.c), so
 * that a file is read and checked once, and nothing of it is held in
 * memory. A row's supporting partners go to import_stage_partner.
 *
 * Stage columns: n, the order of staging; line, the row's line; k, for a
 * new record its place among the new ones (so that its id is the first
 * new id plus k - 1), NULL for a change; existing_id and existing_version,
 * the stored record a change is made to; partner_ids, the record's
 * supporting partners as "3,7"; then the record's own columns. */

struct _CspImportStage
{
  char *table;
  CspLoad *rows;
  CspLoad *partners;
  guint n;
  guint n_new;
};

#define STAGE_FIXED_COLUMNS 6

void
csp_import_stage_free (CspImportStage *stage)
{
  /* A check that stopped midway: what it staged is not used. */
  if (stage->rows != NULL)
    csp_load_end (stage->rows, NULL);
  if (stage->partners != NULL)
    csp_load_end (stage->partners, NULL);
  g_free (stage->table);
  g_free (stage);
}

const char *
csp_import_stage_get_table (CspImportStage *stage)
{
  return stage->table;
}

guint
csp_import_stage_get_n_new (CspImportStage *stage)
{
  return stage->n_new;
}

/* A record's value as staged: the text the store would bind, %NULL for
 * no value. A number is written into @buffer, text is the record's own. */
static const char *
column_text (CspRecord *record, const CspColumn *column, char buffer[32])
{
  const GValue *value = csp_record_get_value (record, column->name);

  if (!G_IS_VALUE (value))
    return NULL;
  switch (column->kind)
    {
    case CSP_COLUMN_INT:
    case CSP_COLUMN_REF:
      if (column->kind == CSP_COLUMN_REF && g_value_get_int64 (value) == 0)
        return NULL;
      g_snprintf (buffer, 32, "%" G_GINT64_FORMAT, g_value_get_int64 (value));
      return buffer;
    case CSP_COLUMN_BOOL:
      return g_value_get_boolean (value) ? "1" : "0";
    case CSP_COLUMN_TEXT:
    case CSP_COLUMN_DATE:
    case CSP_COLUMN_MONTH:
    case CSP_COLUMN_CHOICE:
    default:
      return g_value_get_string (value);
    }
}

/* Makes the stage tables if this connection has none yet, and empties
 * them. Names and columns come from the static table description. */
static gboolean
prepare_tables (CspImport *self, const char *table, GError **error)
{
  g_autoptr (GString) create = g_string_new (NULL);
  g_autofree char *clear = NULL;

  /* On SQLite, an INTEGER PRIMARY KEY is the row's own id: no index of its own. */
  g_string_printf (create,
                   "CREATE TEMP TABLE IF NOT EXISTS %s (n %s PRIMARY KEY, line BIGINT NOT NULL, "
                   "k BIGINT, existing_id BIGINT, existing_version BIGINT, partner_ids TEXT",
                   table, csp_database_pick_sql (self->database, "INTEGER", "BIGINT"));
  for (guint c = 0; c < self->info->n_columns; c++)
    g_string_append_printf (create, ", %s TEXT", self->info->columns[c].name);
  g_string_append (create, ")");
  clear = g_strconcat (csp_database_pick_sql (self->database, "DELETE FROM ", "TRUNCATE "), table,
                       NULL);
  return csp_database_exec (self->database, create->str, error) &&
         csp_database_exec (self->database, clear, error) &&
         csp_database_exec (self->database,
                            "CREATE TEMP TABLE IF NOT EXISTS import_stage_partner "
                            "(n BIGINT NOT NULL, partner_id TEXT NOT NULL)",
                            error) &&
         csp_database_exec (self->database,
                            csp_database_pick_sql (self->database,
                                                   "DELETE FROM import_stage_partner",
                                                   "TRUNCATE import_stage_partner"),
                            error);
}

/* Starts a check's staging, forgetting the last one's. */
gboolean
csp_import_stage_open (CspImport *self, GError **error)
{
  g_autoptr (GPtrArray) columns = g_ptr_array_new ();
  static const char *const fixed[STAGE_FIXED_COLUMNS] = {
    "n", "line", "k", "existing_id", "existing_version", "partner_ids",
  };
  static const char *const partner_columns[] = { "n", "partner_id", NULL };
  CspImportStage *stage;

  g_clear_pointer (&self->stage, csp_import_stage_free);
  stage = g_new0 (CspImportStage, 1);
  stage->table = g_strconcat ("import_stage_", self->info->table, NULL);
  self->stage = stage;
  if (!prepare_tables (self, stage->table, error))
    return FALSE;
  for (guint i = 0; i < STAGE_FIXED_COLUMNS; i++)
    g_ptr_array_add (columns, (gpointer) fixed[i]);
  for (guint c = 0; c < self->info->n_columns; c++)
    g_ptr_array_add (columns, (gpointer) self->info->columns[c].name);
  g_ptr_array_add (columns, NULL);
  stage->rows = csp_database_load_begin (self->database, stage->table,
                                         (const char *const *) columns->pdata, error);
  if (stage->rows == NULL)
    return FALSE;
  if (self->info->partner_table != NULL)
    {
      stage->partners =
          csp_database_load_begin (self->database, "import_stage_partner", partner_columns, error);
      if (stage->partners == NULL)
        return FALSE;
    }
  return TRUE;
}

static char *
partner_ids_text (CspRecord *record)
{
  g_autoptr (GString) text = g_string_new (NULL);
  guint n_ids = 0;
  const gint64 *ids = csp_record_get_partner_ids (record, &n_ids);

  for (guint i = 0; i < n_ids; i++)
    g_string_append_printf (text, "%s%" G_GINT64_FORMAT, i > 0 ? "," : "", ids[i]);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static gboolean
stage_record (CspImport *self, guint line, CspRecord *record, CspRecord *stored, GError **error)
{
  CspImportStage *stage = self->stage;
  guint n_columns = self->info->n_columns;
  const char *values[STAGE_FIXED_COLUMNS + 64];
  char numbers[STAGE_FIXED_COLUMNS + 64][32];
  g_autofree char *partner_ids = NULL;

  g_assert (n_columns <= 64);
  g_snprintf (numbers[0], 32, "%u", ++stage->n);
  values[0] = numbers[0];
  g_snprintf (numbers[1], 32, "%u", line);
  values[1] = numbers[1];
  values[2] = NULL;
  values[3] = NULL;
  values[4] = NULL;
  if (stored == NULL)
    {
      g_snprintf (numbers[2], 32, "%u", ++stage->n_new);
      values[2] = numbers[2];
    }
  else
    {
      g_snprintf (numbers[3], 32, "%" G_GINT64_FORMAT, csp_record_get_id (stored));
      values[3] = numbers[3];
      g_snprintf (numbers[4], 32, "%" G_GINT64_FORMAT, csp_record_get_version (stored));
      values[4] = numbers[4];
    }
  if (self->info->partner_table != NULL)
    partner_ids = partner_ids_text (record);
  values[5] = partner_ids;
  for (guint c = 0; c < n_columns; c++)
    values[STAGE_FIXED_COLUMNS + c] =
        column_text (record, &self->info->columns[c], numbers[STAGE_FIXED_COLUMNS + c]);
  if (!csp_load_add_row (stage->rows, values, error))
    return FALSE;

  if (stage->partners != NULL && stored == NULL)
    {
      guint n_ids = 0;
      const gint64 *ids = csp_record_get_partner_ids (record, &n_ids);

      for (guint i = 0; i < n_ids; i++)
        {
          char id[32];
          const char *partner[] = { values[0], id };

          g_snprintf (id, sizeof id, "%" G_GINT64_FORMAT, ids[i]);
          if (!csp_load_add_row (stage->partners, partner, error))
            return FALSE;
        }
    }
  return TRUE;
}

/* Stages the records of a row that was not rejected; forgets them either way. */
gboolean
csp_import_stage_row (CspImport *self, Row *row, GError **error)
{
  gboolean ok = TRUE;

  for (guint i = 0; i < self->pending->len && !row->rejected && ok; i++)
    ok = stage_record (self, row->line, g_ptr_array_index (self->pending, i),
                       g_ptr_array_index (self->pending_stored, i), error);
  g_ptr_array_set_size (self->pending, 0);
  g_ptr_array_set_size (self->pending_stored, 0);
  return ok;
}

/* Sends what is still on its way. */
gboolean
csp_import_stage_close (CspImport *self, GError **error)
{
  CspImportStage *stage = self->stage;
  gboolean ok = csp_load_end (g_steal_pointer (&stage->rows), error);

  if (stage->partners != NULL)
    ok = csp_load_end (g_steal_pointer (&stage->partners), ok ? error : NULL) && ok;
  return ok;
}
