/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "csp-import"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "csp-import-private.h"

/* Resolving names */

/* Whether @name could name a row of @table: no longer than its names may
 * be. A longer one can match nothing, and must not be made. */
static gboolean
name_fits (CspImport *self, Row *row, int target, const char *table, const char *name)
{
  const CspTableInfo *info = csp_record_type_get_info (csp_record_type_from_table (table));
  const CspColumn *column = csp_table_info_find_column (
      info, g_str_equal (table, "action") ? "ref" : csp_table_info_get_name_column (info));
  glong n_chars = g_utf8_strlen (name, -1);
  g_autofree char *shown = NULL;

  if ((gulong) n_chars <= column->max_length)
    return TRUE;
  shown = csp_text_dup_excerpt (name);
  csp_import_field_problem (
      self, row, target,
      g_dngettext (GETTEXT_PACKAGE, "“%s” is too long to name a %s (%lu character; at most %u)",
                   "“%s” is too long to name a %s (%lu characters; at most %u)", (gulong) n_chars),
      shown, _ (info->noun), (gulong) n_chars, column->max_length);
  return FALSE;
}

/* The id of the row of @table that @name in the field @target means.
 * Adds the row's problem and returns FALSE when there is none to use. */
gboolean
csp_import_resolve_name (CspImport *self, Row *row, int target, const char *table, gint64 scope,
                         const char *name, gint64 *id, Unknown **out_unknown)
{
  g_autofree char *key = NULL;
  gpointer known = NULL;
  gint64 alias = 0;
  gint64 found;
  Unknown *unknown;

  if (out_unknown != NULL)
    *out_unknown = NULL;
  /* The names a file repeats on every row (partners, plans) are folded
   * and looked up once a pass: the answer cannot change within one. */
  key = g_strdup_printf ("%s\x1f%" G_GINT64_FORMAT "\x1f%s", table, scope, name);
  if (self->resolved != NULL && g_hash_table_lookup_extended (self->resolved, key, NULL, &known))
    {
      *id = *(gint64 *) known;
      return TRUE;
    }
  if (!name_fits (self, row, target, table, name))
    return FALSE;
  alias = csp_import_mapping_get_alias (self->mapping, table, name);
  if (alias > 0 && csp_import_lookup_exists (self->lookup, table, alias))
    found = alias;
  else
    found = csp_import_lookup_find (self->lookup, table, scope, name);
  if (found > 0)
    {
      /* Bounded, for a file that names a new partner on every row. */
      if (self->resolved != NULL && g_hash_table_size (self->resolved) < 10000)
        g_hash_table_insert (self->resolved, g_steal_pointer (&key),
                             g_memdup2 (&found, sizeof found));
      *id = found;
      return TRUE;
    }
  if (found == CSP_IMPORT_LOOKUP_AMBIGUOUS)
    {
      if (g_str_equal (table, "priority") || g_str_equal (table, "action"))
        csp_import_field_problem (
            self, row, target,
            _ ("“%s” is in more than one plan: add a Plan column, or give the plan "
               "for all rows"),
            name);
      else
        csp_import_field_problem (
            self, row, target, _ ("more than one %s is called “%s”"),
            _ (csp_record_type_get_info (csp_record_type_from_table (table))->noun), name);
      return FALSE;
    }
  if (g_str_equal (table, "plan"))
    {
      csp_import_field_problem (self, row, target, _ ("there is no plan called “%s”"), name);
      return FALSE;
    }
  if (g_str_equal (table, "action"))
    {
      if (scope > 0)
        csp_import_field_problem (self, row, target, _ ("there is no action “%s” in “%s”"), name,
                                  csp_import_lookup_get_name (self->lookup, "plan", scope));
      else
        csp_import_field_problem (self, row, target, _ ("there is no action “%s”"), name);
      return FALSE;
    }

  unknown = csp_import_note_unknown (self, row, table, scope, NULL, name, NULL);
  if (out_unknown != NULL)
    *out_unknown = unknown;
  switch (unknown->public.resolution)
    {
    case CSP_IMPORT_RESOLVE_MAP:
      *id = csp_import_unknown_id (unknown);
      return TRUE;
    case CSP_IMPORT_RESOLVE_CREATE:
      if (g_str_equal (table, "priority") && scope <= 0)
        {
          csp_import_field_problem (
              self, row, target,
              _ ("there is no priority called “%s”, and a new one needs its plan: add "
                 "a Plan column, or give the plan for all rows"),
              name);
          return FALSE;
        }
      *id = csp_import_unknown_id (unknown);
      return TRUE;
    case CSP_IMPORT_RESOLVE_NONE:
    default:
      csp_import_field_problem (
          self, row, target, _ ("there is no %s called “%s”"),
          _ (csp_record_type_get_info (csp_record_type_from_table (table))->noun), name);
      return FALSE;
    }
}

/* Resolves the row's references by name (plan first: priorities and
 * actions are looked up within it) into self->values. Supporting
 * partners go into @partner_ids. */
