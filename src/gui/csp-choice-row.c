/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "csp-choice-row"

#include "config.h"

#include <glib/gi18n.h>

#include "csp-choice-row.h"

/* A row for choosing one of many long names, a reference to a partner or
 * an action: the chosen one shown whole as the row's subtitle, and a
 * popover with a search entry over the names, each wrapped. Typing finds
 * the names that have what is typed anywhere in them, in any case; Down goes from the entry
 * into the list; Enter picks the highlighted name, the one the keyboard
 * is on, and in the entry the first name found. libadwaita 1.2's combo
 * row has no search, and cuts names at twenty characters. Like
 * AdwComboRow it has "model" (of #GtkStringObject) and "selected". */

#define LIST_WIDTH_CHARS 40

struct _CspChoiceRow
{
  AdwActionRow parent_instance;

  GListModel *model;
  guint selected;

  GtkWidget *popover;
  GtkWidget *search_entry;
  GtkListView *list;
  GtkStringFilter *filter;
  GtkFilterListModel *found;
  GtkSingleSelection *highlight;
};

G_DEFINE_FINAL_TYPE (CspChoiceRow, csp_choice_row, ADW_TYPE_ACTION_ROW)

enum
{
  PROP_0,
  PROP_MODEL,
  PROP_SELECTED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char *
name_at (GListModel *model, guint position)
{
  g_autoptr (GtkStringObject) item = model != NULL ? g_list_model_get_item (model, position) : NULL;

  /* The model keeps its items: the string outlives this reference. */
  return item != NULL ? gtk_string_object_get_string (item) : NULL;
}

static void
show_selected (CspChoiceRow *self)
{
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self), name_at (self->model, self->selected));
}

/* Picks the name at @position of the found ones, and closes the popover. */
static void
pick_found (CspChoiceRow *self, guint position)
{
  g_autoptr (GObject) item = g_list_model_get_item (G_LIST_MODEL (self->found), position);

  if (item == NULL)
    return;
  for (guint i = 0; i < g_list_model_get_n_items (self->model); i++)
    {
      g_autoptr (GObject) candidate = g_list_model_get_item (self->model, i);

      if (candidate == item)
        {
          csp_choice_row_set_selected (self, i);
          break;
        }
    }
  gtk_popover_popdown (GTK_POPOVER (self->popover));
}

static void
list_activate_cb (GtkListView *list, guint position, CspChoiceRow *self)
{
  pick_found (self, position);
}

static void
search_activate_cb (GtkSearchEntry *entry, CspChoiceRow *self)
{
  guint position = gtk_single_selection_get_selected (self->highlight);

  pick_found (self, position != GTK_INVALID_LIST_POSITION ? position : 0);
}

/* Found as each letter is typed: the names are few enough not to wait. */
static void
search_changed_cb (GtkEditable *entry, CspChoiceRow *self)
{
  gtk_string_filter_set_search (self->filter, gtk_editable_get_text (GTK_EDITABLE (entry)));
  gtk_single_selection_set_selected (self->highlight, 0);
}

/* Down from the search entry goes to the names found. */
static gboolean
search_key_cb (GtkEventControllerKey *controller, guint keyval, guint keycode,
               GdkModifierType state, CspChoiceRow *self)
{
  guint highlighted = gtk_single_selection_get_selected (self->highlight);

  if (keyval != GDK_KEY_Down && keyval != GDK_KEY_KP_Down)
    return FALSE;
  if (highlighted == GTK_INVALID_LIST_POSITION)
    return TRUE;
  /* Into the list on the name highlighted, not the one the keyboard was
   * on before the typing: Enter there picks what is highlighted. (The
   * list puts its keyboard where it scrolls to.) */
  gtk_widget_activate_action (GTK_WIDGET (self->list), "list.scroll-to-item", "u", highlighted);
  gtk_widget_child_focus (GTK_WIDGET (self->list), GTK_DIR_TAB_FORWARD);
  return TRUE;
}

static void
item_setup_cb (GtkSignalListItemFactory *factory, GtkListItem *item, CspChoiceRow *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new (NULL);
  GtkWidget *check = gtk_image_new_from_icon_name ("object-select-symbolic");

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_max_width_chars (GTK_LABEL (label), LIST_WIDTH_CHARS);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), check);
  gtk_list_item_set_child (item, box);
}

