/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "csp-context.h"

G_BEGIN_DECLS

#define CSP_TYPE_PAGE (csp_page_get_type ())
G_DECLARE_DERIVABLE_TYPE (CspPage, csp_page, CSP, PAGE, AdwBin)

struct _CspPageClass
{
  AdwBinClass parent_class;
};

CspContext *csp_page_get_context (CspPage *self);

G_END_DECLS
