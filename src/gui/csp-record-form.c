/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "csp-record-form"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "csp-choices.h"
#include "csp-choice-row.h"
#include "csp-record-form.h"
#include "csp-records.h"
#include "csp-ref-choices.h"

/* A form for any record type, built from its column descriptions: one row
 * per column of the kind that suits it (entry, date with calendar, number,
 * switch, list of choices, list of records, partners to tick). It edits a
 * working copy, checks each field as it changes with the same rules the
 * store applies, and says whether the copy is valid and modified; saving
 * is the caller's, through the history. */

typedef struct
{
  const CspColumn *column; /* NULL for the supporting partners */
  GtkWidget *row;
  GtkWidget *problem_icon; /* entry rows, reference combo rows: marks the row at fault */
  GtkWidget *message;      /* the message under the field, or how much room is left */
  GtkWidget *message_row;  /* entry rows, reference combo rows: the row the message is in */
  GtkWidget *editor;       /* the entry, switch, combo row or text view */
  GArray *ids;             /* references: the id at each position of the list */
  GPtrArray *checks;       /* supporting partners: one check button each */
  char *problem;           /* what is wrong with the field, or NULL */
} Field;

struct _CspRecordForm
{
  AdwPreferencesPage parent_instance;

  CspContext *context;
  GType record_type;
  CspRecord *original; /* as given; NULL before a record is set */
  CspRecord *working;
  GPtrArray *fields;
  GPtrArray *described; /* Described */
  gboolean loading;
  gboolean valid;
  gboolean modified;
  char *problem; /* the first field's problem, as last notified */
};

G_DEFINE_FINAL_TYPE (CspRecordForm, csp_record_form, ADW_TYPE_PREFERENCES_PAGE)

/* A group whose description follows the record as edited. */
typedef struct
{
  AdwPreferencesGroup *group;
  char *(*describe) (CspRecord *record);
} Described;

enum
{
  PROP_0,
  PROP_VALID,
  PROP_MODIFIED,
  PROP_RECORD,
  PROP_PROBLEM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* For %CSP_COLUMN_MONTH_OF_YEAR: a month is chosen by its name. */
static const char *const month_names[12] = {
  NC_ ("month", "January"), NC_ ("month", "February"), NC_ ("month", "March"),
  NC_ ("month", "April"),   NC_ ("month", "May"),      NC_ ("month", "June"),
  NC_ ("month", "July"),    NC_ ("month", "August"),   NC_ ("month", "September"),
  NC_ ("month", "October"), NC_ ("month", "November"), NC_ ("month", "December"),
};

static void
field_free (Field *field)
{
  g_clear_pointer (&field->ids, g_array_unref);
  g_clear_pointer (&field->checks, g_ptr_array_unref);
  g_free (field->problem);
  g_free (field);
}

static void refresh_state (CspRecordForm *self);

static void
show_problem (Field *field, const char *problem)
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

static void
show_room (Field *field, const char *text)
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

static Field *
find_field (CspRecordForm *self, const char *name)
{
  for (guint i = 0; i < self->fields->len; i++)
    {
      Field *field = g_ptr_array_index (self->fields, i);
      if (field->column != NULL && g_str_equal (field->column->name, name))
        return field;
    }
  return NULL;
}

/* Checks @field, and the fields whose order depends on it. */
static void
validate_field (CspRecordForm *self, Field *field)
{
  g_autoptr (GError) error = NULL;

  if (field->column == NULL)
    return;
  if (!csp_record_validate_column (self->working, field->column->name, &error))
    show_problem (field, error->message);
  else
    show_problem (field, NULL);

  for (guint i = 0; i < self->fields->len; i++)
    {
      Field *other = g_ptr_array_index (self->fields, i);
      g_autoptr (GError) other_error = NULL;

      if (other->column == NULL || g_strcmp0 (other->column->not_before, field->column->name) != 0)
        continue;
      if (!csp_record_validate_column (self->working, other->column->name, &other_error))
        show_problem (other, other_error->message);
      else
        show_problem (other, NULL);
    }
}

/* A stored ISO date as a person in Britain types it: dd/mm/yyyy. */
static char *
typed_date (const char *iso)
{
  guint day, month, year;
  char tail;

  if (iso != NULL && sscanf (iso, "%4u-%2u-%2u%c", &year, &month, &day, &tail) == 3 &&
      g_date_valid_dmy (day, month, year))
    return g_strdup_printf ("%02u/%02u/%04u", day, month, year);
  return g_strdup (iso != NULL ? iso : "");
}

/* Accepts dd/mm/yyyy as typed in Britain, and stores ISO. */
static char *
normalise_date (const char *text)
{
  guint day, month, year;
  char tail;

  if (sscanf (text, "%2u/%2u/%4u%c", &day, &month, &year, &tail) == 3 && year > 999 &&
      g_date_valid_dmy (day, month, year))
    return g_strdup_printf ("%04u-%02u-%02u", year, month, day);
  return g_strdup (text);
}

static void
entry_changed_cb (GtkEditable *editable, CspRecordForm *self)
{
  Field *field = g_object_get_data (G_OBJECT (editable), "csp-field");
  const CspColumn *column = field->column;
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (editable)));

  if (self->loading)
    return;
  if (*text == '\0')
    csp_record_set_null (self->working, column->name);
  else if (column->kind == CSP_COLUMN_INT)
    {
      g_autoptr (GString) digits = g_string_new (NULL);
      guint64 value = 0;

      /* Thousands as people write them: "1,234". */
      for (const char *p = text; *p != '\0'; p++)
        if (*p != ',')
          g_string_append_c (digits, *p);
      if (!g_ascii_string_to_unsigned (digits->str, 10, 0, G_MAXINT64, &value, NULL))
        {
          g_autofree char *problem =
              g_strdup_printf (_ ("%s: “%s” is not a whole number"), _ (column->label), text);
          csp_record_set_null (self->working, column->name);
          show_problem (field, problem);
          refresh_state (self);
          return;
        }
      csp_record_set_int (self->working, column->name, (gint64) value);
    }
  else if (column->kind == CSP_COLUMN_DATE)
    {
      g_autofree char *iso = normalise_date (text);
      csp_record_set_string (self->working, column->name, iso);
    }
  else
    csp_record_set_string (self->working, column->name, text);
  validate_field (self, field);
  refresh_state (self);
}

