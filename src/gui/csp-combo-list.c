/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "csp-combo-list"

#include "config.h"

#include "csp-combo-list.h"

/* A combo row whose choices are long names ("Reduce anti-social behaviour
 * (Action Plan 2021-22)"): libadwaita cuts each at twenty characters, in
 * the row and in its list, so that two names alike to there look the same.
 * Here the chosen one is the row's subtitle, and the list wraps each
 * choice, with a check mark by the chosen one as libadwaita's list has. */

#define LIST_WIDTH_CHARS 40

static void
show_check (AdwComboRow *row, GParamSpec *pspec, GtkListItem *item)
{
  GtkWidget *check = gtk_widget_get_last_child (gtk_list_item_get_child (item));

  gtk_widget_set_opacity (check,
                          adw_combo_row_get_selected_item (row) == gtk_list_item_get_item (item));
}

static void
setup_cb (GtkSignalListItemFactory *factory, GtkListItem *item, AdwComboRow *row)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_max_width_chars (GTK_LABEL (label), LIST_WIDTH_CHARS);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), gtk_image_new_from_icon_name ("object-select-symbolic"));
  gtk_list_item_set_child (item, box);
}

static void
bind_cb (GtkSignalListItemFactory *factory, GtkListItem *item, AdwComboRow *row)
{
  GtkWidget *label = gtk_widget_get_first_child (gtk_list_item_get_child (item));

  gtk_label_set_label (GTK_LABEL (label),
                       gtk_string_object_get_string (gtk_list_item_get_item (item)));
  g_signal_connect (row, "notify::selected-item", G_CALLBACK (show_check), item);
  show_check (row, NULL, item);
}

static void
unbind_cb (GtkSignalListItemFactory *factory, GtkListItem *item, AdwComboRow *row)
{
  g_signal_handlers_disconnect_by_func (row, show_check, item);
}

/**
 * csp_combo_list_show_whole:
 * @row: a combo row over a #GtkStringList
 *
 * Shows the row's choices whole: the chosen one as its subtitle, each in
 * its list wrapped.
 */
void
csp_combo_list_show_whole (AdwComboRow *row)
{
  g_autoptr (GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  g_return_if_fail (ADW_IS_COMBO_ROW (row));

  g_signal_connect (factory, "setup", G_CALLBACK (setup_cb), row);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cb), row);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_cb), row);
  adw_combo_row_set_list_factory (row, factory);
  adw_combo_row_set_use_subtitle (row, TRUE);
}
