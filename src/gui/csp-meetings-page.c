/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "csp-meetings-page"

#include "config.h"

#include <glib/gi18n.h>

#include "csp-choices.h"
#include "csp-dates.h"
#include "csp-meetings-page.h"
#include "csp-records.h"

/* Meetings & Risks: the partnership's meetings (the RAG meetings the
 * Action Plan's "Update due" marks count from, the committees reports go
 * to), its risk register with the actions each risk affects, and the
 * events its trend charts mark. */
struct _CspMeetingsPage
{
  CspPage parent_instance;

  CspBrowserStack *stack;
  CspLinkList *risk_actions;
};

G_DEFINE_FINAL_TYPE (CspMeetingsPage, csp_meetings_page, CSP_TYPE_PAGE)

static const CspFormGroup meeting_groups[] = {
  { N_ ("Meeting"), "kind title held_on starts_at place" },
  { N_ ("Who attended"), CSP_FORM_PARTNERS },
  { NULL, "notes" },
};

/* "Score 12 of 25: likelihood 4 × impact 3", as the two are typed. */
static char *
describe_score (CspRecord *risk)
{
  if (!csp_record_validate_column (risk, "likelihood", NULL) ||
      !csp_record_validate_column (risk, "impact", NULL) ||
      csp_record_is_null (risk, "likelihood") || csp_record_is_null (risk, "impact"))
    return g_strdup (_ ("The score is likelihood × impact, each from 1 to 5."));
  /* TRANSLATORS: a risk's score out of 25, then the two figures it is the product of */
  return g_strdup_printf (
      _ ("Score %d of 25: likelihood %d × impact %d"), (int) csp_risk_get_score (CSP_RISK (risk)),
      (int) csp_record_get_int (risk, "likelihood"), (int) csp_record_get_int (risk, "impact"));
}

static const CspFormGroup risk_groups[] = {
  { N_ ("Risk"), "title plan_id owner_partner_id status review_date" },
  { N_ ("Score"), "likelihood impact", describe_score },
  { NULL, "description" },
  { NULL, "mitigation" },
};

static const CspFormGroup event_groups[] = {
  { N_ ("Chart event"), "title starts_on ends_on shown" },
};

static char *
today (void)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m-%d");
}

/* "8 Jun 2021 · 10:00 · Responsible Authorities Group · Microsoft Teams" */
static char *
describe_meeting (CspRecord *meeting, char **mark, char **mark_tip)
{
  g_autofree char *date = csp_date_format_range (csp_record_get_string (meeting, "held_on"), NULL);
  GString *text = g_string_new (date);

  if (!csp_record_is_null (meeting, "starts_at"))
    g_string_append_printf (text, " · %s", csp_record_get_string (meeting, "starts_at"));
  g_string_append_printf (text, " · %s",
                          csp_choice_label (csp_record_get_string (meeting, "kind")));
  if (!csp_record_is_null (meeting, "place"))
    g_string_append_printf (text, " · %s", csp_record_get_string (meeting, "place"));
  return g_string_free (text, FALSE);
}

/* "Score 12 · Open · review by 14 Sep 2021", marked when the review is due. */
static char *
describe_risk (CspRecord *risk, char **mark, char **mark_tip)
{
  g_autofree char *now = today ();
  g_autofree char *review = NULL;
  /* TRANSLATORS: a risk's score (likelihood × impact), then its status */
  g_autofree char *text =
      g_strdup_printf (_ ("Score %d · %s"), (int) csp_risk_get_score (CSP_RISK (risk)),
                       csp_choice_label (csp_record_get_string (risk, "status")));

  if (csp_record_is_null (risk, "review_date"))
    return g_steal_pointer (&text);
  review = csp_date_format_range (csp_record_get_string (risk, "review_date"), NULL);
  if (csp_risk_is_review_due (CSP_RISK (risk), now))
    {
      *mark = g_strdup (_ ("Review due"));
      *mark_tip = g_strdup_printf (_ ("The review date, %s, has passed"), review);
    }
  /* TRANSLATORS: a risk's score and status, then the date of its next review */
  return g_strdup_printf (_ ("%s · review by %s"), text, review);
}

