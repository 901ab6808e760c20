/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "csp-column-chooser"

#include "config.h"

#include <glib/gi18n.h>

#include "csp-column-chooser.h"

/* Which columns of a column view are shown: every column header's menu
 * (a right-click, or Shift+F10 / Menu on the focused header) lists the
 * columns with a check mark each, and the hidden ones are kept in a
 * GSettings string-list key so the next start shows the same. GTK 4.8's
 * columns have no id of their own, so each is given one here. */

#define COLUMN_ID_KEY "csp-column-id"
#define ACTION_GROUP "columns"

typedef struct
{
  GtkColumnView *view;
  GSettings *settings; /* nullable: an uninstalled build keeps the choice for the session */
  char *key;
  GSimpleActionGroup *actions;
} Chooser;

static void
chooser_free (Chooser *chooser)
{
  g_clear_object (&chooser->settings);
  g_clear_object (&chooser->actions);
  g_free (chooser->key);
  g_free (chooser);
}

/**
 * csp_column_chooser_set_column_id:
 * @id: what the settings call the column, e.g. "lead_partner_id"
 */
void
csp_column_chooser_set_column_id (GtkColumnViewColumn *column, const char *id)
{
  g_return_if_fail (GTK_IS_COLUMN_VIEW_COLUMN (column));
  g_object_set_data_full (G_OBJECT (column), COLUMN_ID_KEY, g_strdup (id), g_free);
}

static const char *
column_id (GtkColumnViewColumn *column)
{
  return g_object_get_data (G_OBJECT (column), COLUMN_ID_KEY);
}

/* The ids of the columns not shown now. */
static GStrv
hidden_ids (Chooser *chooser)
{
  GListModel *columns = gtk_column_view_get_columns (chooser->view);
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr (GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      if (!gtk_column_view_column_get_visible (column))
        g_strv_builder_add (builder, column_id (column));
    }
  return g_strv_builder_end (builder);
}

/* Shows the columns the settings do not hide, the Title column always. */
static void
apply_settings (Chooser *chooser)
{
  GListModel *columns = gtk_column_view_get_columns (chooser->view);
  g_auto (GStrv) hidden = chooser->settings != NULL
                              ? g_settings_get_strv (chooser->settings, chooser->key)
                              : hidden_ids (chooser);

  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr (GtkColumnViewColumn) column = g_list_model_get_item (columns, i);
      gboolean shown = !g_strv_contains ((const char *const *) hidden, column_id (column));
      GAction *action =
          g_action_map_lookup_action (G_ACTION_MAP (chooser->actions), column_id (column));

      gtk_column_view_column_set_visible (column, shown);
      g_simple_action_set_state (G_SIMPLE_ACTION (action), g_variant_new_boolean (shown));
    }
}

static void
settings_changed_cb (GSettings *settings, const char *key, GtkColumnView *view)
{
  apply_settings (g_object_get_data (G_OBJECT (view), "csp-column-chooser"));
}

static void
change_state_cb (GSimpleAction *action, GVariant *state, Chooser *chooser)
{
  GListModel *columns = gtk_column_view_get_columns (chooser->view);
  g_auto (GStrv) hidden = NULL;
  guint n_shown = 0;

  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr (GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      n_shown += gtk_column_view_column_get_visible (column);
    }
  /* The last column shown stays: a list of nothing cannot get its menu back. */
  if (!g_variant_get_boolean (state) && n_shown <= 1)
    return;
  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr (GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      if (g_str_equal (column_id (column), g_action_get_name (G_ACTION (action))))
        gtk_column_view_column_set_visible (column, g_variant_get_boolean (state));
    }
  g_simple_action_set_state (action, state);
  hidden = hidden_ids (chooser);
  if (chooser->settings != NULL)
    g_settings_set_strv (chooser->settings, chooser->key, (const char *const *) hidden);
}

/**
 * csp_column_chooser_attach:
 * @view: a column view whose columns have ids (csp_column_chooser_set_column_id())
 * @settings: (nullable): where the choice is kept; %NULL keeps it for the session
 * @key: a string-list key of @settings: the ids of the hidden columns
 *
 * Gives every column header of @view a menu of the columns to show.
 */
void
csp_column_chooser_attach (GtkColumnView *view, GSettings *settings, const char *key)
{
  Chooser *chooser = g_new0 (Chooser, 1);
  GListModel *columns = gtk_column_view_get_columns (view);
  g_autoptr (GMenu) menu = g_menu_new ();
  g_autoptr (GMenu) section = g_menu_new ();

  g_return_if_fail (GTK_IS_COLUMN_VIEW (view));

  chooser->view = view;
  chooser->settings = settings != NULL ? g_object_ref (settings) : NULL;
  chooser->key = g_strdup (key);
  chooser->actions = g_simple_action_group_new ();
  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr (GtkColumnViewColumn) column = g_list_model_get_item (columns, i);
      const char *id = column_id (column);
      g_autoptr (GSimpleAction) action =
          g_simple_action_new_stateful (id, NULL, g_variant_new_boolean (TRUE));
      g_autofree char *detailed = g_strdup_printf (ACTION_GROUP ".%s", id);

      g_return_if_fail (id != NULL);
      g_signal_connect (action, "change-state", G_CALLBACK (change_state_cb), chooser);
      g_action_map_add_action (G_ACTION_MAP (chooser->actions), G_ACTION (action));
      g_menu_append (section, gtk_column_view_column_get_title (column), detailed);
    }
  g_menu_append_section (menu, _ ("Show Columns"), G_MENU_MODEL (section));
  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr (GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      gtk_column_view_column_set_header_menu (column, G_MENU_MODEL (menu));
    }
  gtk_widget_insert_action_group (GTK_WIDGET (view), ACTION_GROUP,
                                  G_ACTION_GROUP (chooser->actions));
  g_object_set_data_full (G_OBJECT (view), "csp-column-chooser", chooser,
                          (GDestroyNotify) chooser_free);
  if (settings != NULL)
    {
      g_autofree char *signal = g_strdup_printf ("changed::%s", key);

      g_signal_connect_object (settings, signal, G_CALLBACK (settings_changed_cb), view, 0);
    }
  apply_settings (chooser);
}
