/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "csp-report-layout.h"
#include "csp-report-pdf.h"

G_BEGIN_DECLS

gboolean csp_report_odt_write (GPtrArray *blocks, const CspReportPdfInfo *info, const char *header,
                               const char *path, GError **error);
gboolean csp_report_odt_export (CspDatabase *database, const CspReportContent *content,
                                const char *path, GError **error);

G_END_DECLS
