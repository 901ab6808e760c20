/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "csp-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "csp-cli.h"
#include "csp-report-content.h"
#include "csp-report-docx.h"
#include "csp-report-pdf.h"

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

int
csp_cli_report (const char *database_path, int argc, char **argv)
{
  g_autofree char *from_date = NULL;
  g_autofree char *to_date = NULL;
  g_autofree char *output = NULL;
  g_autofree char *template_path = NULL;
  gboolean docx;
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
      N_ ("The file to write: a PDF, or a Word document"), N_ ("FILE.pdf|FILE.docx") },
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
                                   "its trend charts, to a tagged PDF file or a Word document."));
  g_option_context_set_description (context,
                                    _ ("The appendices cover the report’s period unless --from or "
                                       "--to say otherwise."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!csp_cli_parse_command (context, &argc, &argv, 0, &status))
    return status;

  if (output == NULL)
    return csp_cli_usage_error (context, _ ("no file to write: give it with -o FILE.pdf"));
  docx = has_extension (output, ".docx");
  if (!docx && !has_extension (output, ".pdf"))
    return csp_cli_usage_error (context, _ ("-o: the file name must end in .pdf or .docx"));
  if (template_path != NULL && !docx)
    return csp_cli_usage_error (context, _ ("--template is for a Word document: -o FILE.docx"));
  if (report_id == G_MININT64)
    report_id = 0;
  else if (report_id < 1)
    return csp_cli_usage_error (context, _ ("--id must be a report’s number, from 1"));
  if (from_date != NULL && !csp_report_date_is_valid (from_date))
    {
      g_autofree char *message =
          g_strdup_printf (_ ("--from: “%s” is not a date: write it as YYYY-MM-DD"), from_date);
      return csp_cli_usage_error (context, message);
    }
  if (to_date != NULL && !csp_report_date_is_valid (to_date))
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
  if (docx)
    {
      if (!csp_report_docx_export (database, content, template_path, output, &error))
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
