/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "csp-records.h"

G_BEGIN_DECLS

#define CSP_TYPE_UPDATE_ROW (csp_update_row_get_type ())
G_DECLARE_FINAL_TYPE (CspUpdateRow, csp_update_row, CSP, UPDATE_ROW, AdwActionRow)

CspUpdateRow *csp_update_row_new (CspRecord *update);

G_END_DECLS
