/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "csp-records.h"

G_BEGIN_DECLS

#define CSP_TYPE_SECTION_ROW (csp_section_row_get_type ())
G_DECLARE_FINAL_TYPE (CspSectionRow, csp_section_row, CSP, SECTION_ROW, GtkListBoxRow)

CspSectionRow *csp_section_row_new (CspRecord *section, guint index, guint n_sections);
GtkWidget *csp_section_row_get_heading (CspSectionRow *self);
GtkTextView *csp_section_row_get_text_view (CspSectionRow *self);

G_END_DECLS
