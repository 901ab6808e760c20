/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define CSP_TYPE_APPLICATION (csp_application_get_type ())
G_DECLARE_FINAL_TYPE (CspApplication, csp_application, CSP, APPLICATION, AdwApplication)

CspApplication *csp_application_new (void);

G_END_DECLS
