/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "csp-action-plan-page"

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n.h>

#include "csp-access-binding.h"
#include "csp-action-plan-page.h"
#include "csp-choices.h"
#include "csp-link-list.h"
#include "csp-records.h"

/* The CSP Action Plan: a plan's priorities with their actions beneath,
 * each with its RAG status as a badge that says it in words, and a mark
 * on those with no progress update since the last Responsible Authorities
 * Group meeting. The selected action is edited beside the list, and its
 * progress history, which is only ever added to, is a tab of its own. */

struct _CspActionPlanPage
{
  CspPage parent_instance;

  CspContext *context; /* the page's, kept at hand */
  CspRecordEditor *editor;
  GPtrArray *plans;
  char *last_rag_date; /* of the latest RAG meeting held, or NULL */
  guint n_stale;
  gint64 selected_action_id;

  GtkDropDown *plan_dropdown;
  GtkLabel *rag_meeting_label;
  GtkListBox *actions_list;
  GtkBox *editor_box;
  AdwViewStackPage *progress_page;
  GtkLabel *progress_label;
  GtkListBox *updates_list;
};

G_DEFINE_FINAL_TYPE (CspActionPlanPage, csp_action_plan_page, CSP_TYPE_PAGE)

static const CspFormGroup action_groups[] = {
  { N_ ("Action"), "priority_id ref title status percent_complete" },
  { N_ ("RAG status"), "rag rag_manual rag_reason" },
  { N_ ("Who and when"), "lead_partner_id " CSP_FORM_PARTNERS " start_date due_date "
                         "completed_date" },
  { N_ ("Measures"), "measure baseline target" },
  { NULL, "outcome" },
};

static const CspFormGroup update_groups[] = {
  { N_ ("Progress update"), "update_date author status percent_complete rag" },
  { NULL, "commentary" },
};

static GPtrArray *
list_records (CspActionPlanPage *self, GType type, const CspQuery *query)
{
  g_autoptr (GError) error = NULL;
  GPtrArray *records = csp_store_list (csp_context_get_store (self->context), type, query, &error);

  if (records == NULL)
    {
      g_warning ("Could not read the %s records: %s", csp_record_type_get_info (type)->table,
                 error->message);
      return g_ptr_array_new_with_free_func (g_object_unref);
    }
  return records;
}

static char *
format_date (const char *iso)
{
  GDate date;
  char text[32];

  g_date_clear (&date, 1);
  if (iso == NULL || strlen (iso) != 10)
    return g_strdup (iso != NULL ? iso : "");
  g_date_set_dmy (&date, (GDateDay) g_ascii_strtoull (iso + 8, NULL, 10),
                  (GDateMonth) g_ascii_strtoull (iso + 5, NULL, 10),
                  (GDateYear) g_ascii_strtoull (iso, NULL, 10));
  if (!g_date_valid (&date))
    return g_strdup (iso);
  g_date_strftime (text, sizeof text, "%e %b %Y", &date);
  return g_strdup (g_strstrip (text));
}

/* A RAG status as a coloured badge that also says it in words. */
static GtkWidget *
make_rag_badge (const char *rag)
{
  GtkWidget *badge = gtk_label_new (rag != NULL ? csp_choice_label (rag) : _ ("No RAG"));

  gtk_widget_add_css_class (badge, "rag-badge");
  if (rag != NULL)
    gtk_widget_add_css_class (badge, rag);
  else
    gtk_widget_add_css_class (badge, "dim-label");
  gtk_widget_set_valign (badge, GTK_ALIGN_CENTER);
  return badge;
}

/* The latest RAG meeting held by today: updates are due at each one. */
static void
find_last_rag_meeting (CspActionPlanPage *self)
{
  CspQuery query = { .sort_column = "held_on", .descending = TRUE };
  g_autoptr (GPtrArray) meetings = list_records (self, CSP_TYPE_MEETING, &query);
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");

  g_clear_pointer (&self->last_rag_date, g_free);
  for (guint i = 0; i < meetings->len; i++)
    {
      CspRecord *meeting = g_ptr_array_index (meetings, i);

      if (g_str_equal (csp_record_get_string (meeting, "kind"), "rag") &&
          strcmp (csp_record_get_string (meeting, "held_on"), today) <= 0)
        {
          self->last_rag_date = g_strdup (csp_record_get_string (meeting, "held_on"));
          return;
        }
    }
}

