/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

void csp_combo_list_show_whole (AdwComboRow *row);

G_END_DECLS
