/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "csp-record-form"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "csp-choice-row.h"
#include "csp-choices.h"
#include "csp-dates.h"
#include "csp-record-form-field.h"
#include "csp-ref-choices.h"

/* One field of a record form: the widgets that edit one column, of the
 * kind that suits it (entry, date with calendar, number, switch, list of
 * choices, list of records, text area, partners to tick), how they show
 * the record's value, and how they say what is wrong with it. Reading
 * what is typed into the record, and the state of the form as a whole,
 * are csp-record-form.c's. */

/* For %CSP_COLUMN_MONTH_OF_YEAR: a month is chosen by its name. */
static const char *const month_names[12] = {
  NC_ ("month", "January"), NC_ ("month", "February"), NC_ ("month", "March"),
  NC_ ("month", "April"),   NC_ ("month", "May"),      NC_ ("month", "June"),
  NC_ ("month", "July"),    NC_ ("month", "August"),   NC_ ("month", "September"),
  NC_ ("month", "October"), NC_ ("month", "November"), NC_ ("month", "December"),
};

void
csp_form_field_free (CspFormField *field)
{
  g_clear_pointer (&field->ids, g_array_unref);
  g_clear_pointer (&field->checks, g_ptr_array_unref);
  g_free (field->problem);
  g_free (field);
}

/**
 * csp_form_field_show_problem:
 * @problem: (nullable): what is wrong with the field's value, or %NULL
 *
 * Marks the field at fault and says why, or clears that.
 */
void
csp_form_field_show_problem (CspFormField *field, const char *problem)
{
  g_free (field->problem);
  field->problem = g_strdup (problem);
  if (problem != NULL)
    gtk_widget_add_css_class (field->row, "error");
  else
    gtk_widget_remove_css_class (field->row, "error");

  if (field->problem_icon != NULL)
    gtk_widget_set_visible (field->problem_icon, problem != NULL);
  if (field->message != NULL)
    {
      /* An alert: screen readers say it as it appears. */
      gtk_label_set_text (GTK_LABEL (field->message), problem != NULL ? problem : "");
      gtk_widget_set_visible (field->message_row != NULL ? field->message_row : field->message,
                              problem != NULL);
      gtk_widget_remove_css_class (field->message, "dim-label");
      gtk_widget_add_css_class (field->message, "error");
    }
  else if (ADW_IS_ACTION_ROW (field->row))
    adw_action_row_set_subtitle (ADW_ACTION_ROW (field->row), problem != NULL ? problem : "");
  gtk_accessible_update_property (GTK_ACCESSIBLE (field->editor),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  problem != NULL ? problem : "", -1);
  gtk_accessible_update_state (
      GTK_ACCESSIBLE (field->editor), GTK_ACCESSIBLE_STATE_INVALID,
      problem != NULL ? GTK_ACCESSIBLE_INVALID_TRUE : GTK_ACCESSIBLE_INVALID_FALSE, -1);
}

/* Near its limit, a text area says how much of it is used, so that the
 * limit is no surprise; over it, the problem says so instead. */
#define ROOM_SHOWN_FROM 0.9

void
csp_form_field_show_room (CspFormField *field, const char *text)
{
  glong n_chars;
  g_autofree char *room = NULL;

  if (field->message == NULL || field->problem != NULL || field->column->max_length == 0)
    return;
  n_chars = text != NULL ? g_utf8_strlen (text, -1) : 0;
  if ((double) n_chars < ROOM_SHOWN_FROM * field->column->max_length)
    {
      gtk_widget_set_visible (field->message, FALSE);
      return;
    }
  /* Translators: characters used of those a field may hold */
  room = g_strdup_printf (_ ("%lu of %u characters"), (gulong) n_chars, field->column->max_length);
  gtk_label_set_text (GTK_LABEL (field->message), room);
  gtk_widget_remove_css_class (field->message, "error");
  gtk_widget_add_css_class (field->message, "dim-label");
  gtk_widget_set_visible (field->message, TRUE);
}

/* Accepts dd/mm/yyyy as typed in Britain, and stores ISO; anything else
 * is kept as typed, for the check to name. */
