/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "csp-backup-actions.h"
#include "csp-backups.h"
#include "csp-database-restore.h"
#include "csp-maintenance.h"
#include "csp-window.h"
#include "gui-test-util.h"

/* Restore… and the offer of the newest good backup for a damaged
 * database, driven as a person would: the file chooser answered, the
 * question looked at and answered. */

typedef struct
{
  GuiFixture gui;
  CspWindow *window;
  char *restored_location; /* what the restore callback was given */
  char *restored_backup;
} Fixture;

static void
fixture_set_up (Fixture *fixture, gconstpointer data)
{
  gui_fixture_set_up (&fixture->gui);
  fixture->window = csp_window_new (NULL, fixture->gui.context);
  present_window (GTK_WINDOW (fixture->window));
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer data)
{
  if (fixture->window != NULL)
    gtk_window_destroy (GTK_WINDOW (g_steal_pointer (&fixture->window)));
  settle ();
  g_free (fixture->restored_location);
  g_free (fixture->restored_backup);
  gui_fixture_tear_down (&fixture->gui);
}

static void
restore_cb (const char *location, const char *backup, gpointer user_data)
{
  Fixture *fixture = user_data;

  fixture->restored_location = g_strdup (location);
  fixture->restored_backup = g_strdup (backup);
}

/* The first shown toplevel of @type, if any. */
static GtkWindow *
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_mapped (GTK_WIDGET (window)))
        return window;
    }
  return NULL;
}

static gboolean
chooser_shown (gconstpointer data)
{
  return find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG) != NULL;
}

static gboolean
chooser_gone (gconstpointer data)
{
  return !chooser_shown (data);
}

static gboolean
question_shown (gconstpointer data)
{
  return find_toplevel (ADW_TYPE_MESSAGE_DIALOG) != NULL;
}

typedef struct
{
  GtkFileChooser *chooser;
  const char *path;
} Choice;

static gboolean
has_chosen (gconstpointer data)
{
  const Choice *choice = data;
  g_autoptr (GFile) file = gtk_file_chooser_get_file (choice->chooser);

  return file != NULL && g_strcmp0 (g_file_peek_path (file), choice->path) == 0;
}

/* Answers the file chooser on screen, opening a file, with @path. (Under
 * Xvfb, GTK's own chooser saves into the wrong folder when a test types
 * the name, so Back Up… is tested in the core, tests/test-backups.c.) */
static void
choose_file (const char *path)
{
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GError) error = NULL;
  Choice choice = { NULL, path };

  wait_until (chooser_shown, NULL, "the file chooser");
  choice.chooser = GTK_FILE_CHOOSER (find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG));
  g_assert_true (gtk_file_chooser_set_file (choice.chooser, file, &error));
  g_assert_no_error (error);
  wait_until (has_chosen, &choice, path);
  gtk_dialog_response (GTK_DIALOG (choice.chooser), GTK_RESPONSE_ACCEPT);
  wait_until (chooser_gone, NULL, "the file chooser to close");
  settle ();
}

