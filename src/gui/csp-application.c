/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "csp-application"

#include "config.h"

#include <glib/gi18n.h>

#include "csp-application.h"
#include "csp-server-dialog.h"
#include "csp-gui.h"
#include "csp-sample.h"
#include "csp-window.h"

struct _CspApplication
{
  AdwApplication parent_instance;

  char *database_option;
};

G_DEFINE_FINAL_TYPE (CspApplication, csp_application, ADW_TYPE_APPLICATION)

static void
csp_application_finalize (GObject *object)
{
  CspApplication *self = CSP_APPLICATION (object);

  g_clear_pointer (&self->database_option, g_free);

  G_OBJECT_CLASS (csp_application_parent_class)->finalize (object);
}

/* Opens @path, creating it when it does not exist yet: a new default
 * database gets the sample partnership, so that a first start shows what
 * the application is for; a new database the person names starts empty. */
static CspContext *
open_context (const char *path, gboolean with_sample, GError **error)
{
  g_autoptr (CspDatabase) database = NULL;
  g_autoptr (CspStore) store = NULL;
  gboolean is_new = !g_file_test (path, G_FILE_TEST_EXISTS);
  g_autoptr (CspContext) context = NULL;
  g_autoptr (GError) watch_error = NULL;

  database = csp_database_open (path, error);
  if (database == NULL)
    return NULL;
  store = csp_store_new (database);
  if (is_new && with_sample && !csp_sample_load (store, error))
    return NULL;
  context = csp_context_new (store);
  /* Without it the window still works; it just is not live. */
  if (!csp_context_watch_changes (context, &watch_error))
    g_warning ("Colleagues' changes will show only after a restart: %s", watch_error->message);
  return g_steal_pointer (&context);
}

static void
present_database (CspApplication *self, const char *path, gboolean with_sample)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CspContext) context = open_context (path, with_sample, &error);
  GtkWindow *window;

  if (context != NULL)
    window = GTK_WINDOW (csp_window_new (GTK_APPLICATION (self), context));
  else
    window = GTK_WINDOW (csp_window_new_for_error (GTK_APPLICATION (self), error));
  gtk_window_present (window);
}

/* A window that only said the last database could not be opened has done
 * its job once another opens. */
static void
close_error_window (GtkWindow *window)
{
  if (CSP_IS_WINDOW (window) && csp_window_get_context (CSP_WINDOW (window)) == NULL)
    gtk_window_destroy (window);
}

static void
server_connected_cb (CspServerDialog *dialog, CspDatabase *database, CspApplication *self)
{
  GtkWindow *previous = gtk_window_get_transient_for (GTK_WINDOW (dialog));
  g_autoptr (CspStore) store = csp_store_new (database);
  g_autoptr (CspContext) context = csp_context_new (store);
  g_autoptr (GError) watch_error = NULL;

  if (!csp_context_watch_changes (context, &watch_error))
    g_warning ("Colleagues' changes will show only after a restart: %s", watch_error->message);
  gtk_window_present (GTK_WINDOW (csp_window_new (GTK_APPLICATION (self), context)));
  close_error_window (previous);
}

