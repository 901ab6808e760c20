/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "csp-query-sql"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "csp-query-sql.h"
#include "csp-records.h"
#include "csp-search-query.h"

/* A CspQuery as SQL over its record type's table: the WHERE clause of its
 * filters, the ORDER BY of its sort, and the values to bind to the clause.
 * The SQL text is put together only from the identifiers of the static
 * table descriptions; every value the query holds is bound. */
struct _CspQuerySql
{
  CspEngine engine;
  GString *where;
  GString *order;
  GPtrArray *texts; /* strings, or NULL where an integer goes */
  GArray *integers;
};

static void
filter_add (CspQuerySql *filter, const char *condition)
{
  g_string_append (filter->where, filter->where->len == 0 ? " WHERE " : " AND ");
  g_string_append (filter->where, condition);
}

static void
filter_bind_text (CspQuerySql *filter, const char *text)
{
  gint64 unused = 0;

  g_ptr_array_add (filter->texts, g_strdup (text));
  g_array_append_val (filter->integers, unused);
}

static void
filter_bind_int (CspQuerySql *filter, gint64 value)
{
  g_ptr_array_add (filter->texts, NULL);
  g_array_append_val (filter->integers, value);
}

/**
 * csp_query_sql_bind:
 * @stmt: a statement whose SQL has the WHERE clause, its first values
 *   the clause's
 *
 * Binds the WHERE clause's values.
 */
void
csp_query_sql_bind (const CspQuerySql *self, CspStatement *stmt)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (stmt != NULL);

  for (guint i = 0; i < self->texts->len; i++)
    {
      const char *text = g_ptr_array_index (self->texts, i);
      if (text != NULL)
        csp_statement_bind_text (stmt, (int) i + 1, text);
      else
        csp_statement_bind_int64 (stmt, (int) i + 1, g_array_index (self->integers, gint64, i));
    }
}

/* @expression, to be sorted ignoring case. PostgreSQL's lower() under the
 * "C" collation folds ASCII letters alone and then compares bytes, as
 * SQLite's NOCASE does, so both engines give one order. */
static char *
fold_case (const CspQuerySql *self, const char *expression)
{
  if (self->engine == CSP_ENGINE_POSTGRESQL)
    return g_strdup_printf ("lower(%s COLLATE \"C\")", expression);
  return g_strdup_printf ("%s COLLATE NOCASE", expression);
}

/* The words a person typed, as a condition on the table's full-text
 * search (see csp-search-query.c for what may be typed). */
static void
add_text_filter (CspQuerySql *filter, const CspTableInfo *info, const char *text)
{
  g_autoptr (CspSearchQuery) search = csp_search_query_new (text);
  g_autofree char *condition = NULL;
  g_autofree char *match = NULL;
  gboolean exclude = FALSE;

  if (csp_search_query_is_empty (search))
    return;
  if (filter->engine == CSP_ENGINE_POSTGRESQL)
    {
      /* The schema gives each searched table a generated tsvector column
       * "search" of the same columns as SQLite's full-text table. */
      filter_add (filter, "search @@ to_tsquery('csp_search', ?)");
      match = csp_search_query_to_tsquery (search);
      filter_bind_text (filter, match);
      return;
    }
  /* Identifiers from the static table description; the words are bound.
   * A query of unwanted words alone cannot be an FTS5 query (it cannot
   * start with NOT): the rows matching those words are left out instead. */
  match = csp_search_query_to_fts5 (search, &exclude);
  condition = g_strdup_printf ("id %sIN (SELECT rowid FROM %s WHERE %s MATCH ?)",
                               exclude ? "NOT " : "", info->fts_table, info->fts_table);
  filter_add (filter, condition);
  filter_bind_text (filter, match);
}

static gboolean
refuse_filter (const CspTableInfo *info, const char *what, GError **error)
{
  g_set_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_INVALID,
               _ ("A list of %s records cannot be filtered by %s"), _ (info->noun), what);
  return FALSE;
}

