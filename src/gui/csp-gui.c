/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "csp-gui"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "csp-gui-resources.h"
#include "csp-gui.h"
#include "csp-import-value.h"

/**
 * csp_gui_init:
 *
 * Registers the interface's resources, once, and its style sheet once a
 * display exists. The application calls it before it starts (so GTK finds
 * the shortcuts window among the resources) and every window class again
 * (so the GUI tests, which build windows without the application, see the
 * same interface). Registration is by hand because nothing else would pull
 * the resources out of the static library.
 */
void
csp_gui_init (void)
{
  static gsize registered = 0;
  static gsize styled = 0;

  if (g_once_init_enter (&registered))
    {
      csp_gui_register_resource ();
      g_once_init_leave (&registered, 1);
    }
  if (gdk_display_get_default () != NULL && g_once_init_enter (&styled))
    {
      g_autoptr (GtkCssProvider) provider = gtk_css_provider_new ();

      gtk_css_provider_load_from_resource (provider, RESOURCE_PATH "/csp-engage.css");
      gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                                  GTK_STYLE_PROVIDER (provider),
                                                  GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
      g_once_init_leave (&styled, 1);
    }
}

/* The first toast overlay in @widget, depth first. */
static AdwToastOverlay *
find_toast_overlay (GtkWidget *widget)
{
  if (ADW_IS_TOAST_OVERLAY (widget))
    return ADW_TOAST_OVERLAY (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      AdwToastOverlay *overlay = find_toast_overlay (child);
      if (overlay != NULL)
        return overlay;
    }
  return NULL;
}

/**
 * csp_gui_report:
 * @parent: (nullable): the window the work was started from
 * @error: (nullable): why the work failed, or %NULL if it was done
 * @failed: the heading of the dialog that says it failed
 * @done: what a toast in @parent says when it was done
 *
 * Tells how work the person asked for went: a failure in a dialog, which
 * waits to be read; success in a toast, which does not.
 */
void
csp_gui_report (GtkWindow *parent, const GError *error, const char *failed, const char *done)
{
  AdwToastOverlay *overlay =
      parent != NULL && error == NULL ? find_toast_overlay (GTK_WIDGET (parent)) : NULL;
  GtkWidget *dialog;

  if (overlay != NULL)
    {
      adw_toast_overlay_add_toast (overlay, adw_toast_new (done));
      return;
    }
  dialog = adw_message_dialog_new (parent, error != NULL ? failed : done,
                                   error != NULL ? error->message : NULL);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _ ("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/**
 * csp_gui_settings_new:
 *
 * An uninstalled build run without GSETTINGS_SCHEMA_DIR still works; it
 * just does not remember preferences.
 *
 * Returns: (transfer full) (nullable): the application's settings, or
 *   %NULL when the schema is not installed
 */
GSettings *
csp_gui_settings_new (void)
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
 * csp_gui_read_date_entry:
 * @entry: a filter's entry for a date, typed dd/mm/yyyy
 * @iso: (out) (transfer full) (nullable): the date, YYYY-MM-DD; %NULL when
 *   the entry is empty or its text is not a date
 *
 * Reads a date a person typed into a filter, and marks the entry (its
 * look and its state for screen readers) when it is not one; the caller
 * says so in words.
 *
 * Returns: %FALSE when the entry holds text that is not a date
 */
gboolean
csp_gui_read_date_entry (GtkEntry *entry, char **iso)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));
  gboolean ok;

  *iso = NULL;
  ok = *text == '\0' || csp_import_parse_date (text, iso, NULL);
  if (ok)
    gtk_widget_remove_css_class (GTK_WIDGET (entry), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (entry), "error");
  gtk_accessible_update_state (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_STATE_INVALID,
                               ok ? GTK_ACCESSIBLE_INVALID_FALSE : GTK_ACCESSIBLE_INVALID_TRUE, -1);
  return ok;
}
