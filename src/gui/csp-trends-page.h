/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "csp-chart-view.h"
#include "csp-page.h"
#include "csp-figures-page.h"

G_BEGIN_DECLS

#define CSP_TYPE_TRENDS_PAGE (csp_trends_page_get_type ())
G_DECLARE_FINAL_TYPE (CspTrendsPage, csp_trends_page, CSP, TRENDS_PAGE, CspPage)

CspTrendsPage *csp_trends_page_new (CspContext *context);
gboolean csp_trends_page_show_chart (CspTrendsPage *self, const char *name, const char *from_month,
                                     const char *to_month);
const char *csp_trends_page_get_chart_name (CspTrendsPage *self);
char *csp_trends_page_get_from_month (CspTrendsPage *self);
char *csp_trends_page_get_to_month (CspTrendsPage *self);
CspChart *csp_trends_page_get_chart (CspTrendsPage *self);
CspChartView *csp_trends_page_get_chart_view (CspTrendsPage *self);
GtkColumnView *csp_trends_page_get_table (CspTrendsPage *self);
void csp_trends_page_show_table (CspTrendsPage *self, gboolean table);
gboolean csp_trends_page_export (CspTrendsPage *self, GFile *file, GError **error);
gboolean csp_trends_page_save_chart (CspTrendsPage *self, GFile *file);
CspFiguresPage *csp_trends_page_get_figures_page (CspTrendsPage *self);

G_END_DECLS
