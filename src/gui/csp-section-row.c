/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "csp-section-row"

#include "config.h"

#include <glib/gi18n.h>

#include "csp-rich-text-editor.h"
#include "csp-section-row.h"

/* A section of a committee report as the Sections tab edits it: its
 * number, heading and text, with buttons that act on it through the
 * page's reports.move-section-up, -down and remove-section actions. */
struct _CspSectionRow
{
  GtkListBoxRow parent_instance;

  GtkBox *top_box;
  GtkLabel *number_label;
  GtkEntry *heading_entry;
  GtkButton *up_button;
  GtkButton *down_button;
  GtkButton *remove_button;
  GtkTextView *text_view;
};

G_DEFINE_FINAL_TYPE (CspSectionRow, csp_section_row, GTK_TYPE_LIST_BOX_ROW)

static void
csp_section_row_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), CSP_TYPE_SECTION_ROW);

  G_OBJECT_CLASS (csp_section_row_parent_class)->dispose (object);
}

static void
csp_section_row_class_init (CspSectionRowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = csp_section_row_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/csp-section-row.ui");
  gtk_widget_class_bind_template_child (widget_class, CspSectionRow, top_box);
  gtk_widget_class_bind_template_child (widget_class, CspSectionRow, number_label);
  gtk_widget_class_bind_template_child (widget_class, CspSectionRow, heading_entry);
  gtk_widget_class_bind_template_child (widget_class, CspSectionRow, up_button);
  gtk_widget_class_bind_template_child (widget_class, CspSectionRow, down_button);
  gtk_widget_class_bind_template_child (widget_class, CspSectionRow, remove_button);
  gtk_widget_class_bind_template_child (widget_class, CspSectionRow, text_view);
}

static void
csp_section_row_init (CspSectionRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* A button's target is its section; its name and tooltip say which. */
static void
set_up_button (GtkButton *button, gint64 section_id, const char *label)
{
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button),
                                          g_variant_new_int64 (section_id));
  gtk_widget_set_tooltip_text (GTK_WIDGET (button), label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
}

/**
 * csp_section_row_new:
 * @section: the section as stored
 * @index: its place in the report, from 0
 * @n_sections: how many sections the report has
 *
 * Returns: (transfer full): the row
 */
CspSectionRow *
csp_section_row_new (CspRecord *section, guint index, guint n_sections)
{
  CspSectionRow *self;
  gint64 id;
  const char *body;
  g_autofree char *number = g_strdup_printf ("%u", index + 1);
  g_autofree char *heading_label = g_strdup_printf (_ ("Heading of section %u"), index + 1);
  g_autofree char *text_label = g_strdup_printf (_ ("Text of section %u"), index + 1);
  g_autofree char *section_name = g_strdup_printf (_ ("section %u"), index + 1);
  g_autofree char *up_label = g_strdup_printf (_ ("Move section %u up"), index + 1);
  g_autofree char *down_label = g_strdup_printf (_ ("Move section %u down"), index + 1);
  g_autofree char *remove_label = g_strdup_printf (_ ("Remove section %u"), index + 1);

  g_return_val_if_fail (CSP_IS_RECORD (section), NULL);

  self = g_object_new (CSP_TYPE_SECTION_ROW, NULL);
  id = csp_record_get_id (section);
  body = csp_record_get_string (section, "body");
  gtk_label_set_text (self->number_label, number);
  gtk_editable_set_text (GTK_EDITABLE (self->heading_entry),
                         csp_record_get_string (section, "heading"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->heading_entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, heading_label, -1);
  set_up_button (self->up_button, id, up_label);
  set_up_button (self->down_button, id, down_label);
  set_up_button (self->remove_button, id, remove_label);
  gtk_widget_set_sensitive (GTK_WIDGET (self->up_button), index > 0);
  gtk_widget_set_sensitive (GTK_WIDGET (self->down_button), index + 1 < n_sections);

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->text_view), body != NULL ? body : "",
                            -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->text_view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  text_label, -1);
  /* The toolbar reads the text set above, so it comes after it. */
  gtk_box_insert_child_after (GTK_BOX (gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (self))),
                              csp_rich_text_editor_attach (self->text_view, section_name),
                              GTK_WIDGET (self->top_box));
  return self;
}

/**
 * csp_section_row_get_heading:
 *
 * Returns: (transfer none): the entry of the section's heading
 */
GtkWidget *
csp_section_row_get_heading (CspSectionRow *self)
{
  g_return_val_if_fail (CSP_IS_SECTION_ROW (self), NULL);
  return GTK_WIDGET (self->heading_entry);
}

/**
 * csp_section_row_get_text_view:
 *
 * Returns: (transfer none): the view of the section's text
 */
GtkTextView *
csp_section_row_get_text_view (CspSectionRow *self)
{
  g_return_val_if_fail (CSP_IS_SECTION_ROW (self), NULL);
  return self->text_view;
}
