/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "csp-record-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "csp-audit-log.h"
#include "csp-change-log-window.h"
#include "csp-record-editor.h"
#include "csp-records.h"

/* The editor pane of a record: its form, with Save, Revert, Duplicate and
 * Delete, each through the session history so it can be undone. A record
 * that other records still use is offered retirement instead of deletion,
 * where its type can be retired. When a colleague changes or deletes the
 * record being shown, a bar says who and when at once: an untouched form
 * shows their version; one with changes offers theirs, or to keep these
 * after comparing them field by field. */
struct _CspRecordEditor
{
  AdwBin parent_instance;

  CspContext *context;
  GType record_type;
  const CspFormGroup *groups;
  guint n_groups;
  CspRecordForm *form; /* built when first needed: it is most of the editor's cost */

  GtkWidget *header;
  GtkWidget *duplicate_button;
  gboolean no_duplicate; /* csp_record_editor_hide_duplicate() */
  GtkWidget *close_button;
  gboolean closable; /* csp_record_editor_set_closable() */
  GtkLabel *title_label;
  GtkLabel *problem_label;
  GtkLabel *locked_label;
  GtkStack *stack;
  AdwStatusPage *empty_page;

  GtkRevealer *news_bar;
  GtkLabel *news_label;
  GtkWidget *reload_button;
  GtkWidget *keep_button;
  GtkWidget *keep_new_button;
  CspRecord *theirs; /* the stored version a colleague saved meanwhile */
  GtkWidget *list;   /* weak: the list beside it, csp_record_editor_serve_list() */
};

G_DEFINE_FINAL_TYPE (CspRecordEditor, csp_record_editor, ADW_TYPE_BIN)

enum
{
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char *
noun (CspRecordEditor *self)
{
  return _ (csp_record_type_get_info (self->record_type)->noun);
}

static void
toast (CspRecordEditor *self, AdwToast *toast)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
  else
    g_object_unref (g_object_ref_sink (toast));
}

static GtkWidget *
message_dialog (CspRecordEditor *self, const char *heading, const char *body)
{
  GtkWidget *dialog =
      adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), heading, body);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _ ("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

static void update_state (CspRecordEditor *self);

static void
hide_news (CspRecordEditor *self)
{
  g_clear_object (&self->theirs);
  gtk_revealer_set_reveal_child (self->news_bar, FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.reload-theirs", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.keep-mine", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.keep-as-new", FALSE);
}

static CspRecordForm *
ensure_form (CspRecordEditor *self)
{
  if (self->form == NULL)
    {
      self->form =
          csp_record_form_new (self->context, self->record_type, self->groups, self->n_groups);
      gtk_widget_set_vexpand (GTK_WIDGET (self->form), TRUE);
      gtk_stack_add_named (self->stack, GTK_WIDGET (self->form), "form");
      g_signal_connect_swapped (self->form, "notify::valid", G_CALLBACK (update_state), self);
      g_signal_connect_swapped (self->form, "notify::modified", G_CALLBACK (update_state), self);
      g_signal_connect_swapped (self->form, "notify::problem", G_CALLBACK (update_state), self);
    }
  return self->form;
}

static void
update_state (CspRecordEditor *self)
{
  CspRecord *record = self->form != NULL ? csp_record_form_get_record (self->form) : NULL;
  gboolean valid = record != NULL && csp_record_form_get_valid (self->form);
  gboolean modified = record != NULL && csp_record_form_get_modified (self->form);
  const char *problem = record != NULL ? csp_record_form_get_problem (self->form) : NULL;
  gboolean stored = record != NULL && csp_record_get_id (record) != 0;
  const CspTableInfo *info = csp_record_type_get_info (self->record_type);

  gboolean may_change = csp_context_may_change (self->context, self->record_type);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save", may_change && valid && modified);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.revert", modified);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.history", stored);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.close",
                                 self->closable && record != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.delete",
                                 may_change && stored && !info->append_only);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.duplicate",
                                 may_change && record != NULL && !info->append_only &&
                                     !self->no_duplicate);
  /* What was typed stays in view, for copying elsewhere. */
  if (self->form != NULL)
    gtk_widget_set_sensitive (GTK_WIDGET (self->form), may_change);
  gtk_widget_set_visible (GTK_WIDGET (self->locked_label), record != NULL && !may_change);
  /* A viewer's window says why once, above every page; an editor meets
   * the limit here, on the admins' records. */
  if (!may_change)
    {
      const CspAccess *access = csp_context_get_access (self->context);
      g_autofree char *locked =
          access->level == CSP_ACCESS_READ_ONLY
              ? g_strdup_printf (_ ("Read-only: this %s can be read but not changed."), noun (self))
              : g_strdup_printf (_ ("This %s cannot be changed here. %s"), noun (self),
                                 access->explanation);
      gtk_label_set_text (self->locked_label, locked);
    }

  gtk_stack_set_visible_child_name (self->stack, record != NULL ? "form" : "empty");
  /* A closable editor takes no room while it has nothing open. */
  gtk_widget_set_visible (GTK_WIDGET (self), !self->closable || record != NULL);
  gtk_widget_set_visible (self->header, record != NULL);
  gtk_label_set_text (self->problem_label, problem != NULL ? problem : "");
  gtk_widget_set_visible (GTK_WIDGET (self->problem_label), problem != NULL);
  if (record == NULL)
    return;
  if (!stored)
    {
      g_autofree char *title = g_strdup_printf (_ ("New %s"), noun (self));
      gtk_label_set_text (self->title_label, title);
    }
  else
    {
      g_autofree char *name = csp_record_dup_display_name (record);
      gtk_label_set_text (self->title_label, name);
    }
}