static void
item_bind_cb (GtkSignalListItemFactory *factory, GtkListItem *item, CspChoiceRow *self)
{
  GtkWidget *label = gtk_widget_get_first_child (gtk_list_item_get_child (item));
  GtkWidget *check = gtk_widget_get_last_child (gtk_list_item_get_child (item));
  g_autoptr (GObject) chosen =
      self->model != NULL ? g_list_model_get_item (self->model, self->selected) : NULL;

  gtk_label_set_label (GTK_LABEL (label),
                       gtk_string_object_get_string (gtk_list_item_get_item (item)));
  /* The check mark by the name chosen now, as libadwaita's list has it. */
  gtk_widget_set_opacity (check, gtk_list_item_get_item (item) == chosen);
}

/* Opens with every name listed and the chosen one highlighted. */
static void
popover_show_cb (GtkPopover *popover, CspChoiceRow *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_string_filter_set_search (self->filter, NULL);
  gtk_single_selection_set_selected (self->highlight, self->selected);
  if (self->selected != GTK_INVALID_LIST_POSITION)
    gtk_widget_activate_action (GTK_WIDGET (self->list), "list.scroll-to-item", "u",
                                self->selected);
}

/* Typing goes to the search entry from the start. */
static void
popover_map_cb (GtkPopover *popover, CspChoiceRow *self)
{
  gtk_widget_grab_focus (self->search_entry);
}

static void
row_activated_cb (AdwActionRow *row, CspChoiceRow *self)
{
  csp_choice_row_popup (self);
}

static void
csp_choice_row_dispose (GObject *object)
{
  CspChoiceRow *self = CSP_CHOICE_ROW (object);

  g_clear_pointer (&self->popover, gtk_widget_unparent);
  g_clear_object (&self->model);
  g_clear_object (&self->highlight);

  G_OBJECT_CLASS (csp_choice_row_parent_class)->dispose (object);
}

