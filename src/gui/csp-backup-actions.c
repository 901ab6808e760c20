/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "csp-backup-actions"

#include "config.h"

#include <glib/gi18n.h>

#include "csp-backup-actions.h"
#include "csp-backup-rotation.h"
#include "csp-backups.h"
#include "csp-gui.h"
#include "csp-maintenance.h"

/* Backups from the window: Back Up… (a verified copy where the person
 * says), Restore… (a backup in place of the open database, once
 * confirmed), the offer of the newest good backup when a database is
 * damaged, and the backup of the day, made in a thread of its own. */

/* Back Up… */

typedef struct
{
  CspContext *context;
  GtkWindow *parent;
} BackUpData;

static void
back_up_data_free (BackUpData *data)
{
  g_clear_object (&data->context);
  g_clear_weak_pointer (&data->parent);
  g_free (data);
}

static void
back_up_response_cb (GtkNativeDialog *chooser, int response, BackUpData *data)
{
  g_autoptr (GFile) file = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  path = file != NULL ? g_file_get_path (file) : NULL;
  if (path != NULL)
    {
      CspDatabase *database = csp_store_get_database (csp_context_get_store (data->context));
      g_autoptr (GError) error = NULL;
      g_autofree char *name = g_file_get_basename (file);
      g_autofree char *done = g_strdup_printf (_ ("Backed up to “%s”"), name);

      csp_database_backup (database, path, &error);
      csp_gui_report (data->parent, error, _ ("Backup Failed"), done);
    }
  back_up_data_free (data);
  g_object_unref (chooser);
}

static void
add_database_filter (GtkFileChooser *chooser)
{
  g_autoptr (GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _ ("CSP Engage databases"));
  gtk_file_filter_add_suffix (filter, "db");
  gtk_file_chooser_add_filter (chooser, filter);
}

/**
 * csp_backup_actions_back_up:
 *
 * Asks where to keep a backup, then writes a verified copy of @context's
 * database there: an SQLite file, from a team server's database too.
 */
