/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "csp-audit-log.h"
#include "csp-store.h"

G_BEGIN_DECLS

/**
 * CspFieldChange:
 * @label: the field's name as a person knows it (translated)
 * @before: (nullable): its value before, as a person reads it; %NULL for
 *   a record added
 * @after: (nullable): its value after; %NULL for a record deleted
 *
 * One field of a logged change.
 */
typedef struct
{
  char *label;
  char *before;
  char *after;
} CspFieldChange;

/**
 * CspLoggedChange:
 * @change: who, when and what kind of change
 * @table: the table of the record changed
 * @record_type: its record type, or %G_TYPE_INVALID for another table
 *   (the users of a team server)
 * @row_id: the record's id, or 0 for an entry about many records at once
 *   (an import)
 * @record_name: (nullable): in the whole log, the record's name as it is
 *   now; %NULL once it is deleted, and in a record's own history
 * @fields: (element-type CspFieldChange): the fields it changed, in the
 *   record's order; every field that had a value for an addition or a
 *   deletion
 *
 * One entry of the audit log, read for the history of a record or the
 * whole log.
 */
typedef struct
{
  CspChange *change;
  char *table;
  GType record_type;
  gint64 row_id;
  char *record_name;
  GPtrArray *fields;
} CspLoggedChange;

void csp_logged_change_free (CspLoggedChange *logged);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CspLoggedChange, csp_logged_change_free)

/**
 * CspChangeLogQuery:
 * @table: (nullable): only this table's changes
 * @row_id: with @table, only this record's (0 for all)
 * @user_name: (nullable): only this person's changes
 * @from_date: (nullable): only changes on or after this ISO date
 * @to_date: (nullable): only changes on or before this ISO date
 * @limit: at most this many, newest first
 *
 * Which entries of the log to read; %NULL and 0 leave a filter out.
 */
typedef struct
{
  const char *table;
  gint64 row_id;
  const char *user_name;
  const char *from_date;
  const char *to_date;
  guint limit;
} CspChangeLogQuery;

GPtrArray *csp_change_log_list (CspStore *store, const CspChangeLogQuery *query, GError **error);
GPtrArray *csp_change_log_list_users (CspDatabase *database, GError **error);

G_END_DECLS
