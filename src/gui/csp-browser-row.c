/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "csp-browser-row"

#include "config.h"

#include "csp-browser-row.h"

/* A record as a record browser's list shows it: its name in lists of
 * choices, the line under it, a mark beside it, whether it is retired.
 * Properties, so that the list's row template in the .ui reads them with
 * <lookup>. Made once per row shown, and never changed: a reload of the
 * list makes new ones. */
struct _CspBrowserRow
{
  GObject parent_instance;

  CspRecord *record;
  char *name;
  char *detail;
  char *mark;
  char *mark_tip;
  gboolean retired;
};

G_DEFINE_FINAL_TYPE (CspBrowserRow, csp_browser_row, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_RECORD,
  PROP_NAME,
  PROP_DETAIL,
  PROP_MARK,
  PROP_MARK_TIP,
  PROP_RETIRED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
csp_browser_row_finalize (GObject *object)
{
  CspBrowserRow *self = CSP_BROWSER_ROW (object);

  g_clear_object (&self->record);
  g_free (self->name);
  g_free (self->detail);
  g_free (self->mark);
  g_free (self->mark_tip);

  G_OBJECT_CLASS (csp_browser_row_parent_class)->finalize (object);
}

static void
csp_browser_row_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  CspBrowserRow *self = CSP_BROWSER_ROW (object);

  switch (prop_id)
    {
    case PROP_RECORD:
      g_value_set_object (value, self->record);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_DETAIL:
      g_value_set_string (value, self->detail);
      break;
    case PROP_MARK:
      g_value_set_string (value, self->mark);
      break;
    case PROP_MARK_TIP:
      g_value_set_string (value, self->mark_tip);
      break;
    case PROP_RETIRED:
      g_value_set_boolean (value, self->retired);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
csp_browser_row_class_init (CspBrowserRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = csp_browser_row_finalize;
  object_class->get_property = csp_browser_row_get_property;

  properties[PROP_RECORD] = g_param_spec_object ("record", NULL, NULL, CSP_TYPE_RECORD, flags);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  /* The line under the name; %NULL for none. */
  properties[PROP_DETAIL] = g_param_spec_string ("detail", NULL, NULL, NULL, flags);
  /* A short warning beside the name ("Review due"), and why; %NULL for none. */
  properties[PROP_MARK] = g_param_spec_string ("mark", NULL, NULL, NULL, flags);
  properties[PROP_MARK_TIP] = g_param_spec_string ("mark-tip", NULL, NULL, NULL, flags);
  properties[PROP_RETIRED] = g_param_spec_boolean ("retired", NULL, NULL, FALSE, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
csp_browser_row_init (CspBrowserRow *self)
{
}

/**
 * csp_browser_row_new:
 * @record: the record shown
 * @name: its name in the list
 * @detail: (nullable): the line under it
 * @mark: (nullable): a short warning beside it
 * @mark_tip: (nullable): why the mark is there
 * @retired: whether it is retired
 *
 * Returns: (transfer full): the row
 */
CspBrowserRow *
csp_browser_row_new (CspRecord *record, const char *name, const char *detail, const char *mark,
                     const char *mark_tip, gboolean retired)
{
  CspBrowserRow *self;

  g_return_val_if_fail (CSP_IS_RECORD (record), NULL);

  self = g_object_new (CSP_TYPE_BROWSER_ROW, NULL);
  self->record = g_object_ref (record);
  self->name = g_strdup (name);
  self->detail = g_strdup (detail);
  self->mark = g_strdup (mark);
  self->mark_tip = g_strdup (mark_tip);
  self->retired = retired;
  return self;
}

/**
 * csp_browser_row_get_record:
 *
 * Returns: (transfer none): the record the row shows
 */
CspRecord *
csp_browser_row_get_record (CspBrowserRow *self)
{
  g_return_val_if_fail (CSP_IS_BROWSER_ROW (self), NULL);
  return self->record;
}
