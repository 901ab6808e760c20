/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "csp-ref-choices"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>

#include "csp-records.h"
#include "csp-dates.h"
#include "csp-ref-choices.h"

/* The records a reference column may point at, as a list to choose from
 * shows them: by name, and for the records each year's plan keeps (its
 * priorities), with the plan's title, since plans name their priorities
 * alike from one year to the next. A reference column's own list (a
 * form's) holds only the kind it may point at, and shows records that
 * go by their date as much as their name (meetings: a committee meets
 * under one title) with the date, newest first. */

/* Returns: (transfer full): plan id → title */
static GHashTable *
plan_titles (CspStore *store, GError **error)
{
  g_autoptr (GPtrArray) plans = csp_store_list (store, CSP_TYPE_PLAN, NULL, error);
  GHashTable *titles;

  if (plans == NULL)
    return NULL;
  titles = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  for (guint i = 0; i < plans->len; i++)
    {
      CspRecord *plan = g_ptr_array_index (plans, i);

      g_hash_table_insert (titles,
                           g_memdup2 (&(gint64){ csp_record_get_id (plan) }, sizeof (gint64)),
                           csp_record_dup_display_name (plan));
    }
  return titles;
}

/**
 * csp_ref_choices_list:
 * @type: the records to choose from
 * @sort_column: (nullable): their order; their name's when %NULL
 * @ids: a #GArray of #gint64 that gets each choice's record id
 *
 * Lists the records of @type to choose from: "Reduce anti-social behaviour
 * (Action Plan 2021-22)".
 *
 * Returns: (transfer full) (element-type utf8): the choices' labels in the
 *   order of @ids, or %NULL with @error set
 */
GPtrArray *
csp_ref_choices_list (CspStore *store, GType type, const char *sort_column, GArray *ids,
                      GError **error)
{
  const CspTableInfo *info = csp_record_type_get_info (type);
  CspQuery query = { .sort_column = sort_column != NULL ? sort_column
                                                        : csp_table_info_get_name_column (info) };
  g_autoptr (GPtrArray) records = NULL;
  g_autoptr (GHashTable) titles = NULL;
  g_autoptr (GPtrArray) labels = NULL;

  g_return_val_if_fail (CSP_IS_STORE (store), NULL);
  g_return_val_if_fail (ids != NULL, NULL);

  records = csp_store_list (store, type, &query, error);
  if (records == NULL)
    return NULL;
  if (csp_table_info_find_column (info, "plan_id") != NULL)
    {
      titles = plan_titles (store, error);
      if (titles == NULL)
        return NULL;
    }
  labels = g_ptr_array_new_full (records->len, g_free);
  for (guint i = 0; i < records->len; i++)
    {
      CspRecord *record = g_ptr_array_index (records, i);
      gint64 id = csp_record_get_id (record);
      gint64 plan_id = titles != NULL ? csp_record_get_int (record, "plan_id") : 0;
      const char *plan = titles != NULL ? g_hash_table_lookup (titles, &plan_id) : NULL;
      g_autofree char *name = csp_record_dup_display_name (record);

      g_ptr_array_add (labels,
                       plan != NULL
                           /* TRANSLATORS: a priority, then the plan it belongs to */
                           ? g_strdup_printf (C_ ("priority in plan", "%s (%s)"), name, plan)
                           : g_steal_pointer (&name));
      g_array_append_val (ids, id);
    }
  return g_steal_pointer (&labels);
}

/**
 * csp_ref_choices_list_for_column:
 * @column: a %CSP_COLUMN_REF column
 * @ids: a #GArray of #gint64 that gets each choice's record id
 *
 * Lists what @column may point at, as its drop-down shows it: only the
 * kind of record it takes (#CspColumn.ref_kind), and for records told
 * apart by their date (#CspTableInfo.dated_choices) newest first, each
 * with its date: "Overview and Scrutiny Committee — 5 Jul 2021".
 * Otherwise as csp_ref_choices_list().
 *
 * Returns: (transfer full) (element-type utf8): the choices' labels in the
 *   order of @ids, or %NULL with @error set
 */
GPtrArray *
csp_ref_choices_list_for_column (CspStore *store, const CspColumn *column, GArray *ids,
                                 GError **error)
{
  GType type;
  const CspTableInfo *info;
  CspQuery query = { 0 };
  g_autoptr (GPtrArray) records = NULL;
  g_autoptr (GPtrArray) labels = NULL;

  g_return_val_if_fail (CSP_IS_STORE (store), NULL);
  g_return_val_if_fail (column != NULL && column->kind == CSP_COLUMN_REF, NULL);
  g_return_val_if_fail (ids != NULL, NULL);

  type = csp_record_type_from_table (column->ref_table);
  info = csp_record_type_get_info (type);
  if (!info->dated_choices && column->ref_kind == NULL)
    return csp_ref_choices_list (store, type, NULL, ids, error);

  query.sort_column =
      info->dated_choices ? info->date_column : csp_table_info_get_name_column (info);
  query.descending = info->dated_choices;
  records = csp_store_list (store, type, &query, error);
  if (records == NULL)
    return NULL;
  labels = g_ptr_array_new_full (records->len, g_free);
  for (guint i = 0; i < records->len; i++)
    {
      CspRecord *record = g_ptr_array_index (records, i);
      gint64 id = csp_record_get_id (record);
      g_autofree char *name = csp_record_dup_display_name (record);

      if (column->ref_kind != NULL &&
          g_strcmp0 (csp_record_get_string (record, "kind"), column->ref_kind) != 0)
        continue;
      if (info->dated_choices)
        {
          g_autofree char *date =
              csp_date_format_range (csp_record_get_string (record, info->date_column), NULL);

          /* TRANSLATORS: a record to choose, then its date: "Overview and
           * Scrutiny Committee — 5 Jul 2021" */
          g_ptr_array_add (labels,
                           g_strdup_printf (C_ ("record on a date", "%s — %s"), name, date));
        }
      else
        g_ptr_array_add (labels, g_steal_pointer (&name));
      g_array_append_val (ids, id);
    }
  return g_steal_pointer (&labels);
}
