/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean csp_date_is_valid (const char *date);
gboolean csp_date_to_gdate (const char *date, GDate *out);
char *csp_date_format_long (const char *date);
char *csp_month_format_long (const char *month);
char *csp_date_format_range (const char *start_date, const char *end_date);
char *csp_date_format_typed (const char *date);
char *csp_date_from_typed (const char *text);

G_END_DECLS
