/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "csp-report-list-row"

#include "config.h"

#include <glib/gi18n.h>

#include "csp-choices.h"
#include "csp-dates.h"
#include "csp-report-list-row.h"

/* A committee report in the Reports page's list: its title, and under it
 * the meeting's date, the committee and the report's status. */
struct _CspReportListRow
{
  GtkListBoxRow parent_instance;

  GtkLabel *title_label;
  GtkLabel *detail_label;
};

G_DEFINE_FINAL_TYPE (CspReportListRow, csp_report_list_row, GTK_TYPE_LIST_BOX_ROW)

static void
csp_report_list_row_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), CSP_TYPE_REPORT_LIST_ROW);

  G_OBJECT_CLASS (csp_report_list_row_parent_class)->dispose (object);
}

static void
csp_report_list_row_class_init (CspReportListRowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = csp_report_list_row_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/csp-report-list-row.ui");
  gtk_widget_class_bind_template_child (widget_class, CspReportListRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, CspReportListRow, detail_label);
}

static void
csp_report_list_row_init (CspReportListRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * csp_report_list_row_new:
 * @report: a committee report as stored
 *
 * Returns: (transfer full): the row
 */
CspReportListRow *
csp_report_list_row_new (CspRecord *report)
{
  CspReportListRow *self;
  g_autofree char *date = NULL;
  g_autofree char *detail = NULL;

  g_return_val_if_fail (CSP_IS_RECORD (report), NULL);

  self = g_object_new (CSP_TYPE_REPORT_LIST_ROW, NULL);
  date = csp_date_format_long (csp_record_get_string (report, "meeting_date"));
  /* TRANSLATORS: a report in the list: meeting date · committee · status */
  detail = g_strdup_printf (_ ("%s · %s · %s"), date, csp_record_get_string (report, "committee"),
                            csp_choice_label (csp_record_get_string (report, "status")));
  gtk_label_set_text (self->title_label, csp_record_get_string (report, "title"));
  gtk_label_set_text (self->detail_label, detail);
  return self;
}
