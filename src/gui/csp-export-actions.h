/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "csp-context.h"

G_BEGIN_DECLS

gboolean csp_export_activities_write (CspStore *store, const CspQuery *query, GFile *file,
                                      GError **error);
void csp_export_activities_to_file (GtkWindow *parent, CspContext *context, const CspQuery *query);
void csp_export_workbook_to_file (GtkWindow *parent, CspContext *context);

G_END_DECLS
