/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "csp-page.h"
#include "csp-record-browser.h"

G_BEGIN_DECLS

#define CSP_TYPE_PARTNERS_PAGE (csp_partners_page_get_type ())
G_DECLARE_FINAL_TYPE (CspPartnersPage, csp_partners_page, CSP, PARTNERS_PAGE, CspPage)

CspPartnersPage *csp_partners_page_new (CspContext *context);
CspRecordBrowser *csp_partners_page_get_browser (CspPartnersPage *self, GType record_type);

G_END_DECLS
