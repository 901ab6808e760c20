/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <libxml/xmlwriter.h>

#include "csp-report-layout.h"
#include "csp-report-pdf.h"

G_BEGIN_DECLS

#define CSP_DOCX_W_NS "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define CSP_DOCX_R_NS "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

/* A Word document's package around its body: the council's template (its
 * styles, page set-up, headers, footers and their pictures) or plain
 * defaults, the styles the report needs, its pictures, its document
 * properties. */
typedef struct _CspDocxPackage CspDocxPackage;

CspDocxPackage *csp_docx_package_new (const char *template_path, GError **error);
void csp_docx_package_free (CspDocxPackage *self);
const char *csp_docx_package_get_heading_style (CspDocxPackage *self, guint level);
void csp_docx_package_write_namespaces (CspDocxPackage *self, xmlTextWriterPtr writer);
void csp_docx_package_write_section (CspDocxPackage *self, xmlTextWriterPtr writer,
                                     CspReportOrientation orientation, gboolean first);
guint csp_docx_package_get_text_width (CspDocxPackage *self, CspReportOrientation orientation);
char *csp_docx_package_add_image (CspDocxPackage *self, GBytes *png);
gboolean csp_docx_package_write (CspDocxPackage *self, GBytes *document,
                                 const CspReportPdfInfo *info, const char *path, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CspDocxPackage, csp_docx_package_free)

G_END_DECLS
