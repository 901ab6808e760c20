/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "csp-store.h"

G_BEGIN_DECLS

GPtrArray *csp_ref_choices_list (CspStore *store, GType type, const char *sort_column, GArray *ids,
                                 GError **error);
GPtrArray *csp_ref_choices_list_for_column (CspStore *store, const CspColumn *column, GArray *ids,
                                            GError **error);

G_END_DECLS
