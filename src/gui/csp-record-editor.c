/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "csp-record-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "csp-record-editor.h"

/* The editor pane of a record: its form, with Save, Revert, Duplicate and
 * Delete, each through the session history so it can be undone. A record
 * that other records still use is offered retirement instead of deletion,
 * where its type can be retired. */
struct _CspRecordEditor
{
  AdwBin parent_instance;

  CspContext *context;
  GType record_type;
  const CspFormGroup *groups;
  guint n_groups;
  CspRecordForm *form; /* built when first needed: it is most of the editor's cost */

  GtkWidget *header;
  GtkLabel *title_label;
  GtkLabel *problem_label;
  GtkStack *stack;
  AdwStatusPage *empty_page;
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

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save", valid && modified);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.revert", modified);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.delete", stored && !info->append_only);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.duplicate",
                                 record != NULL && !info->append_only);

  gtk_stack_set_visible_child_name (self->stack, record != NULL ? "form" : "empty");
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
  csp_record_form_set_record (ensure_form (self), record);
  update_state (self);
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
      g_autofree char *heading =
          g_error_matches (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_CONFLICT)
              ? g_strdup_printf (_ ("Someone Else Saved This %s First"), noun (self))
              : g_strdup_printf (_ ("Could Not Save the %s"), noun (self));
      message_dialog (self, heading, error->message);
      return;
    }
  csp_record_editor_show (self, record);
  done = g_strdup_printf (is_new ? _ ("New %s added") : _ ("Changes to the %s saved"), noun (self));
  toast (self, adw_toast_new (done));
  g_signal_emit (self, signals[SAVED], 0, record);
}

static void
revert_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  CspRecordEditor *self = CSP_RECORD_EDITOR (widget);

  csp_record_form_revert (self->form);
  update_state (self);
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

static void
csp_record_editor_dispose (GObject *object)
{
  CspRecordEditor *self = CSP_RECORD_EDITOR (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CSP_TYPE_RECORD_EDITOR);
  g_clear_object (&self->context);

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
  gtk_widget_class_bind_template_child (widget_class, CspRecordEditor, title_label);
  gtk_widget_class_bind_template_child (widget_class, CspRecordEditor, problem_label);
  gtk_widget_class_bind_template_child (widget_class, CspRecordEditor, stack);
  gtk_widget_class_bind_template_child (widget_class, CspRecordEditor, empty_page);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_activated);
  gtk_widget_class_install_action (widget_class, "editor.revert", NULL, revert_activated);
  gtk_widget_class_install_action (widget_class, "editor.duplicate", NULL, duplicate_activated);
  gtk_widget_class_install_action (widget_class, "editor.delete", NULL, delete_activated);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "editor.save",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "editor.revert", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_d, GDK_CONTROL_MASK,
                                       "editor.duplicate", NULL);
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
