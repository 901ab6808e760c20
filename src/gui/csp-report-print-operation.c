/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "csp-report-print-operation"

#include "config.h"

#include <cairo-pdf.h>

#include "csp-report-pdf.h"
#include "csp-report-preview-window.h"
#include "csp-report-print-operation.h"

/* Prints a committee report, and shows it in the print preview, with the
 * same page drawing as the PDF export: begin-print lays the report out on
 * its own A4 pages with the print context's Pango context, each page is
 * set up portrait or landscape as the layout says, and draw-page draws it
 * in points from the paper's corner (the layout has its own margins).
 * Print to File's PDF is tagged as the export's is, with its document
 * information (title, author, subject) and its outline, but it is GTK's
 * file: it lacks the figures' alternative text and the document's
 * language, which csp-pdf-amend writes into Export PDF's output as it
 * streams by. */
struct _CspReportPrintOperation
{
  GtkPrintOperation parent_instance;

  CspReportContent *content;
  GPtrArray *charts;
  CspReportLayout *layout; /* kept after end-print: the preview may draw again */
  gboolean tagged;         /* this run is a tagged PDF's */
};

G_DEFINE_FINAL_TYPE (CspReportPrintOperation, csp_report_print_operation, GTK_TYPE_PRINT_OPERATION)

static GtkPageSetup *
new_a4_setup (GtkPageOrientation orientation)
{
  GtkPageSetup *setup = gtk_page_setup_new ();
  g_autoptr (GtkPaperSize) a4 = gtk_paper_size_new (GTK_PAPER_NAME_A4);

  gtk_page_setup_set_paper_size (setup, a4);
  gtk_page_setup_set_orientation (setup, orientation);
  return setup;
}

/* A tagged report's structure runs from its first page to its last (see
 * csp_report_layout_set_tagged()), and cairo refuses an element closed
 * before it opened: a PDF whose pages came in reverse would be spoilt.
 * Print to File, export and the preview's PDF draw every page once, in
 * order, unless the print dialog asks for fewer, more or the other way
 * round; those are printed untagged. Tags are lost on paper, and
 * surfaces other than PDF ignore them. */
static gboolean
draws_pages_in_order (GtkPrintOperation *operation)
{
  GtkPrintSettings *settings = gtk_print_operation_get_print_settings (operation);

  return settings == NULL ||
         (gtk_print_settings_get_print_pages (settings) == GTK_PRINT_PAGES_ALL &&
          gtk_print_settings_get_page_set (settings) == GTK_PAGE_SET_ALL &&
          !gtk_print_settings_get_reverse (settings) &&
          gtk_print_settings_get_n_copies (settings) <= 1);
}

/* The PDF that Print to File or an export writes, or %NULL: paper. */
static cairo_surface_t *
pdf_target (GtkPrintContext *context)
{
  cairo_t *cr = gtk_print_context_get_cairo_context (context);
  cairo_surface_t *target = cr != NULL ? cairo_get_target (cr) : NULL;

  return target != NULL && cairo_surface_get_type (target) == CAIRO_SURFACE_TYPE_PDF ? target
                                                                                     : NULL;
}

static void
csp_report_print_operation_begin_print (GtkPrintOperation *operation, GtkPrintContext *context)
{
  CspReportPrintOperation *self = CSP_REPORT_PRINT_OPERATION (operation);
  PangoContext *pango;
  cairo_surface_t *pdf;

  g_clear_pointer (&self->layout, csp_report_layout_free);
  /* Handed to the preview window: this run was cancelled. */
  if (self->content == NULL)
    return;
  pango = gtk_print_context_create_pango_context (context);
  self->layout = csp_report_layout_new_for_content (self->content, self->charts, pango);
  g_object_unref (pango);
  self->tagged = draws_pages_in_order (operation);
  csp_report_layout_set_tagged (self->layout, self->tagged);
  gtk_print_operation_set_n_pages (operation, (int) csp_report_layout_get_n_pages (self->layout));
  pdf = self->tagged ? pdf_target (context) : NULL;
  if (pdf != NULL)
    {
      CspReportPdfInfo info;
      g_autofree char *subject = NULL;

      csp_report_info_init (&info, self->content, &subject);
      csp_report_pdf_set_info (pdf, &info);
    }
}

/* After the last page of a tagged PDF: its bookmarks, if all went well. */
static void
csp_report_print_operation_end_print (GtkPrintOperation *operation, GtkPrintContext *context)
{
  CspReportPrintOperation *self = CSP_REPORT_PRINT_OPERATION (operation);
  cairo_surface_t *target = pdf_target (context);

  if (self->tagged && target != NULL && self->layout != NULL &&
      cairo_surface_status (target) == CAIRO_STATUS_SUCCESS)
    csp_report_pdf_add_outline (self->layout, target);
  self->tagged = FALSE;
}

static void
csp_report_print_operation_request_page_setup (GtkPrintOperation *operation,
                                               GtkPrintContext *context, int page_nr,
                                               GtkPageSetup *setup)
{
  CspReportPrintOperation *self = CSP_REPORT_PRINT_OPERATION (operation);
  const CspReportPage *page;
  g_autoptr (GtkPaperSize) a4 = gtk_paper_size_new (GTK_PAPER_NAME_A4);

  if (self->layout == NULL || page_nr < 0 ||
      (guint) page_nr >= csp_report_layout_get_n_pages (self->layout))
    return;
  page = csp_report_layout_get_page (self->layout, (guint) page_nr);
  gtk_page_setup_set_paper_size (setup, a4);
  gtk_page_setup_set_orientation (setup, page->orientation == CSP_REPORT_LANDSCAPE
                                             ? GTK_PAGE_ORIENTATION_LANDSCAPE
                                             : GTK_PAGE_ORIENTATION_PORTRAIT);
}