char *
csp_form_field_normalise_date (const char *text)
{
  char *iso = csp_date_from_typed (text);

  return iso != NULL ? iso : g_strdup (text);
}

/* A field's choice row, an AdwComboRow or (for references) a
 * CspChoiceRow: both have "model" and "selected". */
guint
csp_form_field_get_selected (CspFormField *field)
{
  guint selected = GTK_INVALID_LIST_POSITION;

  g_object_get (field->row, "selected", &selected, NULL);
  return selected;
}

static void
choice_set_selected (CspFormField *field, guint position)
{
  g_object_set (field->row, "selected", position, NULL);
}

static void
calendar_day_selected_cb (GtkCalendar *calendar, GtkEditable *entry)
{
  g_autoptr (GDateTime) date = gtk_calendar_get_date (calendar);
  g_autofree char *typed = g_date_time_format (date, "%d/%m/%Y");
  GtkWidget *popover = gtk_widget_get_ancestor (GTK_WIDGET (calendar), GTK_TYPE_POPOVER);

  gtk_editable_set_text (entry, typed);
  gtk_popover_popdown (GTK_POPOVER (popover));
}

static void
calendar_show_cb (GtkWidget *popover, GtkEditable *entry)
{
  GtkCalendar *calendar = GTK_CALENDAR (gtk_popover_get_child (GTK_POPOVER (popover)));
  g_autofree char *iso = csp_form_field_normalise_date (gtk_editable_get_text (entry));
  int year, month, day;

  /* Opens on the date in the field, if it holds one. */
  if (sscanf (iso, "%4d-%2d-%2d", &year, &month, &day) == 3 && g_date_valid_dmy (day, month, year))
    {
      g_autoptr (GDateTime) date = g_date_time_new_local (year, month, day, 0, 0, 0);
      g_signal_handlers_block_by_func (calendar, calendar_day_selected_cb, entry);
      gtk_calendar_select_day (calendar, date);
      g_signal_handlers_unblock_by_func (calendar, calendar_day_selected_cb, entry);
    }
}

static GtkWidget *
make_calendar_button (GtkWidget *entry_row, const char *label)
{
  GtkWidget *button = gtk_menu_button_new ();
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *calendar = gtk_calendar_new ();
  g_autofree char *accessible = g_strdup_printf (_ ("Choose %s"), label);

  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "x-office-calendar-symbolic");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, accessible);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible, -1);
  gtk_popover_set_child (GTK_POPOVER (popover), calendar);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (button), popover);
  g_signal_connect (calendar, "day-selected", G_CALLBACK (calendar_day_selected_cb), entry_row);
  g_signal_connect (popover, "show", G_CALLBACK (calendar_show_cb), entry_row);
  return button;
}

/* The message of a field that is a row: in words in a row of its own
 * under it, readable without a mouse; an alert, which screen readers
 * announce as it appears; and what describes the field to them. A mark in
 * the field's row points to it. */
static void
make_problem_message (CspFormField *field)
{
  field->problem_icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
  gtk_widget_add_css_class (field->problem_icon, "error");
  gtk_widget_set_visible (field->problem_icon, FALSE);

  field->message = g_object_new (GTK_TYPE_LABEL, "accessible-role", GTK_ACCESSIBLE_ROLE_ALERT,
                                 "xalign", 0.0f, "wrap", TRUE, "margin-start", 12, "margin-end", 12,
                                 "margin-top", 6, "margin-bottom", 6, NULL);
  gtk_widget_add_css_class (field->message, "caption");
  field->message_row =
      g_object_new (ADW_TYPE_PREFERENCES_ROW, "activatable", FALSE, "selectable", FALSE,
                    "focusable", FALSE, "visible", FALSE, "child", field->message, NULL);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (field->editor),
                                  GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, field->message, NULL, -1);
}

/**
 * csp_form_field_build_entry:
 *
 * Makes @field an entry row; its "changed" is the form's to follow.
 */
