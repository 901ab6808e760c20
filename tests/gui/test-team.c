/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "csp-activities-page.h"
#include "csp-preferences-window.h"
#include "csp-trends-page.h"
#include "csp-record-editor.h"
#include "csp-record-form.h"
#include "csp-records.h"
#include "csp-server-roles.h"
#include "csp-window.h"
#include "gui-test-util.h"
#include "test-engine.h"
#include "test-store-file.h"

/* A team on one server, as its people meet it in the window: a viewer's
 * window that changes nothing and says why, a partner's analyst who sees
 * only their organisation's records, an editor whose role is taken away
 * while typing, and the server going away and coming back in the middle
 * of an edit. The owner of the database (the test's own login) sets the
 * roles up; each person is a login with a password of this test's own. */

typedef struct
{
  GuiFixture gui; /* the owner's */
  CspStore *store;
  CspContext *context;
  CspWindow *window;
  CspActivitiesPage *page;
} Fixture;

#define PASSWORD "correct horse battery staple"

/* A login of this test's own, named after its database. */
static char *
login_name (Fixture *fixture, const char *who)
{
  g_autofree char *database = g_path_get_basename (fixture->gui.location);

  return g_strdup_printf ("%s_person_%s", database, who);
}

static void
add_user (Fixture *fixture, const char *who, CspServerRole role, gint64 partner_id)
{
  g_autofree char *name = login_name (fixture, who);
  CspDatabase *database = csp_store_get_database (fixture->gui.store);
  g_autoptr (GError) error = NULL;

  csp_server_roles_add_user (database, name, role, partner_id, PASSWORD, &error);
  g_assert_no_error (error);
}

/* A window on the database as @who would see it on their desktop. */
static void
open_window_as (Fixture *fixture, const char *who)
{
  g_autofree char *name = login_name (fixture, who);
  g_autofree char *user = g_uri_escape_string (name, NULL, FALSE);
  g_autofree char *password = g_uri_escape_string (PASSWORD, NULL, FALSE);
  g_autofree char *location =
      g_strdup_printf ("%s?user=%s&password=%s", fixture->gui.location, user, password);
  g_autoptr (GError) error = NULL;

  fixture->store = test_store_file_open_location (location);
  fixture->context = csp_context_new (fixture->store);
  csp_context_watch_changes (fixture->context, &error);
  g_assert_no_error (error);
  fixture->window = csp_window_new (NULL, fixture->context);
  fixture->page = CSP_ACTIVITIES_PAGE (csp_window_get_page (fixture->window, "activities"));
  present_window (GTK_WINDOW (fixture->window));
}

static void
drop_user (Fixture *fixture, const char *who)
{
  g_autofree char *name = login_name (fixture, who);

  csp_server_roles_remove_user (csp_store_get_database (fixture->gui.store), name, NULL);
}

