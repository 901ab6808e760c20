/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "csp-report-pdf"

#include "config.h"

#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>

#include "csp-file-error.h"
#include "csp-report-pdf.h"

/* A laid out report written as a PDF: each page at its own size and
 * orientation, with the document's title, author, subject and date. The
 * document is drawn in memory and then put in place in one step, so a
 * failure (a folder that cannot be written, a full disk) never leaves half
 * a file, nor spoils the file it was to replace. */

G_DEFINE_QUARK (csp - report - pdf - error - quark, csp_report_pdf_error)

/**
 * csp_report_dup_subject:
 *
 * Returns: (transfer full): what the report is, for its document
 *   information: "Overview and Scrutiny Committee, 5 July 2021"
 */
char *
csp_report_dup_subject (const CspReportContent *content)
{
  g_autofree char *date = NULL;

  g_return_val_if_fail (content != NULL, NULL);

  date = csp_report_format_date (content->meeting_date);
  /* TRANSLATORS: a report's subject: the committee, then the meeting's date */
  return g_strdup_printf (_ ("%s, %s"), content->committee, date);
}

static cairo_status_t
append_cb (void *closure, const unsigned char *data, unsigned int length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static GDateTime *
creation_date (void)
{
  const char *epoch = g_getenv ("SOURCE_DATE_EPOCH");
  guint64 seconds;

  if (epoch != NULL && g_ascii_string_to_unsigned (epoch, 10, 0, G_MAXINT64, &seconds, NULL))
    return g_date_time_new_from_unix_utc ((gint64) seconds);
  return g_date_time_new_now_local ();
}

static void
set_metadata (cairo_surface_t *surface, cairo_pdf_metadata_t key, const char *value)
{
  if (value != NULL && *value != '\0')
    cairo_pdf_surface_set_metadata (surface, key, value);
}

/**
 * csp_report_pdf_render:
 * @info: (nullable): the document information; none when %NULL
 *
 * Returns: (transfer full): the PDF, or %NULL with @error set
 */
GBytes *
csp_report_pdf_render (CspReportLayout *layout, const CspReportPdfInfo *info, GError **error)
{
  g_autoptr (GByteArray) bytes = g_byte_array_new ();
  g_autoptr (GDateTime) now = NULL;
  g_autofree char *date = NULL;
  const CspReportPage *first;
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;

  g_return_val_if_fail (layout != NULL, NULL);
  g_return_val_if_fail (csp_report_layout_get_n_pages (layout) > 0, NULL);

  first = csp_report_layout_get_page (layout, 0);
  surface = cairo_pdf_surface_create_for_stream (append_cb, bytes, first->width, first->height);
  if (info != NULL)
    {
      GDateTime *created = info->create_date;

      if (created == NULL)
        created = now = creation_date ();
      date = g_date_time_format (created, "%Y-%m-%dT%H:%M:%S%:z");
      set_metadata (surface, CAIRO_PDF_METADATA_TITLE, info->title);
      set_metadata (surface, CAIRO_PDF_METADATA_AUTHOR, info->author);
      set_metadata (surface, CAIRO_PDF_METADATA_SUBJECT, info->subject);
      set_metadata (surface, CAIRO_PDF_METADATA_CREATE_DATE, date);
    }
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "CSP Engage");

  cr = cairo_create (surface);
  for (guint i = 0; i < csp_report_layout_get_n_pages (layout); i++)
    {
      const CspReportPage *page = csp_report_layout_get_page (layout, i);

      cairo_pdf_surface_set_size (surface, page->width, page->height);
      csp_report_layout_draw_page (layout, i, cr);
      cairo_show_page (cr);
    }
  status = cairo_status (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, CSP_REPORT_PDF_ERROR, CSP_REPORT_PDF_ERROR_FAILED,
                   _ ("The report could not be drawn: %s"), cairo_status_to_string (status));
      return NULL;
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&bytes));
}

/**
 * csp_report_pdf_write:
 * @info: (nullable): the document information
 * @path: the file to write, replaced only once the whole report is written
 *
 * Returns: whether it was written; a #GFileError saying why not, of @path
 */
gboolean
csp_report_pdf_write (CspReportLayout *layout, const CspReportPdfInfo *info, const char *path,
                      GError **error)
{
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (GError) local_error = NULL;
  const char *contents;
  gsize size = 0;

  g_return_val_if_fail (layout != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  bytes = csp_report_pdf_render (layout, info, error);
  if (bytes == NULL)
    return FALSE;
  contents = g_bytes_get_data (bytes, &size);
  if (g_file_set_contents_full (path, contents, (gssize) size, G_FILE_SET_CONTENTS_CONSISTENT, 0666,
                                &local_error))
    return TRUE;

  g_set_error (error, G_FILE_ERROR, local_error->code, _ ("Could not save the report as “%s”: %s"),
               path, csp_file_error_reason (local_error));
  return FALSE;
}

/**
 * csp_report_pdf_export:
 * @content: the report
 * @path: the PDF file to write
 * @n_pages: (out) (optional): how many pages it has
 *
 * Makes the report's charts from @database, lays it all out and writes the PDF.
 *
 * Returns: whether it was written
 */
gboolean
csp_report_pdf_export (CspDatabase *database, const CspReportContent *content, const char *path,
                       guint *n_pages, GError **error)
{
  g_autoptr (GPtrArray) charts = NULL;
  g_autoptr (CspReportLayout) layout = NULL;
  g_autofree char *subject = NULL;
  CspReportPdfInfo info = { 0 };

  g_return_val_if_fail (CSP_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (content != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  charts = csp_report_charts_new (database, content, error);
  if (charts == NULL)
    return FALSE;
  layout = csp_report_layout_new_for_content (content, charts, NULL);
  subject = csp_report_dup_subject (content);
  info.title = content->title;
  info.author = content->author;
  info.subject = subject;
  if (!csp_report_pdf_write (layout, &info, path, error))
    return FALSE;
  if (n_pages != NULL)
    *n_pages = csp_report_layout_get_n_pages (layout);
  return TRUE;
}