void
csp_import_read_references (CspImport *self, Row *row, GArray *partner_ids,
                            gboolean *partners_given, gint64 *plan_id, Unknown **priority_unknown)
{
  gboolean plan_failed = FALSE;

  *plan_id = 0;
  *partners_given = FALSE;
  *priority_unknown = NULL;
  for (guint t = 0; t < self->n_targets; t++)
    {
      const CspImportTarget *target = &self->targets[t];
      g_autofree char *name = NULL;
      const char *text;
      gboolean in_plan;
      gint64 scope = 0, id = 0;
      Unknown *unknown = NULL;

      if (target->kind != CSP_IMPORT_TARGET_REF && target->kind != CSP_IMPORT_TARGET_PLAN &&
          target->kind != CSP_IMPORT_TARGET_PARTNERS)
        continue;
      if (self->kind == CSP_IMPORT_METRICS)
        continue;
      text = csp_import_cell (self, (int) t);
      if (text == NULL)
        continue;
      if (target->kind == CSP_IMPORT_TARGET_PARTNERS)
        {
          g_autoptr (GPtrArray) names = csp_import_split_names (text);

          *partners_given = TRUE;
          for (guint i = 0; i < names->len; i++)
            if (csp_import_resolve_name (self, row, (int) t, "partner", 0,
                                         g_ptr_array_index (names, i), &id, NULL))
              g_array_append_val (partner_ids, id);
          continue;
        }
      if (csp_import_is_blank (text))
        {
          if (target->kind == CSP_IMPORT_TARGET_REF)
            csp_import_set_int_value (self, (int) t, 0);
          continue;
        }
      name = g_strstrip (g_strdup (text));
      if (target->kind == CSP_IMPORT_TARGET_PLAN)
        {
          if (csp_import_resolve_name (self, row, (int) t, "plan", 0, name, &id, NULL))
            *plan_id = id;
          else
            plan_failed = TRUE;
          continue;
        }

      in_plan =
          g_str_equal (target->ref_table, "priority") || g_str_equal (target->ref_table, "action");
      if (in_plan && plan_failed)
        continue;
      if (in_plan)
        scope = *plan_id;
      if (g_str_equal (target->ref_table, "action") && scope == 0)
        {
          /* Without a plan, an activity's action is looked for in the plan
           * of its priority. */
          gint64 priority = csp_import_value_int (self, csp_import_find_target (self, "priority"));
          if (priority > 0 && !csp_import_is_placeholder (priority))
            scope = csp_import_lookup_priority_plan (self->lookup, priority);
        }
      if (!csp_import_resolve_name (self, row, (int) t, target->ref_table, scope, name, &id,
                                    &unknown))
        {
          for (guint c = 0; c < self->info->n_columns; c++)
            if (self->column_target[c] == (int) t)
              row->bad_columns |= G_GUINT64_CONSTANT (1) << c;
          continue;
        }
      if (g_str_equal (target->ref_table, "priority"))
        *priority_unknown = unknown;
      csp_import_set_int_value (self, (int) t, id);
    }
}

const char *const *
csp_import_metric_kinds (void)
{
  return csp_table_info_find_column (csp_record_type_get_info (CSP_TYPE_METRIC), "kind")->choices;
}

/* The metric of the channel a figure belongs to: by kind, else by name. */
gboolean
csp_import_resolve_metric (CspImport *self, Row *row, gint64 channel_id, Unknown *channel_unknown,
                           int kind_target, const char *kind, int name_target, const char *name,
                           gint64 *metric_id)
{
  g_autofree char *trimmed = name != NULL ? g_strstrip (g_strdup (name)) : NULL;
  Unknown *unknown;

  if (trimmed != NULL && *trimmed != '\0' && !name_fits (self, row, name_target, "metric", trimmed))
    return FALSE;
  if (kind == NULL && trimmed != NULL && *trimmed != '\0')
    {
      if (channel_unknown == NULL)
        {
          gint64 found = csp_import_lookup_find (self->lookup, "metric", channel_id, trimmed);
          if (found > 0)
            {
              *metric_id = found;
              return TRUE;
            }
        }
      /* A name that is a kind ("Reach") says which metric it is. */
      kind = csp_import_match_choice (csp_import_metric_kinds (), trimmed);
      if (kind == NULL)
        {
          csp_import_field_problem (
              self, row, name_target,
              _ ("“%s” has no metric called “%s”: add a Kind column, so that it can "
                 "be made"),
              channel_unknown != NULL
                  ? channel_unknown->public.name
                  : csp_import_lookup_get_name (self->lookup, "channel", channel_id),
              trimmed);
          return FALSE;
        }
    }
  if (kind == NULL)
    {
      csp_import_field_problem (self, row, name_target >= 0 ? name_target : kind_target,
                                _ ("a value is required"));
      return FALSE;
    }
  if (channel_unknown == NULL)
    {
      gint64 found = csp_import_lookup_metric_by_kind (self->lookup, channel_id, kind);
      if (found > 0)
        {
          *metric_id = found;
          return TRUE;
        }
    }
  unknown = csp_import_note_unknown (
      self, row, "metric", channel_unknown != NULL ? 0 : channel_id, channel_unknown,
      trimmed != NULL && *trimmed != '\0' ? trimmed : csp_import_metric_kind_label (self, kind),
      kind);
  if (unknown->public.resolution == CSP_IMPORT_RESOLVE_NONE)
    {
      csp_import_field_problem (self, row, kind_target >= 0 ? kind_target : name_target,
                                _ ("there is no metric “%s”"), unknown->public.name);
      return FALSE;
    }
  *metric_id = csp_import_unknown_id (unknown);
  return TRUE;
}
