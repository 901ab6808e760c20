/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "csp-add-update-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "csp-add-update-dialog.h"
#include "csp-records.h"

/* A dialog to add one dated progress update to an action's history. The
 * update starts from the action as it stands (status, progress, RAG
 * status) and today's date; the commentary is what is typed. Added, the
 * action follows it in the same step of undo, and "added" is emitted. */
struct _CspAddUpdateDialog
{
  AdwWindow parent_instance;

  CspContext *context;
  CspRecord *action;

  AdwWindowTitle *window_title;
  CspRecordForm *form;
};

G_DEFINE_FINAL_TYPE (CspAddUpdateDialog, csp_add_update_dialog, ADW_TYPE_WINDOW)

enum
{
  PROP_0,
  PROP_CONTEXT,
  PROP_ACTION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  ADDED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const CspFormGroup update_groups[] = {
  { N_ ("Progress update"), "update_date author status percent_complete rag" },
  { NULL, "commentary" },
};

/* Who writes updates: the partnership's default author, else this desktop's user. */
static char *
default_author (CspAddUpdateDialog *self)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) settings =
      csp_store_list (csp_context_get_store (self->context), CSP_TYPE_SETTINGS, NULL, &error);

  if (settings == NULL)
    g_warning ("Could not read the settings records: %s", error->message);
  else if (settings->len > 0 &&
           !csp_record_is_null (g_ptr_array_index (settings, 0), "default_author"))
    return g_strdup (csp_record_get_string (g_ptr_array_index (settings, 0), "default_author"));
  return g_strdup (g_get_real_name ());
}

/* The action follows its newest update: status, progress and, unless set
 * by hand, its RAG status. */
static gboolean
apply_update_to_action (CspAddUpdateDialog *self, CspRecord *update, GError **error)
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
add_clicked_cb (CspAddUpdateDialog *self)
{
  g_autoptr (CspRecord) update = csp_record_copy (csp_record_form_get_record (self->form));
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
      GtkWidget *message = adw_message_dialog_new (GTK_WINDOW (self),
                                                   _ ("Could Not Add the Update"), error->message);
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (message), "close", _ ("_Close"));
      gtk_window_present (GTK_WINDOW (message));
      return;
    }
  g_signal_emit (self, signals[ADDED], 0);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
cancel_clicked_cb (CspAddUpdateDialog *self)
{
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
csp_add_update_dialog_constructed (GObject *object)
{
  CspAddUpdateDialog *self = CSP_ADD_UPDATE_DIALOG (object);
  g_autoptr (CspRecord) update = csp_record_new (CSP_TYPE_ACTION_UPDATE);
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *author = default_author (self);
  g_autofree char *title = csp_record_dup_display_name (self->action);

  G_OBJECT_CLASS (csp_add_update_dialog_parent_class)->constructed (object);

  csp_record_set_int (update, "action_id", csp_record_get_id (self->action));
  csp_record_set_string (update, "update_date", today);
  csp_record_set_string (update, "author", author);
  csp_record_set_string (update, "status", csp_record_get_string (self->action, "status"));
  csp_record_set_int (update, "percent_complete",
                      csp_record_get_int (self->action, "percent_complete"));
  csp_record_set_string (update, "rag", csp_record_get_string (self->action, "rag"));

  adw_window_title_set_subtitle (self->window_title, title);
  csp_record_form_set_layout (self->form, self->context, CSP_TYPE_ACTION_UPDATE, update_groups,
                              G_N_ELEMENTS (update_groups));
  csp_record_form_set_record (self->form, update);
  /* The rest comes from the action; the commentary is what is typed, so
   * the focus starts there rather than on the first button, Cancel. */
  gtk_window_set_focus (GTK_WINDOW (self), csp_record_form_get_field (self->form, "commentary"));
}

static void
csp_add_update_dialog_set_property (GObject *object, guint prop_id, const GValue *value,
                                    GParamSpec *pspec)
{
  CspAddUpdateDialog *self = CSP_ADD_UPDATE_DIALOG (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;
    case PROP_ACTION:
      self->action = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
csp_add_update_dialog_dispose (GObject *object)
{
  CspAddUpdateDialog *self = CSP_ADD_UPDATE_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CSP_TYPE_ADD_UPDATE_DIALOG);
  g_clear_object (&self->action);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (csp_add_update_dialog_parent_class)->dispose (object);
}

static void
csp_add_update_dialog_class_init (CspAddUpdateDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = csp_add_update_dialog_constructed;
  object_class->set_property = csp_add_update_dialog_set_property;
  object_class->dispose = csp_add_update_dialog_dispose;

  properties[PROP_CONTEXT] =
      g_param_spec_object ("context", NULL, NULL, CSP_TYPE_CONTEXT,
                           G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ACTION] =
      g_param_spec_object ("action", NULL, NULL, CSP_TYPE_RECORD,
                           G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CspAddUpdateDialog::added:
   *
   * The update was stored, and its action changed with it.
   */
  signals[ADDED] = g_signal_new ("added", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                 NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (CSP_TYPE_RECORD_FORM);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/csp-add-update-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CspAddUpdateDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, CspAddUpdateDialog, form);
  gtk_widget_class_bind_template_callback (widget_class, add_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, cancel_clicked_cb);
}

static void
csp_add_update_dialog_init (CspAddUpdateDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * csp_add_update_dialog_new:
 * @action: the action, as stored, that the update is for
 *
 * Returns: (transfer full): the dialog, not yet shown
 */
CspAddUpdateDialog *
csp_add_update_dialog_new (CspContext *context, CspRecord *action)
{
  g_return_val_if_fail (CSP_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (CSP_IS_RECORD (action), NULL);

  return g_object_new (CSP_TYPE_ADD_UPDATE_DIALOG, "context", context, "action", action, NULL);
}

/**
 * csp_add_update_dialog_get_form:
 *
 * Returns: (transfer none): the form of the update
 */
CspRecordForm *
csp_add_update_dialog_get_form (CspAddUpdateDialog *self)
{
  g_return_val_if_fail (CSP_IS_ADD_UPDATE_DIALOG (self), NULL);
  return self->form;
}
