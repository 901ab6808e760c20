/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "csp-browser-stack"

#include "config.h"

#include <glib/gi18n.h>

#include "csp-browser-stack.h"
#include "csp-records.h"

/* Lists of records, a tab each, with a switcher above them: a page of
 * reference lists declared as a table of what each tab lists and how its
 * editor is laid out. */
struct _CspBrowserStack
{
  AdwBin parent_instance;

  CspContext *context;
  AdwViewStack *stack;
  const CspBrowserSpec *specs;
  guint n_specs;
};

G_DEFINE_FINAL_TYPE (CspBrowserStack, csp_browser_stack, ADW_TYPE_BIN)

static void
csp_browser_stack_dispose (GObject *object)
{
  CspBrowserStack *self = CSP_BROWSER_STACK (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CSP_TYPE_BROWSER_STACK);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (csp_browser_stack_parent_class)->dispose (object);
}

static void
csp_browser_stack_class_init (CspBrowserStackClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = csp_browser_stack_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/csp-browser-stack.ui");
  gtk_widget_class_bind_template_child (widget_class, CspBrowserStack, stack);
}

static void
csp_browser_stack_init (CspBrowserStack *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * csp_browser_stack_set_lists:
 * @specs: (array length=n_specs): the tabs, in order; kept, not copied
 *
 * Gives the stack its tabs of record lists, once.
 */
void
csp_browser_stack_set_lists (CspBrowserStack *self, CspContext *context,
                             const CspBrowserSpec *specs, guint n_specs)
{
  g_return_if_fail (CSP_IS_BROWSER_STACK (self));
  g_return_if_fail (CSP_IS_CONTEXT (context));
  g_return_if_fail (self->specs == NULL);

  self->context = g_object_ref (context);
  self->specs = specs;
  self->n_specs = n_specs;
  for (guint i = 0; i < n_specs; i++)
    {
      CspRecordBrowser *browser = csp_record_browser_new (
          context, specs[i].get_type (), specs[i].sort_column, specs[i].groups, specs[i].n_groups);
      AdwViewStackPage *page = adw_view_stack_add_titled (self->stack, GTK_WIDGET (browser),
                                                          specs[i].name, _ (specs[i].title));

      if (specs[i].descending)
        csp_record_browser_set_order (browser, specs[i].sort_column, TRUE);
      if (specs[i].describe != NULL)
        csp_record_browser_set_describe_func (browser, specs[i].describe);
      adw_view_stack_page_set_icon_name (page, specs[i].icon);
    }
}

/**
 * csp_browser_stack_get_browser:
 *
 * Returns: (transfer none) (nullable): the list and editor of @record_type
 */
CspRecordBrowser *
csp_browser_stack_get_browser (CspBrowserStack *self, GType record_type)
{
  g_return_val_if_fail (CSP_IS_BROWSER_STACK (self), NULL);

  for (guint i = 0; i < self->n_specs; i++)
    if (self->specs[i].get_type () == record_type)
      return CSP_RECORD_BROWSER (
          adw_view_stack_get_child_by_name (self->stack, self->specs[i].name));
  return NULL;
}

/**
 * csp_browser_stack_show:
 *
 * Shows the tab of @record_type's records.
 */
void
csp_browser_stack_show (CspBrowserStack *self, GType record_type)
{
  g_return_if_fail (CSP_IS_BROWSER_STACK (self));

  for (guint i = 0; i < self->n_specs; i++)
    if (self->specs[i].get_type () == record_type)
      adw_view_stack_set_visible_child_name (self->stack, self->specs[i].name);
}

/**
 * csp_browser_stack_open_export:
 *
 * Returns: (transfer full): the list of the tab shown, for Export List;
 *   a list that can be imported with the columns its import reads
 */
CspExportTable *
csp_browser_stack_open_export (CspBrowserStack *self, GError **error)
{
  const char *shown;

  g_return_val_if_fail (CSP_IS_BROWSER_STACK (self), NULL);

  shown = adw_view_stack_get_visible_child_name (self->stack);
  for (guint i = 0; i < self->n_specs; i++)
    if (g_strcmp0 (self->specs[i].name, shown) == 0)
      {
        CspDatabase *database = csp_store_get_database (csp_context_get_store (self->context));
        GType type = self->specs[i].get_type ();
        CspImportKind kind;

        /* A list that can be imported is written as its import reads it. */
        if (csp_import_kind_from_record_type (type, &kind))
          return csp_export_table_new (database, kind, NULL, error);
        return csp_export_table_new_for_type (database, type, error);
      }
  g_return_val_if_reached (NULL);
}
