/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define CSP_DATABASE_ERROR (csp_database_error_quark ())

/**
 * CspDatabaseError:
 * @CSP_DATABASE_ERROR_NOT_SQLITE: the file is not an SQLite database
 * @CSP_DATABASE_ERROR_NOT_OURS: a database of another application
 * @CSP_DATABASE_ERROR_TOO_NEW: written by a newer CSP Engage
 * @CSP_DATABASE_ERROR_CORRUPT: truncated or damaged
 * @CSP_DATABASE_ERROR_READ_ONLY: the database cannot be written, or this
 *   user may not change that
 * @CSP_DATABASE_ERROR_LOCKED: another program is writing to it
 * @CSP_DATABASE_ERROR_FULL: the disk is full
 * @CSP_DATABASE_ERROR_NOT_FOUND: no record with that id
 * @CSP_DATABASE_ERROR_CONFLICT: someone else saved the record first
 * @CSP_DATABASE_ERROR_INVALID: a value breaks a rule; the message names the field
 * @CSP_DATABASE_ERROR_IN_USE: the record is still referenced by others
 * @CSP_DATABASE_ERROR_FAILED: any other failure
 * @CSP_DATABASE_ERROR_DUPLICATE: a value that must be unique is taken
 * @CSP_DATABASE_ERROR_UNREACHABLE: the server did not answer
 * @CSP_DATABASE_ERROR_ACCESS_DENIED: the server refused the login
 * @CSP_DATABASE_ERROR_NETWORK_FILE: a database file on a network drive
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
  CSP_DATABASE_ERROR_DUPLICATE,
  CSP_DATABASE_ERROR_UNREACHABLE,
  CSP_DATABASE_ERROR_ACCESS_DENIED,
  CSP_DATABASE_ERROR_NETWORK_FILE,
} CspDatabaseError;

/**
 * CspEngine:
 * @CSP_ENGINE_SQLITE: one SQLite file, for one desktop
 * @CSP_ENGINE_POSTGRESQL: a PostgreSQL server, shared by a team
 */
typedef enum
{
  CSP_ENGINE_SQLITE,
  CSP_ENGINE_POSTGRESQL,
} CspEngine;

/* How long a write waits for another program's lock on a file. */
#define CSP_DATABASE_BUSY_TIMEOUT_MS 5000

/* "CSPE": marks a database as ours (SQLite's header, our table on a server). */
#define CSP_DATABASE_APPLICATION_ID 0x43535045

#define CSP_TYPE_DATABASE (csp_database_get_type ())
G_DECLARE_FINAL_TYPE (CspDatabase, csp_database, CSP, DATABASE, GObject)

/**
 * CspStatement:
 *
 * One SQL statement of a #CspDatabase, with `?` for each value. Values are
 * bound by position from 1, columns read by position from 0. A bind that
 * fails is remembered and makes the next step fail with its error, so the
 * binds need no check of their own.
 */
typedef struct _CspStatement CspStatement;

/**
 * CspStep:
 * @CSP_STEP_FAILED: the statement failed; the error says why
 * @CSP_STEP_ROW: a row is ready to read
 * @CSP_STEP_DONE: the statement has run to its end
 */
typedef enum
{
  CSP_STEP_FAILED,
  CSP_STEP_ROW,
  CSP_STEP_DONE,
} CspStep;

/**
 * CspDatabaseOpenFlags:
 * @CSP_DATABASE_OPEN_NONE: open an existing CSP Engage database only
 * @CSP_DATABASE_OPEN_CREATE: a missing file, or an empty server database,
 *   is given the current schema
 * @CSP_DATABASE_OPEN_READ_ONLY: only read: nothing is written, not even to
 *   bring the schema up to date (an older schema is refused), so that a
 *   read-only file, a file on read-only media or a copy being checked is
 *   never modified; other programs may write meanwhile. Not with
 *   %CSP_DATABASE_OPEN_CREATE
 */
typedef enum
{
  CSP_DATABASE_OPEN_NONE = 0,
  CSP_DATABASE_OPEN_CREATE = 1 << 0,
  CSP_DATABASE_OPEN_READ_ONLY = 1 << 1,
} CspDatabaseOpenFlags;

GQuark csp_database_error_quark (void);

char *csp_database_resolve_location (const char *explicit_location, GError **error);
gboolean csp_database_location_is_server (const char *location);
CspDatabase *csp_database_open (const char *location, GError **error);
CspDatabase *csp_database_open_full (const char *location, CspDatabaseOpenFlags flags,
                                     int busy_timeout_ms, GError **error);
const char *csp_database_get_location (CspDatabase *self);
CspEngine csp_database_get_engine (CspDatabase *self);
char *csp_database_get_engine_version (CspDatabase *self);
int csp_database_get_schema_version (CspDatabase *self);
int csp_database_get_latest_schema_version (CspEngine engine);

/* The engine's clock as SQL, for statements written for each engine
 * (see csp_database_get_now_sql()). */
#define CSP_SQLITE_NOW "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')"
#define CSP_POSTGRESQL_NOW "to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')"

const char *csp_database_get_now_sql (CspDatabase *self);
const char *csp_database_pick_sql (CspDatabase *self, const char *sqlite_sql,
                                   const char *postgresql_sql);

CspStatement *csp_database_prepare (CspDatabase *self, const char *sql, GError **error);
CspStatement *csp_database_prepare_cached (CspDatabase *self, const char *sql, GError **error);
gboolean csp_database_exec (CspDatabase *self, const char *sql, GError **error);
gboolean csp_database_query_int (CspDatabase *self, const char *sql, gint64 *value, GError **error);

gboolean csp_database_begin (CspDatabase *self, GError **error);
gboolean csp_database_commit (CspDatabase *self, GError **error);
void csp_database_rollback (CspDatabase *self);
gboolean csp_database_in_transaction (CspDatabase *self);

gboolean csp_database_watch_changes (CspDatabase *self, GError **error);
gboolean csp_database_is_connected (CspDatabase *self);

gboolean csp_database_count_rows (CspDatabase *self, const char *table, gint64 *count,
                                  GError **error);
const char *const *csp_database_list_tables (void);

void csp_statement_free (CspStatement *self);
void csp_statement_bind_int64 (CspStatement *self, int index, gint64 value);
void csp_statement_bind_double (CspStatement *self, int index, double value);
void csp_statement_bind_text (CspStatement *self, int index, const char *value);
void csp_statement_bind_null (CspStatement *self, int index);
void csp_statement_reset (CspStatement *self);
CspStep csp_statement_step (CspStatement *self, GError **error);
gboolean csp_statement_run (CspStatement *self, GError **error);
gint64 csp_statement_get_changes (CspStatement *self);
int csp_statement_get_n_columns (CspStatement *self);
const char *csp_statement_get_column_name (CspStatement *self, int column);
gboolean csp_statement_is_null (CspStatement *self, int column);
gint64 csp_statement_get_int64 (CspStatement *self, int column);
double csp_statement_get_double (CspStatement *self, int column);
const char *csp_statement_get_text (CspStatement *self, int column);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CspStatement, csp_statement_free)

/**
 * CspLoad:
 *
 * Rows on their way into one table in bulk, as texts (csp_database_load_begin()).
 */
typedef struct _CspLoad CspLoad;

CspLoad *csp_database_load_begin (CspDatabase *self, const char *table, const char *const *columns,
                                  GError **error);
gboolean csp_load_add_row (CspLoad *self, const char *const *values, GError **error);
gboolean csp_load_end (CspLoad *self, GError **error);

G_END_DECLS