/* "23 Mar – 1 Jun 2020", marked when it is not drawn on charts. */
static char *
describe_event (CspRecord *event, char **mark, char **mark_tip)
{
  if (!csp_record_get_bool (event, "shown"))
    {
      *mark = g_strdup (_ ("Hidden"));
      *mark_tip = g_strdup (_ ("Not drawn on the trend charts"));
    }
  return csp_date_format_range (
      csp_record_get_string (event, "starts_on"),
      csp_record_is_null (event, "ends_on") ? NULL : csp_record_get_string (event, "ends_on"));
}

static const CspBrowserSpec lists[] = {
  { csp_meeting_get_type, "meetings", N_ ("Meetings"), "x-office-calendar-symbolic", "held_on",
    TRUE, meeting_groups, G_N_ELEMENTS (meeting_groups), describe_meeting },
  { csp_risk_get_type, "risks", N_ ("Risks"), "dialog-warning-symbolic", "title", FALSE,
    risk_groups, G_N_ELEMENTS (risk_groups), describe_risk },
  { csp_chart_event_get_type, "chart-events", N_ ("Chart Events"), "find-location-symbolic",
    "starts_on", TRUE, event_groups, G_N_ELEMENTS (event_groups), describe_event },
};

static CspExportTable *
open_list_export (CspPage *page, GError **error)
{
  return csp_browser_stack_open_export (CSP_MEETINGS_PAGE (page)->stack, error);
}

static void
csp_meetings_page_class_init (CspMeetingsPageClass *klass)
{
  CSP_PAGE_CLASS (klass)->open_list_export = open_list_export;
}

static void
csp_meetings_page_init (CspMeetingsPage *self)
{
}

/**
 * csp_meetings_page_new:
 *
 * Returns: (transfer full): the Meetings & Risks page
 */
CspMeetingsPage *
csp_meetings_page_new (CspContext *context)
{
  CspMeetingsPage *self = g_object_new (CSP_TYPE_MEETINGS_PAGE, "context", context, NULL);
  CspRecordBrowser *risks;

  self->stack = csp_browser_stack_new (context, lists, G_N_ELEMENTS (lists));
  risks = csp_browser_stack_get_browser (self->stack, CSP_TYPE_RISK);
  self->risk_actions =
      csp_link_list_attach (csp_record_browser_get_editor (risks), context, CSP_TYPE_RISK_ACTION,
                            "risk_id", _ ("Actions affected"));
  adw_bin_set_child (ADW_BIN (self), GTK_WIDGET (self->stack));
  return self;
}

/**
 * csp_meetings_page_get_browser:
 * @record_type: meeting, risk or chart event
 *
 * Returns: (transfer none): the list and editor of that type
 */
CspRecordBrowser *
csp_meetings_page_get_browser (CspMeetingsPage *self, GType record_type)
{
  g_return_val_if_fail (CSP_IS_MEETINGS_PAGE (self), NULL);
  return csp_browser_stack_get_browser (self->stack, record_type);
}

/**
 * csp_meetings_page_get_risk_actions:
 *
 * Returns: (transfer none): the actions the risk shown affects
 */
CspLinkList *
csp_meetings_page_get_risk_actions (CspMeetingsPage *self)
{
  g_return_val_if_fail (CSP_IS_MEETINGS_PAGE (self), NULL);
  return self->risk_actions;
}

/**
 * csp_meetings_page_show_risk:
 * @risk_id: a risk's id
 *
 * Shows the Risks tab with the risk selected and in the editor, as a
 * click on a cell of the risk matrix asks.
 *
 * Returns: whether the list has the risk
 */
gboolean
csp_meetings_page_show_risk (CspMeetingsPage *self, gint64 risk_id)
{
  g_return_val_if_fail (CSP_IS_MEETINGS_PAGE (self), FALSE);

  csp_browser_stack_show (self->stack, CSP_TYPE_RISK);
  return csp_record_browser_select (csp_browser_stack_get_browser (self->stack, CSP_TYPE_RISK),
                                    risk_id);
}
