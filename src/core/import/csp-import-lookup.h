/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "csp-database.h"

G_BEGIN_DECLS

/* Names to ids for an import: partners, channels, plans, priorities,
 * actions and metrics, read once per pass. Internal to the importer. */
typedef struct _CspImportLookup CspImportLookup;

/* What a lookup answers besides an id. */
#define CSP_IMPORT_LOOKUP_NONE 0
#define CSP_IMPORT_LOOKUP_AMBIGUOUS (-1)

CspImportLookup *csp_import_lookup_new (CspDatabase *database, GError **error);
void csp_import_lookup_free (CspImportLookup *self);

gint64 csp_import_lookup_find (CspImportLookup *self, const char *table, gint64 scope,
                               const char *name);
gint64 csp_import_lookup_metric_by_kind (CspImportLookup *self, gint64 channel_id,
                                         const char *kind);
gint64 csp_import_lookup_priority_plan (CspImportLookup *self, gint64 priority_id);
gboolean csp_import_lookup_exists (CspImportLookup *self, const char *table, gint64 id);
const char *csp_import_lookup_get_name (CspImportLookup *self, const char *table, gint64 id);
gint64 csp_import_lookup_next_position (CspImportLookup *self, gint64 plan_id);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CspImportLookup, csp_import_lookup_free)

G_END_DECLS