/* The form is about to hide: the keyboard focus in it goes to the list
 * beside it, or else nowhere, rather than stay in a hidden field. */
static void
move_focus_out_of_form (CspRecordEditor *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  if (focus == NULL || !gtk_widget_is_ancestor (focus, GTK_WIDGET (self->form)))
    return;
  if (self->list == NULL || !gtk_widget_grab_focus (self->list))
    gtk_root_set_focus (root, NULL);
}

/**
 * csp_record_editor_show:
 * @record: (nullable): the record to edit, or %NULL for none; a record with
 *   id 0 is a new one
 */
void
csp_record_editor_show (CspRecordEditor *self, CspRecord *record)
{
  g_return_if_fail (CSP_IS_RECORD_EDITOR (self));

  if (record == NULL && self->form == NULL)
    return;
  if (record == NULL)
    move_focus_out_of_form (self);
  hide_news (self);
  csp_record_form_set_record (ensure_form (self), record);
  update_state (self);
}

/* The form keeps what was typed whatever went wrong: a role taken away
 * meanwhile, a lost connection, a colleague's save. */
static void
explain_failed_save (CspRecordEditor *self, const GError *error)
{
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;

  if (g_error_matches (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_READ_ONLY) ||
      g_error_matches (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_ACCESS_DENIED))
    {
      csp_context_refresh_access (self->context);
      heading = g_strdup_printf (_ ("You May Not Save This %s"), noun (self));
      body = g_strdup_printf (_ ("%s\n\n%s\n\nWhat you typed is still in the form."),
                              error->message, csp_context_get_access (self->context)->explanation);
    }
  else if (g_error_matches (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_UNREACHABLE))
    {
      heading = g_strdup (_ ("Not Saved: the Server Cannot Be Reached"));
      body = g_strdup_printf (_ ("%s\n\nWhat you typed is still in the form. Save again once "
                                 "the connection is back."),
                              error->message);
    }
  else
    {
      heading = g_error_matches (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_CONFLICT)
                    ? g_strdup_printf (_ ("Someone Else Saved This %s First"), noun (self))
                    : g_strdup_printf (_ ("Could Not Save the %s"), noun (self));
      body = g_strdup (error->message);
    }
  message_dialog (self, heading, body);
}

static void
save_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  CspRecordEditor *self = CSP_RECORD_EDITOR (widget);
  CspHistory *history = csp_context_get_history (self->context);
  g_autoptr (CspRecord) record = csp_record_copy (csp_record_form_get_record (self->form));
  g_autoptr (GError) error = NULL;
  gboolean is_new = csp_record_get_id (record) == 0;
  g_autofree char *done = NULL;

  if (!(is_new ? csp_history_insert (history, record, &error)
               : csp_history_update (history, record, &error)))
    {
      explain_failed_save (self, error);
      return;
    }
  csp_record_editor_show (self, record);
  done = g_strdup_printf (is_new ? _ ("New %s added") : _ ("Changes to the %s saved"), noun (self));
  toast (self, adw_toast_new (done));
  g_signal_emit (self, signals[SAVED], 0, record);
}