static void
text_buffer_changed_cb (GtkTextBuffer *buffer, CspRecordForm *self)
{
  Field *field = g_object_get_data (G_OBJECT (buffer), "csp-field");
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  if (self->loading)
    return;
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  if (*text == '\0')
    csp_record_set_null (self->working, field->column->name);
  else
    csp_record_set_string (self->working, field->column->name, text);
  validate_field (self, field);
  show_room (field, text);
  refresh_state (self);
}

static void
switch_active_cb (GtkSwitch *widget, GParamSpec *pspec, CspRecordForm *self)
{
  Field *field = g_object_get_data (G_OBJECT (widget), "csp-field");

  if (self->loading)
    return;
  csp_record_set_bool (self->working, field->column->name, gtk_switch_get_active (widget));
  refresh_state (self);
}

/* A field's choice row, an AdwComboRow or (for references) a
 * CspChoiceRow: both have "model" and "selected". */
static guint
choice_get_selected (Field *field)
{
  guint selected = GTK_INVALID_LIST_POSITION;

  g_object_get (field->row, "selected", &selected, NULL);
  return selected;
}

static void
choice_set_selected (Field *field, guint position)
{
  g_object_set (field->row, "selected", position, NULL);
}

static void load_field (CspRecordForm *self, Field *field);

/* A reference that fills other fields (a report's meeting: its committee
 * and date) sets them too, and shows them, so they stay in step. */
static void
fill_from_ref (CspRecordForm *self, Field *field, gint64 id)
{
  const CspColumn *column = field->column;
  g_autoptr (GError) error = NULL;
  g_autoptr (CspRecord) referenced =
      csp_store_get (csp_context_get_store (self->context),
                     csp_record_type_from_table (column->ref_table), id, &error);

  if (referenced == NULL || !csp_record_set_ref (self->working, column->name, referenced, &error))
    {
      /* Deleted meanwhile: the reference alone, which saving will refuse. */
      g_debug ("Could not fill from %s %" G_GINT64_FORMAT ": %s", column->ref_table, id,
               error->message);
      csp_record_set_int (self->working, column->name, id);
      return;
    }
  self->loading = TRUE;
  for (guint i = 0; column->ref_fills[i] != NULL; i += 2)
    {
      Field *filled = find_field (self, column->ref_fills[i]);

      if (filled == NULL)
        continue;
      load_field (self, filled);
      validate_field (self, filled);
    }
  self->loading = FALSE;
}