static GPtrArray *
list_updates (CspActionPlanPage *self, gint64 action_id)
{
  CspQuery query = {
    .ref_column = "action_id", .ref_id = action_id, .sort_column = "update_date", .descending = TRUE
  };

  return list_records (self, CSP_TYPE_ACTION_UPDATE, &query);
}

/* An open action not updated since the last RAG meeting needs an update. */
static gboolean
needs_update (CspActionPlanPage *self, CspRecord *action)
{
  const char *status = csp_record_get_string (action, "status");
  g_autoptr (GPtrArray) updates = NULL;

  if (self->last_rag_date == NULL || g_str_equal (status, "complete") ||
      g_str_equal (status, "cancelled"))
    return FALSE;
  updates = list_updates (self, csp_record_get_id (action));
  return updates->len == 0 ||
         strcmp (csp_record_get_string (g_ptr_array_index (updates, 0), "update_date"),
                 self->last_rag_date) < 0;
}

static GtkWidget *
make_priority_header (CspRecord *priority)
{
  g_autofree char *text =
      g_strdup_printf ("%" G_GINT64_FORMAT ". %s", csp_record_get_int (priority, "position"),
                       csp_record_get_string (priority, "title"));
  GtkWidget *label = gtk_label_new (text);
  GtkWidget *row = gtk_list_box_row_new ();

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "heading");
  gtk_widget_set_margin_top (label, 12);
  gtk_widget_set_margin_bottom (label, 4);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), label);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_list_box_row_set_selectable (GTK_LIST_BOX_ROW (row), FALSE);
  return row;
}

static GtkWidget *
make_action_row (CspActionPlanPage *self, CspRecord *action, GHashTable *partner_names)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *bottom = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  g_autofree char *name = csp_record_dup_display_name (action);
  GtkWidget *title = gtk_label_new (name);
  const char *lead = g_hash_table_lookup (
      partner_names, GINT_TO_POINTER ((int) csp_record_get_int (action, "lead_partner_id")));
  GtkWidget *detail;
  g_autofree char *detail_text =
      g_strdup_printf (_ ("%s · %s · %" PRId64 "%%"), lead != NULL ? lead : _ ("No lead"),
                       csp_choice_label (csp_record_get_string (action, "status")),
                       csp_record_get_int (action, "percent_complete"));

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  /* Whole, however long: wrapped, never cut. */
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (title), PANGO_WRAP_WORD_CHAR);
  gtk_widget_set_hexpand (title, TRUE);
  gtk_box_append (GTK_BOX (top), title);
  gtk_box_append (GTK_BOX (top), make_rag_badge (csp_record_get_string (action, "rag")));

  detail = gtk_label_new (detail_text);
  gtk_label_set_xalign (GTK_LABEL (detail), 0);
  gtk_label_set_wrap (GTK_LABEL (detail), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (detail), PANGO_WRAP_WORD_CHAR);
  gtk_widget_set_hexpand (detail, TRUE);
  gtk_widget_add_css_class (detail, "dim-label");
  gtk_widget_add_css_class (detail, "caption");
  gtk_box_append (GTK_BOX (bottom), detail);
  if (needs_update (self, action))
    {
      GtkWidget *mark = gtk_label_new (_ ("Update due"));
      g_autofree char *tip = g_strdup_printf (_ ("No progress update since the RAG meeting of %s"),
                                              self->last_rag_date);

      gtk_widget_add_css_class (mark, "warning");
      gtk_widget_add_css_class (mark, "caption-heading");
      gtk_widget_set_tooltip_text (mark, tip);
      gtk_box_append (GTK_BOX (bottom), mark);
      self->n_stale++;
    }

  gtk_box_append (GTK_BOX (box), top);
  gtk_box_append (GTK_BOX (box), bottom);
  gtk_widget_set_margin_start (box, 12);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  g_object_set_data_full (G_OBJECT (row), "csp-action", g_object_ref (action), g_object_unref);
  return row;
}

