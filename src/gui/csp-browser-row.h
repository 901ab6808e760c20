/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "csp-records.h"
#include "csp-types.h"

G_BEGIN_DECLS

#define CSP_TYPE_BROWSER_ROW (csp_browser_row_get_type ())
G_DECLARE_FINAL_TYPE (CspBrowserRow, csp_browser_row, CSP, BROWSER_ROW, GObject)

CspBrowserRow *csp_browser_row_new (CspRecord *record, const char *name, const char *detail,
                                    const char *mark, const char *mark_tip, gboolean retired);
CspRecord *csp_browser_row_get_record (CspBrowserRow *self);

G_END_DECLS