static void
combo_selected_cb (GtkWidget *row, GParamSpec *pspec, CspRecordForm *self)
{
  Field *field = g_object_get_data (G_OBJECT (row), "csp-field");
  guint selected = choice_get_selected (field);
  gint64 id = selected < field->ids->len ? g_array_index (field->ids, gint64, selected) : 0;

  if (self->loading)
    return;
  if (field->column->kind == CSP_COLUMN_CHOICE)
    {
      /* The ids of a choice list index its words; 0 is "none". */
      if (id == 0)
        csp_record_set_null (self->working, field->column->name);
      else
        csp_record_set_string (self->working, field->column->name, field->column->choices[id - 1]);
    }
  else if (id == 0)
    csp_record_set_null (self->working, field->column->name);
  else if (field->column->ref_fills != NULL)
    fill_from_ref (self, field, id);
  else
    csp_record_set_int (self->working, field->column->name, id);
  validate_field (self, field);
  refresh_state (self);
}

static void
partner_toggled_cb (GtkCheckButton *check, CspRecordForm *self)
{
  Field *field = g_object_get_data (G_OBJECT (check), "csp-field");
  g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  if (self->loading)
    return;
  for (guint i = 0; i < field->checks->len; i++)
    if (gtk_check_button_get_active (g_ptr_array_index (field->checks, i)))
      g_array_append_val (ids, g_array_index (field->ids, gint64, i));
  csp_record_set_partner_ids (self->working, (const gint64 *) (gpointer) ids->data, ids->len);
  refresh_state (self);
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
  g_autofree char *iso = normalise_date (gtk_editable_get_text (entry));
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
make_problem_message (Field *field)
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

static void
build_entry (CspRecordForm *self, Field *field, const char *label)
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
  g_object_set_data (G_OBJECT (field->row), "csp-field", field);
  g_signal_connect (field->row, "changed", G_CALLBACK (entry_changed_cb), self);
}

static void
build_switch (CspRecordForm *self, Field *field, const char *label)
{
  field->row = adw_action_row_new ();
  field->editor = gtk_switch_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (field->row), label);
  gtk_widget_set_valign (field->editor, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (field->editor), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  label, -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (field->row), field->editor);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (field->row), field->editor);
  g_object_set_data (G_OBJECT (field->editor), "csp-field", field);
  g_signal_connect (field->editor, "notify::active", G_CALLBACK (switch_active_cb), self);
}

/* Fills a list row with the choices or the referenced records. */
static void
fill_combo (CspRecordForm *self, Field *field)
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
      g_autoptr (GPtrArray) choices = csp_ref_choices_list_for_column (
          csp_context_get_store (self->context), column, field->ids, &error);

      if (choices == NULL)
        g_warning ("Could not list the choices for %s: %s", column->name, error->message);
      for (guint i = 0; choices != NULL && i < choices->len; i++)
        gtk_string_list_append (labels, g_ptr_array_index (choices, i));
    }
  g_object_set (field->row, "model", labels, NULL);
}

static void
build_combo (CspRecordForm *self, Field *field, const char *label)
{
  /* Records go by names that may be long, alike to their last words and
   * many (seventeen partners): a row that shows the chosen one whole, as
   * its subtitle, and finds them by typing; a problem then shows under it. */
  field->row = field->editor =
      field->column->kind == CSP_COLUMN_REF ? csp_choice_row_new () : adw_combo_row_new ();
  field->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (field->row), label);
  if (field->column->kind == CSP_COLUMN_REF)
    {
      make_problem_message (field);
      adw_action_row_add_suffix (ADW_ACTION_ROW (field->row), field->problem_icon);
    }
  fill_combo (self, field);
  g_object_set_data (G_OBJECT (field->row), "csp-field", field);
  g_signal_connect (field->row, "notify::selected", G_CALLBACK (combo_selected_cb), self);
}