static void
csp_report_print_operation_draw_page (GtkPrintOperation *operation, GtkPrintContext *context,
                                      int page_nr)
{
  CspReportPrintOperation *self = CSP_REPORT_PRINT_OPERATION (operation);
  cairo_t *cr = gtk_print_context_get_cairo_context (context);
  const CspReportPage *page;
  double width = gtk_print_context_get_width (context);
  double height = gtk_print_context_get_height (context);
  double scale;

  if (self->layout == NULL || page_nr < 0 ||
      (guint) page_nr >= csp_report_layout_get_n_pages (self->layout))
    return;
  page = csp_report_layout_get_page (self->layout, (guint) page_nr);

  /* A printer whose paper is not A4 (US Letter) gets the page shrunk to fit. */
  scale = MIN (width / page->width, height / page->height);
  cairo_save (cr);
  if (scale < 0.999)
    {
      cairo_translate (cr, (width - page->width * scale) / 2, (height - page->height * scale) / 2);
      cairo_scale (cr, scale, scale);
    }
  csp_report_layout_draw_page (self->layout, (guint) page_nr, cr);
  cairo_restore (cr);
}

/* The print dialog's Preview shows the pages in CSP Engage's own window,
 * as the Reports page's Preview does: not in an outside PDF viewer, which
 * a desktop may lack, and then GTK would only log a warning. The report
 * goes to the window, and this run stops there (GTK wants a cairo context
 * for a preview it no longer draws). */
static gboolean
csp_report_print_operation_preview (GtkPrintOperation *operation, GtkPrintOperationPreview *preview,
                                    GtkPrintContext *context, GtkWindow *parent)
{
  CspReportPrintOperation *self = CSP_REPORT_PRINT_OPERATION (operation);
  CspReportPreviewWindow *window;
  cairo_surface_t *unused;
  cairo_t *cr;

  if (self->content == NULL)
    return FALSE;
  if (self->charts == NULL)
    self->charts = g_ptr_array_new ();
  window = csp_report_preview_window_new (parent, g_steal_pointer (&self->content),
                                          g_steal_pointer (&self->charts));
  gtk_window_present (GTK_WINDOW (window));

  unused = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
  cr = cairo_create (unused);
  gtk_print_context_set_cairo_context (context, cr, 72, 72);
  cairo_destroy (cr);
  cairo_surface_destroy (unused);
  gtk_print_operation_cancel (operation);
  return TRUE;
}

static void
csp_report_print_operation_finalize (GObject *object)
{
  CspReportPrintOperation *self = CSP_REPORT_PRINT_OPERATION (object);

  g_clear_pointer (&self->layout, csp_report_layout_free);
  g_clear_pointer (&self->charts, g_ptr_array_unref);
  g_clear_pointer (&self->content, csp_report_content_free);

  G_OBJECT_CLASS (csp_report_print_operation_parent_class)->finalize (object);
}

static void
csp_report_print_operation_class_init (CspReportPrintOperationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkPrintOperationClass *operation_class = GTK_PRINT_OPERATION_CLASS (klass);

  object_class->finalize = csp_report_print_operation_finalize;
  operation_class->begin_print = csp_report_print_operation_begin_print;
  operation_class->end_print = csp_report_print_operation_end_print;
  operation_class->request_page_setup = csp_report_print_operation_request_page_setup;
  operation_class->draw_page = csp_report_print_operation_draw_page;
  operation_class->preview = csp_report_print_operation_preview;
}

static void
csp_report_print_operation_init (CspReportPrintOperation *self)
{
  g_autoptr (GtkPageSetup) setup = new_a4_setup (GTK_PAGE_ORIENTATION_PORTRAIT);

  gtk_print_operation_set_default_page_setup (GTK_PRINT_OPERATION (self), setup);
  gtk_print_operation_set_unit (GTK_PRINT_OPERATION (self), GTK_UNIT_POINTS);
  gtk_print_operation_set_use_full_page (GTK_PRINT_OPERATION (self), TRUE);
  gtk_print_operation_set_embed_page_setup (GTK_PRINT_OPERATION (self), FALSE);
}

/**
 * csp_report_print_operation_new:
 * @content: (transfer full): the report to print
 * @charts: (transfer full) (nullable) (element-type CspChart): its charts,
 *   from csp_report_charts_new()
 *
 * Returns: (transfer full): a print operation of the report
 */
CspReportPrintOperation *
csp_report_print_operation_new (CspReportContent *content, GPtrArray *charts)
{
  CspReportPrintOperation *self;

  g_return_val_if_fail (content != NULL, NULL);

  self = g_object_new (CSP_TYPE_REPORT_PRINT_OPERATION, NULL);
  self->content = content;
  self->charts = charts;
  gtk_print_operation_set_job_name (GTK_PRINT_OPERATION (self), content->title);
  return self;
}

/**
 * csp_report_print_operation_get_n_pages:
 *
 * Returns: the pages of the report as laid out at begin-print; 0 before
 */
guint
csp_report_print_operation_get_n_pages (CspReportPrintOperation *self)
{
  g_return_val_if_fail (CSP_IS_REPORT_PRINT_OPERATION (self), 0);
  return self->layout != NULL ? csp_report_layout_get_n_pages (self->layout) : 0;
}