static gboolean
add_choice_filter (CspQuerySql *filter, const CspTableInfo *info, const char *column,
                   const char *value, GError **error)
{
  g_autofree char *condition = NULL;

  if (value == NULL)
    return TRUE;
  if (csp_table_info_find_column (info, column) == NULL)
    return refuse_filter (info, column, error);
  condition = g_strdup_printf ("%s = ?", column);
  filter_add (filter, condition);
  filter_bind_text (filter, value);
  return TRUE;
}

static gboolean
build_filter (const CspTableInfo *info, const CspQuery *query, CspQuerySql *filter, GError **error)
{
  if (query == NULL)
    return TRUE;

  if (query->from_date != NULL || query->to_date != NULL)
    {
      g_autofree char *from = NULL, *to = NULL;

      if (info->date_column == NULL)
        return refuse_filter (info, "date", error);
      from = g_strdup_printf ("%s >= ?", info->date_column);
      to = g_strdup_printf ("%s <= ?", info->date_column);
      if (query->from_date != NULL)
        {
          filter_add (filter, from);
          filter_bind_text (filter, query->from_date);
        }
      if (query->to_date != NULL)
        {
          filter_add (filter, to);
          filter_bind_text (filter, query->to_date);
        }
    }
  if (query->partner_id != 0)
    {
      g_autofree char *condition = NULL;

      if (info->partner_table == NULL)
        return refuse_filter (info, "partner", error);
      /* Identifiers from the static table description; the id is bound. */
      condition = g_strdup_printf ("(lead_partner_id = ? OR id IN (SELECT %s FROM %s WHERE "
                                   "partner_id = ?))",
                                   info->partner_key, info->partner_table);
      filter_add (filter, condition);
      filter_bind_int (filter, query->partner_id);
      filter_bind_int (filter, query->partner_id);
    }
  if (query->plan_id != 0)
    {
      /* A priority is in its plan; an action, through its priority. */
      if (csp_table_info_find_column (info, "plan_id") != NULL)
        filter_add (filter, "plan_id = ?");
      else if (csp_table_info_find_column (info, "priority_id") != NULL)
        filter_add (filter, "priority_id IN (SELECT id FROM priority WHERE plan_id = ?)");
      else
        return refuse_filter (info, "plan", error);
      filter_bind_int (filter, query->plan_id);
    }
  if (query->priority_id != 0)
    {
      if (csp_table_info_find_column (info, "priority_id") == NULL)
        return refuse_filter (info, "priority", error);
      filter_add (filter, "priority_id = ?");
      filter_bind_int (filter, query->priority_id);
    }
  if (!add_choice_filter (filter, info, "status", query->status, error) ||
      !add_choice_filter (filter, info, "format", query->format, error) ||
      !add_choice_filter (filter, info, "mode", query->mode, error))
    return FALSE;
  if (query->ref_column != NULL)
    {
      const CspColumn *column = csp_table_info_find_column (info, query->ref_column);
      g_autofree char *condition = NULL;

      if (column == NULL || column->kind != CSP_COLUMN_REF)
        return refuse_filter (info, query->ref_column, error);
      condition = g_strdup_printf ("%s = ?", column->name);
      filter_add (filter, condition);
      filter_bind_int (filter, query->ref_id);
    }
  if (query->text != NULL)
    {
      if (info->fts_table == NULL)
        return refuse_filter (info, "text", error);
      add_text_filter (filter, info, query->text);
    }
  return TRUE;
}

