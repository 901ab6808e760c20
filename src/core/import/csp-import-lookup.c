/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "csp-import-lookup"

#include "config.h"

#include <string.h>

#include "csp-import-lookup.h"
#include "csp-import-value.h"

/* These tables are small (tens or hundreds of rows), so each is read
 * whole into hash tables keyed by folded name, within a scope: the plan of
 * a priority or an action, the channel of a metric. Scope 0 holds every
 * row, and a name found in two scopes is ambiguous there. */

typedef struct
{
  GHashTable *by_key; /* "scope\x1ffolded name" -> gint64 * */
  GHashTable *by_alt; /* partner short names, metric kinds: the same keys */
  GHashTable *names;  /* gint64 * id -> the name as written */
  GHashTable *scopes; /* gint64 * id -> gint64 * scope */
} Table;

struct _CspImportLookup
{
  GHashTable *tables;       /* table name -> Table * */
  GHashTable *max_position; /* gint64 * plan id -> gint64 * */
};

static const struct
{
  const char *table;
  const char *sql;
} loaders[] = {
  /* id, scope, name, alternative name */
  { "partner", "SELECT id, 0, name, short_name FROM partner" },
  { "channel", "SELECT id, 0, name, NULL FROM channel" },
  { "plan", "SELECT id, 0, title, NULL FROM plan" },
  { "priority", "SELECT id, plan_id, title, position FROM priority" },
  { "action", "SELECT a.id, p.plan_id, a.ref, NULL FROM action a "
              "JOIN priority p ON p.id = a.priority_id" },
  { "metric", "SELECT id, channel_id, name, kind FROM metric" },
};

static void
table_free (Table *table)
{
  g_hash_table_unref (table->by_key);
  g_hash_table_unref (table->by_alt);
  g_hash_table_unref (table->names);
  g_hash_table_unref (table->scopes);
  g_free (table);
}

/**
 * csp_import_lookup_free:
 */
void
csp_import_lookup_free (CspImportLookup *self)
{
  g_hash_table_unref (self->tables);
  g_hash_table_unref (self->max_position);
  g_free (self);
}

static char *
make_key (gint64 scope, const char *name)
{
  g_autofree char *folded = csp_import_fold_name (name);

  return g_strdup_printf ("%" G_GINT64_FORMAT "\x1f%s", scope, folded);
}

static gint64 *
new_id (gint64 id)
{
  return g_memdup2 (&id, sizeof id);
}

/* A name met twice in a scope is ambiguous there. */
static void
index_name (GHashTable *index, gint64 scope, const char *name, gint64 id)
{
  char *key = make_key (scope, name);
  gint64 *existing = g_hash_table_lookup (index, key);

  if (existing != NULL)
    {
      if (*existing != id)
        *existing = CSP_IMPORT_LOOKUP_AMBIGUOUS;
      g_free (key);
      return;
    }
  g_hash_table_insert (index, key, new_id (id));
}

static gboolean
load_table (CspImportLookup *self, CspDatabase *database, const char *name, const char *sql,
            GError **error)
{
  g_autoptr (CspStatement) stmt = csp_database_prepare (database, sql, error);
  Table *table;
  CspStep step;
  gboolean scoped = g_str_equal (name, "priority") || g_str_equal (name, "action") ||
                    g_str_equal (name, "metric");

  if (stmt == NULL)
    return FALSE;
  table = g_new0 (Table, 1);
  table->by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  table->by_alt = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  table->names = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  table->scopes = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  g_hash_table_insert (self->tables, (gpointer) name, table);

  while ((step = csp_statement_step (stmt, error)) == CSP_STEP_ROW)
    {
      gint64 id = csp_statement_get_int64 (stmt, 0);
      gint64 scope = csp_statement_get_int64 (stmt, 1);
      const char *text = csp_statement_get_text (stmt, 2);
      const char *alt = csp_statement_get_text (stmt, 3);

      if (text == NULL)
        continue;
      g_hash_table_insert (table->names, new_id (id), g_strdup (text));
      g_hash_table_insert (table->scopes, new_id (id), new_id (scope));
      index_name (table->by_key, scope, text, id);
      if (scoped && scope != 0)
        index_name (table->by_key, 0, text, id);
      if (g_str_equal (name, "priority"))
        {
          gint64 position = csp_statement_get_int64 (stmt, 3);
          gint64 *max = g_hash_table_lookup (self->max_position, &scope);

          if (max == NULL)
            g_hash_table_insert (self->max_position, new_id (scope), new_id (position));
          else if (*max < position)
            *max = position;
        }
      else if (alt != NULL && *alt != '\0')
        index_name (table->by_alt, scope, alt, id);
    }
  return step == CSP_STEP_DONE;
}

