/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "csp-choices"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "csp-choices.h"

/* How the words stored for a choice column read to a person. A word means
 * the same wherever it is used ("complete" as a status or a RAG value). */
static const struct
{
  const char *word;
  const char *label;
} labels[] = {
  /* activity formats */
  { "webinar", N_ ("Webinar") },
  { "social_media", N_ ("Social media") },
  { "survey", N_ ("Survey") },
  { "street_briefing", N_ ("Street briefing") },
  { "event", N_ ("Event") },
  { "leaflet_drop", N_ ("Leaflet drop") },
  { "meeting", N_ ("Meeting") },
  { "workshop", N_ ("Workshop") },
  { "campaign", N_ ("Campaign") },
  /* modes */
  { "online", N_ ("Online") },
  { "in_person", N_ ("In person") },
  { "hybrid", N_ ("Hybrid") },
  /* activity statuses */
  { "planned", N_ ("Planned") },
  { "delivered", N_ ("Delivered") },
  { "cancelled", N_ ("Cancelled") },
  { "postponed", N_ ("Postponed") },
  /* action statuses and RAG */
  { "not_started", N_ ("Not started") },
  { "in_progress", N_ ("In progress") },
  { "complete", N_ ("Complete") },
  { "deferred", N_ ("Deferred") },
  { "red", N_ ("Red") },
  { "amber", N_ ("Amber") },
  { "green", N_ ("Green") },
  /* partner kinds */
  { "council", N_ ("Council") },
  { "police", N_ ("Police") },
  { "fire", N_ ("Fire and rescue") },
  { "health", N_ ("Health") },
  { "probation", N_ ("Probation") },
  { "housing", N_ ("Housing") },
  { "education", N_ ("Education") },
  { "voluntary", N_ ("Voluntary sector") },
  { "business", N_ ("Business") },
  /* channel and metric kinds */
  { "website", N_ ("Website") },
  { "magazine", N_ ("Magazine") },
  { "newsletter", N_ ("Newsletter") },
  { "email", N_ ("Email") },
  { "followers", N_ ("Followers") },
  { "reach", N_ ("Reach") },
  { "engagements", N_ ("Engagements") },
  { "page_views", N_ ("Page views") },
  { "survey_responses", N_ ("Survey responses") },
  { "readership", N_ ("Readership") },
  { "subscribers", N_ ("Subscribers") },
  { "impressions", N_ ("Impressions") },
  { "sends", N_ ("Emails sent") },
  { "opens", N_ ("Opens") },
  { "new_followers", N_ ("New followers") },
  { "new_subscribers", N_ ("New subscribers") },
  /* meetings, plans, reports, risks */
  { "partners_weekly", N_ ("Partners’ weekly meeting") },
  { "rag", N_ ("Responsible Authorities Group") },
  { "committee", N_ ("Committee") },
  { "draft", N_ ("Draft") },
  { "published", N_ ("Published") },
  { "archived", N_ ("Archived") },
  { "final", N_ ("Final") },
  { "open", N_ ("Open") },
  { "closed", N_ ("Closed") },
  { "other", N_ ("Other") },
};

/**
 * csp_choice_label:
 * @word: (nullable): a word stored in a choice column
 *
 * Returns: (transfer none): the word as a person reads it, translated; an
 *   unknown word as it is, and "" for none
 */
const char *
csp_choice_label (const char *word)
{
  if (word == NULL)
    return "";
  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_str_equal (labels[i].word, word))
      return _ (labels[i].label);
  return word;
}
