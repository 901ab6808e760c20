/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <glib.h>

G_BEGIN_DECLS

/* What cairo 1.16 cannot say in a tagged PDF, added as an incremental
 * update once cairo has written the document: the alternative text of
 * its Figure structure elements, the document's language and the viewer
 * preference to show the document's title. */
typedef struct _CspPdfAmend CspPdfAmend;

CspPdfAmend *csp_pdf_amend_new (cairo_write_func_t write, void *closure);
void csp_pdf_amend_free (CspPdfAmend *self);
void csp_pdf_amend_set_language (CspPdfAmend *self, const char *language);
void csp_pdf_amend_add_alt_text (CspPdfAmend *self, const char *text);
cairo_status_t csp_pdf_amend_write_cb (void *closure, const unsigned char *data,
                                       unsigned int length);
cairo_status_t csp_pdf_amend_finish (CspPdfAmend *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CspPdfAmend, csp_pdf_amend_free)

G_END_DECLS
