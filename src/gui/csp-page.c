/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "csp-page"

#include "config.h"

#include "csp-page.h"

/* What every page of the main window has: the context of the open
 * database, given at construction, and what it answers Export List. */
typedef struct
{
  CspContext *context;
} CspPagePrivate;

G_DEFINE_TYPE_WITH_PRIVATE (CspPage, csp_page, ADW_TYPE_BIN)

enum
{
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
csp_page_dispose (GObject *object)
{
  CspPagePrivate *priv = csp_page_get_instance_private (CSP_PAGE (object));

  g_clear_object (&priv->context);

  G_OBJECT_CLASS (csp_page_parent_class)->dispose (object);
}

static void
csp_page_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  CspPagePrivate *priv = csp_page_get_instance_private (CSP_PAGE (object));

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, priv->context);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
csp_page_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  CspPagePrivate *priv = csp_page_get_instance_private (CSP_PAGE (object));

  switch (prop_id)
    {
    case PROP_CONTEXT:
      priv->context = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
csp_page_class_init (CspPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = csp_page_dispose;
  object_class->get_property = csp_page_get_property;
  object_class->set_property = csp_page_set_property;

  properties[PROP_CONTEXT] =
      g_param_spec_object ("context", NULL, NULL, CSP_TYPE_CONTEXT,
                           G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
csp_page_init (CspPage *self)
{
}

/**
 * csp_page_get_context:
 *
 * Returns: (transfer none): the open database's context
 */
CspContext *
csp_page_get_context (CspPage *self)
{
  CspPagePrivate *priv = csp_page_get_instance_private (self);

  g_return_val_if_fail (CSP_IS_PAGE (self), NULL);
  return priv->context;
}

/**
 * csp_page_get_database:
 *
 * Returns: (transfer none): the open database
 */
CspDatabase *
csp_page_get_database (CspPage *self)
{
  g_return_val_if_fail (CSP_IS_PAGE (self), NULL);
  return csp_store_get_database (csp_context_get_store (csp_page_get_context (self)));
}

/**
 * csp_page_has_list_export:
 *
 * Returns: whether the page shows a list that Export List can write
 */
gboolean
csp_page_has_list_export (CspPage *self)
{
  g_return_val_if_fail (CSP_IS_PAGE (self), FALSE);
  return CSP_PAGE_GET_CLASS (self)->open_list_export != NULL;
}

/**
 * csp_page_open_list_export:
 *
 * Returns: (transfer full): the rows the page's list shows, before the
 *   first, or %NULL with @error set
 */
CspExportTable *
csp_page_open_list_export (CspPage *self, GError **error)
{
  g_return_val_if_fail (csp_page_has_list_export (self), NULL);
  return CSP_PAGE_GET_CLASS (self)->open_list_export (self, error);
}