/* Paragraphs get a text area of their own group, titled with the label. */
static GtkWidget *
build_text_area (CspRecordForm *self, Field *field, const char *label)
{
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *frame = gtk_frame_new (NULL);
  /* Grows with its text up to a point, then scrolls: an outcome may be
   * thousands of words, and the message under it must stay in view. */
  GtkWidget *scrolled =
      g_object_new (GTK_TYPE_SCROLLED_WINDOW, "hscrollbar-policy", GTK_POLICY_NEVER,
                    "propagate-natural-height", TRUE, "max-content-height", 320, NULL);
  GtkTextBuffer *buffer;

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

  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (field->editor));
  g_object_set_data (G_OBJECT (buffer), "csp-field", field);
  g_signal_connect (buffer, "changed", G_CALLBACK (text_buffer_changed_cb), self);
  return group;
}

static void
fill_partners (CspRecordForm *self, Field *field)
{
  CspQuery query = { .sort_column = "name" };
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) partners =
      csp_store_list (csp_context_get_store (self->context), CSP_TYPE_PARTNER, &query, &error);

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
      g_signal_connect (check, "toggled", G_CALLBACK (partner_toggled_cb), self);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (field->row), row);
      g_ptr_array_add (field->checks, check);
      g_array_append_val (field->ids, id);
    }
}

static void
build_partners (CspRecordForm *self, Field *field)
{
  const char *label = csp_record_type_get_info (self->record_type)->partners_label;

  field->row = field->editor = adw_expander_row_new ();
  field->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  field->checks = g_ptr_array_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (field->row),
                                 label != NULL ? _ (label) : _ ("Supporting partners"));
  fill_partners (self, field);
}

static void
build_group (CspRecordForm *self, const CspTableInfo *info, const CspFormGroup *spec)
{
  GtkWidget *group = adw_preferences_group_new ();
  g_auto (GStrv) names = g_strsplit (spec->columns, " ", -1);

  if (spec->title != NULL)
    adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _ (spec->title));
  if (spec->describe != NULL)
    {
      Described *described = g_new (Described, 1);

      described->group = ADW_PREFERENCES_GROUP (group);
      described->describe = spec->describe;
      g_ptr_array_add (self->described, described);
    }
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (self), ADW_PREFERENCES_GROUP (group));

  for (guint i = 0; names[i] != NULL; i++)
    {
      Field *field = g_new0 (Field, 1);
      const char *label;

      g_ptr_array_add (self->fields, field);
      if (g_str_equal (names[i], CSP_FORM_PARTNERS))
        {
          build_partners (self, field);
          adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), field->row);
          continue;
        }
      field->column = csp_table_info_find_column (info, names[i]);
      g_assert (field->column != NULL);
      label = _ (field->column->label);
      switch (field->column->kind)
        {
        case CSP_COLUMN_BOOL:
          build_switch (self, field, label);
          break;
        case CSP_COLUMN_CHOICE:
        case CSP_COLUMN_REF:
          build_combo (self, field, label);
          break;
        case CSP_COLUMN_TEXT:
          if (field->column->flags & CSP_COLUMN_MULTILINE)
            {
              adw_preferences_page_add (
                  ADW_PREFERENCES_PAGE (self),
                  ADW_PREFERENCES_GROUP (build_text_area (self, field, label)));
              continue;
            }
          build_entry (self, field, label);
          break;
        case CSP_COLUMN_INT:
          if (field->column->flags & CSP_COLUMN_MONTH_OF_YEAR)
            build_combo (self, field, label);
          else
            build_entry (self, field, label);
          break;
        case CSP_COLUMN_DATE:
        case CSP_COLUMN_MONTH:
        default:
          build_entry (self, field, label);
          break;
        }
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), field->row);
      if (field->message_row != NULL)
        adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), field->message_row);
    }
}

static void
csp_record_form_dispose (GObject *object)
{
  CspRecordForm *self = CSP_RECORD_FORM (object);

  g_clear_object (&self->original);
  g_clear_object (&self->working);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (csp_record_form_parent_class)->dispose (object);
}

