/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "csp-window"

#include "config.h"

#include <glib/gi18n.h>

#include "csp-gui-resources.h"
#include "csp-records.h"
#include "csp-window.h"

struct _CspWindow
{
  AdwApplicationWindow parent_instance;

  CspStore *store;
  GSettings *settings;

  AdwWindowTitle *window_title;
  GtkStack *stack;
  AdwPreferencesGroup *records_group;
  AdwStatusPage *error_page;
};

G_DEFINE_FINAL_TYPE (CspWindow, csp_window, ADW_TYPE_APPLICATION_WINDOW)

enum
{
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The kinds of record a person thinks in, with the names they use. */
static const struct
{
  GType (*get_type) (void);
  const char *label;
} overview_rows[] = {
  { csp_activity_get_type, N_ ("Engagement activities") },
  { csp_plan_get_type, N_ ("Action plans") },
  { csp_priority_get_type, N_ ("Priorities") },
  { csp_action_get_type, N_ ("Actions") },
  { csp_action_update_get_type, N_ ("Progress updates") },
  { csp_partner_get_type, N_ ("Partners") },
  { csp_channel_get_type, N_ ("Channels") },
  { csp_metric_value_get_type, N_ ("Monthly figures") },
  { csp_meeting_get_type, N_ ("Meetings") },
  { csp_committee_report_get_type, N_ ("Committee reports") },
};

static void
show_overview (CspWindow *self)
{
  CspDatabase *database = csp_store_get_database (self->store);
  g_autoptr (GPtrArray) settings = csp_store_list (self->store, CSP_TYPE_SETTINGS, NULL, NULL);
  g_autofree char *path = g_filename_display_name (csp_database_get_path (database));

  adw_window_title_set_subtitle (self->window_title, path);
  if (settings != NULL && settings->len > 0)
    {
      CspRecord *partnership = g_ptr_array_index (settings, 0);
      adw_preferences_group_set_description (
          self->records_group, csp_record_get_string (partnership, "partnership_name"));
    }

  for (guint i = 0; i < G_N_ELEMENTS (overview_rows); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autofree char *count_text = NULL;
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *count_label;
      guint count = 0;

      if (csp_store_count (self->store, overview_rows[i].get_type (), NULL, &count, &error))
        count_text = g_strdup_printf ("%u", count);
      else
        count_text = g_strdup (error->message);
      count_label = gtk_label_new (count_text);
      gtk_widget_add_css_class (count_label, "numeric");
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _ (overview_rows[i].label));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), count_label);
      gtk_accessible_update_relation (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_RELATION_DESCRIBED_BY,
                                      count_label, NULL, -1);
      adw_preferences_group_add (self->records_group, row);
    }
  gtk_stack_set_visible_child_name (self->stack, "overview");
}

static void
restore_window_state (CspWindow *self)
{
  g_autoptr (GSettingsSchema) schema = NULL;
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();

  /* An uninstalled build without GSETTINGS_SCHEMA_DIR still runs. */
  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APPLICATION_ID, TRUE);
  if (schema == NULL)
    {
      g_info ("Settings schema %s not found; window size will not be kept", APPLICATION_ID);
      return;
    }
  self->settings = g_settings_new (APPLICATION_ID);
  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

static gboolean
csp_window_close_request (GtkWindow *window)
{
  CspWindow *self = CSP_WINDOW (window);

  if (self->settings != NULL)
    {
      int width = 0, height = 0;

      gtk_window_get_default_size (window, &width, &height);
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
      g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));
    }
  return GTK_WINDOW_CLASS (csp_window_parent_class)->close_request (window);
}

static void
csp_window_constructed (GObject *object)
{
  CspWindow *self = CSP_WINDOW (object);

  G_OBJECT_CLASS (csp_window_parent_class)->constructed (object);

  restore_window_state (self);
  if (self->store != NULL)
    show_overview (self);
}

static void
csp_window_dispose (GObject *object)
{
  CspWindow *self = CSP_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CSP_TYPE_WINDOW);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (csp_window_parent_class)->dispose (object);
}

static void
csp_window_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  CspWindow *self = CSP_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
csp_window_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  CspWindow *self = CSP_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
csp_window_class_init (CspWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = csp_window_constructed;
  object_class->dispose = csp_window_dispose;
  object_class->get_property = csp_window_get_property;
  object_class->set_property = csp_window_set_property;
  window_class->close_request = csp_window_close_request;

  properties[PROP_STORE] =
      g_param_spec_object ("store", NULL, NULL, CSP_TYPE_STORE,
                           G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Registered here, by the first user of the templates: nothing else
   * would pull the resource out of the static library. */
  csp_gui_register_resource ();
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/csp-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CspWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, CspWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, CspWindow, records_group);
  gtk_widget_class_bind_template_child (widget_class, CspWindow, error_page);
}

static void
csp_window_init (CspWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * csp_window_new:
 *
 * Returns: (transfer full): a main window showing @store
 */
CspWindow *
csp_window_new (GtkApplication *application, CspStore *store)
{
  g_return_val_if_fail (CSP_IS_STORE (store), NULL);
  return g_object_new (CSP_TYPE_WINDOW, "application", application, "store", store, NULL);
}

/**
 * csp_window_new_for_error:
 * @error: why no database could be opened
 *
 * Returns: (transfer full): a window that says what went wrong
 */
CspWindow *
csp_window_new_for_error (GtkApplication *application, const GError *error)
{
  CspWindow *self = g_object_new (CSP_TYPE_WINDOW, "application", application, NULL);

  adw_status_page_set_description (self->error_page, error->message);
  gtk_stack_set_visible_child_name (self->stack, "error");
  return self;
}

/**
 * csp_window_get_store:
 *
 * Returns: (transfer none) (nullable): the store shown, if a database is open
 */
CspStore *
csp_window_get_store (CspWindow *self)
{
  g_return_val_if_fail (CSP_IS_WINDOW (self), NULL);
  return self->store;
}
