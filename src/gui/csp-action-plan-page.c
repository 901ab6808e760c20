/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "csp-action-plan-page"

#include "config.h"

#include <glib/gi18n.h>

#include "csp-access-binding.h"
#include "csp-action-plan-page.h"
#include "csp-action-row.h"
#include "csp-add-update-dialog.h"
#include "csp-dates.h"
#include "csp-link-list.h"
#include "csp-priority-row.h"
#include "csp-records.h"
#include "csp-update-row.h"

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
  date = csp_date_format_range (self->last_rag_date, NULL);
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

          gtk_list_box_append (self->actions_list, GTK_WIDGET (csp_priority_row_new (priority)));
          for (guint j = 0; j < actions->len; j++)
            {
              CspRecord *action = g_ptr_array_index (actions, j);
              gboolean stale = needs_update (self, action);
              const char *lead = g_hash_table_lookup (
                  partner_names,
                  GINT_TO_POINTER ((int) csp_record_get_int (action, "lead_partner_id")));
              GtkWidget *row = GTK_WIDGET (
                  csp_action_row_new (action, lead, stale ? self->last_rag_date : NULL));

              self->n_stale += stale;
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
    gtk_list_box_append (self->updates_list,
                         GTK_WIDGET (csp_update_row_new (g_ptr_array_index (updates, i))));
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
  CspRecord *action;

  if (!CSP_IS_ACTION_ROW (row))
    return;
  action = csp_action_row_get_action (CSP_ACTION_ROW (row));
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

static void
update_added_cb (CspActionPlanPage *self)
{
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (gtk_widget_get_ancestor (
                                             GTK_WIDGET (self->updates_list), ADW_TYPE_VIEW_STACK)),
                                         "progress");
}

/* A dialog to add one dated update to the selected action's history. */
static void
add_update_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  CspActionPlanPage *self = CSP_ACTION_PLAN_PAGE (widget);
  g_autoptr (CspRecord) action = NULL;
  g_autoptr (GError) error = NULL;
  CspAddUpdateDialog *dialog;

  action = csp_store_get (csp_context_get_store (self->context), CSP_TYPE_ACTION,
                          self->selected_action_id, &error);
  if (action == NULL)
    return;
  dialog = csp_add_update_dialog_new (self->context, action);
  gtk_window_set_transient_for (GTK_WINDOW (dialog),
                                GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))));
  g_signal_connect_object (dialog, "added", G_CALLBACK (update_added_cb), self, G_CONNECT_SWAPPED);
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
      if (CSP_IS_ACTION_ROW (row) &&
          csp_record_get_id (csp_action_row_get_action (CSP_ACTION_ROW (row))) == action_id)
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
