/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "csp-page.h"

G_BEGIN_DECLS

#define CSP_TYPE_FIGURES_PAGE (csp_figures_page_get_type ())
G_DECLARE_FINAL_TYPE (CspFiguresPage, csp_figures_page, CSP, FIGURES_PAGE, CspPage)

CspFiguresPage *csp_figures_page_new (CspContext *context);
void csp_figures_page_show_year (CspFiguresPage *self, int year_start);
GtkEditable *csp_figures_page_get_cell (CspFiguresPage *self, gint64 metric_id, const char *month);

G_END_DECLS