static void
history_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  CspRecordEditor *self = CSP_RECORD_EDITOR (widget);
  CspRecord *record = csp_record_form_get_record (self->form);

  if (record == NULL || csp_record_get_id (record) == 0)
    return;
  gtk_window_present (GTK_WINDOW (csp_change_log_window_new_for_record (
      GTK_WINDOW (gtk_widget_get_root (widget)), self->context, record)));
}

static void
revert_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  CspRecordEditor *self = CSP_RECORD_EDITOR (widget);

  csp_record_form_revert (self->form);
  update_state (self);
}

static void
close_response_cb (AdwMessageDialog *dialog, const char *response, CspRecordEditor *self)
{
  if (g_str_equal (response, "discard"))
    csp_record_editor_show (self, NULL);
}

/* Closes the record, asking first when that would drop typed changes. */
static void
close_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  CspRecordEditor *self = CSP_RECORD_EDITOR (widget);
  GtkWidget *dialog;
  g_autofree char *body = NULL;

  if (!csp_record_editor_get_modified (self))
    {
      csp_record_editor_show (self, NULL);
      return;
    }
  body =
      g_strdup_printf (_ ("The %s you are editing has changes that are not saved."), noun (self));
  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)),
                                   _ ("Discard Changes?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "keep", _ ("_Keep Editing"),
                                    "discard", _ ("_Discard"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  g_signal_connect_object (dialog, "response", G_CALLBACK (close_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
duplicate_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  CspRecordEditor *self = CSP_RECORD_EDITOR (widget);
  g_autoptr (CspRecord) copy = csp_record_copy (csp_record_form_get_record (self->form));

  csp_record_set_id (copy, 0);
  csp_record_set_version (copy, 0);
  csp_record_set_times (copy, NULL, NULL);
  csp_record_editor_show (self, copy);
}

static void
retire_response_cb (AdwMessageDialog *dialog, const char *response, CspRecordEditor *self)
{
  g_autoptr (CspRecord) record = NULL;
  g_autoptr (GError) error = NULL;

  if (!g_str_equal (response, "retire"))
    return;
  record = csp_record_copy (csp_record_form_get_record (self->form));
  csp_record_set_bool (record, "retired", TRUE);
  if (!csp_history_update (csp_context_get_history (self->context), record, &error))
    {
      g_autofree char *heading = g_strdup_printf (_ ("Could Not Retire the %s"), noun (self));
      message_dialog (self, heading, error->message);
      return;
    }
  csp_record_editor_show (self, record);
  g_signal_emit (self, signals[SAVED], 0, record);
}

/* Deleting what other records use would break them: retire it instead. */
static void
offer_retirement (CspRecordEditor *self, const GError *error)
{
  g_autofree char *heading = g_strdup_printf (_ ("Retire the %s?"), noun (self));
  g_autofree char *body = g_strdup_printf (
      _ ("%s\n\nA retired %s keeps its history and stays on the records that use it, but is "
         "no longer offered for new ones."),
      error->message, noun (self));
  GtkWidget *dialog =
      adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), heading, body);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _ ("_Cancel"), "retire",
                                    _ ("_Retire"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "retire",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (retire_response_cb), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
delete_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  CspRecordEditor *self = CSP_RECORD_EDITOR (widget);
  CspRecord *record = csp_record_form_get_record (self->form);
  const CspTableInfo *info = csp_record_type_get_info (self->record_type);
  g_autoptr (CspRecord) stored = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *message = NULL;
  AdwToast *deleted;

  if (record == NULL || csp_record_get_id (record) == 0)
    return;
  stored = csp_store_get (csp_context_get_store (self->context), self->record_type,
                          csp_record_get_id (record), &error);
  if (stored == NULL ||
      !csp_history_delete (csp_context_get_history (self->context), stored, &error))
    {
      g_autofree char *heading = NULL;

      if (g_error_matches (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_IN_USE) &&
          csp_table_info_find_column (info, "retired") != NULL)
        {
          offer_retirement (self, error);
          return;
        }
      heading = g_strdup_printf (_ ("Could Not Delete the %s"), noun (self));
      message_dialog (self, heading, error->message);
      return;
    }
  csp_record_editor_show (self, NULL);
  name = csp_record_dup_display_name (stored);
  message = g_strdup_printf (_ ("“%s” deleted"), name);
  deleted = adw_toast_new (message);
  adw_toast_set_button_label (deleted, _ ("_Undo"));
  adw_toast_set_action_name (deleted, "win.undo");
  toast (self, deleted);
}

/* Who made the record's newest change and when, as a person says it:
 * "Sam Patel", "today at 10:42". */
static void
read_last_change (CspRecordEditor *self, gint64 id, char **who, char **when)
{
  CspDatabase *database = csp_store_get_database (csp_context_get_store (self->context));
  const CspTableInfo *info = csp_record_type_get_info (self->record_type);
  g_autoptr (CspChange) change = csp_audit_log_last_change (database, info->table, id, NULL);
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();

  *who = g_strdup (change != NULL ? change->user_name : _ ("Someone else"));
  *when = change != NULL ? csp_change_describe_when (change, now) : g_strdup ("");
}

static void
show_news (CspRecordEditor *self, const char *text, gboolean reload, gboolean keep,
           gboolean keep_new)
{
  gtk_label_set_text (self->news_label, text);
  gtk_widget_set_visible (self->reload_button, reload);
  gtk_widget_set_visible (self->keep_button, keep);
  gtk_widget_set_visible (self->keep_new_button, keep_new);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.reload-theirs", reload);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.keep-mine", keep);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.keep-as-new", keep_new);
  gtk_revealer_set_reveal_child (self->news_bar, TRUE);
}

/* Records of this editor's type changed elsewhere: is the one shown
 * among them? */
static void
changed_elsewhere_cb (CspRecordEditor *self, GType type)
{
  CspRecord *shown = self->form != NULL ? csp_record_form_get_record (self->form) : NULL;
  gboolean modified = shown != NULL && csp_record_form_get_modified (self->form);
  g_autoptr (CspRecord) stored = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *who = NULL;
  g_autofree char *when = NULL;
  gint64 id;

  if (type != self->record_type || shown == NULL || csp_record_get_id (shown) == 0)
    return;
  id = csp_record_get_id (shown);
  if (self->theirs != NULL && csp_record_get_version (self->theirs) != 0)
    shown = self->theirs; /* already told: news only of a newer change */
  stored = csp_store_get (csp_context_get_store (self->context), self->record_type, id, &error);
  if (stored == NULL && g_error_matches (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_NOT_FOUND))
    {
      read_last_change (self, id, &who, &when);
      /* Translators: "Sam Patel deleted this activity today at 10:42." */
      text = g_strdup_printf (_ ("%s deleted this %s %s."), who, noun (self), when);
      g_set_object (&self->theirs, NULL);
      show_news (self, text, FALSE, FALSE, TRUE);
      return;
    }
  if (stored == NULL || csp_record_get_version (stored) == csp_record_get_version (shown))
    return;
  if (!modified)
    {
      /* Nothing of this user's is lost: the form shows theirs. */
      csp_record_form_set_record (self->form, stored);
      update_state (self);
      read_last_change (self, id, &who, &when);
      /* Translators: "Sam Patel changed this activity today at 10:42; it now shows their
       * version." */
      text = g_strdup_printf (_ ("%s changed this %s %s; it now shows their version."), who,
                              noun (self), when);
      g_set_object (&self->theirs, NULL);
      show_news (self, text, FALSE, FALSE, FALSE);
      return;
    }
  read_last_change (self, id, &who, &when);
  /* Translators: "Sam Patel changed this activity today at 10:42, while you were editing it." */
  text = g_strdup_printf (_ ("%s changed this %s %s, while you were editing it."), who, noun (self),
                          when);
  g_set_object (&self->theirs, stored);
  show_news (self, text, TRUE, TRUE, FALSE);
}

static void
reload_theirs_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  CspRecordEditor *self = CSP_RECORD_EDITOR (widget);
  g_autoptr (CspRecord) theirs = g_steal_pointer (&self->theirs);

  if (theirs != NULL)
    csp_record_editor_show (self, theirs);
}

