/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "csp-report-layout.h"

G_BEGIN_DECLS

#define CSP_REPORT_PDF_ERROR (csp_report_pdf_error_quark ())

/**
 * CspReportPdfError:
 * @CSP_REPORT_PDF_ERROR_FAILED: cairo could not draw the document
 *
 * Failures to draw a report. Failures to write its file are #GFileError.
 */
typedef enum
{
  CSP_REPORT_PDF_ERROR_FAILED,
} CspReportPdfError;

/**
 * CspReportPdfInfo:
 * @title: (nullable): the document's title
 * @author: (nullable): its author
 * @subject: (nullable): what it is about: the committee and the meeting
 * @create_date: (nullable): when it was made; now when %NULL (or
 *   $SOURCE_DATE_EPOCH when that is set, for files that build the same)
 *
 * The PDF's document information.
 */
typedef struct
{
  const char *title;
  const char *author;
  const char *subject;
  GDateTime *create_date;
} CspReportPdfInfo;

GQuark csp_report_pdf_error_quark (void);

char *csp_report_dup_subject (const CspReportContent *content);
void csp_report_info_init (CspReportPdfInfo *info, const CspReportContent *content, char **subject);
const char *csp_report_get_language (void);
GDateTime *csp_report_info_dup_date (const CspReportPdfInfo *info);
void csp_report_pdf_set_info (cairo_surface_t *surface, const CspReportPdfInfo *info);
void csp_report_pdf_add_outline (CspReportLayout *layout, cairo_surface_t *surface);
GBytes *csp_report_pdf_render (CspReportLayout *layout, const CspReportPdfInfo *info,
                               GError **error);
gboolean csp_report_pdf_write (CspReportLayout *layout, const CspReportPdfInfo *info,
                               const char *path, GError **error);
gboolean csp_report_pdf_export (CspDatabase *database, const CspReportContent *content,
                                const char *path, guint *n_pages, GError **error);

G_END_DECLS