static void
csp_record_form_finalize (GObject *object)
{
  CspRecordForm *self = CSP_RECORD_FORM (object);

  g_clear_pointer (&self->fields, g_ptr_array_unref);
  g_clear_pointer (&self->described, g_ptr_array_unref);
  g_free (self->problem);

  G_OBJECT_CLASS (csp_record_form_parent_class)->finalize (object);
}

static void
csp_record_form_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  CspRecordForm *self = CSP_RECORD_FORM (object);

  switch (prop_id)
    {
    case PROP_VALID:
      g_value_set_boolean (value, self->valid);
      break;
    case PROP_MODIFIED:
      g_value_set_boolean (value, self->modified);
      break;
    case PROP_RECORD:
      g_value_set_object (value, self->original);
      break;
    case PROP_PROBLEM:
      g_value_set_string (value, self->problem);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
csp_record_form_class_init (CspRecordFormClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = csp_record_form_dispose;
  object_class->finalize = csp_record_form_finalize;
  object_class->get_property = csp_record_form_get_property;

  properties[PROP_VALID] =
      g_param_spec_boolean ("valid", NULL, NULL, FALSE,
                            G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_MODIFIED] =
      g_param_spec_boolean ("modified", NULL, NULL, FALSE,
                            G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /* The record as given (not the working copy), for what is shown with it. */
  properties[PROP_RECORD] =
      g_param_spec_object ("record", NULL, NULL, CSP_TYPE_RECORD,
                           G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /* The first field's problem, as csp_record_form_get_problem() says it. */
  properties[PROP_PROBLEM] =
      g_param_spec_string ("problem", NULL, NULL, NULL,
                           G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
csp_record_form_init (CspRecordForm *self)
{
  self->fields = g_ptr_array_new_with_free_func ((GDestroyNotify) field_free);
  self->described = g_ptr_array_new_with_free_func (g_free);
}

/**
 * csp_record_form_new:
 * @groups: (array length=n_groups): which columns to show, grouped
 *
 * Returns: (transfer full): a form for records of @record_type
 */
CspRecordForm *
csp_record_form_new (CspContext *context, GType record_type, const CspFormGroup *groups,
                     guint n_groups)
{
  CspRecordForm *self;
  const CspTableInfo *info;

  g_return_val_if_fail (CSP_IS_CONTEXT (context), NULL);

  self = g_object_new (CSP_TYPE_RECORD_FORM, NULL);
  self->context = g_object_ref (context);
  self->record_type = record_type;
  info = csp_record_type_get_info (record_type);
  for (guint i = 0; i < n_groups; i++)
    build_group (self, info, &groups[i]);
  gtk_widget_set_sensitive (GTK_WIDGET (self), FALSE);
  return self;
}

/* Fields a chosen reference fills (a report's committee and meeting date,
 * from its meeting) follow it: they are the one choice's, not typed,
 * while it is made; without it they are the person's to type. */
static void
follow_filling_ref (CspRecordForm *self, Field *ref)
{
  g_autofree char *source = g_utf8_strdown (_ (ref->column->label), -1);
  /* TRANSLATORS: why a field cannot be typed in: the field it comes from */
  g_autofree char *why = g_strdup_printf (_ ("From the %s chosen above"), source);
  gboolean chosen = self->working != NULL && !csp_record_is_null (self->working, ref->column->name);

  for (guint i = 0; ref->column->ref_fills[i] != NULL; i += 2)
    {
      Field *filled = find_field (self, ref->column->ref_fills[i]);

      if (filled == NULL)
        continue;
      gtk_widget_set_sensitive (filled->row, !chosen);
      gtk_widget_set_tooltip_text (filled->row, chosen ? why : NULL);
    }
}

static void
follow_filling_refs (CspRecordForm *self)
{
  for (guint i = 0; i < self->fields->len; i++)
    {
      Field *field = g_ptr_array_index (self->fields, i);

      if (field->column != NULL && field->column->ref_fills != NULL)
        follow_filling_ref (self, field);
    }
}

static void
refresh_state (CspRecordForm *self)
{
  gboolean valid = self->working != NULL && csp_record_validate (self->working, NULL);
  gboolean modified =
      self->working != NULL && (csp_record_get_id (self->working) == 0 ||
                                !csp_record_same_values (self->working, self->original));

  for (guint i = 0; i < self->fields->len && valid; i++)
    valid = ((Field *) g_ptr_array_index (self->fields, i))->problem == NULL;
  follow_filling_refs (self);
  for (guint i = 0; i < self->described->len; i++)
    {
      Described *described = g_ptr_array_index (self->described, i);
      g_autofree char *description =
          self->working != NULL ? described->describe (self->working) : NULL;

      adw_preferences_group_set_description (described->group, description);
    }
  if (valid != self->valid)
    {
      self->valid = valid;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VALID]);
    }
  if (modified != self->modified)
    {
      self->modified = modified;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
    }
  /* "abc" typed after "a" is another problem, though the form was already
   * invalid: what the editor says of it follows. */
  if (g_strcmp0 (csp_record_form_get_problem (self), self->problem) != 0)
    {
      g_free (self->problem);
      self->problem = g_strdup (csp_record_form_get_problem (self));
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROBLEM]);
    }
}

static void
select_id (Field *field, gint64 id)
{
  for (guint i = 0; i < field->ids->len; i++)
    if (g_array_index (field->ids, gint64, i) == id)
      {
        choice_set_selected (field, i);
        return;
      }
  choice_set_selected (field, 0);
}

/* Shows the working copy's value of @field. */
static void
load_field (CspRecordForm *self, Field *field)
{
  const CspColumn *column = field->column;

  if (column == NULL)
    {
      guint n_ids = 0;
      const gint64 *ids = csp_record_get_partner_ids (self->working, &n_ids);

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
                             csp_record_get_bool (self->working, column->name));
      break;
    case CSP_COLUMN_CHOICE:
      {
        const char *word = csp_record_get_string (self->working, column->name);
        gint64 index = 0;

        for (guint i = 0; word != NULL && column->choices[i] != NULL; i++)
          if (g_str_equal (column->choices[i], word))
            index = i + 1;
        select_id (field, index);
      }
      break;
    case CSP_COLUMN_REF:
      select_id (field, csp_record_get_int (self->working, column->name));
      break;
    case CSP_COLUMN_TEXT:
      if (column->flags & CSP_COLUMN_MULTILINE)
        {
          const char *text = csp_record_get_string (self->working, column->name);
          gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (field->editor)),
                                    text != NULL ? text : "", -1);
          break;
        }
      G_GNUC_FALLTHROUGH;
    case CSP_COLUMN_MONTH:
      {
        const char *text = csp_record_get_string (self->working, column->name);
        gtk_editable_set_text (GTK_EDITABLE (field->editor), text != NULL ? text : "");
      }
      break;
    case CSP_COLUMN_DATE:
      {
        g_autofree char *typed = typed_date (csp_record_get_string (self->working, column->name));
        gtk_editable_set_text (GTK_EDITABLE (field->editor), typed);
      }
      break;
    case CSP_COLUMN_INT:
      if (column->flags & CSP_COLUMN_MONTH_OF_YEAR)
        {
          select_id (field, csp_record_get_int (self->working, column->name));
          break;
        }
      G_GNUC_FALLTHROUGH;
    default:
      {
        g_autofree char *text =
            csp_record_is_null (self->working, column->name)
                ? g_strdup ("")
                : g_strdup_printf ("%" G_GINT64_FORMAT,
                                   csp_record_get_int (self->working, column->name));
        gtk_editable_set_text (GTK_EDITABLE (field->editor), text);
      }
      break;
    }
}