/* A column's value as the comparison shows it. */
static char *
value_text (CspRecordEditor *self, CspRecord *record, const CspColumn *column)
{
  if (csp_record_is_null (record, column->name))
    return g_strdup (_ ("(empty)"));
  switch (column->kind)
    {
    case CSP_COLUMN_BOOL:
      return g_strdup (csp_record_get_bool (record, column->name) ? _ ("Yes") : _ ("No"));
    case CSP_COLUMN_INT:
      return g_strdup_printf ("%" G_GINT64_FORMAT, csp_record_get_int (record, column->name));
    case CSP_COLUMN_REF:
      {
        g_autoptr (CspRecord) target = csp_store_get (
            csp_context_get_store (self->context), csp_record_type_from_table (column->ref_table),
            csp_record_get_int (record, column->name), NULL);

        return target != NULL ? csp_record_dup_display_name (target)
                              : g_strdup_printf ("#%" G_GINT64_FORMAT,
                                                 csp_record_get_int (record, column->name));
      }
    case CSP_COLUMN_TEXT:
    case CSP_COLUMN_DATE:
    case CSP_COLUMN_MONTH:
    case CSP_COLUMN_CHOICE:
    default:
      return g_strdup (csp_record_get_string (record, column->name));
    }
}

static void
keep_mine_response_cb (AdwMessageDialog *dialog, const char *response, CspRecordEditor *self)
{
  g_autoptr (CspRecord) mine = NULL;
  g_autoptr (GError) error = NULL;

  if (!g_str_equal (response, "save") || self->theirs == NULL)
    return;
  /* Saved over the version they saw: theirs, now compared. */
  mine = csp_record_copy (csp_record_form_get_record (self->form));
  csp_record_set_version (mine, csp_record_get_version (self->theirs));
  if (!csp_history_update (csp_context_get_history (self->context), mine, &error))
    {
      explain_failed_save (self, error);
      return;
    }
  csp_record_editor_show (self, mine);
  toast (self, adw_toast_new (_ ("Your changes were saved over theirs")));
  g_signal_emit (self, signals[SAVED], 0, mine);
}

