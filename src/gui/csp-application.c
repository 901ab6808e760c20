/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "csp-application"

#include "config.h"

#include <glib/gi18n.h>

#include "csp-application.h"
#include "csp-backup-actions.h"
#include "csp-database-restore.h"
#include "csp-server-dialog.h"
#include "csp-gui.h"
#include "csp-recent-databases.h"
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

static void restore_cb (const char *location, const char *backup, gpointer user_data);

/* The database's window, or one that says why it could not be opened
 * (which remembers the file, to restore it) and offers a damaged file's
 * newest good backup. An open file gets the backup of the day. */
static GtkWindow *
present_database (CspApplication *self, const char *path, gboolean with_sample)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CspContext) context = csp_context_open (path, with_sample, &error);
  GtkWindow *window;

  if (context != NULL)
    window = GTK_WINDOW (csp_window_new (GTK_APPLICATION (self), context));
  else
    {
      window = GTK_WINDOW (csp_window_new_for_error (GTK_APPLICATION (self), error));
      if (!csp_database_location_is_server (path))
        g_object_set_data_full (G_OBJECT (window), "csp-location", g_strdup (path), g_free);
    }
  gtk_window_present (window);
  if (context != NULL && !csp_database_location_is_server (path))
    csp_recent_databases_add_file (csp_context_get_settings (context), path);
  if (context != NULL)
    csp_backup_actions_keep_daily (window, path);
  else if (g_error_matches (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_CORRUPT))
    csp_backup_actions_offer_newest (window, path, restore_cb, self);
  return window;
}

/* Every window lets go of @location's database, so that it can be
 * replaced; a window that only said it could not be opened goes too. */
static void
close_windows_on (CspApplication *self, const char *location)
{
  GList *windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));

  for (GList *l = windows; l != NULL; l = l->next)
    {
      CspContext *context = CSP_IS_WINDOW (l->data) ? csp_window_get_context (l->data) : NULL;
      CspDatabase *database =
          context != NULL ? csp_store_get_database (csp_context_get_store (context)) : NULL;

      if (CSP_IS_WINDOW (l->data) &&
          (database == NULL || g_strcmp0 (csp_database_get_location (database), location) == 0))
        gtk_window_destroy (l->data);
    }
  g_list_free (windows);
}

static void
restore_cb (const char *location, const char *backup, gpointer user_data)
{
  CspApplication *self = CSP_APPLICATION (user_data);
  g_autoptr (GError) error = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *path = g_strdup (location);
  g_autofree char *from = g_strdup (backup);
  GtkWindow *window;

  /* The application must not quit while no window is open. */
  g_application_hold (G_APPLICATION (self));
  close_windows_on (self, path);
  csp_database_restore (path, from, &kept, &error);
  window = present_database (self, path, FALSE);
  csp_backup_actions_show_restored (window, from, kept, error);
  g_application_release (G_APPLICATION (self));
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
  csp_recent_databases_note_server (csp_context_get_settings (context));
  gtk_window_present (GTK_WINDOW (csp_window_new (GTK_APPLICATION (self), context)));
  close_error_window (previous);
}

/* The server dialog over the active window, filled in with the recent
 * server at @index. */
static void
connect_server (CspApplication *self, guint index)
{
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  g_autoptr (GSettings) settings = csp_gui_settings_new ();
  CspServerDialog *dialog = csp_server_dialog_new (parent, settings);

  csp_server_dialog_choose_recent (dialog, index);
  g_signal_connect_object (dialog, "connected", G_CALLBACK (server_connected_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
connect_server_activated_cb (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  connect_server (CSP_APPLICATION (user_data), 0);
}

static void
connect_recent_server_activated_cb (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  connect_server (CSP_APPLICATION (user_data), (guint) MAX (g_variant_get_int32 (parameter), 0));
}

static void
open_recent_file_activated_cb (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  CspApplication *self = CSP_APPLICATION (user_data);
  GtkWindow *previous = gtk_application_get_active_window (GTK_APPLICATION (self));

  present_database (self, g_variant_get_string (parameter, NULL), FALSE);
  close_error_window (previous);
}

static void
back_up_activated_cb (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (user_data));
  CspContext *context =
      CSP_IS_WINDOW (parent) ? csp_window_get_context (CSP_WINDOW (parent)) : NULL;

  if (context != NULL)
    csp_backup_actions_back_up (parent, context);
}

static void
restore_activated_cb (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (user_data));
  CspContext *context =
      CSP_IS_WINDOW (parent) ? csp_window_get_context (CSP_WINDOW (parent)) : NULL;
  const char *location =
      parent != NULL ? g_object_get_data (G_OBJECT (parent), "csp-location") : NULL;

  if (context != NULL || location != NULL)
    csp_backup_actions_restore (parent, context, location, restore_cb, user_data);
}

static void
csp_application_activate (GApplication *application)
{
  CspApplication *self = CSP_APPLICATION (application);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));
  g_autoptr (GError) error = NULL;
  g_autoptr (GSettings) settings = NULL;
  g_autofree char *path = NULL;

  if (window != NULL)
    {
      gtk_window_present (window);
      return;
    }
  /* Without a database named, the one used last: a file opens again, a
   * team server's connection is offered over the default database. */
  if (self->database_option == NULL && g_getenv ("CSP_ENGAGE_DB") == NULL)
    {
      settings = csp_gui_settings_new ();
      path = csp_recent_databases_get_start_file (settings);
    }
  if (path == NULL)
    path = csp_database_resolve_location (self->database_option, &error);
  if (path == NULL)
    {
      gtk_window_present (GTK_WINDOW (csp_window_new_for_error (GTK_APPLICATION (self), error)));
      return;
    }
  /* The sample only for the default database, never for a file named. */
  present_database (self, path,
                    self->database_option == NULL && g_getenv ("CSP_ENGAGE_DB") == NULL);
  if (csp_recent_databases_last_was_server (settings))
    connect_server (self, 0);
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
  { .name = "connect-recent-server",
    .activate = connect_recent_server_activated_cb,
    .parameter_type = "i" },
  { .name = "open-recent-file", .activate = open_recent_file_activated_cb, .parameter_type = "s" },
  { .name = "back-up", .activate = back_up_activated_cb },
  { .name = "restore", .activate = restore_activated_cb },
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