/**
 * csp_import_lookup_new:
 *
 * Returns: (transfer full): the names of @database as they are now
 */
CspImportLookup *
csp_import_lookup_new (CspDatabase *database, GError **error)
{
  g_autoptr (CspImportLookup) self = g_new0 (CspImportLookup, 1);

  self->tables = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) table_free);
  self->max_position = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  for (guint i = 0; i < G_N_ELEMENTS (loaders); i++)
    if (!load_table (self, database, loaders[i].table, loaders[i].sql, error))
      return NULL;
  return g_steal_pointer (&self);
}

static Table *
get_table (CspImportLookup *self, const char *table)
{
  Table *found = g_hash_table_lookup (self->tables, table);

  g_assert (found != NULL);
  return found;
}

static gint64
find_in (GHashTable *index, gint64 scope, const char *name)
{
  g_autofree char *key = make_key (scope, name);
  gint64 *id = g_hash_table_lookup (index, key);

  return id != NULL ? *id : CSP_IMPORT_LOOKUP_NONE;
}

/**
 * csp_import_lookup_find:
 * @table: "partner", "channel", "plan", "priority", "action" or "metric"
 * @scope: the plan (priority, action) or channel (metric) to look in; 0
 *   for anywhere
 * @name: a partner's name or short name, a channel's or metric's name, a
 *   plan's or priority's title, an action's reference
 *
 * Returns: the id, %CSP_IMPORT_LOOKUP_NONE, or %CSP_IMPORT_LOOKUP_AMBIGUOUS
 *   when several rows go by @name
 */
gint64
csp_import_lookup_find (CspImportLookup *self, const char *table, gint64 scope, const char *name)
{
  Table *found = get_table (self, table);
  gint64 id = find_in (found->by_key, scope, name);

  /* A partner's short name counts when no partner has it as its name. */
  if (id == CSP_IMPORT_LOOKUP_NONE && g_str_equal (table, "partner"))
    id = find_in (found->by_alt, scope, name);
  return id;
}

/**
 * csp_import_lookup_metric_by_kind:
 *
 * Returns: the channel's metric of @kind, or %CSP_IMPORT_LOOKUP_NONE
 */
gint64
csp_import_lookup_metric_by_kind (CspImportLookup *self, gint64 channel_id, const char *kind)
{
  return find_in (get_table (self, "metric")->by_alt, channel_id, kind);
}

/**
 * csp_import_lookup_priority_plan:
 *
 * Returns: the plan of the priority, or 0 if it is not known
 */
gint64
csp_import_lookup_priority_plan (CspImportLookup *self, gint64 priority_id)
{
  gint64 *scope = g_hash_table_lookup (get_table (self, "priority")->scopes, &priority_id);

  return scope != NULL ? *scope : 0;
}

gboolean
csp_import_lookup_exists (CspImportLookup *self, const char *table, gint64 id)
{
  return g_hash_table_contains (get_table (self, table)->names, &id);
}

/**
 * csp_import_lookup_get_name:
 *
 * Returns: (transfer none) (nullable): the name of row @id of @table
 */
const char *
csp_import_lookup_get_name (CspImportLookup *self, const char *table, gint64 id)
{
  return g_hash_table_lookup (get_table (self, table)->names, &id);
}

/**
 * csp_import_lookup_next_position:
 *
 * Returns: the position after the last priority of @plan_id, and takes it
 */
gint64
csp_import_lookup_next_position (CspImportLookup *self, gint64 plan_id)
{
  gint64 *max = g_hash_table_lookup (self->max_position, &plan_id);

  if (max == NULL)
    {
      g_hash_table_insert (self->max_position, new_id (plan_id), new_id (1));
      return 1;
    }
  *max = MIN (*max + 1, 10000);
  return *max;
}
