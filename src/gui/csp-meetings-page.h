/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "csp-browser-stack.h"
#include "csp-link-list.h"
#include "csp-page.h"

G_BEGIN_DECLS

#define CSP_TYPE_MEETINGS_PAGE (csp_meetings_page_get_type ())
G_DECLARE_FINAL_TYPE (CspMeetingsPage, csp_meetings_page, CSP, MEETINGS_PAGE, CspPage)

CspMeetingsPage *csp_meetings_page_new (CspContext *context);
CspRecordBrowser *csp_meetings_page_get_browser (CspMeetingsPage *self, GType record_type);
CspLinkList *csp_meetings_page_get_risk_actions (CspMeetingsPage *self);
gboolean csp_meetings_page_show_risk (CspMeetingsPage *self, gint64 risk_id);

G_END_DECLS
