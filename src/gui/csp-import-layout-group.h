/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "csp-import.h"

G_BEGIN_DECLS

#define CSP_TYPE_IMPORT_LAYOUT_GROUP (csp_import_layout_group_get_type ())
G_DECLARE_FINAL_TYPE (CspImportLayoutGroup, csp_import_layout_group, CSP, IMPORT_LAYOUT_GROUP,
                      AdwPreferencesGroup)

void csp_import_layout_group_set_import (CspImportLayoutGroup *self, CspImport *import);
void csp_import_layout_group_update (CspImportLayoutGroup *self);
char *csp_import_layout_group_get_blocker (CspImportLayoutGroup *self);

G_END_DECLS
