/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "csp-cli"

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n.h>
#include <string.h>

#include "csp-choices.h"
#include "csp-cli.h"
#include "csp-committee-reports.h"
#include "csp-dates.h"
#include "csp-records.h"
#include "csp-report-content.h"
#include "csp-report-docx.h"
#include "csp-report-odt.h"
#include "csp-report-pdf.h"
#include "csp-server-roles.h"

/* Whether the file's name ends in @extension, ".pdf", whatever its case. */
static gboolean
has_extension (const char *path, const char *extension)
{
  g_autofree char *base = g_path_get_basename (path);
  gsize length = strlen (base);
  gsize extension_length = strlen (extension);

  return length > extension_length &&
         g_ascii_strcasecmp (base + length - extension_length, extension) == 0;
}

/* `report [--id N] -o FILE`: the report written to a PDF, Word or
 * OpenDocument file, by the file's extension. */
static int
report_export (const char *database_path, int argc, char **argv)
{
  g_autofree char *from_date = NULL;
  g_autofree char *to_date = NULL;
  g_autofree char *output = NULL;
  g_autofree char *template_path = NULL;
  gboolean docx, odt;
  /* Not 0: --id 0 is a mistake to point out, not the default. */
  gint64 report_id = G_MININT64;
  const GOptionEntry entries[] = {
    { "id", 0, 0, G_OPTION_ARG_INT64, &report_id,
      N_ ("The report to print; the one of the latest meeting by default"), N_ ("N") },
    { "from", 0, 0, G_OPTION_ARG_STRING, &from_date,
      N_ ("The first day of the appendices’ period, instead of the report’s"), N_ ("YYYY-MM-DD") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to_date,
      N_ ("The last day of the appendices’ period, instead of the report’s"), N_ ("YYYY-MM-DD") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_ ("The file to write: a PDF, a Word document or an OpenDocument Text document"),
      N_ ("FILE.pdf|FILE.docx|FILE.odt") },
    { "template", 0, 0, G_OPTION_ARG_FILENAME, &template_path,
      N_ ("A Word document or template whose styles, page set-up, headers and footers the Word "
          "document takes"),
      N_ ("FILE.docx") },
    G_OPTION_ENTRY_NULL,
  };
  g_autoptr (GOptionContext) context = g_option_context_new (NULL);
  g_autoptr (CspDatabase) database = NULL;
  g_autoptr (CspReportContent) content = NULL;
  GError *error = NULL;
  int status = CSP_CLI_EXIT_OK;
  guint n_pages = 0;

  g_option_context_set_summary (context,
                                _ ("Write a committee report, with its appendix of activities and "
                                   "its trend charts, to a tagged PDF file, a Word document or an "
                                   "OpenDocument Text document (for LibreOffice)."));
  g_option_context_set_description (
      context,
      _ ("The appendices cover the report’s period unless --from or --to say otherwise.\n\n"
         "“report new [--meeting ID]” starts a report from the section templates, "
         "“report duplicate ID” copies one for the next meeting, and “report list” "
         "lists them; each has its own --help."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!csp_cli_parse_command (context, &argc, &argv, 0, &status))
    return status;

  if (output == NULL)
    return csp_cli_usage_error (context, _ ("no file to write: give it with -o FILE.pdf"));
  docx = has_extension (output, ".docx");
  odt = has_extension (output, ".odt");
  if (!docx && !odt && !has_extension (output, ".pdf"))
    return csp_cli_usage_error (context, _ ("-o: the file name must end in .pdf, .docx or .odt"));
  if (template_path != NULL && !docx)
    return csp_cli_usage_error (context, _ ("--template is for a Word document: -o FILE.docx"));
  if (report_id == G_MININT64)
    report_id = 0;
  else if (report_id < 1)
    return csp_cli_usage_error (context, _ ("--id must be a report’s number, from 1"));
  if (from_date != NULL && !csp_date_is_valid (from_date))
    {
      g_autofree char *message =
          g_strdup_printf (_ ("--from: “%s” is not a date: write it as YYYY-MM-DD"), from_date);
      return csp_cli_usage_error (context, message);
    }
  if (to_date != NULL && !csp_date_is_valid (to_date))
    {
      g_autofree char *message =
          g_strdup_printf (_ ("--to: “%s” is not a date: write it as YYYY-MM-DD"), to_date);
      return csp_cli_usage_error (context, message);
    }
  if (from_date != NULL && to_date != NULL && g_strcmp0 (from_date, to_date) > 0)
    return csp_cli_usage_error (context, _ ("--from is after --to"));

  database = csp_cli_open_database_read_only (database_path, &error);
  if (database == NULL)
    return csp_cli_fail (error);
  content = csp_report_content_load (database, report_id, from_date, to_date, &error);
  if (content == NULL)
    return csp_cli_fail (error);
  if (docx || odt)
    {
      if (docx ? !csp_report_docx_export (database, content, template_path, output, &error)
               : !csp_report_odt_export (database, content, output, &error))
        return csp_cli_fail (error);
      g_print (_ ("Wrote “%s” to %s\n"), content->title, output);
      return CSP_CLI_EXIT_OK;
    }
  if (!csp_report_pdf_export (database, content, output, &n_pages, &error))
    return csp_cli_fail (error);
  g_print (g_dngettext (GETTEXT_PACKAGE, "Wrote “%s” (%u page) to %s\n",
                        "Wrote “%s” (%u pages) to %s\n", n_pages),
           content->title, n_pages, output);
  return CSP_CLI_EXIT_OK;
}

/* @text padded to @width characters (not bytes). */
static char *
pad (const char *text, int width)
{
  return g_strdup_printf ("%s%*s", text, MAX (0, width - (int) g_utf8_strlen (text, -1)), "");
}

/* Opens the database to change its reports, once the engine says this
 * user may: a viewer on a server is told so before anything is tried. */
static CspStore *
open_for_change (const char *database_path, GError **error)
{
  g_autoptr (CspDatabase) database = csp_cli_open_database (database_path, FALSE, error);
  g_autoptr (CspAccess) access = NULL;

  if (database == NULL)
    return NULL;
  access = csp_server_roles_get_access (database, error);
  if (access == NULL)
    return NULL;
  if (!csp_access_may_change (access, csp_record_type_get_info (CSP_TYPE_COMMITTEE_REPORT)->table))
    {
      g_set_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_READ_ONLY,
                   _ ("Committee reports cannot be changed here. %s"), access->explanation);
      return NULL;
    }
  return csp_store_new (database);
}