static void
fixture_set_up (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  gui_fixture_set_up (&fixture->gui);
  csp_server_roles_init (csp_store_get_database (fixture->gui.store), &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer data)
{
  if (fixture->window != NULL)
    gtk_window_destroy (GTK_WINDOW (fixture->window));
  g_clear_object (&fixture->context);
  g_clear_object (&fixture->store);
  for (const char *const *who = (const char *const[]){ "viewer", "analyst", "editor", NULL };
       *who != NULL; who++)
    drop_user (fixture, *who);
  gui_fixture_tear_down (&fixture->gui);
}

/* The window's bar that is showing, if any, and its words. */
static GtkInfoBar *
shown_bar (GtkWidget *widget, GtkMessageType type)
{
  if (GTK_IS_INFO_BAR (widget) && gtk_widget_get_visible (widget) &&
      gtk_info_bar_get_revealed (GTK_INFO_BAR (widget)) &&
      gtk_info_bar_get_message_type (GTK_INFO_BAR (widget)) == type)
    return GTK_INFO_BAR (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkInfoBar *found = shown_bar (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static const char *
bar_text (GtkInfoBar *bar)
{
  return gtk_label_get_text (GTK_LABEL (find_first (GTK_WIDGET (bar), GTK_TYPE_LABEL)));
}

static gboolean
access_bar_shown (gconstpointer data)
{
  Fixture *fixture = (Fixture *) data;

  return shown_bar (GTK_WIDGET (fixture->window), GTK_MESSAGE_INFO) != NULL;
}

static gboolean
connection_bar_shown (gconstpointer data)
{
  Fixture *fixture = (Fixture *) data;

  return shown_bar (GTK_WIDGET (fixture->window), GTK_MESSAGE_WARNING) != NULL;
}

static gboolean
connection_bar_gone (gconstpointer data)
{
  Fixture *fixture = (Fixture *) data;

  return !connection_bar_shown (fixture);
}

static CspRecordEditor *
editor_of (Fixture *fixture)
{
  return csp_activities_page_get_editor (fixture->page);
}

static GtkEditable *
title_field (Fixture *fixture)
{
  return GTK_EDITABLE (
      csp_record_form_get_field (csp_record_editor_get_form (editor_of (fixture)), "title"));
}

static void
select_first_activity (Fixture *fixture)
{
  GtkColumnView *view = csp_activities_page_get_column_view (fixture->page);

  gtk_single_selection_set_selected (GTK_SINGLE_SELECTION (gtk_column_view_get_model (view)), 0);
  wait_for_frame (GTK_WIDGET (fixture->window));
}

static gboolean
button_enabled (Fixture *fixture, GtkWidget *root, const char *action)
{
  GtkWidget *button = find_widget (root, is_button_for_action, action);

  g_assert_nonnull (button);
  return gtk_widget_is_sensitive (button);
}

/* Ctrl+N (the page's "new" action) opens a new activity in the editor. */
static gboolean
offers_new_activity (Fixture *fixture)
{
  CspRecord *record;

  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "activities.new", NULL);
  record = csp_record_form_get_record (csp_record_editor_get_form (editor_of (fixture)));
  return record != NULL && csp_record_get_id (record) == 0;
}

/* A viewer reads everything, and every edit control is off; the window
 * says plainly that it is read-only, and why. */
static void
test_viewer_window (Fixture *fixture, gconstpointer data)
{
  GtkInfoBar *bar;

  add_user (fixture, "viewer", CSP_SERVER_ROLE_VIEWER, 0);
  open_window_as (fixture, "viewer");
  wait_until (access_bar_shown, fixture, "the read-only bar");
  bar = shown_bar (GTK_WIDGET (fixture->window), GTK_MESSAGE_INFO);
  g_test_message ("bar: %s", bar_text (bar));
  g_assert_true (g_str_has_prefix (bar_text (bar), "Read-only."));
  g_assert_nonnull (strstr (bar_text (bar), "a viewer"));
  g_assert_nonnull (strstr (bar_text (bar), "ask an admin"));

  g_assert_cmpuint (csp_activities_page_get_n_matching (fixture->page), >, 0);
  g_assert_false (offers_new_activity (fixture));
  select_first_activity (fixture);
  g_assert_false (gtk_widget_is_sensitive (GTK_WIDGET (title_field (fixture))));
  g_assert_false (button_enabled (fixture, GTK_WIDGET (editor_of (fixture)), "editor.save"));
  g_assert_false (button_enabled (fixture, GTK_WIDGET (editor_of (fixture)), "editor.delete"));
  save_screenshot (GTK_WIDGET (fixture->window), "screenshot-viewer-window.png");

  /* The monthly figures can be read and copied, not typed over. */
  {
    CspTrendsPage *trends = CSP_TRENDS_PAGE (csp_window_get_page (fixture->window, "trends"));
    GtkWidget *cell =
        find_first (GTK_WIDGET (csp_trends_page_get_figures_page (trends)), GTK_TYPE_ENTRY);

    g_assert_nonnull (cell);
    g_assert_false (gtk_editable_get_editable (GTK_EDITABLE (cell)));
  }

  /* The partnership's settings are read, not changed. */
  g_assert_true (
      gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.preferences", NULL));
  {
    g_autoptr (GList) toplevels = gtk_window_list_toplevels ();
    CspPreferencesWindow *preferences = NULL;

    for (GList *l = toplevels; l != NULL; l = l->next)
      if (CSP_IS_PREFERENCES_WINDOW (l->data))
        preferences = l->data;
    g_assert_nonnull (preferences);
    wait_for_frame (GTK_WIDGET (preferences));
    g_assert_false (gtk_widget_is_sensitive (
        find_widget (GTK_WIDGET (preferences), is_button_labelled, "_Save")));
    gtk_window_destroy (GTK_WINDOW (preferences));
  }
}

/* The owner's answer to @sql, with @value bound to each of its
 * @n_values placeholders. */
static gint64
query_int (Fixture *fixture, const char *sql, gint64 value, int n_values)
{
  CspDatabase *database = csp_store_get_database (fixture->gui.store);
  g_autoptr (CspStatement) stmt = csp_database_prepare (database, sql, NULL);
  gint64 result;

  g_assert_nonnull (stmt);
  for (int i = 1; i <= n_values; i++)
    csp_statement_bind_int64 (stmt, i, value);
  g_assert_cmpint (csp_statement_step (stmt, NULL), ==, CSP_STEP_ROW);
  result = csp_statement_get_int64 (stmt, 0);
  g_assert_true (csp_statement_run (stmt, NULL));
  return result;
}

/* A police analyst sees the activities their organisation leads or
 * supports, and no other. */
static void
test_partner_scoped_viewer (Fixture *fixture, gconstpointer data)
{
  gint64 police =
      query_int (fixture, "SELECT min (id) FROM partner WHERE name LIKE '%Police%'", 0, 0);
  gint64 theirs = query_int (fixture,
                             "SELECT count(*) FROM activity a WHERE a.lead_partner_id = ? OR "
                             "EXISTS (SELECT 1 FROM activity_partner p WHERE p.activity_id = a.id "
                             "AND p.partner_id = ?)",
                             police, 2);
  gint64 all = query_int (fixture, "SELECT count(*) FROM activity", 0, 0);
  GtkInfoBar *bar;

  g_assert_cmpint (police, >, 0);
  g_assert_cmpint (theirs, >, 0);
  g_assert_cmpint (theirs, <, all);
  add_user (fixture, "analyst", CSP_SERVER_ROLE_VIEWER, police);
  open_window_as (fixture, "analyst");
  wait_until (access_bar_shown, fixture, "the read-only bar");
  bar = shown_bar (GTK_WIDGET (fixture->window), GTK_MESSAGE_INFO);
  g_test_message ("bar: %s", bar_text (bar));
  g_assert_nonnull (strstr (bar_text (bar), "Police"));
  g_assert_cmpuint (csp_activities_page_get_n_matching (fixture->page), ==, theirs);
}

static gboolean
form_locked (gconstpointer data)
{
  Fixture *fixture = (Fixture *) data;

  return !gtk_widget_is_sensitive (GTK_WIDGET (title_field (fixture)));
}

/* An editor's role is taken away while they type: the window follows at
 * once, and what they typed stays in the form. */
static void
test_role_taken_away (Fixture *fixture, gconstpointer data)
{
  g_autofree char *name = login_name (fixture, "editor");
  g_autoptr (GError) error = NULL;

  add_user (fixture, "editor", CSP_SERVER_ROLE_EDITOR, 0);
  open_window_as (fixture, "editor");
  g_assert_false (access_bar_shown (fixture));
  g_assert_true (offers_new_activity (fixture));
  select_first_activity (fixture);
  gtk_editable_set_text (title_field (fixture), "Typed before the role went");
  g_assert_false (form_locked (fixture));

  csp_server_roles_set_role (csp_store_get_database (fixture->gui.store), name,
                             CSP_SERVER_ROLE_VIEWER, 0, &error);
  g_assert_no_error (error);
  wait_until (form_locked, fixture, "the form to lock");
  g_assert_true (access_bar_shown (fixture));
  g_assert_cmpstr (gtk_editable_get_text (title_field (fixture)), ==, "Typed before the role went");
  g_assert_false (button_enabled (fixture, GTK_WIDGET (editor_of (fixture)), "editor.save"));
}

/* The run's server, as Debian's tools name it ("15/main"). */
static char **
cluster_of (Fixture *fixture)
{
  CspDatabase *database = csp_store_get_database (fixture->gui.store);
  g_autoptr (CspStatement) stmt = csp_database_prepare (database, "SHOW cluster_name", NULL);
  char **version_and_name;

  g_assert_cmpint (csp_statement_step (stmt, NULL), ==, CSP_STEP_ROW);
  version_and_name = g_strsplit (csp_statement_get_text (stmt, 0), "/", 2);
  g_assert_cmpuint (g_strv_length (version_and_name), ==, 2);
  return version_and_name;
}

/* How long the run's server stays away. */
#define DOWN_SECONDS "5"

/* Stops the run's server, and has it started again DOWN_SECONDS later by
 * a process of its own: whatever becomes of this test, the tests after it
 * find the server up. */
static void
stop_server_for_a_while (const char *const *cluster)
{
  const char *stop[] = { "pg_ctlcluster", cluster[0], cluster[1], "stop", "-m", "fast", NULL };
  g_autofree char *restart = g_strdup_printf ("sleep %s; exec pg_ctlcluster %s %s start",
                                              DOWN_SECONDS, cluster[0], cluster[1]);
  const char *later[] = { "/bin/sh", "-c", restart, NULL };
  g_autoptr (GError) error = NULL;
  g_autofree char *errors = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char **) stop, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL, NULL,
                NULL, NULL, &errors, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("pg_ctlcluster stop: %s", errors);
  g_spawn_async (NULL, (char **) later, NULL,
                 G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
}

static gboolean
dialog_shown (gconstpointer data)
{
  return find_shown_window (ADW_TYPE_MESSAGE_DIALOG) != NULL;
}

static gboolean
all_connected (gconstpointer data)
{
  Fixture *fixture = (Fixture *) data;

  return csp_database_is_connected (csp_store_get_database (fixture->store)) &&
         csp_database_is_connected (csp_store_get_database (fixture->gui.store)) &&
         connection_bar_gone (fixture);
}

/* The server stops in the middle of an edit: a bar says so, a save is
 * refused with a message and the typed text stays; when the server is
 * back, the window connects again by itself and the same save goes
 * through. */
static void
test_server_restarts (Fixture *fixture, gconstpointer data)
{
  g_auto (GStrv) cluster = cluster_of (fixture);
  g_autoptr (CspRecord) stored = NULL;
  g_autoptr (GError) error = NULL;
  AdwMessageDialog *dialog;
  CspRecord *record;
  gint64 id;

  add_user (fixture, "editor", CSP_SERVER_ROLE_EDITOR, 0);
  open_window_as (fixture, "editor");
  select_first_activity (fixture);
  record = csp_record_form_get_record (csp_record_editor_get_form (editor_of (fixture)));
  id = csp_record_get_id (record);
  gtk_editable_set_text (title_field (fixture), "Typed while the server was away");

  stop_server_for_a_while ((const char *const *) cluster);
  wait_until (connection_bar_shown, fixture, "the lost-connection bar");
  g_test_message ("bar: %s",
                  bar_text (shown_bar (GTK_WIDGET (fixture->window), GTK_MESSAGE_WARNING)));
  /* No screenshot here: the bar's spinner keeps the main loop busy, so it
   * never settles for one. */

  gtk_widget_activate_action (GTK_WIDGET (editor_of (fixture)), "editor.save", NULL);
  wait_until (dialog_shown, fixture, "a message");
  dialog = ADW_MESSAGE_DIALOG (find_shown_window (ADW_TYPE_MESSAGE_DIALOG));
  g_test_message ("%s: %s", adw_message_dialog_get_heading (dialog),
                  adw_message_dialog_get_body (dialog));
  g_assert_nonnull (strstr (adw_message_dialog_get_heading (dialog), "Server Cannot Be Reached"));
  adw_message_dialog_response (dialog, "close");
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_cmpstr (gtk_editable_get_text (title_field (fixture)), ==,
                   "Typed while the server was away");

  wait_until (all_connected, fixture, "the connections to come back");
  g_assert_cmpstr (gtk_editable_get_text (title_field (fixture)), ==,
                   "Typed while the server was away");

  g_assert_true (
      gtk_widget_activate_action (GTK_WIDGET (editor_of (fixture)), "editor.save", NULL));
  g_assert_null (ADW_MESSAGE_DIALOG (find_shown_window (ADW_TYPE_MESSAGE_DIALOG)));
  stored = csp_store_get (fixture->gui.store, CSP_TYPE_ACTIVITY, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (csp_record_get_string (stored, "title"), ==, "Typed while the server was away");
}

int
main (int argc, char *argv[])
{
  if (!gui_test_init (&argc, &argv))
    {
      g_print ("1..0 # SKIP no display: run the GUI tests under Xvfb\n");
      return 0;
    }
  if (!test_engine_is_postgresql ())
    {
      g_print ("1..0 # SKIP roles and connections exist on a team server only\n");
      return 0;
    }
  test_engine_skip_unless_available ();

  g_test_add ("/team/viewer-window", Fixture, NULL, fixture_set_up, test_viewer_window,
              fixture_tear_down);
  g_test_add ("/team/partner-scoped-viewer", Fixture, NULL, fixture_set_up,
              test_partner_scoped_viewer, fixture_tear_down);
  g_test_add ("/team/role-taken-away", Fixture, NULL, fixture_set_up, test_role_taken_away,
              fixture_tear_down);
  g_test_add ("/team/server-restarts", Fixture, NULL, fixture_set_up, test_server_restarts,
              fixture_tear_down);
  return g_test_run ();
}
