/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "csp-query-sql"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "csp-query-sql.h"
#include "csp-records.h"

/* A CspQuery as SQL over its record type's table: the WHERE clause of its
 * filters, the ORDER BY of its sort, and the values to bind to the clause.
 * The SQL text is put together only from the identifiers of the static
 * table descriptions; every value the query holds is bound. */
struct _CspQuerySql
{
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
csp_query_sql_bind (const CspQuerySql *self, sqlite3_stmt *stmt)
{
  g_return_if_fail (self != NULL);

  for (guint i = 0; i < self->texts->len; i++)
    {
      const char *text = g_ptr_array_index (self->texts, i);
      if (text != NULL)
        sqlite3_bind_text (stmt, (int) i + 1, text, -1, SQLITE_TRANSIENT);
      else
        sqlite3_bind_int64 (stmt, (int) i + 1, g_array_index (self->integers, gint64, i));
    }
}

/* Every word a prefix, all words required: FTS5 syntax in a bound value,
 * with each word quoted so that nothing typed is read as an operator. */
static char *
fts_query_from_text (const char *text)
{
  g_autoptr (GString) query = g_string_new (NULL);
  g_auto (GStrv) words = g_str_tokenize_and_fold (text, NULL, NULL);

  for (guint i = 0; words[i] != NULL; i++)
    {
      g_autofree char *word = g_strdelimit (g_strdup (words[i]), "\"", ' ');
      g_strstrip (word);
      if (*word == '\0')
        continue;
      g_string_append_printf (query, "%s\"%s\"*", query->len > 0 ? " " : "", word);
    }
  return query->len > 0 ? g_string_free (g_steal_pointer (&query), FALSE) : NULL;
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
      g_autofree char *match = fts_query_from_text (query->text);
      g_autofree char *condition = NULL;

      if (info->fts_table == NULL)
        return refuse_filter (info, "text", error);
      if (match != NULL)
        {
          condition = g_strdup_printf ("id IN (SELECT rowid FROM %s WHERE %s MATCH ?)",
                                       info->fts_table, info->fts_table);
          filter_add (filter, condition);
          filter_bind_text (filter, match);
        }
    }
  return TRUE;
}

static gboolean
build_order (GString *sql, const CspTableInfo *info, const CspQuery *query, GError **error)
{
  const char *sort = query != NULL ? query->sort_column : NULL;
  const char *direction = query != NULL && query->descending ? "DESC" : "ASC";
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
  /* The sort column was checked against the table description above; a
   * reference sorts by the name of the row it points at. */
  if (column != NULL && column->kind == CSP_COLUMN_REF)
    {
      const CspTableInfo *ref_info =
          csp_record_type_get_info (csp_record_type_from_table (column->ref_table));
      const char *name_column = csp_table_info_get_name_column (ref_info);

      g_string_append_printf (sql,
                              " ORDER BY (SELECT %s FROM %s WHERE %s.id = %s.%s) COLLATE NOCASE %s",
                              name_column != NULL ? name_column : "id", ref_info->table,
                              ref_info->table, info->table, column->name, direction);
    }
  else
    g_string_append_printf (
        sql, " ORDER BY %s%s %s", sort,
        column != NULL && column->kind == CSP_COLUMN_TEXT ? " COLLATE NOCASE" : "", direction);
  g_string_append_printf (sql, ", id %s", direction);
  return TRUE;
}

/**
 * csp_query_sql_new:
 * @info: the table of the query's record type
 * @query: (nullable): filters and order; its page is ignored. %NULL for
 *   every row in the type's default order
 *
 * Returns: (transfer full): the query's SQL, or %NULL with
 *   %CSP_DATABASE_ERROR_INVALID when the query asks for a filter or an
 *   order the table does not have
 */
CspQuerySql *
csp_query_sql_new (const CspTableInfo *info, const CspQuery *query, GError **error)
{
  g_autoptr (CspQuerySql) self = g_new0 (CspQuerySql, 1);

  g_return_val_if_fail (info != NULL, NULL);

  self->where = g_string_new (NULL);
  self->order = g_string_new (NULL);
  self->texts = g_ptr_array_new_with_free_func (g_free);
  self->integers = g_array_new (FALSE, FALSE, sizeof (gint64));
  if (!build_filter (info, query, self, error) || !build_order (self->order, info, query, error))
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
