/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "csp-import-target"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "csp-import-target.h"
#include "csp-records.h"

/* The fields a CSV column can fill, per kind of import. Their order is the
 * column order of an export, and their labels its header row, so that an
 * exported file imports again without a mapping. References are written
 * and read by name (a partner's name, a priority's title, an action's
 * reference within its plan), never by id, so a file can move between
 * databases. */

GQuark
csp_import_error_quark (void)
{
  return g_quark_from_static_string ("csp-import-error-quark");
}

#define SYNONYMS(...) ((const char *const[]){ __VA_ARGS__, NULL })

static const CspImportTarget activity_targets[] = {
  { "title", N_ ("Title"), CSP_IMPORT_TARGET_COLUMN, "title", NULL, TRUE, TRUE,
    SYNONYMS ("activity", "activity title", "activity name", "event", "event name") },
  { "start_date", N_ ("Start date"), CSP_IMPORT_TARGET_COLUMN, "start_date", NULL, TRUE, TRUE,
    SYNONYMS ("date", "start", "from", "activity date", "date of activity") },
  { "end_date", N_ ("End date"), CSP_IMPORT_TARGET_COLUMN, "end_date", NULL, FALSE, TRUE,
    SYNONYMS ("end", "to", "finish date") },
  { "format", N_ ("Format"), CSP_IMPORT_TARGET_COLUMN, "format", NULL, TRUE, TRUE,
    SYNONYMS ("type", "activity type") },
  { "mode", N_ ("Mode"), CSP_IMPORT_TARGET_COLUMN, "mode", NULL, TRUE, TRUE,
    SYNONYMS ("delivery", "delivery mode", "online or in person", "online/in person",
              "in person/online", "online/in person/hybrid") },
  { "location", N_ ("Location"), CSP_IMPORT_TARGET_COLUMN, "location", NULL, FALSE, TRUE,
    SYNONYMS ("venue", "place") },
  { "ward", N_ ("Ward"), CSP_IMPORT_TARGET_COLUMN, "ward", NULL, FALSE, TRUE, NULL },
  { "audience", N_ ("Audience"), CSP_IMPORT_TARGET_COLUMN, "audience", NULL, FALSE, TRUE,
    SYNONYMS ("target audience") },
  { "lead_partner", N_ ("Lead partner"), CSP_IMPORT_TARGET_REF, "lead_partner_id", "partner", FALSE,
    TRUE, SYNONYMS ("lead", "led by", "lead organisation", "lead agency") },
  { "supporting_partners", N_ ("Supporting partners"), CSP_IMPORT_TARGET_PARTNERS, NULL, NULL,
    FALSE, TRUE, SYNONYMS ("partners", "supporting", "other partners") },
  { "plan", N_ ("Plan"), CSP_IMPORT_TARGET_PLAN, NULL, "plan", FALSE, TRUE,
    SYNONYMS ("action plan") },
  { "priority", N_ ("Priority"), CSP_IMPORT_TARGET_REF, "priority_id", "priority", FALSE, TRUE,
    SYNONYMS ("csp priority", "priority area") },
  { "action", N_ ("Action"), CSP_IMPORT_TARGET_REF, "action_id", "action", FALSE, TRUE,
    SYNONYMS ("action ref", "action reference") },
  { "channel", N_ ("Channel"), CSP_IMPORT_TARGET_REF, "channel_id", "channel", FALSE, TRUE,
    SYNONYMS ("platform") },
  { "participants", N_ ("Participants"), CSP_IMPORT_TARGET_COLUMN, "participants", NULL, FALSE,
    TRUE, SYNONYMS ("attendees", "attendance", "number of participants") },
  { "reach", N_ ("Reach"), CSP_IMPORT_TARGET_COLUMN, "reach", NULL, FALSE, TRUE,
    SYNONYMS ("people reached") },
  { "responses", N_ ("Responses"), CSP_IMPORT_TARGET_COLUMN, "responses", NULL, FALSE, TRUE,
    SYNONYMS ("survey responses", "number of responses") },
  { "status", N_ ("Status"), CSP_IMPORT_TARGET_COLUMN, "status", NULL, TRUE, TRUE, NULL },
  { "constraints", N_ ("Constraints and adaptation"), CSP_IMPORT_TARGET_COLUMN, "constraints", NULL,
    FALSE, TRUE,
    SYNONYMS ("constraints", "adaptation", "covid", "covid-19", "covid-19 impact",
              "constraints and adaptations") },
  { "outcome", N_ ("Outcome"), CSP_IMPORT_TARGET_COLUMN, "outcome", NULL, FALSE, TRUE,
    SYNONYMS ("outcomes", "result", "results") },
  { "include_in_appendix", N_ ("Include in committee appendix"), CSP_IMPORT_TARGET_COLUMN,
    "include_in_appendix", NULL, FALSE, TRUE,
    SYNONYMS ("appendix", "in appendix", "committee appendix") },
};

