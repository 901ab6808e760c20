/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "csp-page.h"
#include "csp-record-editor.h"

G_BEGIN_DECLS

#define CSP_TYPE_ACTIVITIES_PAGE (csp_activities_page_get_type ())
G_DECLARE_FINAL_TYPE (CspActivitiesPage, csp_activities_page, CSP, ACTIVITIES_PAGE, CspPage)

CspActivitiesPage *csp_activities_page_new (CspContext *context);
CspRecordEditor *csp_activities_page_get_editor (CspActivitiesPage *self);
GtkColumnView *csp_activities_page_get_column_view (CspActivitiesPage *self);
void csp_activities_page_set_search_text (CspActivitiesPage *self, const char *text);
const CspQuery *csp_activities_page_get_query (CspActivitiesPage *self);
guint csp_activities_page_get_n_matching (CspActivitiesPage *self);
void csp_activities_page_show_filtered (CspActivitiesPage *self, const char *from_date,
                                        const char *to_date, gint64 partner_id, const char *mode);

G_END_DECLS
