/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "csp-duplicate-report-dialog"

#include "config.h"

#include "csp-duplicate-report-dialog.h"

/* Asks the date of the meeting a report is duplicated for, with the next
 * one proposed. Its "duplicate" response is the caller's to act on. */
struct _CspDuplicateReportDialog
{
  AdwMessageDialog parent_instance;

  GtkEntry *date_entry;
};

G_DEFINE_FINAL_TYPE (CspDuplicateReportDialog, csp_duplicate_report_dialog, ADW_TYPE_MESSAGE_DIALOG)

static void
csp_duplicate_report_dialog_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), CSP_TYPE_DUPLICATE_REPORT_DIALOG);

  G_OBJECT_CLASS (csp_duplicate_report_dialog_parent_class)->dispose (object);
}

static void
csp_duplicate_report_dialog_class_init (CspDuplicateReportDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = csp_duplicate_report_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/csp-duplicate-report-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CspDuplicateReportDialog, date_entry);
}

static void
csp_duplicate_report_dialog_init (CspDuplicateReportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * csp_duplicate_report_dialog_new:
 * @parent: (nullable): the window it is for
 * @meeting_date: (nullable): the date proposed, YYYY-MM-DD
 *
 * Returns: (transfer full): the dialog, not yet shown
 */
CspDuplicateReportDialog *
csp_duplicate_report_dialog_new (GtkWindow *parent, const char *meeting_date)
{
  CspDuplicateReportDialog *self =
      g_object_new (CSP_TYPE_DUPLICATE_REPORT_DIALOG, "transient-for", parent, NULL);

  gtk_editable_set_text (GTK_EDITABLE (self->date_entry), meeting_date != NULL ? meeting_date : "");
  return self;
}

/**
 * csp_duplicate_report_dialog_get_meeting_date:
 *
 * Returns: (transfer none): the date as typed
 */
const char *
csp_duplicate_report_dialog_get_meeting_date (CspDuplicateReportDialog *self)
{
  g_return_val_if_fail (CSP_IS_DUPLICATE_REPORT_DIALOG (self), NULL);
  return gtk_editable_get_text (GTK_EDITABLE (self->date_entry));
}
