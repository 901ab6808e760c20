/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "csp-report-pdf"

#include "config.h"

#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>

#include "csp-chart-alt.h"
#include "csp-dates.h"
#include "csp-file-sink.h"
#include "csp-pdf-amend.h"
#include "csp-report-pdf.h"

/* A laid out report written as a PDF: each page at its own size and
 * orientation, with the document's title, author, subject and date. It is
 * a tagged PDF, for the accessible documents a council must publish: the
 * layout marks its structure as it draws, the outline has an entry per
 * section and appendix, and what cairo 1.16 cannot write (the charts'
 * alternative text, the language, showing the title) is added as cairo
 * finishes (csp-pdf-amend.c). The document streams into a
 * #CspFileWriter, which puts it in place in one step once complete, so a
 * failure (a folder that cannot be written, a full disk) never leaves
 * half a file, nor spoils the file it was to replace. */

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

  date = csp_date_format_long (content->meeting_date);
  /* TRANSLATORS: a report's subject: the committee, then the meeting's date */
  return g_strdup_printf (_ ("%s, %s"), content->committee, date);
}

static cairo_status_t
append_cb (void *closure, const unsigned char *data, unsigned int length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/**
 * csp_report_info_init:
 * @info: (out caller-allocates): the document information of @content:
 *   its title, author and subject
 * @subject: (out) (transfer full): the subject's text, which @info points
 *   to, to free after
 */
void
csp_report_info_init (CspReportPdfInfo *info, const CspReportContent *content, char **subject)
{
  g_return_if_fail (info != NULL && content != NULL && subject != NULL);

  *subject = csp_report_dup_subject (content);
  *info = (CspReportPdfInfo){
    .title = content->title,
    .author = content->author,
    .subject = *subject,
  };
}

/**
 * csp_report_get_language:
 *
 * Returns: (transfer none): the language the report's words are in, as a
 *   BCP 47 tag for its documents: "en-GB", or that of the translation
 */
const char *
csp_report_get_language (void)
{
  /* TRANSLATORS: the BCP 47 tag of the language you translate into, as
   * the language of the report documents: "cy-GB", "fr-FR" */
  return C_ ("language tag", "en-GB");
}

/**
 * csp_report_info_dup_date:
 *
 * Returns: (transfer full): when the document was made: @info's
 *   create_date, else $SOURCE_DATE_EPOCH when that is set (for files that
 *   build the same), else now
 */
GDateTime *
csp_report_info_dup_date (const CspReportPdfInfo *info)
{
  const char *epoch = g_getenv ("SOURCE_DATE_EPOCH");
  guint64 seconds;

  g_return_val_if_fail (info != NULL, NULL);

  if (info->create_date != NULL)
    return g_date_time_ref (info->create_date);
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
 * csp_report_pdf_add_outline:
 * @surface: a PDF surface every page of @layout was drawn on, in order
 *
 * Adds a bookmark for each section and appendix heading. Call once every
 * page is drawn, and only if all went well: cairo 1.16 crashes finishing
 * a surface that has bookmarks once writing it has failed.
 */
void
csp_report_pdf_add_outline (CspReportLayout *layout, cairo_surface_t *surface)
{
  for (guint p = 0; p < csp_report_layout_get_n_pages (layout); p++)
    {
      const CspReportPage *page = csp_report_layout_get_page (layout, p);

      for (guint i = 0; i < page->items->len; i++)
        {
          const CspReportItem *item = &g_array_index (page->items, CspReportItem, i);
          const CspReportBlock *block = csp_report_layout_get_block (layout, item->block);
          g_autofree char *name = NULL;
          g_autofree char *destination = NULL;

          if (item->kind != CSP_REPORT_ITEM_TEXT || item->part > 0 ||
              (block->kind != CSP_REPORT_BLOCK_SECTION && block->kind != CSP_REPORT_BLOCK_APPENDIX))
            continue;
          name = block->number != NULL ? g_strdup_printf ("%s %s", block->number, block->text)
                                       : g_strdup (block->text);
          destination = g_strdup_printf ("page=%u pos=[%d %d]", p + 1, (int) item->rect.x,
                                         (int) item->rect.y);
          cairo_pdf_surface_add_outline (surface, CAIRO_PDF_OUTLINE_ROOT, name, destination, 0);
        }
    }
}

/**
 * csp_report_pdf_set_info:
 * @surface: a PDF surface
 * @info: (nullable): the document information; none but the creator when
 *   %NULL
 *
 * Writes @info into the PDF's document information, which viewers show
 * (the title in their title bar).
 */
void
csp_report_pdf_set_info (cairo_surface_t *surface, const CspReportPdfInfo *info)
{
  if (info != NULL)
    {
      g_autoptr (GDateTime) created = csp_report_info_dup_date (info);
      g_autofree char *date = g_date_time_format (created, "%Y-%m-%dT%H:%M:%S%:z");

      set_metadata (surface, CAIRO_PDF_METADATA_TITLE, info->title);
      set_metadata (surface, CAIRO_PDF_METADATA_AUTHOR, info->author);
      set_metadata (surface, CAIRO_PDF_METADATA_SUBJECT, info->subject);
      set_metadata (surface, CAIRO_PDF_METADATA_CREATE_DATE, date);
    }
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "CSP Engage");
}

/* The charts' alternative texts, in the order the layout tags them. */
static void
add_alt_texts (CspReportLayout *layout, CspPdfAmend *amend)
{
  for (guint i = 0; i < csp_report_layout_get_n_blocks (layout); i++)
    {
      const CspReportBlock *block = csp_report_layout_get_block (layout, i);

      if (block->kind == CSP_REPORT_BLOCK_CHART)
        {
          g_autofree char *alt = csp_chart_dup_alt_text (block->chart);
          csp_pdf_amend_add_alt_text (amend, alt);
        }
    }
}

/* Draws every page, handing the PDF's bytes to @write as cairo makes
 * them, so that a long report is never held whole in memory. */
static gboolean
render (CspReportLayout *layout, const CspReportPdfInfo *info, cairo_write_func_t write,
        void *closure, GError **error)
{
  g_autoptr (CspPdfAmend) amend = csp_pdf_amend_new (write, closure);
  const CspReportPage *first;
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;

  csp_pdf_amend_set_language (amend, csp_report_get_language ());
  add_alt_texts (layout, amend);
  first = csp_report_layout_get_page (layout, 0);
  surface = cairo_pdf_surface_create_for_stream (csp_pdf_amend_write_cb, amend, first->width,
                                                 first->height);
  csp_report_pdf_set_info (surface, info);

  cr = cairo_create (surface);
  csp_report_layout_set_tagged (layout, TRUE);
  for (guint i = 0; i < csp_report_layout_get_n_pages (layout); i++)
    {
      const CspReportPage *page = csp_report_layout_get_page (layout, i);

      cairo_pdf_surface_set_size (surface, page->width, page->height);
      csp_report_layout_draw_page (layout, i, cr);
      cairo_show_page (cr);
      /* Once writing has failed, the rest need not be drawn. */
      if (cairo_status (cr) != CAIRO_STATUS_SUCCESS)
        break;
    }
  csp_report_layout_set_tagged (layout, FALSE);
  status = cairo_status (cr);
  if (status == CAIRO_STATUS_SUCCESS)
    csp_report_pdf_add_outline (layout, surface);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = csp_pdf_amend_finish (amend);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, CSP_REPORT_PDF_ERROR, CSP_REPORT_PDF_ERROR_FAILED,
                   _ ("The report could not be drawn: %s"), cairo_status_to_string (status));
      return FALSE;
    }
  return TRUE;
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

  g_return_val_if_fail (layout != NULL, NULL);
  g_return_val_if_fail (csp_report_layout_get_n_pages (layout) > 0, NULL);

  if (!render (layout, info, append_cb, bytes, error))
    return NULL;
  return g_byte_array_free_to_bytes (g_steal_pointer (&bytes));
}

