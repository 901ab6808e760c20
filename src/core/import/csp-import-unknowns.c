/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "csp-import"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "csp-import-private.h"

/* Unknown names */

static const char *
static_table (const char *table)
{
  static const char *const tables[] = { "partner", "channel", "priority", "metric" };

  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    if (g_str_equal (tables[i], table))
      return tables[i];
  g_assert_not_reached ();
}

Unknown *
csp_import_note_unknown (CspImport *self, Row *row, const char *table, gint64 scope,
                         Unknown *parent, const char *name, const char *kind)
{
  g_autofree char *folded = csp_import_fold_name (kind != NULL ? kind : name);
  g_autofree char *key = NULL;
  Unknown *unknown;

  if (parent != NULL)
    key = g_strdup_printf ("%s\x1fu%u\x1f%s", table, parent->index, folded);
  else
    key = g_strdup_printf ("%s\x1f%" G_GINT64_FORMAT "\x1f%s", table, scope, folded);
  unknown = g_hash_table_lookup (self->unknown_by_key, key);
  if (unknown == NULL)
    {
      unknown = g_new0 (Unknown, 1);
      unknown->public.table = static_table (table);
      unknown->public.name = g_strdup (name);
      unknown->public.resolution = g_str_equal (table, "metric") || self->create_unknown
                                       ? CSP_IMPORT_RESOLVE_CREATE
                                       : CSP_IMPORT_RESOLVE_NONE;
      if (g_str_equal (table, "priority") && scope > 0)
        unknown->public.context =
            g_strdup (csp_import_lookup_get_name (self->lookup, "plan", scope));
      else if (g_str_equal (table, "metric"))
        unknown->public.context =
            g_strdup (parent != NULL ? parent->public.name
                                     : csp_import_lookup_get_name (self->lookup, "channel", scope));
      unknown->key = g_steal_pointer (&key);
      unknown->scope = scope;
      unknown->parent = parent;
      unknown->kind = kind;
      unknown->index = self->all_unknowns->len;
      g_ptr_array_add (self->all_unknowns, unknown);
      g_hash_table_insert (self->unknown_by_key, unknown->key, unknown);
    }
  if (!unknown->seen)
    {
      unknown->seen = TRUE;
      unknown->public.first_line = row->line;
      unknown->public.n_rows = 0;
      g_ptr_array_add (self->unknowns, unknown);
    }
  unknown->public.n_rows++;
  return unknown;
}

static const char *
guess_channel_kind (const char *name)
{
  static const char *const social[] = {
    "facebook", "twitter",  "x",       "instagram", "linkedin", "youtube",
    "tiktok",   "nextdoor", "threads", "mastodon",  "bluesky",  NULL,
  };
  g_autofree char *folded = csp_import_fold_name (name);

  for (guint i = 0; social[i] != NULL; i++)
    if (g_str_equal (folded, social[i]) || g_str_has_prefix (folded, social[i]))
      return "social_media";
  if (strstr (folded, "website") != NULL || strstr (folded, "web site") != NULL)
    return "website";
  if (strstr (folded, "newsletter") != NULL)
    return "newsletter";
  if (strstr (folded, "magazine") != NULL)
    return "magazine";
  if (strstr (folded, "email") != NULL || strstr (folded, "e-mail") != NULL)
    return "email";
  return "other";
}

const char *
csp_import_metric_kind_label (CspImport *self, const char *kind)
{
  g_autofree char *name = g_strconcat ("value:", kind, NULL);
  const CspImportTarget *target = csp_import_kind_find_target (CSP_IMPORT_METRICS, name);

  return target != NULL ? _ (target->label) : kind;
}

/* Makes the row an unknown name stands for (and first its channel, for
 * a metric of a channel still to be made), once. */
gboolean
csp_import_create_unknown (CspImport *self, Unknown *unknown, GError **error)
{
  const char *table = unknown->public.table;
  g_autoptr (CspRecord) record = NULL;

  if (unknown->public.id > 0)
    return TRUE;
  g_assert (unknown->public.resolution == CSP_IMPORT_RESOLVE_CREATE);

  if (g_str_equal (table, "partner"))
    {
      record = csp_record_new (CSP_TYPE_PARTNER);
      csp_record_set_string (record, "name", unknown->public.name);
      csp_record_set_string (record, "kind", "other");
    }
  else if (g_str_equal (table, "channel"))
    {
      record = csp_record_new (CSP_TYPE_CHANNEL);
      csp_record_set_string (record, "name", unknown->public.name);
      csp_record_set_string (record, "kind", guess_channel_kind (unknown->public.name));
    }
  else if (g_str_equal (table, "priority"))
    {
      record = csp_record_new (CSP_TYPE_PRIORITY);
      csp_record_set_int (record, "plan_id", unknown->scope);
      csp_record_set_int (record, "position",
                          csp_import_lookup_next_position (self->lookup, unknown->scope));
      csp_record_set_string (record, "title", unknown->public.name);
    }
  else
    {
      gint64 channel_id = unknown->scope;

      if (unknown->parent != NULL)
        {
          if (!csp_import_create_unknown (self, unknown->parent, error))
            return FALSE;
          channel_id = unknown->parent->public.id;
        }
      record = csp_record_new (CSP_TYPE_METRIC);
      csp_record_set_int (record, "channel_id", channel_id);
      csp_record_set_string (record, "name", unknown->public.name);
      csp_record_set_string (record, "kind", unknown->kind);
    }
  if (!csp_store_insert (self->store, record, error))
    {
      g_prefix_error (error, _ ("Could not add the %s “%s”: "),
                      _ (csp_record_type_get_info (G_OBJECT_TYPE (record))->noun),
                      unknown->public.name);
      return FALSE;
    }
  unknown->public.id = csp_record_get_id (record);
  g_ptr_array_add (self->made, g_object_ref (record));
  self->summary.n_created++;
  return TRUE;
}

/* The id an unknown name stands for while checking: the row it was
 * mapped to, or a placeholder for one still to be made, which the write
 * replaces (csp-import-write.c). */
gint64
csp_import_unknown_id (Unknown *unknown)
{
  if (unknown->public.resolution == CSP_IMPORT_RESOLVE_MAP)
    return unknown->public.id;
  return PLACEHOLDER_BASE + unknown->index;
}

gboolean
csp_import_is_placeholder (gint64 id)
{
  return id >= PLACEHOLDER_BASE;
}

/* Created rows are gone after a rollback. */
void
csp_import_forget_created (CspImport *self)
{
  for (guint i = 0; i < self->all_unknowns->len; i++)
    {
      Unknown *unknown = g_ptr_array_index (self->all_unknowns, i);
      if (unknown->public.resolution == CSP_IMPORT_RESOLVE_CREATE)
        unknown->public.id = 0;
    }
}