/**
 * csp_record_form_set_record:
 * @record: (nullable): the record to edit; the form edits a copy of it
 *
 * Shows @record. A new record (id 0) starts with its problems hidden
 * until a field is changed, so an empty form is not a wall of red.
 */
void
csp_record_form_set_record (CspRecordForm *self, CspRecord *record)
{
  g_return_if_fail (CSP_IS_RECORD_FORM (self));
  g_return_if_fail (record == NULL || G_OBJECT_TYPE (record) == self->record_type);

  g_set_object (&self->original, record);
  g_clear_object (&self->working);
  if (record != NULL)
    self->working = csp_record_copy (record);

  self->loading = TRUE;
  for (guint i = 0; i < self->fields->len; i++)
    {
      Field *field = g_ptr_array_index (self->fields, i);

      show_problem (field, NULL);
      if (self->working != NULL)
        load_field (self, field);
    }
  self->loading = FALSE;

  if (self->working != NULL && csp_record_get_id (self->working) != 0)
    for (guint i = 0; i < self->fields->len; i++)
      validate_field (self, g_ptr_array_index (self->fields, i));
  for (guint i = 0; i < self->fields->len && self->working != NULL; i++)
    {
      Field *field = g_ptr_array_index (self->fields, i);

      /* Text areas: their message is in their own group, not a row. */
      if (field->message != NULL && field->message_row == NULL)
        show_room (field, csp_record_get_string (self->working, field->column->name));
    }
  gtk_widget_set_sensitive (GTK_WIDGET (self), self->working != NULL);
  refresh_state (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RECORD]);
}

