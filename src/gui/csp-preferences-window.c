/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "csp-preferences-window"

#include "config.h"

#include <glib/gi18n.h>

#include "csp-preferences-window.h"
#include "csp-record-form.h"
#include "csp-records.h"

/* The partnership's own settings: names, financial year, report defaults.
 * They live in the database (one settings row), not in GSettings, because
 * they belong to the partnership, not to one desktop. */
struct _CspPreferencesWindow
{
  AdwPreferencesWindow parent_instance;

  CspContext *context;
  CspRecordForm *form;
  GtkWidget *save_button;
  AdwPreferencesGroup *save_group;
  GtkWidget *template_group;
  AdwActionRow *template_row;
  GtkWidget *clear_template_button;
};

G_DEFINE_FINAL_TYPE (CspPreferencesWindow, csp_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

static const CspFormGroup groups[] = {
  { N_ ("Partnership"), "council_name partnership_name short_name area_name "
                        "financial_year_start_month" },
  { N_ ("Committee report defaults"), "default_committee default_report_of default_author "
                                      "default_author_title" },
};

/* Only an admin changes the partnership's settings; others read them. */
static void
form_state_cb (CspPreferencesWindow *self)
{
  gboolean may_change = csp_context_may_change (self->context, CSP_TYPE_SETTINGS);

  gtk_widget_set_sensitive (self->save_button, may_change &&
                                                   csp_record_form_get_valid (self->form) &&
                                                   csp_record_form_get_modified (self->form));
  gtk_widget_set_sensitive (GTK_WIDGET (self->form), may_change);
  adw_preferences_group_set_description (
      self->save_group, may_change ? NULL : csp_context_get_access (self->context)->explanation);
}

static void
save_clicked_cb (CspPreferencesWindow *self)
{
  g_autoptr (CspRecord) settings = csp_record_copy (csp_record_form_get_record (self->form));
  CspHistory *history = csp_context_get_history (self->context);
  g_autoptr (GError) error = NULL;
  gboolean is_new = csp_record_get_id (settings) == 0;

  if (is_new)
    csp_record_set_id (settings, 1);
  if (!(is_new ? csp_history_insert (history, settings, &error)
               : csp_history_update (history, settings, &error)))
    {
      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self),
                                        adw_toast_new (error->message));
      return;
    }
  csp_record_form_set_record (self->form, settings);
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self),
                                    adw_toast_new (_ ("Settings saved")));
}

/* The council's Word template is this desktop's (a file here), kept in
 * the settings, not in the partnership's database. */
static void
show_template (CspPreferencesWindow *self)
{
  GSettings *settings = csp_context_get_settings (self->context);
  g_autofree char *path =
      settings != NULL ? g_settings_get_string (settings, "report-template") : g_strdup ("");
  g_autofree char *name = *path != '\0' ? g_filename_display_basename (path) : NULL;

  adw_action_row_set_subtitle (self->template_row,
                               name != NULL ? name : _ ("None: plain A4 pages"));
  gtk_widget_set_sensitive (self->clear_template_button, name != NULL);
}

static void
template_chosen_cb (GtkNativeDialog *chooser, int response, CspPreferencesWindow *self)
{
  g_autoptr (GFile) file = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      path = g_file_get_path (file);
    }
  g_object_unref (chooser);
  if (path != NULL && csp_context_get_settings (self->context) != NULL)
    g_settings_set_string (csp_context_get_settings (self->context), "report-template", path);
}

static void
choose_template_cb (CspPreferencesWindow *self)
{
  GtkFileChooserNative *chooser =
      gtk_file_chooser_native_new (_ ("Choose the Council’s Word Template"), GTK_WINDOW (self),
                                   GTK_FILE_CHOOSER_ACTION_OPEN, _ ("_Choose"), _ ("_Cancel"));
  g_autoptr (GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _ ("Word documents"));
  gtk_file_filter_add_pattern (filter, "*.docx");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (template_chosen_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
clear_template_cb (CspPreferencesWindow *self)
{
  if (csp_context_get_settings (self->context) != NULL)
    g_settings_set_string (csp_context_get_settings (self->context), "report-template", "");
}

static void
csp_preferences_window_dispose (GObject *object)
{
  CspPreferencesWindow *self = CSP_PREFERENCES_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CSP_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (csp_preferences_window_parent_class)->dispose (object);
}

static void
csp_preferences_window_class_init (CspPreferencesWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = csp_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/csp-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CspPreferencesWindow, form);
  gtk_widget_class_bind_template_child (widget_class, CspPreferencesWindow, save_button);
  gtk_widget_class_bind_template_child (widget_class, CspPreferencesWindow, save_group);
  gtk_widget_class_bind_template_child (widget_class, CspPreferencesWindow, template_group);
  gtk_widget_class_bind_template_child (widget_class, CspPreferencesWindow, template_row);
  gtk_widget_class_bind_template_child (widget_class, CspPreferencesWindow, clear_template_button);
  gtk_widget_class_bind_template_callback (widget_class, save_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, choose_template_cb);
  gtk_widget_class_bind_template_callback (widget_class, clear_template_cb);
}

static void
csp_preferences_window_init (CspPreferencesWindow *self)
{
  g_type_ensure (CSP_TYPE_RECORD_FORM);
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * csp_preferences_window_new:
 *
 * Returns: (transfer full): the preferences of @context's partnership
 */
CspPreferencesWindow *
csp_preferences_window_new (GtkWindow *parent, CspContext *context)
{
  CspPreferencesWindow *self =
      g_object_new (CSP_TYPE_PREFERENCES_WINDOW, "transient-for", parent, NULL);
  GSettings *desktop = csp_context_get_settings (context);
  g_autoptr (GPtrArray) rows = NULL;
  g_autoptr (CspRecord) settings = NULL;
  g_autoptr (GError) error = NULL;

  self->context = g_object_ref (context);
  csp_record_form_set_layout (self->form, context, CSP_TYPE_SETTINGS, groups,
                              G_N_ELEMENTS (groups));
  /* The Word template is a choice of this desktop's, kept in GSettings. */
  gtk_widget_set_sensitive (self->template_group, desktop != NULL);
  if (desktop != NULL)
    g_signal_connect_object (desktop, "changed::report-template", G_CALLBACK (show_template), self,
                             G_CONNECT_SWAPPED);
  show_template (self);

  rows = csp_store_list (csp_context_get_store (context), CSP_TYPE_SETTINGS, NULL, &error);
  if (rows != NULL && rows->len > 0)
    settings = g_object_ref (g_ptr_array_index (rows, 0));
  else
    settings = csp_record_new (CSP_TYPE_SETTINGS);
  if (rows == NULL)
    g_warning ("Could not read the settings: %s", error->message);
  csp_record_form_set_record (self->form, settings);

  g_signal_connect_swapped (self->form, "notify::valid", G_CALLBACK (form_state_cb), self);
  g_signal_connect_swapped (self->form, "notify::modified", G_CALLBACK (form_state_cb), self);
  g_signal_connect_object (context, "access-changed", G_CALLBACK (form_state_cb), self,
                           G_CONNECT_SWAPPED);
  form_state_cb (self);
  return self;
}