void
csp_backup_actions_back_up (GtkWindow *parent, CspContext *context)
{
  GtkFileChooserNative *chooser;
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *day = g_date_time_format (now, "%Y-%m-%d");
  /* TRANSLATORS: the suggested name of a backup file; %s is today's date */
  g_autofree char *name = g_strdup_printf (_ ("CSP Engage backup %s.db"), day);
  BackUpData *data;

  g_return_if_fail (CSP_IS_CONTEXT (context));

  chooser = gtk_file_chooser_native_new (
      _ ("Back Up Database"), parent, GTK_FILE_CHOOSER_ACTION_SAVE, _ ("_Back Up"), _ ("_Cancel"));
  add_database_filter (GTK_FILE_CHOOSER (chooser));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  data = g_new0 (BackUpData, 1);
  data->context = g_object_ref (context);
  g_set_weak_pointer (&data->parent, parent);
  g_signal_connect (chooser, "response", G_CALLBACK (back_up_response_cb), data);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* Restore… and the offer for a damaged database */

typedef struct
{
  char *location;
  char *backup;
  CspRestoreFunc restore;
  gpointer user_data;
} RestoreData;

static RestoreData *
restore_data_new (const char *location, CspRestoreFunc restore, gpointer user_data)
{
  RestoreData *data = g_new0 (RestoreData, 1);

  data->location = g_strdup (location);
  data->restore = restore;
  data->user_data = user_data;
  return data;
}

static void
restore_data_free (RestoreData *data)
{
  g_free (data->location);
  g_free (data->backup);
  g_free (data);
}

static void
confirmed_cb (AdwMessageDialog *dialog, const char *response, RestoreData *data)
{
  if (g_str_equal (response, "restore"))
    data->restore (data->location, data->backup, data->user_data);
}

/* A question whose "restore" answer replaces the database with
 * @data's backup, which it owns from then on. */
static AdwMessageDialog *
ask (GtkWindow *parent, const char *heading, const char *body, const char *restore_label,
     AdwResponseAppearance appearance, const char *cancel_label, RestoreData *data)
{
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent, heading, body));

  adw_message_dialog_add_responses (dialog, "cancel", cancel_label, "restore", restore_label, NULL);
  adw_message_dialog_set_response_appearance (dialog, "restore", appearance);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_data (dialog, "response", G_CALLBACK (confirmed_cb), data,
                         (GClosureNotify) G_CALLBACK (restore_data_free), 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

static void
restore_chosen_cb (GtkNativeDialog *chooser, int response, RestoreData *data)
{
  g_autoptr (GFile) file = NULL;
  GtkWindow *parent = gtk_native_dialog_get_transient_for (chooser);

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  data->backup = file != NULL ? g_file_get_path (file) : NULL;
  if (data->backup != NULL)
    {
      g_autofree char *name = g_file_get_basename (file);
      g_autofree char *folder = csp_backups_get_folder (data->location);
      g_autofree char *body = g_strdup_printf (
          _ ("The open database will be replaced by the backup “%s”. The database as it is now "
             "is kept in the backups folder, “%s”."),
          name, folder);

      ask (parent, _ ("Replace the Database?"), body, _ ("_Replace"), ADW_RESPONSE_DESTRUCTIVE,
           _ ("_Cancel"), data);
    }
  else
    restore_data_free (data);
  g_object_unref (chooser);
}

/* A team server's database is never replaced from a desktop. */
static void
explain_server (GtkWindow *parent)
{
  GtkWidget *dialog = adw_message_dialog_new (
      parent, _ ("Restoring a Team Server"),
      _ ("A team server’s database is backed up and restored by its administrator, with the "
         "server’s own tools. To load a backup file into a new, empty server database, use "
         "“csp-engage-cli restore”."));

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _ ("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/**
 * csp_backup_actions_restore:
 * @context: (nullable): the open database, if any
 * @location: the database file to restore when no @context is open (as
 *   when it could not be opened)
 * @restore: replaces the database, once the person has chosen a backup
 *   and confirmed
 *
 * Asks which backup to restore, starting in the backups folder, then asks
 * to confirm before @restore replaces the database.
 */
void
csp_backup_actions_restore (GtkWindow *parent, CspContext *context, const char *location,
                            CspRestoreFunc restore, gpointer user_data)
{
  GtkFileChooserNative *chooser;
  g_autoptr (GFile) folder = NULL;
  g_autofree char *folder_path = NULL;

  g_return_if_fail (context == NULL || CSP_IS_CONTEXT (context));
  g_return_if_fail (context != NULL || location != NULL);
  g_return_if_fail (restore != NULL);

  if (context != NULL)
    {
      CspDatabase *database = csp_store_get_database (csp_context_get_store (context));

      if (csp_database_get_engine (database) != CSP_ENGINE_SQLITE)
        {
          explain_server (parent);
          return;
        }
      location = csp_database_get_location (database);
    }
  chooser = gtk_file_chooser_native_new (_ ("Restore Backup"), parent, GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _ ("_Choose"), _ ("_Cancel"));
  add_database_filter (GTK_FILE_CHOOSER (chooser));
  folder_path = csp_backups_get_folder (location);
  folder = g_file_new_for_path (folder_path);
  if (g_file_query_exists (folder, NULL))
    gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (restore_chosen_cb),
                    restore_data_new (location, restore, user_data));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* The day of an automatic backup, in words. */
static char *
describe_day (const char *location, const char *backup)
{
  g_autofree char *stem = csp_backups_get_stem (location);
  g_autofree char *name = g_path_get_basename (backup);
  g_autoptr (GDateTime) time = NULL;
  GDate date;

  if (!csp_backup_rotation_parse (stem, name, &date))
    return g_steal_pointer (&name);
  time = g_date_time_new_local (g_date_get_year (&date), g_date_get_month (&date),
                                g_date_get_day (&date), 0, 0, 0);
  /* TRANSLATORS: the day of a backup, as g_date_time_format() writes it */
  return g_date_time_format (time, _ ("%-d %B %Y"));
}

/**
 * csp_backup_actions_offer_newest:
 * @location: a database file that could not be opened because it is damaged
 * @restore: replaces the database, if the person accepts
 *
 * Offers the newest automatic backup of @location that passes its check,
 * if there is one.
 *
 * Returns: (transfer none) (nullable): the dialog that offers it
 */
AdwMessageDialog *
csp_backup_actions_offer_newest (GtkWindow *parent, const char *location, CspRestoreFunc restore,
                                 gpointer user_data)
{
  g_autofree char *backup = NULL;
  g_autofree char *day = NULL;
  g_autofree char *body = NULL;
  g_autofree char *folder = NULL;
  RestoreData *data;

  g_return_val_if_fail (location != NULL, NULL);
  g_return_val_if_fail (restore != NULL, NULL);

  backup = csp_backups_find_newest_good (location);
  if (backup == NULL)
    return NULL;
  day = describe_day (location, backup);
  folder = csp_backups_get_folder (location);
  body = g_strdup_printf (_ ("The database is damaged. The newest backup that passes its check "
                             "is from %s. Restoring it replaces the damaged database, which is "
                             "kept in the backups folder, “%s”, for a specialist to look at."),
                          day, folder);
  data = restore_data_new (location, restore, user_data);
  data->backup = g_steal_pointer (&backup);
  return ask (parent, _ ("Restore the Newest Backup?"), body, _ ("_Restore Backup"),
              ADW_RESPONSE_SUGGESTED, _ ("_Not Now"), data);
}

/**
 * csp_backup_actions_show_restored:
 * @window: the window on the database, restored or not
 * @kept: (nullable): where the database that was replaced is kept
 * @error: (nullable): why nothing was restored
 *
 * Tells how a restore went.
 */
void
csp_backup_actions_show_restored (GtkWindow *window, const char *backup, const char *kept,
                                  const GError *error)
{
  g_autofree char *name = g_path_get_basename (backup);
  g_autofree char *done = g_strdup_printf (_ ("Restored from “%s”"), name);

  g_return_if_fail (backup != NULL);

  if (kept != NULL)
    g_debug ("The replaced database is kept as %s", kept);
  csp_gui_report (window, error, _ ("Could Not Restore"), done);
}

/* The backup of the day */

static void
keep_daily_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autoptr (GDate) today = g_date_new_dmy ((GDateDay) g_date_time_get_day_of_month (now),
                                            (GDateMonth) g_date_time_get_month (now),
                                            (GDateYear) g_date_time_get_year (now));
  GError *error = NULL;
  char *made = NULL;

  if (!csp_backups_keep_daily (task_data, today, &made, &error))
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, made, g_free);
}

static void
kept_daily_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *made = g_task_propagate_pointer (G_TASK (result), &error);

  if (error != NULL)
    {
      g_autofree char *failed =
          g_strdup_printf (_ ("Today’s backup could not be made: %s"), error->message);

      g_warning ("%s", failed);
      /* A toast, not a question: the work of the day goes on. */
      if (gtk_widget_get_mapped (GTK_WIDGET (source)))
        csp_gui_report (GTK_WINDOW (source), NULL, NULL, failed);
    }
  else if (made != NULL)
    g_debug ("Today's backup: %s", made);
}

/**
 * csp_backup_actions_keep_daily:
 * @window: the window just opened on @location, where a failure is told
 * @location: the database; a team server's gets none
 *
 * Makes the backup of the day, if it is not made yet, in a thread of its
 * own (csp_backups_keep_daily()).
 */
void
csp_backup_actions_keep_daily (GtkWindow *window, const char *location)
{
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (GTK_IS_WINDOW (window));
  g_return_if_fail (location != NULL);

  if (csp_database_location_is_server (location))
    return;
  task = g_task_new (window, NULL, kept_daily_cb, NULL);
  g_task_set_task_data (task, g_strdup (location), g_free);
  g_task_run_in_thread (task, keep_daily_thread);
}