static void
keep_mine_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  CspRecordEditor *self = CSP_RECORD_EDITOR (widget);
  CspRecord *mine = csp_record_form_get_record (self->form);
  const CspTableInfo *info = csp_record_type_get_info (self->record_type);
  g_autoptr (GString) body = g_string_new (NULL);
  GtkWidget *dialog;

  if (self->theirs == NULL || mine == NULL)
    return;
  for (guint i = 0; i < info->n_columns; i++)
    {
      const CspColumn *column = &info->columns[i];
      g_autofree char *their_text = value_text (self, self->theirs, column);
      g_autofree char *my_text = value_text (self, mine, column);

      if (g_strcmp0 (their_text, my_text) != 0)
        /* Translators: a field compared: "Title: theirs “…”, yours “…”" */
        g_string_append_printf (body, _ ("%s: theirs “%s”, yours “%s”\n"), _ (column->label),
                                their_text, my_text);
    }
  if (!csp_record_same_partners (self->theirs, mine))
    g_string_append (body, _ ("Supporting partners differ\n"));
  if (body->len == 0)
    g_string_append (body, _ ("Their version and yours hold the same values.\n"));
  g_string_append (body, _ ("\nSaving puts your values in place of theirs. Their version stays "
                            "in the record's history."));
  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)),
                                   _ ("Save Your Changes over Theirs?"), body->str);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _ ("_Cancel"), "save",
                                    _ ("_Save Mine"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (keep_mine_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
keep_as_new_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  CspRecordEditor *self = CSP_RECORD_EDITOR (widget);
  g_autoptr (CspRecord) copy = csp_record_copy (csp_record_form_get_record (self->form));
  g_autoptr (GError) error = NULL;

  csp_record_set_id (copy, 0);
  csp_record_set_version (copy, 0);
  csp_record_set_times (copy, NULL, NULL);
  if (!csp_history_insert (csp_context_get_history (self->context), copy, &error))
    {
      explain_failed_save (self, error);
      return;
    }
  csp_record_editor_show (self, copy);
  g_signal_emit (self, signals[SAVED], 0, copy);
}

static void
dismiss_news_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  gtk_revealer_set_reveal_child (CSP_RECORD_EDITOR (widget)->news_bar, FALSE);
}

static void
csp_record_editor_dispose (GObject *object)
{
  CspRecordEditor *self = CSP_RECORD_EDITOR (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CSP_TYPE_RECORD_EDITOR);
  g_clear_object (&self->theirs);
  g_clear_object (&self->context);
  g_clear_weak_pointer (&self->list);

  G_OBJECT_CLASS (csp_record_editor_parent_class)->dispose (object);
}

