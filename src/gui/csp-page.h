/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "csp-context.h"
#include "csp-export.h"

G_BEGIN_DECLS

#define CSP_TYPE_PAGE (csp_page_get_type ())
G_DECLARE_DERIVABLE_TYPE (CspPage, csp_page, CSP, PAGE, AdwBin)

struct _CspPageClass
{
  AdwBinClass parent_class;

  /* The list the page shows, for Export List; unset when it shows none. */
  CspExportTable *(*open_list_export) (CspPage *self, GError **error);
};

CspContext *csp_page_get_context (CspPage *self);
CspDatabase *csp_page_get_database (CspPage *self);
gboolean csp_page_has_list_export (CspPage *self);
CspExportTable *csp_page_open_list_export (CspPage *self, GError **error);

G_END_DECLS