static const CspImportTarget metric_targets[] = {
  { "channel", N_ ("Channel"), CSP_IMPORT_TARGET_REF, NULL, "channel", TRUE, TRUE,
    SYNONYMS ("platform", "account", "page", "channel name") },
  { "metric", N_ ("Metric"), CSP_IMPORT_TARGET_METRIC, NULL, NULL, FALSE, TRUE,
    SYNONYMS ("metric name", "measure") },
  { "kind", N_ ("Kind"), CSP_IMPORT_TARGET_METRIC_KIND, NULL, NULL, FALSE, TRUE,
    SYNONYMS ("metric kind", "type") },
  { "month", N_ ("Month"), CSP_IMPORT_TARGET_COLUMN, "month", NULL, TRUE, TRUE,
    SYNONYMS ("date", "period", "reporting period") },
  { "value", N_ ("Value"), CSP_IMPORT_TARGET_COLUMN, "value", NULL, FALSE, TRUE,
    SYNONYMS ("figure", "count", "total", "number") },
  { "note", N_ ("Note"), CSP_IMPORT_TARGET_COLUMN, "note", NULL, FALSE, TRUE,
    SYNONYMS ("notes", "comment", "comments") },
  { "value:followers", N_ ("Followers"), CSP_IMPORT_TARGET_METRIC_VALUE, "followers", NULL, FALSE,
    FALSE, SYNONYMS ("page likes", "lifetime total likes", "page followers", "total followers") },
  { "value:reach", N_ ("Reach"), CSP_IMPORT_TARGET_METRIC_VALUE, "reach", NULL, FALSE, FALSE,
    SYNONYMS ("total reach", "monthly total reach", "daily total reach", "daily reach",
              "people reached", "accounts reached") },
  { "value:engagements", N_ ("Engagements"), CSP_IMPORT_TARGET_METRIC_VALUE, "engagements", NULL,
    FALSE, FALSE,
    SYNONYMS ("engaged users", "monthly engaged users", "daily page engaged users",
              "daily engaged users", "engagement", "post engagements") },
  { "value:page_views", N_ ("Page views"), CSP_IMPORT_TARGET_METRIC_VALUE, "page_views", NULL,
    FALSE, FALSE, SYNONYMS ("views", "pageviews", "total page views") },
  { "value:survey_responses", N_ ("Survey responses"), CSP_IMPORT_TARGET_METRIC_VALUE,
    "survey_responses", NULL, FALSE, FALSE, SYNONYMS ("responses") },
  { "value:readership", N_ ("Readership"), CSP_IMPORT_TARGET_METRIC_VALUE, "readership", NULL,
    FALSE, FALSE, SYNONYMS ("readers", "circulation") },
  { "value:subscribers", N_ ("Subscribers"), CSP_IMPORT_TARGET_METRIC_VALUE, "subscribers", NULL,
    FALSE, FALSE, SYNONYMS ("subscriptions", "audience size", "total subscribers") },
  { "value:new_followers", N_ ("New followers"), CSP_IMPORT_TARGET_METRIC_VALUE, "new_followers",
    NULL, FALSE, FALSE,
    SYNONYMS ("new follows", "follows", "followers gained", "daily new likes", "new likes") },
  { "value:new_subscribers", N_ ("New subscribers"), CSP_IMPORT_TARGET_METRIC_VALUE,
    "new_subscribers", NULL, FALSE, FALSE,
    SYNONYMS ("subscribers gained", "net subscribers", "subscribers (net)") },
  { "value:impressions", N_ ("Impressions"), CSP_IMPORT_TARGET_METRIC_VALUE, "impressions", NULL,
    FALSE, FALSE,
    SYNONYMS ("total impressions", "daily total impressions", "monthly total impressions",
              "post impressions") },
  { "value:sends", N_ ("Emails sent"), CSP_IMPORT_TARGET_METRIC_VALUE, "sends", NULL, FALSE, FALSE,
    SYNONYMS ("sends", "sent", "emails sent", "total recipients", "recipients") },
  { "value:opens", N_ ("Opens"), CSP_IMPORT_TARGET_METRIC_VALUE, "opens", NULL, FALSE, FALSE,
    SYNONYMS ("opens", "unique opens", "total opens", "emails opened") },
};