static void
csp_record_editor_class_init (CspRecordEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = csp_record_editor_dispose;

  /**
   * CspRecordEditor::saved:
   * @record: the record as stored
   *
   * Emitted after a save (or a retirement) went through.
   */
  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                 NULL, NULL, G_TYPE_NONE, 1, CSP_TYPE_RECORD);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/csp-record-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, CspRecordEditor, header);
  gtk_widget_class_bind_template_child (widget_class, CspRecordEditor, duplicate_button);
  gtk_widget_class_bind_template_child (widget_class, CspRecordEditor, title_label);
  gtk_widget_class_bind_template_child (widget_class, CspRecordEditor, problem_label);
  gtk_widget_class_bind_template_child (widget_class, CspRecordEditor, locked_label);
  gtk_widget_class_bind_template_child (widget_class, CspRecordEditor, stack);
  gtk_widget_class_bind_template_child (widget_class, CspRecordEditor, empty_page);
  gtk_widget_class_bind_template_child (widget_class, CspRecordEditor, close_button);
  gtk_widget_class_bind_template_child (widget_class, CspRecordEditor, news_bar);
  gtk_widget_class_bind_template_child (widget_class, CspRecordEditor, news_label);
  gtk_widget_class_bind_template_child (widget_class, CspRecordEditor, reload_button);
  gtk_widget_class_bind_template_child (widget_class, CspRecordEditor, keep_button);
  gtk_widget_class_bind_template_child (widget_class, CspRecordEditor, keep_new_button);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_activated);
  gtk_widget_class_install_action (widget_class, "editor.revert", NULL, revert_activated);
  gtk_widget_class_install_action (widget_class, "editor.history", NULL, history_activated);
  gtk_widget_class_install_action (widget_class, "editor.close", NULL, close_activated);
  gtk_widget_class_install_action (widget_class, "editor.duplicate", NULL, duplicate_activated);
  gtk_widget_class_install_action (widget_class, "editor.delete", NULL, delete_activated);
  gtk_widget_class_install_action (widget_class, "editor.reload-theirs", NULL,
                                   reload_theirs_activated);
  gtk_widget_class_install_action (widget_class, "editor.keep-mine", NULL, keep_mine_activated);
  gtk_widget_class_install_action (widget_class, "editor.keep-as-new", NULL, keep_as_new_activated);
  gtk_widget_class_install_action (widget_class, "editor.dismiss-news", NULL,
                                   dismiss_news_activated);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "editor.save",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "editor.revert", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_d, GDK_CONTROL_MASK,
                                       "editor.duplicate", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "editor.close",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_h, GDK_CONTROL_MASK, "editor.history",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, GDK_CONTROL_MASK,
                                       "editor.delete", NULL);
}

