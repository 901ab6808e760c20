/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "csp-records.h"

G_BEGIN_DECLS

#define CSP_TYPE_PRIORITY_ROW (csp_priority_row_get_type ())
G_DECLARE_FINAL_TYPE (CspPriorityRow, csp_priority_row, CSP, PRIORITY_ROW, GtkListBoxRow)

CspPriorityRow *csp_priority_row_new (CspRecord *priority);

G_END_DECLS
