/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "csp-report-part-row"

#include "config.h"

#include "csp-report-part-row.h"

/* A chart or appendix table a committee report may include, by its
 * report_part kind and name, with a switch that says whether it does. */
struct _CspReportPartRow
{
  AdwActionRow parent_instance;

  char *kind; /* "chart" or "appendix" */
  char *name;

  GtkSwitch *part_switch;
};

G_DEFINE_FINAL_TYPE (CspReportPartRow, csp_report_part_row, ADW_TYPE_ACTION_ROW)

static void
csp_report_part_row_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), CSP_TYPE_REPORT_PART_ROW);

  G_OBJECT_CLASS (csp_report_part_row_parent_class)->dispose (object);
}

static void
csp_report_part_row_finalize (GObject *object)
{
  CspReportPartRow *self = CSP_REPORT_PART_ROW (object);

  g_free (self->kind);
  g_free (self->name);

  G_OBJECT_CLASS (csp_report_part_row_parent_class)->finalize (object);
}

static void
csp_report_part_row_class_init (CspReportPartRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = csp_report_part_row_dispose;
  object_class->finalize = csp_report_part_row_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/csp-report-part-row.ui");
  gtk_widget_class_bind_template_child (widget_class, CspReportPartRow, part_switch);
}

static void
csp_report_part_row_init (CspReportPartRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * csp_report_part_row_new:
 * @kind: "chart" or "appendix"
 * @name: the chart's or table's name
 * @title: what the row says, translated
 * @subtitle: (nullable): the line under it
 *
 * Returns: (transfer full): the row
 */
CspReportPartRow *
csp_report_part_row_new (const char *kind, const char *name, const char *title,
                         const char *subtitle)
{
  CspReportPartRow *self;

  g_return_val_if_fail (kind != NULL && name != NULL && title != NULL, NULL);

  self = g_object_new (CSP_TYPE_REPORT_PART_ROW, "title", title, NULL);
  self->kind = g_strdup (kind);
  self->name = g_strdup (name);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (self), subtitle);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->part_switch), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  title, -1);
  return self;
}

const char *
csp_report_part_row_get_kind (CspReportPartRow *self)
{
  g_return_val_if_fail (CSP_IS_REPORT_PART_ROW (self), NULL);
  return self->kind;
}

const char *
csp_report_part_row_get_name (CspReportPartRow *self)
{
  g_return_val_if_fail (CSP_IS_REPORT_PART_ROW (self), NULL);
  return self->name;
}

/**
 * csp_report_part_row_get_switch:
 *
 * Returns: (transfer none): the switch that includes the part
 */
GtkSwitch *
csp_report_part_row_get_switch (CspReportPartRow *self)
{
  g_return_val_if_fail (CSP_IS_REPORT_PART_ROW (self), NULL);
  return self->part_switch;
}