static CspRecord *
selected_plan (CspActionPlanPage *self)
{
  guint position = gtk_drop_down_get_selected (self->plan_dropdown);

  return position < self->plans->len ? g_ptr_array_index (self->plans, position) : NULL;
}

static void
update_rag_label (CspActionPlanPage *self)
{
  g_autofree char *date = NULL;
  g_autofree char *text = NULL;

  if (self->last_rag_date == NULL)
    {
      gtk_label_set_text (self->rag_meeting_label, _ ("No RAG meeting recorded yet."));
      return;
    }
  date = format_date (self->last_rag_date);
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "Last RAG meeting: %s. %u open action has had no update "
                                       "since.",
                                       "Last RAG meeting: %s. %u open actions have had no update "
                                       "since.",
                                       self->n_stale),
                          date, self->n_stale);
  gtk_label_set_text (self->rag_meeting_label, text);
}

static void
fill_actions (CspActionPlanPage *self)
{
  CspRecord *plan = selected_plan (self);
  g_autoptr (GHashTable) partner_names = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  g_autoptr (GPtrArray) partners = list_records (self, CSP_TYPE_PARTNER, NULL);
  GtkListBoxRow *reselect = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->actions_list))) != NULL)
    gtk_list_box_remove (self->actions_list, child);
  self->n_stale = 0;
  find_last_rag_meeting (self);
  for (guint i = 0; i < partners->len; i++)
    {
      CspRecord *partner = g_ptr_array_index (partners, i);
      g_hash_table_insert (partner_names, GINT_TO_POINTER ((int) csp_record_get_id (partner)),
                           g_strdup (csp_record_get_string (partner, "name")));
    }

  if (plan != NULL)
    {
      CspQuery by_plan = { .ref_column = "plan_id",
                           .ref_id = csp_record_get_id (plan),
                           .sort_column = "position" };
      g_autoptr (GPtrArray) priorities = list_records (self, CSP_TYPE_PRIORITY, &by_plan);

      for (guint i = 0; i < priorities->len; i++)
        {
          CspRecord *priority = g_ptr_array_index (priorities, i);
          CspQuery by_priority = { .ref_column = "priority_id",
                                   .ref_id = csp_record_get_id (priority),
                                   .sort_column = "ref" };
          g_autoptr (GPtrArray) actions = list_records (self, CSP_TYPE_ACTION, &by_priority);

          gtk_list_box_append (self->actions_list, make_priority_header (priority));
          for (guint j = 0; j < actions->len; j++)
            {
              CspRecord *action = g_ptr_array_index (actions, j);
              GtkWidget *row = make_action_row (self, action, partner_names);

              gtk_list_box_append (self->actions_list, row);
              if (csp_record_get_id (action) == self->selected_action_id)
                reselect = GTK_LIST_BOX_ROW (row);
            }
        }
    }
  update_rag_label (self);
  if (reselect != NULL)
    gtk_list_box_select_row (self->actions_list, reselect);
}

static GtkWidget *
make_update_row (CspRecord *update)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *date = format_date (csp_record_get_string (update, "update_date"));
  g_autofree char *title =
      g_strdup_printf ("%s · %s", date, csp_record_get_string (update, "author"));
  g_autofree char *state = g_strdup_printf (
      "%s · %" G_GINT64_FORMAT "%%", csp_choice_label (csp_record_get_string (update, "status")),
      csp_record_get_int (update, "percent_complete"));
  GtkWidget *state_label = gtk_label_new (state);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), csp_record_get_string (update, "commentary"));
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  gtk_widget_add_css_class (state_label, "dim-label");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), state_label);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             make_rag_badge (csp_record_get_string (update, "rag")));
  return row;
}

