/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "csp-sample.h"
#include "csp-server-dialog.h"
#include "gui-test-util.h"
#include "test-engine.h"
#include "test-folder.h"
#include "test-store-file.h"

/* Connecting to a team server from the primary menu's dialog, against the
 * PostgreSQL server of the run: the partnership opens, a server that does
 * not answer says so in the dialog, and the address is remembered without
 * its password. */

typedef struct
{
  char *folder;
  char *location;
  char *database_name;
  GSettings *settings;
  CspServerDialog *dialog;
  CspDatabase *connected;
} Fixture;

static void
fixture_set_up (Fixture *fixture, gconstpointer data)
{
  g_autoptr (CspStore) store = NULL;
  g_autoptr (GError) error = NULL;

  fixture->folder = test_folder_new ("csp-server-dialog");
  fixture->location = test_engine_new_location (fixture->folder, "unused.db");
  fixture->database_name = g_path_get_basename (fixture->location);
  store = test_store_file_open_location (fixture->location);
  g_assert_true (csp_sample_load (store, &error));
  g_assert_no_error (error);
  fixture->settings = g_settings_new (APPLICATION_ID);
  g_settings_reset (fixture->settings, "recent-servers");
  fixture->dialog = csp_server_dialog_new (NULL, fixture->settings);
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer data)
{
  if (fixture->dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (fixture->dialog));
  g_clear_object (&fixture->connected);
  g_clear_object (&fixture->settings);
  test_engine_drop_location (fixture->location);
  test_folder_remove (fixture->folder);
  g_clear_pointer (&fixture->database_name, g_free);
  g_clear_pointer (&fixture->location, g_free);
  g_clear_pointer (&fixture->folder, g_free);
}

static void
collect_rows (GtkWidget *widget, GPtrArray *rows)
{
  if (ADW_IS_ENTRY_ROW (widget))
    g_ptr_array_add (rows, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_rows (child, rows);
}

/* The dialog's rows in the order a person fills them: server, port,
 * database, user, password, service. */
static void
fill (Fixture *fixture, const char *host, const char *port, const char *database)
{
  g_autoptr (GPtrArray) rows = g_ptr_array_new ();
  const char *values[] = { host, port, database, g_getenv ("PGUSER"), g_getenv ("PGPASSWORD"), "" };

  collect_rows (GTK_WIDGET (fixture->dialog), rows);
  g_assert_cmpuint (rows->len, ==, G_N_ELEMENTS (values));
  for (guint i = 0; i < rows->len; i++)
    gtk_editable_set_text (GTK_EDITABLE (rows->pdata[i]), values[i] != NULL ? values[i] : "");
}

static void
connected_cb (CspServerDialog *dialog, CspDatabase *database, Fixture *fixture)
{
  g_set_object (&fixture->connected, database);
}

static void
dialog_destroyed_cb (GtkWidget *dialog, Fixture *fixture)
{
  fixture->dialog = NULL;
}

static gboolean
is_connected (gconstpointer fixture)
{
  return ((const Fixture *) fixture)->connected != NULL;
}

/* The label styled as an error, under @widget. */
static GtkWidget *
find_error_label (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_has_css_class (widget, "error"))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_error_label (child);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkLabel *
error_label (Fixture *fixture)
{
  GtkWidget *label = find_error_label (GTK_WIDGET (fixture->dialog));

  g_assert_nonnull (label);
  return GTK_LABEL (label);
}

static gboolean
shows_error (gconstpointer fixture)
{
  return gtk_widget_get_visible (GTK_WIDGET (error_label ((Fixture *) fixture)));
}

static void
test_connects (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GVariant) recent = NULL;
  const char *service, *host, *port, *database, *user;

  g_signal_connect (fixture->dialog, "connected", G_CALLBACK (connected_cb), fixture);
  g_signal_connect (fixture->dialog, "destroy", G_CALLBACK (dialog_destroyed_cb), fixture);
  fill (fixture, g_getenv ("PGHOST"), g_getenv ("PGPORT"), fixture->database_name);
  present_window (GTK_WINDOW (fixture->dialog));
  save_screenshot (GTK_WIDGET (fixture->dialog), "screenshot-server-dialog.png");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->dialog), "server.connect", NULL));
  wait_until (is_connected, fixture, "the dialog to connect");

  g_assert_nonnull (fixture->connected);
  g_assert_cmpint (csp_database_get_engine (fixture->connected), ==, CSP_ENGINE_POSTGRESQL);
  g_assert_nonnull (
      strstr (csp_database_get_location (fixture->connected), fixture->database_name));
  g_assert_null (fixture->dialog);

  /* Remembered for next time, without any password. */
  recent = g_settings_get_value (fixture->settings, "recent-servers");
  g_assert_cmpuint (g_variant_n_children (recent), ==, 1);
  g_variant_get_child (recent, 0, "(&s&s&s&s&s)", &service, &host, &port, &database, &user);
  g_assert_cmpstr (database, ==, fixture->database_name);
  if (g_getenv ("PGPASSWORD") != NULL)
    {
      g_autofree char *kept = g_variant_print (recent, FALSE);
      g_assert_null (strstr (kept, g_getenv ("PGPASSWORD")));
    }
}

/* Nothing listening: the dialog says so, and stays for another try. */
static void
test_unreachable (Fixture *fixture, gconstpointer data)
{
  fill (fixture, "127.0.0.1", "1", fixture->database_name);
  present_window (GTK_WINDOW (fixture->dialog));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->dialog), "server.connect", NULL));
  wait_until (shows_error, fixture, "the dialog to say it could not connect");
  g_test_message ("%s", gtk_label_get_text (error_label (fixture)));
  g_assert_nonnull (strstr (gtk_label_get_text (error_label (fixture)), "does not answer"));
  g_assert_nonnull (strstr (gtk_label_get_text (error_label (fixture)), "127.0.0.1:1"));
  save_screenshot (GTK_WIDGET (fixture->dialog), "screenshot-server-dialog-error.png");
}

int
main (int argc, char *argv[])
{
  gui_test_init (&argc, &argv);
  if (!test_engine_is_postgresql ())
    {
      g_print ("1..0 # SKIP the team server dialog is tested on the PostgreSQL run\n");
      return 0;
    }
  test_engine_skip_unless_available ();

  g_test_add ("/server-dialog/connects", Fixture, NULL, fixture_set_up, test_connects,
              fixture_tear_down);
  g_test_add ("/server-dialog/unreachable", Fixture, NULL, fixture_set_up, test_unreachable,
              fixture_tear_down);
  return g_test_run ();
}
