/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

const char *csp_file_error_reason (const GError *error);

G_END_DECLS
