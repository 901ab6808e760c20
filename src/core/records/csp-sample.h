/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "csp-store.h"

G_BEGIN_DECLS

gboolean csp_sample_load (CspStore *store, GError **error);
gboolean csp_store_is_empty (CspStore *store, gboolean *is_empty, GError **error);

G_END_DECLS
