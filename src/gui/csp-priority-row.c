/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "csp-priority-row"

#include "config.h"

#include "csp-priority-row.h"

/* A priority of the Action Plan's list, "1. Title", above its actions. */
struct _CspPriorityRow
{
  GtkListBoxRow parent_instance;
};

G_DEFINE_FINAL_TYPE (CspPriorityRow, csp_priority_row, GTK_TYPE_LIST_BOX_ROW)

static void
csp_priority_row_class_init (CspPriorityRowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/csp-priority-row.ui");
}

static void
csp_priority_row_init (CspPriorityRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * csp_priority_row_new:
 * @priority: a priority as stored
 *
 * Returns: (transfer full): the row
 */
CspPriorityRow *
csp_priority_row_new (CspRecord *priority)
{
  CspPriorityRow *self;
  g_autofree char *text = NULL;

  g_return_val_if_fail (CSP_IS_RECORD (priority), NULL);

  self = g_object_new (CSP_TYPE_PRIORITY_ROW, NULL);
  text = g_strdup_printf ("%" G_GINT64_FORMAT ". %s", csp_record_get_int (priority, "position"),
                          csp_record_get_string (priority, "title"));
  /* The label is the row's child, not a bound one: the row unparents it. */
  gtk_label_set_text (GTK_LABEL (gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (self))), text);
  return self;
}
