/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "csp-database.h"

G_BEGIN_DECLS

/**
 * CspChange:
 * @user_name: who made it, as the engine knew them
 * @when: when it was committed, in UTC
 * @operation: "insert", "update" or "delete"
 *
 * One entry of the audit log, as a person reads it.
 */
typedef struct
{
  char *user_name;
  GDateTime *when;
  char *operation;
} CspChange;

void csp_change_free (CspChange *change);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CspChange, csp_change_free)

CspChange *csp_audit_log_last_change (CspDatabase *database, const char *table, gint64 row_id,
                                      GError **error);
gboolean csp_audit_log_add_bulk (CspDatabase *database, const char *table, const char *operation,
                                 const char *changes, GError **error);
char *csp_change_describe_when (const CspChange *change, GDateTime *now);

G_END_DECLS
