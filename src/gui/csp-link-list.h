/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "csp-context.h"
#include "csp-types.h"

G_BEGIN_DECLS

#define CSP_TYPE_LINK_LIST (csp_link_list_get_type ())
G_DECLARE_FINAL_TYPE (CspLinkList, csp_link_list, CSP, LINK_LIST, AdwPreferencesGroup)

CspLinkList *csp_link_list_new (CspContext *context, GType link_type, const char *own_column,
                                const char *title);
void csp_link_list_set_owner (CspLinkList *self, gint64 owner_id);
guint csp_link_list_get_n_links (CspLinkList *self);
gboolean csp_link_list_add (CspLinkList *self, gint64 other_id, GError **error);

G_END_DECLS
