/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "csp-context"

#include "config.h"

#include "csp-context.h"
#include "csp-records.h"

/* What every window, page and editor of one open database shares: the
 * store, the session's undo history and the settings. Handed down as a
 * property, never reached through a global. It also tells them what other
 * desktops and programs changed, so that every open view stays live. */
struct _CspContext
{
  GObject parent_instance;

  CspStore *store;
  CspHistory *history;
  GSettings *settings;

  GArray *changed_elsewhere; /* record types to announce, once each */
  guint announce_source;
};

G_DEFINE_FINAL_TYPE (CspContext, csp_context, G_TYPE_OBJECT)

enum
{
  CHANGED_ELSEWHERE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
csp_context_finalize (GObject *object)
{
  CspContext *self = CSP_CONTEXT (object);

  g_clear_handle_id (&self->announce_source, g_source_remove);
  g_clear_pointer (&self->changed_elsewhere, g_array_unref);
  g_clear_object (&self->history);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (csp_store_get_database (self->store), self);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (csp_context_parent_class)->finalize (object);
}

static void
csp_context_class_init (CspContextClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = csp_context_finalize;

  /**
   * CspContext::changed-elsewhere:
   * @record_type: the type of record another desktop or program changed
   *
   * Emitted once for each type of record in a burst of changes committed
   * elsewhere, so that views reload what they show, keeping what the user
   * is doing (selection, scroll position, half-typed text).
   */
  signals[CHANGED_ELSEWHERE] =
      g_signal_new ("changed-elsewhere", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                    NULL, NULL, G_TYPE_NONE, 1, G_TYPE_GTYPE);
}

static void
csp_context_init (CspContext *self)
{
  self->changed_elsewhere = g_array_new (FALSE, FALSE, sizeof (GType));
}

static gboolean
announce_cb (gpointer data)
{
  CspContext *self = data;
  g_autoptr (GArray) types = g_steal_pointer (&self->changed_elsewhere);

  self->announce_source = 0;
  self->changed_elsewhere = g_array_new (FALSE, FALSE, sizeof (GType));
  for (guint i = 0; i < types->len; i++)
    g_signal_emit (self, signals[CHANGED_ELSEWHERE], 0, g_array_index (types, GType, i));
  return G_SOURCE_REMOVE;
}

/* A colleague's import is thousands of rows: each type is announced once,
 * when the burst has been read. Tables that are not records of their own
 * (supporting partners, the audit log) come with their record's row. */
static void
database_changed_cb (CspDatabase *database, const char *table, gint64 id, CspContext *self)
{
  GType type = csp_record_type_from_table (table);

  if (type == G_TYPE_INVALID)
    return;
  for (guint i = 0; i < self->changed_elsewhere->len; i++)
    if (g_array_index (self->changed_elsewhere, GType, i) == type)
      return;
  g_array_append_val (self->changed_elsewhere, type);
  if (self->announce_source == 0)
    self->announce_source = g_idle_add (announce_cb, self);
}

/* An uninstalled build run without GSETTINGS_SCHEMA_DIR still works; it
 * just does not remember preferences. */
static GSettings *
settings_if_installed (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr (GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APPLICATION_ID, TRUE);
  if (schema == NULL)
    {
      g_info ("Settings schema %s not found; preferences will not be kept", APPLICATION_ID);
      return NULL;
    }
  return g_settings_new (APPLICATION_ID);
}

/**
 * csp_context_new:
 *
 * Returns: (transfer full): the context of @store, with an empty history
 */
CspContext *
csp_context_new (CspStore *store)
{
  CspContext *self;

  g_return_val_if_fail (CSP_IS_STORE (store), NULL);

  self = g_object_new (CSP_TYPE_CONTEXT, NULL);
  self->store = g_object_ref (store);
  self->history = csp_history_new (store);
  self->settings = settings_if_installed ();
  return self;
}

/**
 * csp_context_watch_changes:
 *
 * Starts telling #CspContext::changed-elsewhere what other desktops and
 * programs commit to the database.
 */
gboolean
csp_context_watch_changes (CspContext *self, GError **error)
{
  CspDatabase *database;

  g_return_val_if_fail (CSP_IS_CONTEXT (self), FALSE);

  database = csp_store_get_database (self->store);
  if (!csp_database_watch_changes (database, error))
    return FALSE;
  g_signal_handlers_disconnect_by_func (database, database_changed_cb, self);
  g_signal_connect (database, "changed", G_CALLBACK (database_changed_cb), self);
  return TRUE;
}

/**
 * csp_context_get_store:
 *
 * Returns: (transfer none): the open database's store
 */
CspStore *
csp_context_get_store (CspContext *self)
{
  g_return_val_if_fail (CSP_IS_CONTEXT (self), NULL);
  return self->store;
}

/**
 * csp_context_get_history:
 *
 * Returns: (transfer none): the session's undo history; all changes go through it
 */
CspHistory *
csp_context_get_history (CspContext *self)
{
  g_return_val_if_fail (CSP_IS_CONTEXT (self), NULL);
  return self->history;
}

/**
 * csp_context_get_settings:
 *
 * Returns: (transfer none) (nullable): the settings, if the schema is installed
 */
GSettings *
csp_context_get_settings (CspContext *self)
{
  g_return_val_if_fail (CSP_IS_CONTEXT (self), NULL);
  return self->settings;
}