static void
fill_updates (CspActionPlanPage *self)
{
  g_autoptr (GPtrArray) updates = NULL;
  g_autofree char *heading = NULL;
  g_autofree char *tab = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->updates_list))) != NULL)
    gtk_list_box_remove (self->updates_list, child);
  gtk_widget_action_set_enabled (
      GTK_WIDGET (self), "action-plan.add-update",
      self->selected_action_id != 0 &&
          csp_context_may_change (self->context, CSP_TYPE_ACTION_UPDATE));
  if (self->selected_action_id == 0)
    {
      gtk_label_set_text (self->progress_label, _ ("Choose an action to see its progress."));
      adw_view_stack_page_set_title (self->progress_page, _ ("Progress"));
      return;
    }
  updates = list_updates (self, self->selected_action_id);
  for (guint i = 0; i < updates->len; i++)
    gtk_list_box_append (self->updates_list, make_update_row (g_ptr_array_index (updates, i)));
  heading = g_strdup_printf (
      g_dngettext (GETTEXT_PACKAGE, "%u progress update", "%u progress updates", updates->len),
      updates->len);
  tab = g_strdup_printf (_ ("Progress (%u)"), updates->len);
  gtk_label_set_text (self->progress_label, heading);
  adw_view_stack_page_set_title (self->progress_page, tab);
}

static void
action_selected_cb (CspActionPlanPage *self, GtkListBoxRow *row)
{
  CspRecord *action = row != NULL ? g_object_get_data (G_OBJECT (row), "csp-action") : NULL;

  if (action == NULL)
    return;
  self->selected_action_id = csp_record_get_id (action);
  csp_record_editor_show (self->editor, action);
  fill_updates (self);
}

static void
fill_plans (CspActionPlanPage *self)
{
  CspQuery query = { .sort_column = "year_start", .descending = TRUE };
  g_autoptr (GtkStringList) titles = gtk_string_list_new (NULL);

  g_clear_pointer (&self->plans, g_ptr_array_unref);
  self->plans = list_records (self, CSP_TYPE_PLAN, &query);
  for (guint i = 0; i < self->plans->len; i++)
    gtk_string_list_append (titles,
                            csp_record_get_string (g_ptr_array_index (self->plans, i), "title"));
  gtk_drop_down_set_model (self->plan_dropdown, G_LIST_MODEL (titles));
}

static void
plan_changed_cb (CspActionPlanPage *self)
{
  self->selected_action_id = 0;
  csp_record_editor_show (self->editor, NULL);
  fill_actions (self);
  fill_updates (self);
}

static void
history_changed_cb (CspActionPlanPage *self, GType type)
{
  if (type == CSP_TYPE_PLAN)
    {
      fill_plans (self);
      plan_changed_cb (self);
      return;
    }
  if (type != CSP_TYPE_ACTIVITY)
    csp_record_editor_reload_choices (self->editor);
  if (type == CSP_TYPE_ACTION || type == CSP_TYPE_ACTION_UPDATE || type == CSP_TYPE_PRIORITY ||
      type == CSP_TYPE_PARTNER || type == CSP_TYPE_MEETING)
    {
      fill_actions (self);
      fill_updates (self);
    }
}

/* An undo or a redo here: the editor shows its action as stored now, and
 * that action's row is the one selected; an action undone away leaves
 * both empty. */
static void
changed_here_cb (CspActionPlanPage *self, GType type)
{
  if (type == CSP_TYPE_ACTION)
    self->selected_action_id = csp_record_editor_follow_store (self->editor);
  history_changed_cb (self, type);
}

/* A new action saved: its row is the one selected. */
static void
editor_saved_cb (CspActionPlanPage *self, CspRecord *record)
{
  if (csp_record_get_id (record) == self->selected_action_id)
    return;
  self->selected_action_id = csp_record_get_id (record);
  fill_actions (self);
}

static void
new_action_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  CspActionPlanPage *self = CSP_ACTION_PLAN_PAGE (widget);
  g_autoptr (CspRecord) action = csp_record_new (CSP_TYPE_ACTION);

  csp_record_set_string (action, "status", "not_started");
  csp_record_set_int (action, "percent_complete", 0);
  gtk_list_box_unselect_all (self->actions_list);
  self->selected_action_id = 0;
  csp_record_editor_show (self->editor, action);
  fill_updates (self);
  gtk_widget_grab_focus (
      csp_record_form_get_field (csp_record_editor_get_form (self->editor), "ref"));
}

