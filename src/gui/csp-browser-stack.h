/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "csp-export.h"
#include "csp-record-browser.h"

G_BEGIN_DECLS

/**
 * CspBrowserSpec:
 * @get_type: the records' type
 * @name: the tab's name, for the stack
 * @title: the tab's title (N_() marked)
 * @icon: the tab's icon
 * @sort_column: the list's order
 * @descending: highest first
 * @groups: (array length=n_groups): the editor's layout
 * @n_groups: how many
 * @describe: (nullable): what the list says under each record's name
 */
typedef struct
{
  GType (*get_type) (void);
  const char *name;
  const char *title;
  const char *icon;
  const char *sort_column;
  gboolean descending;
  const CspFormGroup *groups;
  guint n_groups;
  CspRecordBrowserDescribeFunc describe;
} CspBrowserSpec;

#define CSP_TYPE_BROWSER_STACK (csp_browser_stack_get_type ())
G_DECLARE_FINAL_TYPE (CspBrowserStack, csp_browser_stack, CSP, BROWSER_STACK, AdwBin)

void csp_browser_stack_set_lists (CspBrowserStack *self, CspContext *context,
                                  const CspBrowserSpec *specs, guint n_specs);
CspRecordBrowser *csp_browser_stack_get_browser (CspBrowserStack *self, GType record_type);
void csp_browser_stack_show (CspBrowserStack *self, GType record_type);
CspExportTable *csp_browser_stack_open_export (CspBrowserStack *self, GError **error);

G_END_DECLS
