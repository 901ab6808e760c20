/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "csp-partners-page"

#include "config.h"

#include <glib/gi18n.h>

#include "csp-browser-stack.h"
#include "csp-partners-page.h"
#include "csp-records.h"

/* The partnership's reference lists: partners, priorities per plan, the
 * channels it reaches people through and the metrics recorded for them.
 * Each can be added to, edited and retired. */
struct _CspPartnersPage
{
  CspPage parent_instance;

  CspBrowserStack *stack;
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

static const CspBrowserSpec lists[] = {
  { csp_partner_get_type, "partners", N_ ("Partners"), "system-users-symbolic", "name", FALSE,
    partner_groups, G_N_ELEMENTS (partner_groups), NULL },
  { csp_priority_get_type, "priorities", N_ ("Priorities"), "view-list-ordered-symbolic", "plan_id",
    FALSE, priority_groups, G_N_ELEMENTS (priority_groups), NULL },
  { csp_channel_get_type, "channels", N_ ("Channels"), "mail-send-symbolic", "name", FALSE,
    channel_groups, G_N_ELEMENTS (channel_groups), NULL },
  { csp_metric_get_type, "metrics", N_ ("Metrics"), "x-office-spreadsheet-symbolic", "channel_id",
    FALSE, metric_groups, G_N_ELEMENTS (metric_groups), NULL },
};

/* The list on the tab shown. */
static CspExportTable *
open_list_export (CspPage *page, GError **error)
{
  return csp_browser_stack_open_export (CSP_PARTNERS_PAGE (page)->stack, error);
}

static void
csp_partners_page_constructed (GObject *object)
{
  CspPartnersPage *self = CSP_PARTNERS_PAGE (object);

  G_OBJECT_CLASS (csp_partners_page_parent_class)->constructed (object);
  csp_browser_stack_set_lists (self->stack, csp_page_get_context (CSP_PAGE (self)), lists,
                               G_N_ELEMENTS (lists));
}

static void
csp_partners_page_dispose (GObject *object)
{
  /* The bin's child is bound: out of the bin before the template lets it go. */
  adw_bin_set_child (ADW_BIN (object), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), CSP_TYPE_PARTNERS_PAGE);

  G_OBJECT_CLASS (csp_partners_page_parent_class)->dispose (object);
}

static void
csp_partners_page_class_init (CspPartnersPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = csp_partners_page_constructed;
  object_class->dispose = csp_partners_page_dispose;
  CSP_PAGE_CLASS (klass)->open_list_export = open_list_export;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/csp-partners-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CspPartnersPage, stack);
}

static void
csp_partners_page_init (CspPartnersPage *self)
{
  g_type_ensure (CSP_TYPE_BROWSER_STACK);
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * csp_partners_page_new:
 *
 * Returns: (transfer full): the Partners & Priorities page
 */
CspPartnersPage *
csp_partners_page_new (CspContext *context)
{
  return g_object_new (CSP_TYPE_PARTNERS_PAGE, "context", context, NULL);
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
  return csp_browser_stack_get_browser (self->stack, record_type);
}
