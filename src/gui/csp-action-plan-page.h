/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "csp-page.h"
#include "csp-record-editor.h"

G_BEGIN_DECLS

#define CSP_TYPE_ACTION_PLAN_PAGE (csp_action_plan_page_get_type ())
G_DECLARE_FINAL_TYPE (CspActionPlanPage, csp_action_plan_page, CSP, ACTION_PLAN_PAGE, CspPage)

CspActionPlanPage *csp_action_plan_page_new (CspContext *context);
CspRecordEditor *csp_action_plan_page_get_editor (CspActionPlanPage *self);
gboolean csp_action_plan_page_select_action (CspActionPlanPage *self, gint64 action_id);
guint csp_action_plan_page_count_stale (CspActionPlanPage *self);
GtkListBox *csp_action_plan_page_get_updates_list (CspActionPlanPage *self);

G_END_DECLS