static void
connect_server_activated_cb (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  CspApplication *self = CSP_APPLICATION (user_data);
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  CspContext *context =
      CSP_IS_WINDOW (parent) ? csp_window_get_context (CSP_WINDOW (parent)) : NULL;
  CspServerDialog *dialog =
      csp_server_dialog_new (parent, context != NULL ? csp_context_get_settings (context) : NULL);

  g_signal_connect_object (dialog, "connected", G_CALLBACK (server_connected_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
csp_application_activate (GApplication *application)
{
  CspApplication *self = CSP_APPLICATION (application);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;

  if (window != NULL)
    {
      gtk_window_present (window);
      return;
    }
  path = csp_database_resolve_location (self->database_option, &error);
  if (path == NULL)
    {
      gtk_window_present (GTK_WINDOW (csp_window_new_for_error (GTK_APPLICATION (self), error)));
      return;
    }
  /* The sample only for the default database, never for a file named. */
  present_database (self, path,
                    self->database_option == NULL && g_getenv ("CSP_ENGAGE_DB") == NULL);
}

static void
chooser_response_cb (GtkNativeDialog *chooser, int response, CspApplication *self)
{
  g_autoptr (GFile) file = NULL;
  g_autofree char *path = NULL;
  GtkWindow *previous = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (response == GTK_RESPONSE_ACCEPT)
    {
      file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      path = g_file_get_path (file);
    }
  g_object_unref (chooser);
  if (path == NULL)
    return;
  present_database (self, path, FALSE);
  close_error_window (previous);
}

static void
choose_database (CspApplication *self, gboolean create)
{
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  GtkFileChooserNative *chooser = gtk_file_chooser_native_new (
      create ? _ ("New Database") : _ ("Open Database"), parent,
      create ? GTK_FILE_CHOOSER_ACTION_SAVE : GTK_FILE_CHOOSER_ACTION_OPEN,
      create ? _ ("_Create") : _ ("_Open"), _ ("_Cancel"));
  g_autoptr (GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _ ("CSP Engage databases"));
  gtk_file_filter_add_pattern (filter, "*.db");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  if (create)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), _ ("partnership.db"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
new_database_activated_cb (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  choose_database (CSP_APPLICATION (user_data), TRUE);
}

static void
open_database_activated_cb (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  choose_database (CSP_APPLICATION (user_data), FALSE);
}

static int
csp_application_handle_local_options (GApplication *application, GVariantDict *options)
{
  CspApplication *self = CSP_APPLICATION (application);

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("csp-engage %s\n", PACKAGE_VERSION);
      return 0;
    }
  g_variant_dict_lookup (options, "database", "^ay", &self->database_option);
  return -1;
}

static void
quit_activated_cb (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

static void
about_activated_cb (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  CspApplication *self = CSP_APPLICATION (user_data);
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  CspContext *context =
      CSP_IS_WINDOW (parent) ? csp_window_get_context (CSP_WINDOW (parent)) : NULL;
  g_autofree char *debug_info = NULL;
  const char *developers[] = { _ ("Community Partnerships team"), NULL };
  GtkWidget *about;

  if (context != NULL)
    {
      CspDatabase *database = csp_store_get_database (csp_context_get_store (context));
      g_autofree char *engine = csp_database_get_engine_version (database);

      debug_info = g_strdup_printf ("Database: %s\nSchema version: %d\nEngine: %s\n",
                                    csp_database_get_location (database),
                                    csp_database_get_schema_version (database), engine);
    }
  about =
      g_object_new (ADW_TYPE_ABOUT_WINDOW, "transient-for", parent, "application-name",
                    _ ("CSP Engage"), "application-icon", APPLICATION_ID, "developer-name",
                    _ ("Welwyn Hatfield Borough Council"), "version", PACKAGE_VERSION, "comments",
                    _ ("Record community engagement, keep the Community Safety "
                       "Partnership action plan and prepare the committee report."),
                    "license-type", GTK_LICENSE_GPL_3_0, "developers", developers, "debug-info",
                    debug_info, NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static const GActionEntry app_actions[] = {
  { .name = "quit", .activate = quit_activated_cb },
  { .name = "about", .activate = about_activated_cb },
  { .name = "new-database", .activate = new_database_activated_cb },
  { .name = "open-database", .activate = open_database_activated_cb },
  { .name = "connect-server", .activate = connect_server_activated_cb },
};

static void
csp_application_startup (GApplication *application)
{
  const char *quit_accels[] = { "<Control>q", NULL };
  const char *open_accels[] = { "<Control>o", NULL };

  G_APPLICATION_CLASS (csp_application_parent_class)->startup (application);

  g_action_map_add_action_entries (G_ACTION_MAP (application), app_actions,
                                   G_N_ELEMENTS (app_actions), application);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "app.open-database",
                                         open_accels);
}

static void
csp_application_class_init (CspApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  csp_gui_init ();
  object_class->finalize = csp_application_finalize;
  app_class->activate = csp_application_activate;
  app_class->startup = csp_application_startup;
  app_class->handle_local_options = csp_application_handle_local_options;
}

static void
csp_application_init (CspApplication *self)
{
  const GOptionEntry entries[] = {
    { "database", 'd', 0, G_OPTION_ARG_FILENAME, NULL, N_ ("The database file to open"),
      N_ ("FILE") },
    { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_ ("Show the version and exit"), NULL },
    G_OPTION_ENTRY_NULL,
  };

  g_application_add_main_option_entries (G_APPLICATION (self), entries);
}

/**
 * csp_application_new:
 *
 * Returns: (transfer full): the application; each run owns its database,
 *   so instances are not merged into one
 */
CspApplication *
csp_application_new (void)
{
  return g_object_new (CSP_TYPE_APPLICATION, "application-id", APPLICATION_ID, "flags",
                       G_APPLICATION_NON_UNIQUE, "resource-base-path", RESOURCE_PATH, NULL);
}
