/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "csp-recent-databases"

#include "config.h"

#include <glib/gi18n.h>

#include "csp-recent-databases.h"

/* The databases a person used, files and team servers, kept in the
 * settings: offered in the main menu, and the last one again on the next
 * start. Servers are the server dialog's list (recent-servers), never
 * with a password. */

#define MAX_RECENT 8

/**
 * csp_recent_databases_add_file:
 * @settings: (nullable): the application's settings
 * @path: a database file just opened
 *
 * Puts @path first among the recent files.
 */
void
csp_recent_databases_add_file (GSettings *settings, const char *path)
{
  g_auto (GStrv) old = NULL;
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  g_auto (GStrv) files = NULL;
  guint n = 1;

  if (settings == NULL)
    return;
  old = g_settings_get_strv (settings, "recent-files");
  g_strv_builder_add (builder, path);
  for (guint i = 0; old[i] != NULL && n < MAX_RECENT; i++)
    if (!g_str_equal (old[i], path))
      {
        g_strv_builder_add (builder, old[i]);
        n++;
      }
  files = g_strv_builder_end (builder);
  g_settings_set_strv (settings, "recent-files", (const char *const *) files);
  g_settings_set_boolean (settings, "last-was-server", FALSE);
}

/**
 * csp_recent_databases_note_server:
 *
 * Says that the database opened last is on a team server (which the
 * server dialog has put first among the recent servers).
 */
void
csp_recent_databases_note_server (GSettings *settings)
{
  if (settings != NULL)
    g_settings_set_boolean (settings, "last-was-server", TRUE);
}

/**
 * csp_recent_databases_get_start_file:
 *
 * Returns: (transfer full) (nullable): the newest recent file that still
 *   exists, to open on start; %NULL for the default database
 */
char *
csp_recent_databases_get_start_file (GSettings *settings)
{
  g_auto (GStrv) files = NULL;

  if (settings == NULL)
    return NULL;
  files = g_settings_get_strv (settings, "recent-files");
  for (guint i = 0; files[i] != NULL; i++)
    if (g_file_test (files[i], G_FILE_TEST_IS_REGULAR))
      return g_strdup (files[i]);
  return NULL;
}

/**
 * csp_recent_databases_last_was_server:
 *
 * Returns: whether the database opened last was on a team server
 */
gboolean
csp_recent_databases_last_was_server (GSettings *settings)
{
  return settings != NULL && g_settings_get_boolean (settings, "last-was-server");
}

/* "csp_engage on db.example.org", or the service's name. */
static char *
describe_server (const char *service, const char *host, const char *database)
{
  if (*service != '\0')
    /* Translators: a team server known by its pg_service.conf name. */
    return g_strdup_printf (_ ("Team server “%s”"), service);
  /* Translators: a database on a team server, e.g. "csp_engage on db.example.org". */
  return g_strdup_printf (_ ("%s on %s"), *database != '\0' ? database : _ ("(default database)"),
                          *host != '\0' ? host : _ ("this computer"));
}

/**
 * csp_recent_databases_fill_menu:
 * @menu: the menu section to fill (emptied first)
 * @open_location: (nullable): the database open in the window, left out
 *
 * Lists the recent files (app.open-recent-file with the path) and team
 * servers (app.connect-recent-server with their place in the list).
 */
void
csp_recent_databases_fill_menu (GMenu *menu, GSettings *settings, const char *open_location)
{
  g_auto (GStrv) files = NULL;
  g_autoptr (GVariant) servers = NULL;

  g_menu_remove_all (menu);
  if (settings == NULL)
    return;
  files = g_settings_get_strv (settings, "recent-files");
  for (guint i = 0; files[i] != NULL; i++)
    {
      g_autofree char *name = g_filename_display_basename (files[i]);
      g_autoptr (GMenuItem) item = NULL;

      if (g_strcmp0 (files[i], open_location) == 0 || !g_file_test (files[i], G_FILE_TEST_EXISTS))
        continue;
      item = g_menu_item_new (name, NULL);
      g_menu_item_set_action_and_target_value (item, "app.open-recent-file",
                                               g_variant_new_string (files[i]));
      g_menu_append_item (menu, item);
    }
  servers = g_settings_get_value (settings, "recent-servers");
  for (gsize i = 0; i < g_variant_n_children (servers); i++)
    {
      const char *service, *host, *port, *database, *user;
      g_autofree char *label = NULL;
      g_autoptr (GMenuItem) item = NULL;

      g_variant_get_child (servers, i, "(&s&s&s&s&s)", &service, &host, &port, &database, &user);
      label = describe_server (service, host, database);
      item = g_menu_item_new (label, NULL);
      g_menu_item_set_action_and_target_value (item, "app.connect-recent-server",
                                               g_variant_new_int32 ((gint32) i));
      g_menu_append_item (menu, item);
    }
}