static gboolean
build_order (CspQuerySql *self, const CspTableInfo *info, const CspQuery *query, GError **error)
{
  const char *sort = query != NULL ? query->sort_column : NULL;
  gboolean descending = query != NULL && query->descending;
  const char *direction;
  const CspColumn *column = NULL;

  if (sort == NULL)
    sort = info->date_column != NULL ? info->date_column : "id";
  column = csp_table_info_find_column (info, sort);
  if (column == NULL && !g_str_equal (sort, "id") && !g_str_equal (sort, "created_at") &&
      !g_str_equal (sort, "updated_at"))
    {
      g_set_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_INVALID,
                   _ ("A list of %s records cannot be sorted by “%s”"), _ (info->noun), sort);
      return FALSE;
    }
  /* Empty values first going up, last going down: SQLite's way, which
   * PostgreSQL (the other way round) is told; SQLite takes the words too.
   * A column that is never empty is not told, so that an index in plain
   * order serves it on both engines. */
  if (column != NULL && (column->kind == CSP_COLUMN_REF || !(column->flags & CSP_COLUMN_REQUIRED)))
    direction = descending ? "DESC NULLS LAST" : "ASC NULLS FIRST";
  else
    direction = descending ? "DESC" : "ASC";
  /* The sort column was checked against the table description above; a
   * reference sorts by the name of the row it points at. */
  if (column != NULL && column->kind == CSP_COLUMN_REF)
    {
      const CspTableInfo *ref_info =
          csp_record_type_get_info (csp_record_type_from_table (column->ref_table));
      const char *name_column = csp_table_info_get_name_column (ref_info);
      g_autofree char *name = NULL;
      g_autofree char *folded = NULL;

      /* A name is text; an id (for a table without a name) is not. */
      name = g_strdup_printf ("(SELECT %s FROM %s WHERE %s.id = %s.%s)",
                              name_column != NULL ? name_column : "id", ref_info->table,
                              ref_info->table, info->table, column->name);
      folded = name_column != NULL ? fold_case (self, name) : g_strdup (name);
      g_string_append_printf (self->order, " ORDER BY %s %s", folded, direction);
    }
  else if (column != NULL && column->kind == CSP_COLUMN_TEXT)
    {
      g_autofree char *folded = fold_case (self, sort);

      g_string_append_printf (self->order, " ORDER BY %s %s", folded, direction);
    }
  else
    g_string_append_printf (self->order, " ORDER BY %s %s", sort, direction);
  g_string_append_printf (self->order, ", id %s", descending ? "DESC" : "ASC");
  return TRUE;
}

/**
 * csp_query_sql_new:
 * @database: the database the SQL is for: its engine decides a few words
 * @info: the table of the query's record type
 * @query: (nullable): filters and order; its page is ignored. %NULL for
 *   every row in the type's default order
 *
 * Returns: (transfer full): the query's SQL, or %NULL with
 *   %CSP_DATABASE_ERROR_INVALID when the query asks for a filter or an
 *   order the table does not have
 */
CspQuerySql *
csp_query_sql_new (CspDatabase *database, const CspTableInfo *info, const CspQuery *query,
                   GError **error)
{
  g_autoptr (CspQuerySql) self = NULL;

  g_return_val_if_fail (CSP_IS_DATABASE (database), NULL);
  g_return_val_if_fail (info != NULL, NULL);

  self = g_new0 (CspQuerySql, 1);
  self->engine = csp_database_get_engine (database);
  self->where = g_string_new (NULL);
  self->order = g_string_new (NULL);
  self->texts = g_ptr_array_new_with_free_func (g_free);
  self->integers = g_array_new (FALSE, FALSE, sizeof (gint64));
  if (!build_filter (info, query, self, error) || !build_order (self, info, query, error))
    return NULL;
  return g_steal_pointer (&self);
}

void
csp_query_sql_free (CspQuerySql *self)
{
  if (self == NULL)
    return;
  g_string_free (self->where, TRUE);
  g_string_free (self->order, TRUE);
  g_ptr_array_unref (self->texts);
  g_array_unref (self->integers);
  g_free (self);
}

/**
 * csp_query_sql_get_where:
 *
 * Returns: " WHERE ..." with a ? for each value, or "" for every row
 */
const char *
csp_query_sql_get_where (const CspQuerySql *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->where->str;
}

/**
 * csp_query_sql_get_order:
 *
 * Returns: " ORDER BY ...", ending with the id so that ties keep one order
 */
const char *
csp_query_sql_get_order (const CspQuerySql *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->order->str;
}

/**
 * csp_query_sql_get_n_values:
 *
 * Returns: how many values the WHERE clause binds
 */
guint
csp_query_sql_get_n_values (const CspQuerySql *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->texts->len;
}