static const CspImportTarget action_targets[] = {
  { "plan", N_ ("Plan"), CSP_IMPORT_TARGET_PLAN, NULL, "plan", FALSE, TRUE,
    SYNONYMS ("action plan") },
  { "priority", N_ ("Priority"), CSP_IMPORT_TARGET_REF, "priority_id", "priority", TRUE, TRUE,
    SYNONYMS ("csp priority", "priority area") },
  { "ref", N_ ("Reference"), CSP_IMPORT_TARGET_COLUMN, "ref", NULL, TRUE, TRUE,
    SYNONYMS ("ref", "ref no", "action ref", "action no", "action number", "no") },
  { "title", N_ ("Title"), CSP_IMPORT_TARGET_COLUMN, "title", NULL, TRUE, TRUE,
    SYNONYMS ("action", "action title") },
  { "outcome", N_ ("Outcome"), CSP_IMPORT_TARGET_COLUMN, "outcome", NULL, FALSE, TRUE,
    SYNONYMS ("outcomes", "intended outcome") },
  { "measure", N_ ("Measure"), CSP_IMPORT_TARGET_COLUMN, "measure", NULL, FALSE, TRUE,
    SYNONYMS ("measures", "performance measure") },
  { "baseline", N_ ("Baseline"), CSP_IMPORT_TARGET_COLUMN, "baseline", NULL, FALSE, TRUE, NULL },
  { "target", N_ ("Target"), CSP_IMPORT_TARGET_COLUMN, "target", NULL, FALSE, TRUE,
    SYNONYMS ("targets") },
  { "lead_partner", N_ ("Lead partner"), CSP_IMPORT_TARGET_REF, "lead_partner_id", "partner", FALSE,
    TRUE, SYNONYMS ("lead", "lead organisation", "lead agency", "owner") },
  { "supporting_partners", N_ ("Supporting partners"), CSP_IMPORT_TARGET_PARTNERS, NULL, NULL,
    FALSE, TRUE, SYNONYMS ("partners", "supporting") },
  { "start_date", N_ ("Start date"), CSP_IMPORT_TARGET_COLUMN, "start_date", NULL, FALSE, TRUE,
    SYNONYMS ("start") },
  { "due_date", N_ ("Due date"), CSP_IMPORT_TARGET_COLUMN, "due_date", NULL, FALSE, TRUE,
    SYNONYMS ("due", "due by", "deadline", "target date") },
  { "completed_date", N_ ("Completed date"), CSP_IMPORT_TARGET_COLUMN, "completed_date", NULL,
    FALSE, TRUE, SYNONYMS ("completed", "date completed", "completed on") },
  { "status", N_ ("Status"), CSP_IMPORT_TARGET_COLUMN, "status", NULL, TRUE, TRUE, NULL },
  { "percent_complete", N_ ("Percent complete"), CSP_IMPORT_TARGET_COLUMN, "percent_complete", NULL,
    FALSE, TRUE, SYNONYMS ("percent", "% complete", "percentage complete", "% done", "progress") },
  { "rag", N_ ("RAG status"), CSP_IMPORT_TARGET_COLUMN, "rag", NULL, FALSE, TRUE,
    SYNONYMS ("rag", "rag rating") },
  { "rag_manual", N_ ("RAG set by hand"), CSP_IMPORT_TARGET_COLUMN, "rag_manual", NULL, FALSE, TRUE,
    SYNONYMS ("manual rag") },
  { "rag_reason", N_ ("Reason for RAG status"), CSP_IMPORT_TARGET_COLUMN, "rag_reason", NULL, FALSE,
    TRUE, SYNONYMS ("rag reason", "reason", "rag commentary") },
};

static const CspImportTarget meeting_targets[] = {
  { "kind", N_ ("Kind"), CSP_IMPORT_TARGET_COLUMN, "kind", NULL, TRUE, TRUE,
    SYNONYMS ("type", "meeting type", "kind of meeting") },
  { "title", N_ ("Title"), CSP_IMPORT_TARGET_COLUMN, "title", NULL, TRUE, TRUE,
    SYNONYMS ("meeting", "name", "meeting name") },
  { "held_on", N_ ("Date"), CSP_IMPORT_TARGET_COLUMN, "held_on", NULL, TRUE, TRUE,
    SYNONYMS ("date", "meeting date", "held on") },
  { "starts_at", N_ ("Time"), CSP_IMPORT_TARGET_COLUMN, "starts_at", NULL, FALSE, TRUE,
    SYNONYMS ("time", "start time", "starts") },
  { "place", N_ ("Place or link"), CSP_IMPORT_TARGET_COLUMN, "place", NULL, FALSE, TRUE,
    SYNONYMS ("place", "venue", "location", "link") },
  { "partners_attending", N_ ("Partners attending"), CSP_IMPORT_TARGET_PARTNERS, NULL, NULL, FALSE,
    TRUE, SYNONYMS ("partners", "attending", "attendees", "present") },
  { "notes", N_ ("Notes or minutes"), CSP_IMPORT_TARGET_COLUMN, "notes", NULL, FALSE, TRUE,
    SYNONYMS ("notes", "minutes") },
};

