/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "csp-record-editor.h"

G_BEGIN_DECLS

/**
 * CspRecordBrowserDescribeFunc:
 * @record: a record of the list
 * @mark: (out) (transfer full) (nullable): a short warning to show beside
 *   it ("Review due"), or %NULL for none
 * @mark_tip: (out) (transfer full) (nullable): why the mark is there
 *
 * Returns: (transfer full) (nullable): a line that says more of the record
 *   under its name, e.g. its date
 */
typedef char *(*CspRecordBrowserDescribeFunc) (CspRecord *record, char **mark, char **mark_tip);

#define CSP_TYPE_RECORD_BROWSER (csp_record_browser_get_type ())
G_DECLARE_FINAL_TYPE (CspRecordBrowser, csp_record_browser, CSP, RECORD_BROWSER, AdwBin)

CspRecordBrowser *csp_record_browser_new (CspContext *context, GType record_type,
                                          const char *sort_column, const CspFormGroup *groups,
                                          guint n_groups);
void csp_record_browser_set_order (CspRecordBrowser *self, const char *sort_column,
                                   gboolean descending);
void csp_record_browser_set_describe_func (CspRecordBrowser *self,
                                           CspRecordBrowserDescribeFunc describe);
CspRecordEditor *csp_record_browser_get_editor (CspRecordBrowser *self);
GtkListView *csp_record_browser_get_list (CspRecordBrowser *self);
gboolean csp_record_browser_select (CspRecordBrowser *self, gint64 id);

G_END_DECLS
