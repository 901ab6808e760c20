/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "csp-context.h"
#include "csp-export.h"

G_BEGIN_DECLS

gboolean csp_export_table_to_file (CspExportTable *table, GFile *file, GError **error);
gboolean csp_export_save (GtkWindow *parent, CspContext *context, CspExportTable *table,
                          GFile *file);
void csp_export_list_to_file (GtkWindow *parent, CspContext *context, CspExportTable *table);
void csp_export_workbook_to_file (GtkWindow *parent, CspContext *context);

G_END_DECLS