static const struct
{
  const char *name;
  const char *label;
  const CspImportTarget *targets;
  guint n_targets;
} kinds[CSP_IMPORT_N_KINDS] = {
  [CSP_IMPORT_ACTIVITIES] = { "activities", N_ ("Activities"), activity_targets,
                              G_N_ELEMENTS (activity_targets) },
  [CSP_IMPORT_METRICS] = { "metrics", N_ ("Monthly figures"), metric_targets,
                           G_N_ELEMENTS (metric_targets) },
  [CSP_IMPORT_ACTIONS] = { "actions", N_ ("Action plan"), action_targets,
                           G_N_ELEMENTS (action_targets) },
  [CSP_IMPORT_MEETINGS] = { "meetings", N_ ("Meetings"), meeting_targets,
                            G_N_ELEMENTS (meeting_targets) },
};

/**
 * csp_import_kind_to_string:
 *
 * Returns: (transfer none): "activities", "metrics", "actions" or "meetings"
 */
const char *
csp_import_kind_to_string (CspImportKind kind)
{
  g_return_val_if_fail (kind < CSP_IMPORT_N_KINDS, NULL);
  return kinds[kind].name;
}

/**
 * csp_import_kind_from_string:
 * @kind: (out): the kind called @text
 *
 * Returns: whether @text names a kind
 */
gboolean
csp_import_kind_from_string (const char *text, CspImportKind *kind)
{
  g_return_val_if_fail (kind != NULL, FALSE);

  for (guint i = 0; i < CSP_IMPORT_N_KINDS && text != NULL; i++)
    if (g_str_equal (text, kinds[i].name))
      {
        *kind = (CspImportKind) i;
        return TRUE;
      }
  return FALSE;
}

/**
 * csp_import_kind_get_label:
 *
 * Returns: (transfer none): the translated name of the list, e.g. "Activities"
 */
const char *
csp_import_kind_get_label (CspImportKind kind)
{
  g_return_val_if_fail (kind < CSP_IMPORT_N_KINDS, NULL);
  return _ (kinds[kind].label);
}

/**
 * csp_import_kind_get_record_type:
 *
 * Returns: the type of the records one row becomes
 */
GType
csp_import_kind_get_record_type (CspImportKind kind)
{
  switch (kind)
    {
    case CSP_IMPORT_ACTIVITIES:
      return CSP_TYPE_ACTIVITY;
    case CSP_IMPORT_METRICS:
      return CSP_TYPE_METRIC_VALUE;
    case CSP_IMPORT_ACTIONS:
      return CSP_TYPE_ACTION;
    case CSP_IMPORT_MEETINGS:
      return CSP_TYPE_MEETING;
    default:
      g_return_val_if_reached (G_TYPE_INVALID);
    }
}

/**
 * csp_import_kind_from_record_type:
 * @kind: (out): the kind whose rows become @record_type records
 *
 * Returns: whether there is one
 */
gboolean
csp_import_kind_from_record_type (GType record_type, CspImportKind *kind)
{
  g_return_val_if_fail (kind != NULL, FALSE);

  for (guint i = 0; i < CSP_IMPORT_N_KINDS; i++)
    if (csp_import_kind_get_record_type ((CspImportKind) i) == record_type)
      {
        *kind = (CspImportKind) i;
        return TRUE;
      }
  return FALSE;
}

/**
 * csp_import_kind_get_targets:
 * @n_targets: (out): how many
 *
 * Returns: (transfer none) (array length=n_targets): the fields of @kind, in
 *   export order
 */
const CspImportTarget *
csp_import_kind_get_targets (CspImportKind kind, guint *n_targets)
{
  g_return_val_if_fail (kind < CSP_IMPORT_N_KINDS, NULL);
  g_return_val_if_fail (n_targets != NULL, NULL);

  *n_targets = kinds[kind].n_targets;
  return kinds[kind].targets;
}

/**
 * csp_import_kind_find_target:
 *
 * Returns: (transfer none) (nullable): the field called @name
 */
const CspImportTarget *
csp_import_kind_find_target (CspImportKind kind, const char *name)
{
  g_return_val_if_fail (kind < CSP_IMPORT_N_KINDS, NULL);

  for (guint i = 0; i < kinds[kind].n_targets && name != NULL; i++)
    if (g_str_equal (kinds[kind].targets[i].name, name))
      return &kinds[kind].targets[i];
  return NULL;
}

/**
 * csp_import_target_get_column:
 *
 * Returns: (transfer none) (nullable): the record column @target fills
 */
const CspColumn *
csp_import_target_get_column (CspImportKind kind, const CspImportTarget *target)
{
  g_return_val_if_fail (target != NULL, NULL);

  if (target->column == NULL || target->kind == CSP_IMPORT_TARGET_METRIC_VALUE)
    return NULL;
  return csp_table_info_find_column (
      csp_record_type_get_info (csp_import_kind_get_record_type (kind)), target->column);
}
