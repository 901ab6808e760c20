/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "csp-record-editor.h"

G_BEGIN_DECLS

#define CSP_TYPE_RECORD_BROWSER (csp_record_browser_get_type ())
G_DECLARE_FINAL_TYPE (CspRecordBrowser, csp_record_browser, CSP, RECORD_BROWSER, AdwBin)

CspRecordBrowser *csp_record_browser_new (CspContext *context, GType record_type,
                                          const char *sort_column, const CspFormGroup *groups,
                                          guint n_groups);
CspRecordEditor *csp_record_browser_get_editor (CspRecordBrowser *self);
GtkListView *csp_record_browser_get_list (CspRecordBrowser *self);

G_END_DECLS