static AdwMessageDialog *
wait_for_question (void)
{
  wait_until (question_shown, NULL, "the question");
  return ADW_MESSAGE_DIALOG (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
}

/* Garbage over the first page's tree, past the header. */
static void
damage (const char *path)
{
  static const char garbage[] = "This page is damaged beyond repair, as a bad disk leaves it.";
  int fd = g_open (path, O_WRONLY, 0);

  g_assert_cmpint (fd, >=, 0);
  for (guint offset = 100; offset < 4000; offset += sizeof garbage)
    g_assert_cmpint (pwrite (fd, garbage, sizeof garbage, offset), ==, sizeof garbage);
  close (fd);
}

/* Restore…: the backup chosen, then a question that says what happens to
 * the database as it is now; only "Replace" restores. */
static void
test_restore_asks (Fixture *fixture, gconstpointer data)
{
  g_autofree char *backup = g_build_filename (fixture->gui.folder, "kept.db", NULL);
  g_autofree char *folder = csp_backups_get_folder (fixture->gui.location);
  CspDatabase *database = csp_store_get_database (fixture->gui.store);
  AdwMessageDialog *question;
  g_autoptr (GError) error = NULL;

  g_assert_true (csp_database_backup (database, backup, &error));
  g_assert_no_error (error);

  for (guint answer = 0; answer < 2; answer++)
    {
      csp_backup_actions_restore (GTK_WINDOW (fixture->window), fixture->gui.context, NULL,
                                  restore_cb, fixture);
      choose_file (backup);
      question = wait_for_question ();
      g_assert_nonnull (strstr (adw_message_dialog_get_body (question), "kept.db"));
      g_assert_nonnull (strstr (adw_message_dialog_get_body (question), folder));
      g_assert_cmpstr (adw_message_dialog_get_default_response (question), ==, "cancel");
      if (answer == 0)
        {
          save_screenshot (GTK_WIDGET (question), "screenshot-restore-question.png");
          adw_message_dialog_response (question, "cancel");
          settle ();
          g_assert_null (fixture->restored_backup);
        }
      else
        {
          adw_message_dialog_response (question, "restore");
          settle ();
          g_assert_cmpstr (fixture->restored_location, ==, fixture->gui.location);
          g_assert_cmpstr (fixture->restored_backup, ==, backup);
        }
    }
}

/* A damaged database: the newest backup that passes its check is offered,
 * and accepting it restores that one. */
static void
test_offer_newest (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GDate) day = g_date_new_dmy (6, G_DATE_MAY, 2024);
  g_autofree char *older = NULL;
  g_autofree char *newest = NULL;
  g_autofree char *kept = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GError) damaged = NULL;
  AdwMessageDialog *offer;
  CspWindow *error_window;

  g_assert_true (csp_backups_keep_daily (fixture->gui.location, day, &older, &error));
  g_date_add_days (day, 1);
  g_assert_true (csp_backups_keep_daily (fixture->gui.location, day, &newest, &error));
  g_assert_no_error (error);
  damage (newest);
  if (fixture->window != NULL)
    gtk_window_destroy (GTK_WINDOW (g_steal_pointer (&fixture->window)));
  settle ();
  g_clear_object (&fixture->gui.context);
  g_clear_object (&fixture->gui.store);
  damage (fixture->gui.location);

  g_assert_null (csp_database_open (fixture->gui.location, &damaged));
  g_assert_error (damaged, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_CORRUPT);
  error_window = csp_window_new_for_error (NULL, damaged);
  present_window (GTK_WINDOW (error_window));
  offer = csp_backup_actions_offer_newest (GTK_WINDOW (error_window), fixture->gui.location,
                                           restore_cb, fixture);
  g_assert_nonnull (offer);
  wait_until (is_shown, offer, "the offer");
  save_screenshot (GTK_WIDGET (offer), "screenshot-restore-offer.png");
  {
    g_autoptr (GString) unnamed = g_string_new (NULL);

    collect_unnamed (GTK_WIDGET (offer), unnamed);
    g_assert_cmpstr (unnamed->str, ==, "");
  }
  g_assert_cmpstr (adw_message_dialog_get_default_response (offer), ==, "cancel");
  adw_message_dialog_response (offer, "restore");
  settle ();
  g_assert_cmpstr (fixture->restored_backup, ==, older);

  g_assert_true (csp_database_restore (fixture->gui.location, older, &kept, &error));
  g_assert_no_error (error);
  g_assert_nonnull (kept);
  gtk_window_destroy (GTK_WINDOW (error_window));
}

/* No backup passes its check: nothing is offered. */
static void
test_offer_nothing (Fixture *fixture, gconstpointer data)
{
  g_assert_null (csp_backup_actions_offer_newest (GTK_WINDOW (fixture->window),
                                                  fixture->gui.location, restore_cb, fixture));
}

int
main (int argc, char *argv[])
{
  gui_test_init (&argc, &argv);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/backup-actions/restore-asks", test_restore_asks);
  ADD ("/backup-actions/offer-newest", test_offer_newest);
  ADD ("/backup-actions/offer-nothing", test_offer_nothing);
#undef ADD

  return g_test_run ();
}