static char *
default_author (CspActionPlanPage *self)
{
  g_autoptr (GPtrArray) settings = list_records (self, CSP_TYPE_SETTINGS, NULL);

  if (settings->len > 0 && !csp_record_is_null (g_ptr_array_index (settings, 0), "default_author"))
    return g_strdup (csp_record_get_string (g_ptr_array_index (settings, 0), "default_author"));
  return g_strdup (g_get_real_name ());
}

/* The action follows its newest update: status, progress and, unless set
 * by hand, its RAG status. */
static gboolean
apply_update_to_action (CspActionPlanPage *self, CspRecord *update, GError **error)
{
  g_autoptr (CspRecord) action =
      csp_store_get (csp_context_get_store (self->context), CSP_TYPE_ACTION,
                     csp_record_get_int (update, "action_id"), error);

  if (action == NULL)
    return FALSE;
  csp_record_set_string (action, "status", csp_record_get_string (update, "status"));
  csp_record_set_int (action, "percent_complete", csp_record_get_int (update, "percent_complete"));
  if (!csp_record_get_bool (action, "rag_manual"))
    csp_record_set_string (action, "rag", csp_record_get_string (update, "rag"));
  return csp_history_update (csp_context_get_history (self->context), action, error);
}

static void
update_dialog_add_cb (GtkButton *button, CspActionPlanPage *self)
{
  GtkWidget *dialog = gtk_widget_get_ancestor (GTK_WIDGET (button), ADW_TYPE_WINDOW);
  CspRecordForm *form = g_object_get_data (G_OBJECT (dialog), "csp-form");
  g_autoptr (CspRecord) update = csp_record_copy (csp_record_form_get_record (form));
  CspHistory *history = csp_context_get_history (self->context);
  g_autoptr (GError) error = NULL;
  gboolean ok;

  /* The update and what it does to its action are one step of undo. */
  ok = csp_history_begin_group (history, _ ("Undo adding the progress update"),
                                _ ("Redo adding the progress update"), &error);
  if (ok)
    {
      ok = csp_history_insert (history, update, &error) &&
           apply_update_to_action (self, update, &error);
      ok = csp_history_end_group (history, ok, &error);
    }
  if (!ok)
    {
      GtkWidget *message = adw_message_dialog_new (GTK_WINDOW (dialog),
                                                   _ ("Could Not Add the Update"), error->message);
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (message), "close", _ ("_Close"));
      gtk_window_present (GTK_WINDOW (message));
      return;
    }
  gtk_window_destroy (GTK_WINDOW (dialog));
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (gtk_widget_get_ancestor (
                                             GTK_WIDGET (self->updates_list), ADW_TYPE_VIEW_STACK)),
                                         "progress");
}

static void
form_valid_cb (CspRecordForm *form, GParamSpec *pspec, GtkWidget *add_button)
{
  gtk_widget_set_sensitive (add_button, csp_record_form_get_valid (form));
}

