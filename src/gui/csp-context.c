/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "csp-context"

#include "config.h"

#include <glib/gi18n.h>

#include "csp-context.h"
#include "csp-gui.h"
#include "csp-records.h"
#include "csp-sample.h"
#include "csp-server-roles.h"

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
  CspAccess *access; /* what the user may change, as the engine says */

  GArray *changed_elsewhere; /* record types to announce, once each */
  guint announce_source;
};

G_DEFINE_FINAL_TYPE (CspContext, csp_context, G_TYPE_OBJECT)

enum
{
  CHANGED_ELSEWHERE,
  ACCESS_CHANGED,
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
  g_clear_pointer (&self->access, csp_access_free);

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

  /**
   * CspContext::access-changed:
   *
   * Emitted when what the user may change has changed: an admin gave them
   * another role, or the database became read-only. Views enable and
   * disable their edit controls by csp_context_may_change().
   */
  signals[ACCESS_CHANGED] = g_signal_new ("access-changed", G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
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

  if (g_str_equal (table, "server_user"))
    csp_context_refresh_access (self);
  if (type == G_TYPE_INVALID)
    return;
  for (guint i = 0; i < self->changed_elsewhere->len; i++)
    if (g_array_index (self->changed_elsewhere, GType, i) == type)
      return;
  g_array_append_val (self->changed_elsewhere, type);
  if (self->announce_source == 0)
    self->announce_source = g_idle_add (announce_cb, self);
}

/* Back from a lost connection: whatever colleagues did meanwhile went
 * unannounced, so every view reloads. */
static void
connected_cb (CspDatabase *database, GParamSpec *pspec, CspContext *self)
{
  guint n_types = 0;
  const GType *types;

  if (!csp_database_is_connected (database))
    return;
  csp_context_refresh_access (self);
  types = csp_record_list_types (&n_types);
  for (guint i = 0; i < n_types; i++)
    database_changed_cb (database, csp_record_type_get_info (types[i])->table, 0, self);
}

/* What the engine lets the user change. When even that cannot be read,
 * nothing is offered for changing, and the window says why. */
static CspAccess *
read_access (CspStore *store)
{
  g_autoptr (GError) error = NULL;
  CspAccess *access = csp_server_roles_get_access (csp_store_get_database (store), &error);

  if (access != NULL)
    return access;
  access = g_new0 (CspAccess, 1);
  access->level = CSP_ACCESS_READ_ONLY;
  access->user_name = g_strdup (g_get_user_name ());
  access->explanation = g_strdup_printf (
      _ ("Could not find out what you may change, so nothing can be changed: %s"), error->message);
  return access;
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
  self->settings = csp_gui_settings_new ();
  self->access = read_access (store);
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
  g_signal_handlers_disconnect_by_data (database, self);
  g_signal_connect (database, "changed", G_CALLBACK (database_changed_cb), self);
  g_signal_connect (database, "notify::connected", G_CALLBACK (connected_cb), self);
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

/**
 * csp_context_get_access:
 *
 * Returns: (transfer none): what the user may change, as the engine last said
 */
const CspAccess *
csp_context_get_access (CspContext *self)
{
  g_return_val_if_fail (CSP_IS_CONTEXT (self), NULL);
  return self->access;
}

/**
 * csp_context_may_change:
 * @record_type: a #CspRecord type
 *
 * Returns: whether the user may add, change or delete records of @record_type
 */
gboolean
csp_context_may_change (CspContext *self, GType record_type)
{
  g_return_val_if_fail (CSP_IS_CONTEXT (self), FALSE);
  return csp_access_may_change (self->access, csp_record_type_get_info (record_type)->table);
}

/**
 * csp_context_refresh_access:
 *
 * Asks the engine again what the user may change, as after a write it
 * refused, emitting #CspContext::access-changed when that differs.
 */
void
csp_context_refresh_access (CspContext *self)
{
  g_autoptr (CspAccess) old = NULL;

  g_return_if_fail (CSP_IS_CONTEXT (self));

  old = g_steal_pointer (&self->access);
  self->access = read_access (self->store);
  if (old->level != self->access->level || old->partner_id != self->access->partner_id ||
      g_strcmp0 (old->explanation, self->access->explanation) != 0)
    g_signal_emit (self, signals[ACCESS_CHANGED], 0);
}

/**
 * csp_context_open:
 * @location: a file, made when it does not exist yet, or a team server
 * @with_sample: give a new file the sample partnership, so that a first
 *   start shows what the application is for; a new database the person
 *   names starts empty
 *
 * Opens a database for a window, following colleagues' changes. A file
 * that cannot be written opens read-only, and the window says so.
 *
 * Returns: (transfer full): its context, or %NULL with @error set
 */
CspContext *
csp_context_open (const char *location, gboolean with_sample, GError **error)
{
  g_autoptr (CspDatabase) database = NULL;
  g_autoptr (CspStore) store = NULL;
  gboolean is_new =
      !csp_database_location_is_server (location) && !g_file_test (location, G_FILE_TEST_EXISTS);
  g_autoptr (CspContext) context = NULL;
  g_autoptr (GError) open_error = NULL;
  g_autoptr (GError) watch_error = NULL;

  database = csp_database_open (location, &open_error);
  if (database == NULL &&
      g_error_matches (open_error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_READ_ONLY) &&
      !csp_database_location_is_server (location))
    database = csp_database_open_full (location, CSP_DATABASE_OPEN_READ_ONLY,
                                       CSP_DATABASE_BUSY_TIMEOUT_MS, NULL);
  if (database == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&open_error));
      return NULL;
    }
  store = csp_store_new (database);
  if (is_new && with_sample && !csp_sample_load (store, error))
    return NULL;
  context = csp_context_new (store);
  /* Without it the window still works; it just is not live. */
  if (!csp_context_watch_changes (context, &watch_error))
    g_warning ("Colleagues' changes will show only after a restart: %s", watch_error->message);
  return g_steal_pointer (&context);
}