static guint
count_sections (CspStore *store, gint64 report_id, GError **error)
{
  CspQuery query = { .ref_column = "report_id", .ref_id = report_id };
  guint n = 0;

  csp_store_count (store, CSP_TYPE_REPORT_SECTION, &query, &n, error);
  return n;
}

/* What a new (or, with @copied, a copied) report is: its id, title,
 * committee, meeting and sections. */
static int
print_report (CspStore *store, gint64 report_id, gboolean copied)
{
  g_autoptr (CspRecord) report = NULL;
  GError *error = NULL;
  const char *title, *committee, *date;
  guint n_sections;

  report = csp_store_get (store, CSP_TYPE_COMMITTEE_REPORT, report_id, &error);
  if (report == NULL)
    return csp_cli_fail (error);
  n_sections = count_sections (store, report_id, &error);
  if (error != NULL)
    return csp_cli_fail (error);
  title = csp_record_get_string (report, "title");
  committee = csp_record_get_string (report, "committee");
  date = csp_record_get_string (report, "meeting_date");
  if (copied)
    /* TRANSLATORS: the copy's id, title, committee, meeting date
     * (YYYY-MM-DD) and how many sections it has */
    g_print (_ ("Copied as report %" PRId64 ": “%s”, for %s on %s, with %u sections.\n"), report_id,
             title, committee, date, n_sections);
  else
    /* TRANSLATORS: the new report's id, title, committee, meeting date
     * (YYYY-MM-DD) and how many sections it has */
    g_print (_ ("Started report %" PRId64 ": “%s”, for %s on %s, with %u sections "
                "from the templates.\n"),
             report_id, title, committee, date, n_sections);
  if (!csp_record_is_null (report, "meeting_id"))
    g_print (_ ("It is for the meeting with id %" PRId64 ".\n"),
             csp_record_get_int (report, "meeting_id"));
  return CSP_CLI_EXIT_OK;
}