/**
 * csp_record_form_get_record:
 *
 * Returns: (transfer none) (nullable): the working copy, with the person's changes
 */
CspRecord *
csp_record_form_get_record (CspRecordForm *self)
{
  g_return_val_if_fail (CSP_IS_RECORD_FORM (self), NULL);
  return self->working;
}

gboolean
csp_record_form_get_valid (CspRecordForm *self)
{
  g_return_val_if_fail (CSP_IS_RECORD_FORM (self), FALSE);
  return self->valid;
}

gboolean
csp_record_form_get_modified (CspRecordForm *self)
{
  g_return_val_if_fail (CSP_IS_RECORD_FORM (self), FALSE);
  return self->modified;
}

/**
 * csp_record_form_get_problem:
 *
 * Returns: (nullable): the first thing wrong with the working copy, to say
 *   beside the Save button
 */
const char *
csp_record_form_get_problem (CspRecordForm *self)
{
  g_return_val_if_fail (CSP_IS_RECORD_FORM (self), NULL);

  for (guint i = 0; i < self->fields->len; i++)
    {
      Field *field = g_ptr_array_index (self->fields, i);
      if (field->problem != NULL)
        return field->problem;
    }
  return NULL;
}

/**
 * csp_record_form_revert:
 *
 * Drops the person's changes: the form shows the record as it was given.
 */
void
csp_record_form_revert (CspRecordForm *self)
{
  g_autoptr (CspRecord) original = NULL;

  g_return_if_fail (CSP_IS_RECORD_FORM (self));

  original = self->original != NULL ? g_object_ref (self->original) : NULL;
  csp_record_form_set_record (self, original);
}

/**
 * csp_record_form_reload_choices:
 *
 * Lists the referenced records afresh (after partners, priorities... changed).
 */
void
csp_record_form_reload_choices (CspRecordForm *self)
{
  g_return_if_fail (CSP_IS_RECORD_FORM (self));

  self->loading = TRUE;
  for (guint i = 0; i < self->fields->len; i++)
    {
      Field *field = g_ptr_array_index (self->fields, i);

      if (field->column == NULL)
        fill_partners (self, field);
      else if (field->column->kind == CSP_COLUMN_REF)
        fill_combo (self, field);
      if (self->working != NULL && (field->column == NULL || field->column->kind == CSP_COLUMN_REF))
        load_field (self, field);
    }
  self->loading = FALSE;
}

/**
 * csp_record_form_get_field:
 *
 * Returns: (transfer none) (nullable): the widget that edits @column, for
 *   focus and tests
 */
GtkWidget *
csp_record_form_get_field (CspRecordForm *self, const char *column)
{
  Field *field;

  g_return_val_if_fail (CSP_IS_RECORD_FORM (self), NULL);

  if (g_str_equal (column, CSP_FORM_PARTNERS))
    {
      for (guint i = 0; i < self->fields->len; i++)
        if (((Field *) g_ptr_array_index (self->fields, i))->column == NULL)
          return ((Field *) g_ptr_array_index (self->fields, i))->editor;
      return NULL;
    }
  field = find_field (self, column);
  return field != NULL ? field->editor : NULL;
}