void
csp_form_field_build_entry (CspFormField *field, const char *label)
{
  field->row = field->editor = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (field->row), label);
  make_problem_message (field);
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (field->row), field->problem_icon);
  if (field->column->kind == CSP_COLUMN_INT)
    gtk_text_set_input_purpose (GTK_TEXT (gtk_editable_get_delegate (GTK_EDITABLE (field->row))),
                                GTK_INPUT_PURPOSE_DIGITS);
  if (field->column->kind == CSP_COLUMN_DATE)
    adw_entry_row_add_suffix (ADW_ENTRY_ROW (field->row), make_calendar_button (field->row, label));
}

/**
 * csp_form_field_build_switch:
 *
 * Makes @field a row with a switch, its editor, whose "notify::active"
 * is the form's to follow.
 */
void
csp_form_field_build_switch (CspFormField *field, const char *label)
{
  field->row = adw_action_row_new ();
  field->editor = gtk_switch_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (field->row), label);
  gtk_widget_set_valign (field->editor, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (field->editor), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  label, -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (field->row), field->editor);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (field->row), field->editor);
}

/* How many letters of the name chosen a combo row shows at its end. */
#define COMBO_WIDTH_CHARS 20

/* Fills a list row with the choices or the referenced records. */
void
csp_form_field_fill_combo (CspFormField *field, CspStore *store)
{
  const CspColumn *column = field->column;
  g_autoptr (GtkStringList) labels = gtk_string_list_new (NULL);
  gint64 none = 0;

  g_array_set_size (field->ids, 0);
  /* Position 0 stands for no value: "None", or "Choose…" where one is required. */
  {
    gtk_string_list_append (labels,
                            (column->flags & CSP_COLUMN_REQUIRED) ? _ ("Choose…") : _ ("None"));
    g_array_append_val (field->ids, none);
  }
  if (column->flags & CSP_COLUMN_MONTH_OF_YEAR)
    for (gint64 month = 1; month <= 12; month++)
      {
        gtk_string_list_append (labels, g_dpgettext2 (NULL, "month", month_names[month - 1]));
        g_array_append_val (field->ids, month);
      }
  else if (column->kind == CSP_COLUMN_CHOICE)
    for (gint64 i = 0; column->choices[i] != NULL; i++)
      {
        gint64 id = i + 1;
        gtk_string_list_append (labels, csp_choice_label (column->choices[i]));
        g_array_append_val (field->ids, id);
      }
  else
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (GPtrArray) choices =
          csp_ref_choices_list_for_column (store, column, field->ids, &error);

      if (choices == NULL)
        g_warning ("Could not list the choices for %s: %s", column->name, error->message);
      for (guint i = 0; choices != NULL && i < choices->len; i++)
        gtk_string_list_append (labels, g_ptr_array_index (choices, i));
    }
  if (ADW_IS_COMBO_ROW (field->row))
    {
      glong longest = 0;

      for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (labels)); i++)
        longest = MAX (longest, g_utf8_strlen (gtk_string_list_get_string (labels, i), -1));
      /* A combo row cuts the name chosen short past some twenty letters,
       * at its end: a longer one ("Responsible Authorities Group") is
       * shown whole, under the title. */
      adw_combo_row_set_use_subtitle (ADW_COMBO_ROW (field->row), longest > COMBO_WIDTH_CHARS);
    }
  g_object_set (field->row, "model", labels, NULL);
}

/**
 * csp_form_field_build_combo:
 *
 * Makes @field a list of choices, or of the records a reference may name;
 * its "notify::selected" is the form's to follow.
 */
void
csp_form_field_build_combo (CspFormField *field, CspStore *store, const char *label)
{
  /* Records go by names that may be long, alike to their last words and
   * many (seventeen partners): a row that shows the chosen one whole, as
   * its subtitle, and finds them by typing; a problem then shows under it. */
  field->row = field->editor =
      field->column->kind == CSP_COLUMN_REF ? csp_choice_row_new () : adw_combo_row_new ();
  field->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (field->row), label);
  /* The subtitle may be the name chosen: a problem goes under the row. */
  make_problem_message (field);
  adw_action_row_add_suffix (ADW_ACTION_ROW (field->row), field->problem_icon);
  csp_form_field_fill_combo (field, store);
}

/* Paragraphs get a text area of their own group, titled with the label. */
/**
 * csp_form_field_build_text_area:
 *
 * Makes @field a text area; the changes of its buffer are the form's to
 * follow.
 *
 * Returns: (transfer floating): the group the text area and its message
 *   are in
 */
