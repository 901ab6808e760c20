/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "csp-partners-page"

#include "config.h"

#include <glib/gi18n.h>

#include "csp-partners-page.h"
#include "csp-records.h"

/* The partnership's reference lists: partners, priorities per plan, the
 * channels it reaches people through and the metrics recorded for them.
 * Each can be added to, edited and retired. */
struct _CspPartnersPage
{
  CspPage parent_instance;

  AdwViewStack *stack;
};

G_DEFINE_FINAL_TYPE (CspPartnersPage, csp_partners_page, CSP_TYPE_PAGE)

static const CspFormGroup partner_groups[] = {
  { N_ ("Partner"), "name short_name kind statutory website retired" },
  { NULL, "notes" },
};

static const CspFormGroup priority_groups[] = {
  { N_ ("Priority"), "plan_id position title retired" },
  { NULL, "description" },
};

static const CspFormGroup channel_groups[] = {
  { N_ ("Channel"), "name kind url retired" },
};

static const CspFormGroup metric_groups[] = {
  { N_ ("Metric"), "channel_id name kind unit retired" },
};

static const struct
{
  GType (*get_type) (void);
  const char *name;
  const char *title;
  const char *icon;
  const char *sort_column;
  const CspFormGroup *groups;
  guint n_groups;
} lists[] = {
  { csp_partner_get_type, "partners", N_ ("Partners"), "system-users-symbolic", "name",
    partner_groups, G_N_ELEMENTS (partner_groups) },
  { csp_priority_get_type, "priorities", N_ ("Priorities"), "view-list-ordered-symbolic", "plan_id",
    priority_groups, G_N_ELEMENTS (priority_groups) },
  { csp_channel_get_type, "channels", N_ ("Channels"), "mail-send-symbolic", "name", channel_groups,
    G_N_ELEMENTS (channel_groups) },
  { csp_metric_get_type, "metrics", N_ ("Metrics"), "x-office-spreadsheet-symbolic", "channel_id",
    metric_groups, G_N_ELEMENTS (metric_groups) },
};

/* The list on the tab shown. */
static CspExportTable *
open_list_export (CspPage *page, GError **error)
{
  CspPartnersPage *self = CSP_PARTNERS_PAGE (page);
  const char *shown = adw_view_stack_get_visible_child_name (self->stack);

  for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
    if (g_strcmp0 (lists[i].name, shown) == 0)
      return csp_export_table_new_for_type (csp_page_get_database (page), lists[i].get_type (),
                                            error);
  g_return_val_if_reached (NULL);
}

static void
csp_partners_page_class_init (CspPartnersPageClass *klass)
{
  CSP_PAGE_CLASS (klass)->open_list_export = open_list_export;
}

static void
csp_partners_page_init (CspPartnersPage *self)
{
}

/**
 * csp_partners_page_new:
 *
 * Returns: (transfer full): the Partners & Priorities page
 */
CspPartnersPage *
csp_partners_page_new (CspContext *context)
{
  CspPartnersPage *self = g_object_new (CSP_TYPE_PARTNERS_PAGE, "context", context, NULL);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *switcher = adw_view_switcher_new ();

  self->stack = ADW_VIEW_STACK (adw_view_stack_new ());
  for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
    {
      CspRecordBrowser *browser = csp_record_browser_new (
          context, lists[i].get_type (), lists[i].sort_column, lists[i].groups, lists[i].n_groups);
      AdwViewStackPage *page = adw_view_stack_add_titled (self->stack, GTK_WIDGET (browser),
                                                          lists[i].name, _ (lists[i].title));
      adw_view_stack_page_set_icon_name (page, lists[i].icon);
    }
  adw_view_switcher_set_stack (ADW_VIEW_SWITCHER (switcher), self->stack);
  adw_view_switcher_set_policy (ADW_VIEW_SWITCHER (switcher), ADW_VIEW_SWITCHER_POLICY_WIDE);
  gtk_widget_set_halign (switcher, GTK_ALIGN_CENTER);
  gtk_widget_set_margin_top (switcher, 6);
  gtk_widget_set_margin_bottom (switcher, 6);
  gtk_widget_set_vexpand (GTK_WIDGET (self->stack), TRUE);
  gtk_box_append (GTK_BOX (box), switcher);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->stack));
  adw_bin_set_child (ADW_BIN (self), box);
  return self;
}

/**
 * csp_partners_page_get_browser:
 * @record_type: partner, priority, channel or metric
 *
 * Returns: (transfer none): the list and editor of that type
 */
CspRecordBrowser *
csp_partners_page_get_browser (CspPartnersPage *self, GType record_type)
{
  g_return_val_if_fail (CSP_IS_PARTNERS_PAGE (self), NULL);

  for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
    if (lists[i].get_type () == record_type)
      return CSP_RECORD_BROWSER (adw_view_stack_get_child_by_name (self->stack, lists[i].name));
  return NULL;
}