static int
report_new (const char *database_path, int argc, char **argv)
{
  /* Not 0: --meeting 0 is a mistake to point out, not "no meeting". */
  gint64 meeting_id = G_MININT64;
  const GOptionEntry entries[] = {
    { "meeting", 'm', 0, G_OPTION_ARG_INT64, &meeting_id,
      N_ ("The committee meeting the report is for (“csp-engage-cli meetings --kind committee” "
          "lists them); its committee and date go into the report"),
      N_ ("ID") },
    G_OPTION_ENTRY_NULL,
  };
  g_autoptr (GOptionContext) context = g_option_context_new (NULL);
  g_autoptr (CspStore) store = NULL;
  g_autoptr (CspHistory) history = NULL;
  GError *error = NULL;
  int status = CSP_CLI_EXIT_OK;
  gint64 id;

  g_option_context_set_summary (
      context, _ ("Start a draft committee report with a section for each of the council’s "
                  "section templates, in their order, and the partnership’s report defaults."));
  g_option_context_set_description (
      context, _ ("Without --meeting, the report is for a meeting a month from today, of the "
                  "partnership’s default committee."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!csp_cli_parse_command (context, &argc, &argv, 0, &status))
    return status;
  if (meeting_id == G_MININT64)
    meeting_id = 0;
  else if (meeting_id < 1)
    return csp_cli_usage_error (context, _ ("--meeting must be a meeting’s number, from 1"));

  store = open_for_change (database_path, &error);
  if (store == NULL)
    return csp_cli_fail (error);
  history = csp_history_new (store);
  id = csp_committee_reports_create (history, meeting_id, &error);
  if (id == 0)
    return csp_cli_fail (error);
  return print_report (store, id, FALSE);
}

static gboolean
parse_id (const char *text, gint64 *id)
{
  return g_ascii_string_to_signed (text, 10, 1, G_MAXINT64, id, NULL);
}

static int
report_duplicate (const char *database_path, int argc, char **argv)
{
  g_autofree char *meeting_date = NULL;
  const GOptionEntry entries[] = {
    { "meeting-date", 0, 0, G_OPTION_ARG_STRING, &meeting_date,
      N_ ("The next meeting’s date, instead of the next committee meeting recorded after the "
          "report’s (else three months on)"),
      N_ ("YYYY-MM-DD") },
    G_OPTION_ENTRY_NULL,
  };
  g_autoptr (GOptionContext) context = g_option_context_new (_ ("ID"));
  g_autoptr (CspStore) store = NULL;
  g_autoptr (CspHistory) history = NULL;
  GError *error = NULL;
  int status = CSP_CLI_EXIT_OK;
  gint64 report_id, id;

  g_option_context_set_summary (
      context, _ ("Copy the report ID for the next meeting, as Duplicate does in the application: "
                  "its sections and its choice of charts and appendices, written today, covering "
                  "the 12 months before the new meeting, a draft."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!csp_cli_parse_command (context, &argc, &argv, 1, &status))
    return status;
  if (!parse_id (argv[1], &report_id))
    {
      g_autofree char *message =
          g_strdup_printf (_ ("“%s” is not a report’s number (“report list” lists them)"), argv[1]);
      return csp_cli_usage_error (context, message);
    }
  if (meeting_date != NULL && !csp_date_is_valid (meeting_date))
    {
      g_autofree char *message = g_strdup_printf (
          _ ("--meeting-date: “%s” is not a date: write it as YYYY-MM-DD"), meeting_date);
      return csp_cli_usage_error (context, message);
    }

  store = open_for_change (database_path, &error);
  if (store == NULL)
    return csp_cli_fail (error);
  history = csp_history_new (store);
  id = csp_committee_reports_duplicate (history, report_id, meeting_date, &error);
  if (id == 0)
    return csp_cli_fail (error);
  return print_report (store, id, TRUE);
}

static int
report_list (const char *database_path, int argc, char **argv)
{
  g_autoptr (GOptionContext) context = g_option_context_new (NULL);
  g_autoptr (CspDatabase) database = NULL;
  g_autoptr (CspStore) store = NULL;
  g_autoptr (GPtrArray) reports = NULL;
  CspQuery query = { .sort_column = "meeting_date", .descending = TRUE };
  GError *error = NULL;
  int status = CSP_CLI_EXIT_OK;
  g_autofree char *status_heading = NULL;
  g_autofree char *committee_heading = NULL;

  g_option_context_set_summary (context,
                                _ ("The committee reports, newest meeting first: id, meeting "
                                   "date, status, committee and title."));
  if (!csp_cli_parse_command (context, &argc, &argv, 0, &status))
    return status;

  database = csp_cli_open_database_read_only (database_path, &error);
  if (database == NULL)
    return csp_cli_fail (error);
  store = csp_store_new (database);
  reports = csp_store_list (store, CSP_TYPE_COMMITTEE_REPORT, &query, &error);
  if (reports == NULL)
    return csp_cli_fail (error);

  status_heading = pad (_ ("Status"), 6);
  committee_heading = pad (_ ("Committee"), 32);
  g_print ("%5s  %-10s  %s  %s  %s\n", _ ("Id"), _ ("Meeting"), status_heading, committee_heading,
           _ ("Title"));
  for (guint i = 0; i < reports->len; i++)
    {
      CspRecord *report = g_ptr_array_index (reports, i);
      g_autofree char *status_text =
          pad (csp_choice_label (csp_record_get_string (report, "status")), 6);
      g_autofree char *committee = pad (csp_record_get_string (report, "committee"), 32);

      g_print ("%5" G_GINT64_FORMAT "  %-10s  %s  %s  %s\n", csp_record_get_id (report),
               csp_record_get_string (report, "meeting_date"), status_text, committee,
               csp_record_get_string (report, "title"));
    }
  if (reports->len == 0)
    g_print (_ ("No committee reports yet: “report new” starts one.\n"));
  return CSP_CLI_EXIT_OK;
}

static const struct
{
  const char *name;
  CspCliCommandFunc run;
} report_commands[] = {
  { "new", report_new },
  { "duplicate", report_duplicate },
  { "list", report_list },
};

int
csp_cli_report (const char *database_path, int argc, char **argv)
{
  for (guint i = 0; argc >= 2 && i < G_N_ELEMENTS (report_commands); i++)
    if (g_str_equal (argv[1], report_commands[i].name))
      {
        g_autofree char *program =
            g_strdup_printf ("csp-engage-cli report %s", report_commands[i].name);
        g_set_prgname (program);
        return report_commands[i].run (database_path, argc - 1, argv + 1);
      }
  return report_export (database_path, argc, argv);
}
