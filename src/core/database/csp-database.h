/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>
#include <sqlite3.h>

G_BEGIN_DECLS

#define CSP_DATABASE_ERROR (csp_database_error_quark ())

/**
 * CspDatabaseError:
 * @CSP_DATABASE_ERROR_NOT_SQLITE: the file is not an SQLite database
 * @CSP_DATABASE_ERROR_NOT_OURS: an SQLite database of another application
 * @CSP_DATABASE_ERROR_TOO_NEW: written by a newer CSP Engage
 * @CSP_DATABASE_ERROR_CORRUPT: truncated or damaged
 * @CSP_DATABASE_ERROR_READ_ONLY: the file or its folder cannot be written
 * @CSP_DATABASE_ERROR_LOCKED: another program is writing to it
 * @CSP_DATABASE_ERROR_FULL: the disk is full
 * @CSP_DATABASE_ERROR_NOT_FOUND: no record with that id
 * @CSP_DATABASE_ERROR_CONFLICT: someone else saved the record first
 * @CSP_DATABASE_ERROR_INVALID: a value breaks a rule; the message names the field
 * @CSP_DATABASE_ERROR_IN_USE: the record is still referenced by others
 * @CSP_DATABASE_ERROR_FAILED: any other failure
 */
typedef enum
{
  CSP_DATABASE_ERROR_NOT_SQLITE,
  CSP_DATABASE_ERROR_NOT_OURS,
  CSP_DATABASE_ERROR_TOO_NEW,
  CSP_DATABASE_ERROR_CORRUPT,
  CSP_DATABASE_ERROR_READ_ONLY,
  CSP_DATABASE_ERROR_LOCKED,
  CSP_DATABASE_ERROR_FULL,
  CSP_DATABASE_ERROR_NOT_FOUND,
  CSP_DATABASE_ERROR_CONFLICT,
  CSP_DATABASE_ERROR_INVALID,
  CSP_DATABASE_ERROR_IN_USE,
  CSP_DATABASE_ERROR_FAILED,
} CspDatabaseError;

/* "CSPE": marks the file as ours in the SQLite header. */
#define CSP_DATABASE_APPLICATION_ID 0x43535045

#define CSP_TYPE_DATABASE (csp_database_get_type ())
G_DECLARE_FINAL_TYPE (CspDatabase, csp_database, CSP, DATABASE, GObject)

GQuark csp_database_error_quark (void);

char *csp_database_resolve_path (const char *explicit_path, GError **error);
CspDatabase *csp_database_open (const char *path, GError **error);
CspDatabase *csp_database_open_full (const char *path, int busy_timeout_ms, GError **error);
const char *csp_database_get_path (CspDatabase *self);
int csp_database_get_schema_version (CspDatabase *self);
int csp_database_get_latest_schema_version (void);
sqlite3 *csp_database_get_handle (CspDatabase *self);

sqlite3_stmt *csp_database_prepare (CspDatabase *self, const char *sql, GError **error);

/* A statement the connection keeps for reuse: released, not finalized. */
typedef sqlite3_stmt CspCachedStatement;
CspCachedStatement *csp_database_prepare_cached (CspDatabase *self, const char *sql,
                                                 GError **error);
void csp_cached_statement_release (CspCachedStatement *stmt);
gboolean csp_database_step_done (CspDatabase *self, sqlite3_stmt *stmt, GError **error);
gboolean csp_database_step_row (CspDatabase *self, sqlite3_stmt *stmt, gboolean *has_row,
                                GError **error);
gboolean csp_database_exec (CspDatabase *self, const char *sql, GError **error);
void csp_database_set_error (CspDatabase *self, int rc, GError **error);

gboolean csp_database_begin (CspDatabase *self, GError **error);
gboolean csp_database_commit (CspDatabase *self, GError **error);
void csp_database_rollback (CspDatabase *self);

gboolean csp_database_count_rows (CspDatabase *self, const char *table, gint64 *count,
                                  GError **error);
const char *const *csp_database_list_tables (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CspCachedStatement, csp_cached_statement_release)

G_END_DECLS