GtkWidget *
csp_form_field_build_text_area (CspFormField *field, const char *label)
{
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *frame = gtk_frame_new (NULL);
  /* Grows with its text up to a point, then scrolls: an outcome may be
   * thousands of words, and the message under it must stay in view. */
  GtkWidget *scrolled =
      g_object_new (GTK_TYPE_SCROLLED_WINDOW, "hscrollbar-policy", GTK_POLICY_NEVER,
                    "propagate-natural-height", TRUE, "max-content-height", 320, NULL);

  field->editor = gtk_text_view_new ();
  field->row = frame;
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (field->editor), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (field->editor), FALSE);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (field->editor), 8);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (field->editor), 8);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (field->editor), 8);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (field->editor), 8);
  gtk_widget_set_size_request (field->editor, -1, 72);
  gtk_accessible_update_property (GTK_ACCESSIBLE (field->editor), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  label, -1);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), field->editor);
  gtk_frame_set_child (GTK_FRAME (frame), scrolled);
  gtk_widget_add_css_class (frame, "view");
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), label);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), frame);

  /* The problem, or the room left, in words under the text: an alert,
   * which screen readers announce as it appears. */
  field->message =
      g_object_new (GTK_TYPE_LABEL, "accessible-role", GTK_ACCESSIBLE_ROLE_ALERT, "xalign", 0.0f,
                    "wrap", TRUE, "visible", FALSE, "margin-top", 6, NULL);
  gtk_widget_add_css_class (field->message, "caption");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), field->message);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (field->editor),
                                  GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, field->message, NULL, -1);

  return group;
}

/* Shows the partners whose names have what is typed in them, in any case. */
static void
find_partners (CspFormField *field)
{
  g_autofree char *wanted =
      g_utf8_casefold (gtk_editable_get_text (GTK_EDITABLE (field->search)), -1);

  for (guint i = 0; i < field->checks->len; i++)
    {
      GtkWidget *row =
          gtk_widget_get_ancestor (g_ptr_array_index (field->checks, i), ADW_TYPE_ACTION_ROW);
      g_autofree char *name =
          g_utf8_casefold (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), -1);

      gtk_widget_set_visible (row, strstr (name, wanted) != NULL);
    }
}

static void
partner_search_changed_cb (GtkSearchEntry *entry, CspFormField *field)
{
  find_partners (field);
}

/**
 * csp_form_field_fill_partners:
 * @toggled: (scope notified): what a check button's "toggled" calls,
 *   with @data
 *
 * Lists the partners afresh, a check button each.
 */
void
csp_form_field_fill_partners (CspFormField *field, CspStore *store, GCallback toggled,
                              gpointer data)
{
  CspQuery query = { .sort_column = "name" };
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) partners = csp_store_list (store, CSP_TYPE_PARTNER, &query, &error);

  for (guint i = 0; i < field->checks->len; i++)
    adw_expander_row_remove (
        ADW_EXPANDER_ROW (field->row),
        gtk_widget_get_ancestor (g_ptr_array_index (field->checks, i), ADW_TYPE_ACTION_ROW));
  g_ptr_array_set_size (field->checks, 0);
  g_array_set_size (field->ids, 0);
  if (partners == NULL)
    {
      g_warning ("Could not list the partners: %s", error->message);
      return;
    }
  for (guint i = 0; i < partners->len; i++)
    {
      CspRecord *partner = g_ptr_array_index (partners, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();
      gint64 id = csp_record_get_id (partner);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     csp_record_get_string (partner, "name"));
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      csp_record_get_string (partner, "name"), -1);
      g_object_set_data (G_OBJECT (check), "csp-field", field);
      g_signal_connect (check, "toggled", toggled, data);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (field->row), row);
      g_ptr_array_add (field->checks, check);
      g_array_append_val (field->ids, id);
    }
  if (field->search != NULL)
    find_partners (field);
}

/**
 * csp_form_field_build_partners:
 * @label: (nullable): what the record type calls its supporting partners
 *
 * Makes @field the supporting partners, to be listed with
 * csp_form_field_fill_partners().
 */
