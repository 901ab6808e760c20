/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "csp-duplicate-report-dialog"

#include "config.h"

#include "csp-dates.h"
#include "csp-duplicate-report-dialog.h"

/* Asks the date of the meeting a report is duplicated for, with the next
 * one proposed, as dates are typed in Britain (dd/mm/yyyy). Duplicate is
 * offered once what is typed is a day. Its "duplicate" response is the
 * caller's to act on. */
struct _CspDuplicateReportDialog
{
  AdwMessageDialog parent_instance;

  GtkEntry *date_entry;
  char *meeting_date; /* what is typed, as YYYY-MM-DD; NULL when not a day */
};

G_DEFINE_FINAL_TYPE (CspDuplicateReportDialog, csp_duplicate_report_dialog, ADW_TYPE_MESSAGE_DIALOG)

static void
date_changed_cb (CspDuplicateReportDialog *self)
{
  g_free (self->meeting_date);
  self->meeting_date =
      csp_date_from_typed (gtk_editable_get_text (GTK_EDITABLE (self->date_entry)));
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "duplicate",
                                           self->meeting_date != NULL);
  if (self->meeting_date != NULL)
    gtk_widget_remove_css_class (GTK_WIDGET (self->date_entry), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->date_entry), "error");
}

static void
csp_duplicate_report_dialog_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), CSP_TYPE_DUPLICATE_REPORT_DIALOG);

  G_OBJECT_CLASS (csp_duplicate_report_dialog_parent_class)->dispose (object);
}

static void
csp_duplicate_report_dialog_finalize (GObject *object)
{
  g_free (CSP_DUPLICATE_REPORT_DIALOG (object)->meeting_date);

  G_OBJECT_CLASS (csp_duplicate_report_dialog_parent_class)->finalize (object);
}

static void
csp_duplicate_report_dialog_class_init (CspDuplicateReportDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = csp_duplicate_report_dialog_dispose;
  G_OBJECT_CLASS (klass)->finalize = csp_duplicate_report_dialog_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/csp-duplicate-report-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CspDuplicateReportDialog, date_entry);
  gtk_widget_class_bind_template_callback (widget_class, date_changed_cb);
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
  g_autofree char *typed = csp_date_format_typed (meeting_date);

  gtk_editable_set_text (GTK_EDITABLE (self->date_entry), typed);
  date_changed_cb (self);
  return self;
}

/**
 * csp_duplicate_report_dialog_get_meeting_date:
 *
 * Returns: (transfer none) (nullable): the date typed, as YYYY-MM-DD, or
 *   %NULL while what is typed is not a day (and Duplicate is not offered)
 */
const char *
csp_duplicate_report_dialog_get_meeting_date (CspDuplicateReportDialog *self)
{
  g_return_val_if_fail (CSP_IS_DUPLICATE_REPORT_DIALOG (self), NULL);
  return self->meeting_date;
}
