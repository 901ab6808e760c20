/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define CSP_TYPE_SQL_SORTER (csp_sql_sorter_get_type ())
G_DECLARE_FINAL_TYPE (CspSqlSorter, csp_sql_sorter, CSP, SQL_SORTER, GtkSorter)

const char *csp_sql_sorter_get_column (CspSqlSorter *self);
gboolean csp_sql_sorter_read_view_sorter (GtkSorter *view_sorter, const char **column,
                                          gboolean *descending);

G_END_DECLS
