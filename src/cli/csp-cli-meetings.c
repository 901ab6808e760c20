/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "csp-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "csp-choices.h"
#include "csp-cli.h"
#include "csp-records.h"
#include "csp-store.h"

/* Lists the meetings, newest first: date, time, kind, title, place and how
 * many partners attended. */

static gboolean
is_meeting_kind (const char *word)
{
  const CspColumn *column =
      csp_table_info_find_column (csp_record_type_get_info (CSP_TYPE_MEETING), "kind");

  return g_strv_contains (column->choices, word);
}

/* @text padded to @width characters (not bytes: "Partners’ weekly meeting"). */
static char *
pad (const char *text, int width)
{
  return g_strdup_printf ("%s%*s", text, MAX (0, width - (int) g_utf8_strlen (text, -1)), "");
}

int
csp_cli_meetings (const char *database_path, int argc, char **argv)
{
  g_autofree char *kind = NULL;
  const GOptionEntry entries[] = {
    { "kind", 'k', 0, G_OPTION_ARG_STRING, &kind,
      N_ ("Only meetings of KIND: partners_weekly, rag, committee or other"), N_ ("KIND") },
    G_OPTION_ENTRY_NULL,
  };
  g_autoptr (GOptionContext) context = g_option_context_new (NULL);
  g_autoptr (CspDatabase) database = NULL;
  g_autoptr (CspStore) store = NULL;
  g_autoptr (GPtrArray) meetings = NULL;
  CspQuery query = { .sort_column = "held_on", .descending = TRUE };
  GError *error = NULL;
  int status = CSP_CLI_EXIT_OK;
  guint n_listed = 0;

  g_option_context_set_summary (context, _ ("The partnership’s meetings, newest first: the RAG "
                                            "meetings that progress updates are due at, and the "
                                            "committees that reports go to."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!csp_cli_parse_command (context, &argc, &argv, 0, &status))
    return status;
  if (kind != NULL && !is_meeting_kind (kind))
    {
      g_autofree char *message = g_strdup_printf (
          _ ("“%s” is not a kind of meeting: use partners_weekly, rag, committee or other"), kind);
      return csp_cli_usage_error (context, message);
    }

  database = csp_cli_open_database_read_only (database_path, &error);
  if (database == NULL)
    return csp_cli_fail (error);
  store = csp_store_new (database);
  meetings = csp_store_list (store, CSP_TYPE_MEETING, &query, &error);
  if (meetings == NULL)
    return csp_cli_fail (error);

  g_print ("%-10s %-5s %-30s %-34s %9s  %s\n", _ ("Date"), _ ("Time"), _ ("Kind"), _ ("Title"),
           _ ("Partners"), _ ("Place or link"));
  for (guint i = 0; i < meetings->len; i++)
    {
      CspRecord *meeting = g_ptr_array_index (meetings, i);
      const char *time = csp_record_get_string (meeting, "starts_at");
      const char *place = csp_record_get_string (meeting, "place");
      guint n_partners = 0;
      g_autofree char *kind_text = NULL;
      g_autofree char *title = NULL;

      if (kind != NULL && !g_str_equal (kind, csp_record_get_string (meeting, "kind")))
        continue;
      csp_record_get_partner_ids (meeting, &n_partners);
      kind_text = pad (csp_choice_label (csp_record_get_string (meeting, "kind")), 30);
      title = pad (csp_record_get_string (meeting, "title"), 34);
      g_print ("%-10s %-5s %s %s %9u  %s\n", csp_record_get_string (meeting, "held_on"),
               time != NULL ? time : "", kind_text, title, n_partners, place != NULL ? place : "");
      n_listed++;
    }
  if (n_listed == 0)
    g_print (_ ("No meetings recorded yet.\n"));
  return CSP_CLI_EXIT_OK;
}