static void
csp_record_editor_init (CspRecordEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * csp_record_editor_new:
 * @groups: (array length=n_groups): the form's layout; static, as it is kept
 *
 * Returns: (transfer full): an editor of records of @record_type
 */
CspRecordEditor *
csp_record_editor_new (CspContext *context, GType record_type, const CspFormGroup *groups,
                       guint n_groups)
{
  CspRecordEditor *self;

  g_return_val_if_fail (CSP_IS_CONTEXT (context), NULL);

  self = g_object_new (CSP_TYPE_RECORD_EDITOR, NULL);
  self->context = g_object_ref (context);
  self->record_type = record_type;
  self->groups = groups;
  self->n_groups = n_groups;
  adw_status_page_set_title (self->empty_page, _ ("Nothing Selected"));
  adw_status_page_set_description (
      self->empty_page, _ ("Choose one in the list to see and edit it, or add one with Ctrl+N."));
  g_signal_connect_object (context, "changed-elsewhere", G_CALLBACK (changed_elsewhere_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (context, "access-changed", G_CALLBACK (update_state), self,
                           G_CONNECT_SWAPPED);
  hide_news (self);
  update_state (self);
  return self;
}

/**
 * csp_record_editor_set_empty_text:
 *
 * What the editor says when no record is shown.
 */
void
csp_record_editor_set_empty_text (CspRecordEditor *self, const char *title, const char *description)
{
  g_return_if_fail (CSP_IS_RECORD_EDITOR (self));

  adw_status_page_set_title (self->empty_page, title);
  adw_status_page_set_description (self->empty_page, description);
}

/**
 * csp_record_editor_set_closable:
 *
 * Gives the editor a Close button (and Ctrl+W) that puts its record away;
 * the editor is then hidden while it has no record open, so that the list
 * beside it has the room.
 */
void
csp_record_editor_set_closable (CspRecordEditor *self)
{
  g_return_if_fail (CSP_IS_RECORD_EDITOR (self));

  self->closable = TRUE;
  gtk_widget_set_visible (self->close_button, TRUE);
  update_state (self);
}

/**
 * csp_record_editor_hide_duplicate:
 *
 * Takes Duplicate away, its button and Ctrl+D, for a page that duplicates
 * its records whole, with what belongs to them, by an action of its own:
 * a copy of the fields alone would be a second, lesser Duplicate.
 */
void
csp_record_editor_hide_duplicate (CspRecordEditor *self)
{
  g_return_if_fail (CSP_IS_RECORD_EDITOR (self));

  self->no_duplicate = TRUE;
  gtk_widget_set_visible (self->duplicate_button, FALSE);
  update_state (self);
}

/**
 * csp_record_editor_get_form:
 *
 * Returns: (transfer none): the form
 */
CspRecordForm *
csp_record_editor_get_form (CspRecordEditor *self)
{
  g_return_val_if_fail (CSP_IS_RECORD_EDITOR (self), NULL);
  return ensure_form (self);
}

/**
 * csp_record_editor_reload_choices:
 *
 * Lists the records the form's choices name afresh, if the form is built.
 */
void
csp_record_editor_reload_choices (CspRecordEditor *self)
{
  g_return_if_fail (CSP_IS_RECORD_EDITOR (self));

  if (self->form != NULL)
    csp_record_form_reload_choices (self->form);
}

gboolean
csp_record_editor_get_modified (CspRecordEditor *self)
{
  g_return_val_if_fail (CSP_IS_RECORD_EDITOR (self), FALSE);
  return self->form != NULL && csp_record_form_get_modified (self->form);
}

/**
 * csp_record_editor_follow_store:
 *
 * After an undo or a redo in this window: the editor shows the record as
 * stored now, or nothing once it is gone. A form with changes typed into
 * it is left as it is, for its own save to settle.
 *
 * Returns: the id of the record shown; 0 for none, or for a new one
 */
gint64
csp_record_editor_follow_store (CspRecordEditor *self)
{
  CspRecord *shown;
  g_autoptr (CspRecord) stored = NULL;
  g_autoptr (GError) error = NULL;

  g_return_val_if_fail (CSP_IS_RECORD_EDITOR (self), 0);

  shown = self->form != NULL ? csp_record_form_get_record (self->form) : NULL;
  if (shown == NULL || csp_record_get_id (shown) == 0)
    return 0;
  if (csp_record_form_get_modified (self->form))
    return csp_record_get_id (shown);
  stored = csp_store_get (csp_context_get_store (self->context), self->record_type,
                          csp_record_get_id (shown), &error);
  if (stored == NULL && !g_error_matches (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_NOT_FOUND))
    {
      g_warning ("Could not read the %s shown again: %s",
                 csp_record_type_get_info (self->record_type)->table, error->message);
      return csp_record_get_id (shown);
    }
  if (stored == NULL || csp_record_get_version (stored) != csp_record_get_version (shown))
    csp_record_editor_show (self, stored);
  return stored != NULL ? csp_record_get_id (stored) : 0;
}

static gboolean
list_delete_cb (GtkWidget *list, GVariant *args, gpointer editor)
{
  return gtk_widget_activate_action (GTK_WIDGET (editor), "editor.delete", NULL);
}

/**
 * csp_record_editor_serve_list:
 * @list: the list whose chosen record the editor shows
 *
 * Lets the editor's shortcuts work from @list too: the list and the editor
 * sit side by side, so a shortcut of the editor's alone would never see a
 * key pressed in the list. Ctrl+Delete there deletes the record shown.
 * When the editor empties, the keyboard focus in it goes to @list.
 */
void
csp_record_editor_serve_list (CspRecordEditor *self, GtkWidget *list)
{
  GtkEventController *shortcuts;

  g_return_if_fail (CSP_IS_RECORD_EDITOR (self));
  g_return_if_fail (GTK_IS_WIDGET (list));

  shortcuts = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_add_shortcut (
      GTK_SHORTCUT_CONTROLLER (shortcuts),
      gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Delete, GDK_CONTROL_MASK),
                        gtk_callback_action_new (list_delete_cb, self, NULL)));
  gtk_widget_add_controller (list, shortcuts);
  g_set_weak_pointer (&self->list, list);
}