void
csp_form_field_build_partners (CspFormField *field, const char *label)
{
  GtkWidget *search_row;

  field->row = field->editor = adw_expander_row_new ();
  field->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  field->checks = g_ptr_array_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (field->row),
                                 label != NULL ? _ (label) : _ ("Supporting partners"));

  /* Seventeen partners and more: found by typing, as every reference is. */
  field->search = gtk_search_entry_new ();
  gtk_widget_set_margin_start (field->search, 12);
  gtk_widget_set_margin_end (field->search, 12);
  gtk_widget_set_margin_top (field->search, 6);
  gtk_widget_set_margin_bottom (field->search, 6);
  gtk_accessible_update_property (GTK_ACCESSIBLE (field->search), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _ ("Find a partner"), -1);
  g_signal_connect (field->search, "search-changed", G_CALLBACK (partner_search_changed_cb), field);
  search_row = g_object_new (ADW_TYPE_PREFERENCES_ROW, "activatable", FALSE, "selectable", FALSE,
                             "child", field->search, NULL);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (field->row), search_row);
}

static void
select_id (CspFormField *field, gint64 id)
{
  for (guint i = 0; i < field->ids->len; i++)
    if (g_array_index (field->ids, gint64, i) == id)
      {
        choice_set_selected (field, i);
        return;
      }
  choice_set_selected (field, 0);
}

/**
 * csp_form_field_load:
 * @working: the record as edited
 *
 * Shows @working's value of @field.
 */
void
csp_form_field_load (CspFormField *field, CspRecord *working)
{
  const CspColumn *column = field->column;

  if (column == NULL)
    {
      guint n_ids = 0;
      const gint64 *ids = csp_record_get_partner_ids (working, &n_ids);

      for (guint i = 0; i < field->checks->len; i++)
        {
          gboolean ticked = FALSE;
          for (guint j = 0; j < n_ids && !ticked; j++)
            ticked = ids[j] == g_array_index (field->ids, gint64, i);
          gtk_check_button_set_active (g_ptr_array_index (field->checks, i), ticked);
        }
      adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (field->row), n_ids == 0 ? _ ("None") : "");
      return;
    }
  switch (column->kind)
    {
    case CSP_COLUMN_BOOL:
      gtk_switch_set_active (GTK_SWITCH (field->editor),
                             csp_record_get_bool (working, column->name));
      break;
    case CSP_COLUMN_CHOICE:
      {
        const char *word = csp_record_get_string (working, column->name);
        gint64 index = 0;

        for (guint i = 0; word != NULL && column->choices[i] != NULL; i++)
          if (g_str_equal (column->choices[i], word))
            index = i + 1;
        select_id (field, index);
      }
      break;
    case CSP_COLUMN_REF:
      select_id (field, csp_record_get_int (working, column->name));
      break;
    case CSP_COLUMN_TEXT:
      if (column->flags & CSP_COLUMN_MULTILINE)
        {
          const char *text = csp_record_get_string (working, column->name);
          gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (field->editor)),
                                    text != NULL ? text : "", -1);
          break;
        }
      G_GNUC_FALLTHROUGH;
    case CSP_COLUMN_MONTH:
      {
        const char *text = csp_record_get_string (working, column->name);
        gtk_editable_set_text (GTK_EDITABLE (field->editor), text != NULL ? text : "");
      }
      break;
    case CSP_COLUMN_DATE:
      {
        g_autofree char *typed =
            csp_date_format_typed (csp_record_get_string (working, column->name));
        gtk_editable_set_text (GTK_EDITABLE (field->editor), typed);
      }
      break;
    case CSP_COLUMN_INT:
      if (column->flags & CSP_COLUMN_MONTH_OF_YEAR)
        {
          select_id (field, csp_record_get_int (working, column->name));
          break;
        }
      G_GNUC_FALLTHROUGH;
    default:
      {
        g_autofree char *text =
            csp_record_is_null (working, column->name)
                ? g_strdup ("")
                : g_strdup_printf ("%" G_GINT64_FORMAT, csp_record_get_int (working, column->name));
        gtk_editable_set_text (GTK_EDITABLE (field->editor), text);
      }
      break;
    }
}
