/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "csp-context"

#include "config.h"

#include "csp-context.h"

/* What every window, page and editor of one open database shares: the
 * store, the session's undo history and the settings. Handed down as a
 * property, never reached through a global. */
struct _CspContext
{
  GObject parent_instance;

  CspStore *store;
  CspHistory *history;
  GSettings *settings;
};

G_DEFINE_FINAL_TYPE (CspContext, csp_context, G_TYPE_OBJECT)

static void
csp_context_finalize (GObject *object)
{
  CspContext *self = CSP_CONTEXT (object);

  g_clear_object (&self->history);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (csp_context_parent_class)->finalize (object);
}

static void
csp_context_class_init (CspContextClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = csp_context_finalize;
}

static void
csp_context_init (CspContext *self)
{
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
