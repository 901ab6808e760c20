/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "csp-record.h"

G_BEGIN_DECLS

/* The partnership itself: names, financial year and report defaults (one row). */
#define CSP_TYPE_SETTINGS (csp_settings_get_type ())
G_DECLARE_FINAL_TYPE (CspSettings, csp_settings, CSP, SETTINGS, CspRecord)

/* An organisation of the partnership; statutory ones are responsible authorities. */
#define CSP_TYPE_PARTNER (csp_partner_get_type ())
G_DECLARE_FINAL_TYPE (CspPartner, csp_partner, CSP, PARTNER, CspRecord)

/* A partners’ weekly meeting, Responsible Authorities Group (RAG) meeting or committee. */
#define CSP_TYPE_MEETING (csp_meeting_get_type ())
G_DECLARE_FINAL_TYPE (CspMeeting, csp_meeting, CSP, MEETING, CspRecord)

/* An action plan for one year, e.g. “Action Plan 2021-22”. */
#define CSP_TYPE_PLAN (csp_plan_get_type ())
G_DECLARE_FINAL_TYPE (CspPlan, csp_plan, CSP, PLAN, CspRecord)

/* A priority agreed at the RAG meeting, under which actions are grouped. */
#define CSP_TYPE_PRIORITY (csp_priority_get_type ())
G_DECLARE_FINAL_TYPE (CspPriority, csp_priority, CSP, PRIORITY, CspRecord)

/* An action of the plan under a priority, with its lead partner and RAG status. */
#define CSP_TYPE_ACTION (csp_action_get_type ())
G_DECLARE_FINAL_TYPE (CspAction, csp_action, CSP, ACTION, CspRecord)

/* A dated progress update of an action: added, never changed. */
#define CSP_TYPE_ACTION_UPDATE (csp_action_update_get_type ())
G_DECLARE_FINAL_TYPE (CspActionUpdate, csp_action_update, CSP, ACTION_UPDATE, CspRecord)

/* Where the partnership reaches people: a social media account, web pages, the magazine. */
#define CSP_TYPE_CHANNEL (csp_channel_get_type ())
G_DECLARE_FINAL_TYPE (CspChannel, csp_channel, CSP, CHANNEL, CspRecord)

/* A community engagement activity: who led it, for which priority, how many took part. */
#define CSP_TYPE_ACTIVITY (csp_activity_get_type ())
G_DECLARE_FINAL_TYPE (CspActivity, csp_activity, CSP, ACTIVITY, CspRecord)

/* A figure recorded monthly for a channel, e.g. followers of the social media account. */
#define CSP_TYPE_METRIC (csp_metric_get_type ())
G_DECLARE_FINAL_TYPE (CspMetric, csp_metric, CSP, METRIC, CspRecord)
gboolean csp_metric_kind_is_stock (const char *kind);
const char *csp_metric_kind_get_change (const char *kind);

/* One month’s value of a metric. */
#define CSP_TYPE_METRIC_VALUE (csp_metric_value_get_type ())
G_DECLARE_FINAL_TYPE (CspMetricValue, csp_metric_value, CSP, METRIC_VALUE, CspRecord)

/* A risk to the partnership’s work, scored for likelihood and impact. */
#define CSP_TYPE_RISK (csp_risk_get_type ())
G_DECLARE_FINAL_TYPE (CspRisk, csp_risk, CSP, RISK, CspRecord)
gint64 csp_risk_get_score (CspRisk *self);
gboolean csp_risk_is_review_due (CspRisk *self, const char *today);

/* That a risk affects an action. */
#define CSP_TYPE_RISK_ACTION (csp_risk_action_get_type ())
G_DECLARE_FINAL_TYPE (CspRiskAction, csp_risk_action, CSP, RISK_ACTION, CspRecord)

/* Something that happened, marked on the trend charts that cover it. */
#define CSP_TYPE_CHART_EVENT (csp_chart_event_get_type ())
G_DECLARE_FINAL_TYPE (CspChartEvent, csp_chart_event, CSP, CHART_EVENT, CspRecord)

/* A section of the council’s report format, copied into each new report. */
#define CSP_TYPE_SECTION_TEMPLATE (csp_section_template_get_type ())
G_DECLARE_FINAL_TYPE (CspSectionTemplate, csp_section_template, CSP, SECTION_TEMPLATE, CspRecord)

/* A report to the council’s scrutiny committee, made of ordered sections. */
#define CSP_TYPE_COMMITTEE_REPORT (csp_committee_report_get_type ())
G_DECLARE_FINAL_TYPE (CspCommitteeReport, csp_committee_report, CSP, COMMITTEE_REPORT, CspRecord)

/* A numbered section of a committee report; blank lines separate its paragraphs. */
#define CSP_TYPE_REPORT_SECTION (csp_report_section_get_type ())
G_DECLARE_FINAL_TYPE (CspReportSection, csp_report_section, CSP, REPORT_SECTION, CspRecord)

/* Whether a committee report includes a standard chart or an appendix table. */
#define CSP_TYPE_REPORT_PART (csp_report_part_get_type ())
G_DECLARE_FINAL_TYPE (CspReportPart, csp_report_part, CSP, REPORT_PART, CspRecord)

const GType *csp_record_list_types (guint *n_types);
GType csp_record_type_from_table (const char *table);

G_END_DECLS
