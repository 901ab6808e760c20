/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "csp-database.h"
#include "csp-import-target.h"

G_BEGIN_DECLS

#define CSP_TYPE_IMPORT_MAPPING (csp_import_mapping_get_type ())
G_DECLARE_FINAL_TYPE (CspImportMapping, csp_import_mapping, CSP, IMPORT_MAPPING, GObject)

CspImportMapping *csp_import_mapping_new (CspImportKind kind);
CspImportMapping *csp_import_mapping_new_guessed (CspImportKind kind, const char *const *headers);
CspImportMapping *csp_import_mapping_new_from_json (CspImportKind kind, const char *json,
                                                    GError **error);
CspImportMapping *csp_import_mapping_copy (CspImportMapping *self);
char *csp_import_mapping_to_json (CspImportMapping *self);

CspImportKind csp_import_mapping_get_kind (CspImportMapping *self);
const char *csp_import_mapping_get_name (CspImportMapping *self);

const char *csp_import_mapping_get_target (CspImportMapping *self, const char *header);
gboolean csp_import_mapping_set_target (CspImportMapping *self, const char *header,
                                        const char *target);
const char *csp_import_mapping_find_header (CspImportMapping *self, const char *target);
void csp_import_mapping_guess_unmapped (CspImportMapping *self, const char *const *headers);

const char *csp_import_mapping_get_default (CspImportMapping *self, const char *target);
gboolean csp_import_mapping_set_default (CspImportMapping *self, const char *target,
                                         const char *value);

guint csp_import_mapping_get_skip_rows (CspImportMapping *self);
void csp_import_mapping_set_skip_rows (CspImportMapping *self, guint skip_rows);
char csp_import_mapping_get_separator (CspImportMapping *self);
void csp_import_mapping_set_separator (CspImportMapping *self, char separator);

gint64 csp_import_mapping_get_alias (CspImportMapping *self, const char *table, const char *name);
void csp_import_mapping_set_alias (CspImportMapping *self, const char *table, const char *name,
                                   gint64 id);

GPtrArray *csp_import_mapping_list_missing (CspImportMapping *self, const char *const *headers);
gboolean csp_import_mapping_check (CspImportMapping *self, const char *const *headers,
                                   GError **error);

gboolean csp_import_mapping_save (CspImportMapping *self, CspDatabase *database, const char *name,
                                  GError **error);
CspImportMapping *csp_import_mapping_load (CspDatabase *database, CspImportKind kind,
                                           const char *name, GError **error);
GStrv csp_import_mapping_list_saved (CspDatabase *database, CspImportKind kind, GError **error);
gboolean csp_import_mapping_delete_saved (CspDatabase *database, CspImportKind kind,
                                          const char *name, GError **error);

G_END_DECLS