/* A dialog to add one dated update to the selected action's history. */
static void
add_update_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  CspActionPlanPage *self = CSP_ACTION_PLAN_PAGE (widget);
  g_autoptr (CspRecord) action = NULL;
  g_autoptr (CspRecord) update = csp_record_new (CSP_TYPE_ACTION_UPDATE);
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *author = default_author (self);
  g_autofree char *title = NULL;
  g_autoptr (GError) error = NULL;
  GtkWidget *dialog, *box, *header, *add, *cancel;
  CspRecordForm *form;

  action = csp_store_get (csp_context_get_store (self->context), CSP_TYPE_ACTION,
                          self->selected_action_id, &error);
  if (action == NULL)
    return;
  csp_record_set_int (update, "action_id", csp_record_get_id (action));
  csp_record_set_string (update, "update_date", today);
  csp_record_set_string (update, "author", author);
  csp_record_set_string (update, "status", csp_record_get_string (action, "status"));
  csp_record_set_int (update, "percent_complete", csp_record_get_int (action, "percent_complete"));
  csp_record_set_string (update, "rag", csp_record_get_string (action, "rag"));

  form = csp_record_form_new (self->context, CSP_TYPE_ACTION_UPDATE, update_groups,
                              G_N_ELEMENTS (update_groups));
  csp_record_form_set_record (form, update);

  title = csp_record_dup_display_name (action);
  dialog = adw_window_new ();
  gtk_window_set_title (GTK_WINDOW (dialog), _ ("Add Progress Update"));
  gtk_window_set_modal (GTK_WINDOW (dialog), TRUE);
  gtk_window_set_transient_for (GTK_WINDOW (dialog),
                                GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))));
  gtk_window_set_default_size (GTK_WINDOW (dialog), 520, 640);
  g_object_set_data (G_OBJECT (dialog), "csp-form", form);

  header = adw_header_bar_new ();
  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header),
                                   adw_window_title_new (_ ("Add Progress Update"), title));
  cancel = gtk_button_new_with_mnemonic (_ ("_Cancel"));
  add = gtk_button_new_with_mnemonic (_ ("_Add"));
  gtk_widget_add_css_class (add, "suggested-action");
  g_signal_connect_swapped (cancel, "clicked", G_CALLBACK (gtk_window_destroy), dialog);
  g_signal_connect (add, "clicked", G_CALLBACK (update_dialog_add_cb), self);
  g_signal_connect (form, "notify::valid", G_CALLBACK (form_valid_cb), add);
  gtk_widget_set_sensitive (add, csp_record_form_get_valid (form));
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), add);
  gtk_window_set_default_widget (GTK_WINDOW (dialog), add);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_set_vexpand (GTK_WIDGET (form), TRUE);
  gtk_box_append (GTK_BOX (box), header);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (form));
  adw_window_set_content (ADW_WINDOW (dialog), box);
  /* The rest comes from the action; the commentary is what is typed, so
   * the focus starts there rather than on the first button, Cancel. */
  gtk_window_set_focus (GTK_WINDOW (dialog), csp_record_form_get_field (form, "commentary"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
csp_action_plan_page_constructed (GObject *object)
{
  CspActionPlanPage *self = CSP_ACTION_PLAN_PAGE (object);

  G_OBJECT_CLASS (csp_action_plan_page_parent_class)->constructed (object);
  self->context = csp_page_get_context (CSP_PAGE (self));

  self->editor = csp_record_editor_new (self->context, CSP_TYPE_ACTION, action_groups,
                                        G_N_ELEMENTS (action_groups));
  csp_record_editor_set_empty_text (
      self->editor, _ ("No Action Selected"),
      _ ("Choose an action in the plan to see and edit it, or add a new one."));
  gtk_widget_set_vexpand (GTK_WIDGET (self->editor), TRUE);
  gtk_box_append (self->editor_box, GTK_WIDGET (self->editor));
  csp_record_editor_serve_list (self->editor, GTK_WIDGET (self->actions_list));
  g_signal_connect_object (self->editor, "saved", G_CALLBACK (editor_saved_cb), self,
                           G_CONNECT_SWAPPED);
  csp_record_editor_add_section (self->editor, CSP_EDITOR_SECTION (csp_link_list_new (
                                                   self->context, CSP_TYPE_RISK_ACTION, "action_id",
                                                   _ ("Risks to this action"))));

  csp_access_bind_action (GTK_WIDGET (self), "action-plan.new-action", self->context,
                          CSP_TYPE_ACTION);
  fill_plans (self);
  plan_changed_cb (self);
  g_signal_connect_swapped (self->plan_dropdown, "notify::selected", G_CALLBACK (plan_changed_cb),
                            self);
  g_signal_connect_swapped (self->actions_list, "row-selected", G_CALLBACK (action_selected_cb),
                            self);
  g_signal_connect_object (csp_context_get_history (self->context), "changed",
                           G_CALLBACK (changed_here_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->context, "changed-elsewhere", G_CALLBACK (history_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->context, "access-changed", G_CALLBACK (fill_updates), self,
                           G_CONNECT_SWAPPED);
}

static void
csp_action_plan_page_dispose (GObject *object)
{
  CspActionPlanPage *self = CSP_ACTION_PLAN_PAGE (object);

  if (self->actions_list != NULL)
    g_signal_handlers_disconnect_by_data (self->actions_list, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), CSP_TYPE_ACTION_PLAN_PAGE);
  g_clear_pointer (&self->plans, g_ptr_array_unref);
  g_clear_pointer (&self->last_rag_date, g_free);

  G_OBJECT_CLASS (csp_action_plan_page_parent_class)->dispose (object);
}

/* The actions of the plan shown, in the order of their references. */
static CspExportTable *
open_list_export (CspPage *page, GError **error)
{
  CspRecord *plan = selected_plan (CSP_ACTION_PLAN_PAGE (page));
  CspQuery query = { .plan_id = plan != NULL ? csp_record_get_id (plan) : 0, .sort_column = "ref" };

  return csp_export_table_new (csp_page_get_database (page), CSP_IMPORT_ACTIONS, &query, error);
}

static void
csp_action_plan_page_class_init (CspActionPlanPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  CSP_PAGE_CLASS (klass)->open_list_export = open_list_export;
  object_class->constructed = csp_action_plan_page_constructed;
  object_class->dispose = csp_action_plan_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/csp-action-plan-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CspActionPlanPage, plan_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CspActionPlanPage, rag_meeting_label);
  gtk_widget_class_bind_template_child (widget_class, CspActionPlanPage, actions_list);
  gtk_widget_class_bind_template_child (widget_class, CspActionPlanPage, editor_box);
  gtk_widget_class_bind_template_child (widget_class, CspActionPlanPage, progress_page);
  gtk_widget_class_bind_template_child (widget_class, CspActionPlanPage, progress_label);
  gtk_widget_class_bind_template_child (widget_class, CspActionPlanPage, updates_list);

  gtk_widget_class_install_action (widget_class, "action-plan.new-action", NULL,
                                   new_action_activated);
  gtk_widget_class_install_action (widget_class, "action-plan.add-update", NULL,
                                   add_update_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK,
                                       "action-plan.new-action", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_u, GDK_CONTROL_MASK,
                                       "action-plan.add-update", NULL);
}

static void
csp_action_plan_page_init (CspActionPlanPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * csp_action_plan_page_new:
 *
 * Returns: (transfer full): the Action Plan page
 */
CspActionPlanPage *
csp_action_plan_page_new (CspContext *context)
{
  return g_object_new (CSP_TYPE_ACTION_PLAN_PAGE, "context", context, NULL);
}

/**
 * csp_action_plan_page_get_editor:
 *
 * Returns: (transfer none): the editor of the selected action
 */
CspRecordEditor *
csp_action_plan_page_get_editor (CspActionPlanPage *self)
{
  g_return_val_if_fail (CSP_IS_ACTION_PLAN_PAGE (self), NULL);
  return self->editor;
}

/**
 * csp_action_plan_page_select_action:
 *
 * Returns: whether the action is in the plan shown, and now selected
 */
gboolean
csp_action_plan_page_select_action (CspActionPlanPage *self, gint64 action_id)
{
  g_return_val_if_fail (CSP_IS_ACTION_PLAN_PAGE (self), FALSE);

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->actions_list)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      CspRecord *action = g_object_get_data (G_OBJECT (row), "csp-action");
      if (action != NULL && csp_record_get_id (action) == action_id)
        {
          gtk_list_box_select_row (self->actions_list, GTK_LIST_BOX_ROW (row));
          return TRUE;
        }
    }
  return FALSE;
}

/**
 * csp_action_plan_page_count_stale:
 *
 * Returns: how many open actions of the plan shown have had no update
 *   since the last RAG meeting
 */
guint
csp_action_plan_page_count_stale (CspActionPlanPage *self)
{
  g_return_val_if_fail (CSP_IS_ACTION_PLAN_PAGE (self), 0);
  return self->n_stale;
}

/**
 * csp_action_plan_page_get_updates_list:
 *
 * Returns: (transfer none): the selected action's progress updates, newest first
 */
GtkListBox *
csp_action_plan_page_get_updates_list (CspActionPlanPage *self)
{
  g_return_val_if_fail (CSP_IS_ACTION_PLAN_PAGE (self), NULL);
  return self->updates_list;
}