/**
 * csp_report_pdf_write:
 * @info: (nullable): the document information
 * @path: the file to write, replaced only once the whole report is
 *   written; a symbolic link there is refused, never written through
 *
 * Writes the PDF through a #CspFileWriter.
 *
 * Returns: whether it was written; a #GFileError saying why not, naming
 *   @path
 */
gboolean
csp_report_pdf_write (CspReportLayout *layout, const CspReportPdfInfo *info, const char *path,
                      GError **error)
{
  g_autoptr (CspFileWriter) writer = NULL;
  g_autoptr (GError) draw_error = NULL;
  CspFileSink sink = { 0 };

  g_return_val_if_fail (layout != NULL, FALSE);
  g_return_val_if_fail (csp_report_layout_get_n_pages (layout) > 0, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  writer = csp_file_writer_new (path, CSP_FILE_WRITER_NONE, error);
  if (writer == NULL)
    return FALSE;
  sink.writer = writer;
  if (render (layout, info, csp_file_sink_write_cb, &sink, &draw_error))
    return csp_file_writer_commit (writer, error);
  /* cairo only knows that writing failed; the writer knows why. */
  g_propagate_error (error, sink.error != NULL ? g_steal_pointer (&sink.error)
                                               : g_steal_pointer (&draw_error));
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
  CspReportPdfInfo info;

  g_return_val_if_fail (CSP_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (content != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  charts = csp_report_charts_new (database, content, error);
  if (charts == NULL)
    return FALSE;
  layout = csp_report_layout_new_for_content (content, charts, NULL);
  csp_report_info_init (&info, content, &subject);
  if (!csp_report_pdf_write (layout, &info, path, error))
    return FALSE;
  if (n_pages != NULL)
    *n_pages = csp_report_layout_get_n_pages (layout);
  return TRUE;
}
