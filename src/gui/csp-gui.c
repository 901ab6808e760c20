/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "csp-gui"

#include "config.h"

#include <gtk/gtk.h>

#include "csp-gui-resources.h"
#include "csp-gui.h"

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