static void
csp_choice_row_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  CspChoiceRow *self = CSP_CHOICE_ROW (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      g_value_set_object (value, self->model);
      break;
    case PROP_SELECTED:
      g_value_set_uint (value, self->selected);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
csp_choice_row_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  CspChoiceRow *self = CSP_CHOICE_ROW (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      csp_choice_row_set_model (self, g_value_get_object (value));
      break;
    case PROP_SELECTED:
      csp_choice_row_set_selected (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
csp_choice_row_size_allocate (GtkWidget *widget, int width, int height, int baseline)
{
  CspChoiceRow *self = CSP_CHOICE_ROW (widget);

  GTK_WIDGET_CLASS (csp_choice_row_parent_class)->size_allocate (widget, width, height, baseline);
  gtk_popover_present (GTK_POPOVER (self->popover));
}

static void
csp_choice_row_class_init (CspChoiceRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = csp_choice_row_dispose;
  object_class->get_property = csp_choice_row_get_property;
  object_class->set_property = csp_choice_row_set_property;
  widget_class->size_allocate = csp_choice_row_size_allocate;

  properties[PROP_MODEL] =
      g_param_spec_object ("model", NULL, NULL, G_TYPE_LIST_MODEL,
                           G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_SELECTED] =
      g_param_spec_uint ("selected", NULL, NULL, 0, G_MAXUINT, GTK_INVALID_LIST_POSITION,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
csp_choice_row_init (CspChoiceRow *self)
{
  g_autoptr (GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  GtkExpression *name = gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");
  GtkEventController *keys = gtk_event_controller_key_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *scrolled = gtk_scrolled_window_new ();

  self->selected = GTK_INVALID_LIST_POSITION;
  self->filter = gtk_string_filter_new (name);
  gtk_string_filter_set_match_mode (self->filter, GTK_STRING_FILTER_MATCH_MODE_SUBSTRING);
  gtk_string_filter_set_ignore_case (self->filter, TRUE);
  self->found = gtk_filter_list_model_new (NULL, GTK_FILTER (self->filter));
  self->highlight = gtk_single_selection_new (G_LIST_MODEL (self->found));
  gtk_single_selection_set_autoselect (self->highlight, TRUE);

  g_signal_connect (factory, "setup", G_CALLBACK (item_setup_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (item_bind_cb), self);
  self->list = GTK_LIST_VIEW (gtk_list_view_new (
      GTK_SELECTION_MODEL (g_object_ref (self->highlight)), g_object_ref (factory)));
  gtk_list_view_set_single_click_activate (self->list, FALSE);
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "navigation-sidebar");
  g_signal_connect (self->list, "activate", G_CALLBACK (list_activate_cb), self);

  self->search_entry = gtk_search_entry_new ();
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->search_entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _ ("Find a name"), -1);
  gtk_search_entry_set_key_capture_widget (GTK_SEARCH_ENTRY (self->search_entry),
                                           GTK_WIDGET (self->list));
  g_signal_connect (self->search_entry, "changed", G_CALLBACK (search_changed_cb), self);
  g_signal_connect (self->search_entry, "activate", G_CALLBACK (search_activate_cb), self);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (search_key_cb), self);
  gtk_widget_add_controller (self->search_entry, keys);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _ ("Names found"), -1);

  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 360);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (self->list));
  gtk_widget_set_size_request (box, 320, -1);
  gtk_box_append (GTK_BOX (box), self->search_entry);
  gtk_box_append (GTK_BOX (box), scrolled);

  self->popover = gtk_popover_new ();
  gtk_popover_set_child (GTK_POPOVER (self->popover), box);
  gtk_popover_set_position (GTK_POPOVER (self->popover), GTK_POS_BOTTOM);
  gtk_widget_set_parent (self->popover, GTK_WIDGET (self));
  g_signal_connect (self->popover, "show", G_CALLBACK (popover_show_cb), self);
  g_signal_connect (self->popover, "map", G_CALLBACK (popover_map_cb), self);

  adw_action_row_add_suffix (ADW_ACTION_ROW (self),
                             gtk_image_new_from_icon_name ("pan-down-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (self), TRUE);
  g_signal_connect (self, "activated", G_CALLBACK (row_activated_cb), self);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_HAS_POPUP, TRUE,
                                  -1);
}

/**
 * csp_choice_row_new:
 *
 * Returns: (transfer floating): a row with nothing to choose yet
 */
GtkWidget *
csp_choice_row_new (void)
{
  return g_object_new (CSP_TYPE_CHOICE_ROW, NULL);
}

/**
 * csp_choice_row_set_model:
 * @model: (nullable): the names, as #GtkStringObject
 *
 * Lists @model's names; the first is chosen.
 */
void
csp_choice_row_set_model (CspChoiceRow *self, GListModel *model)
{
  g_return_if_fail (CSP_IS_CHOICE_ROW (self));

  if (!g_set_object (&self->model, model))
    return;
  gtk_filter_list_model_set_model (self->found, model);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODEL]);
  csp_choice_row_set_selected (
      self, model != NULL && g_list_model_get_n_items (model) > 0 ? 0 : GTK_INVALID_LIST_POSITION);
  show_selected (self);
}

GListModel *
csp_choice_row_get_model (CspChoiceRow *self)
{
  g_return_val_if_fail (CSP_IS_CHOICE_ROW (self), NULL);
  return self->model;
}

/**
 * csp_choice_row_set_selected:
 * @position: the name to choose, or %GTK_INVALID_LIST_POSITION for none
 */
void
csp_choice_row_set_selected (CspChoiceRow *self, guint position)
{
  g_return_if_fail (CSP_IS_CHOICE_ROW (self));

  if (self->model == NULL || position >= g_list_model_get_n_items (self->model))
    position = GTK_INVALID_LIST_POSITION;
  if (position == self->selected)
    return;
  self->selected = position;
  show_selected (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED]);
}

guint
csp_choice_row_get_selected (CspChoiceRow *self)
{
  g_return_val_if_fail (CSP_IS_CHOICE_ROW (self), GTK_INVALID_LIST_POSITION);
  return self->selected;
}

/**
 * csp_choice_row_popup:
 *
 * Opens the list of names, with the search entry focused, as a click or
 * Enter on the row does.
 */
void
csp_choice_row_popup (CspChoiceRow *self)
{
  g_return_if_fail (CSP_IS_CHOICE_ROW (self));
  gtk_popover_popup (GTK_POPOVER (self->popover));
}

GtkWidget *
csp_choice_row_get_search_entry (CspChoiceRow *self)
{
  g_return_val_if_fail (CSP_IS_CHOICE_ROW (self), NULL);
  return self->search_entry;
}

GtkListView *
csp_choice_row_get_list (CspChoiceRow *self)
{
  g_return_val_if_fail (CSP_IS_CHOICE_ROW (self), NULL);
  return self->list;
}
