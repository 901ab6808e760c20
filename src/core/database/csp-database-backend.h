/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* What a database engine supplies behind the CspDatabase facade. Only the
 * facade and the two backends include this; nothing else sees an engine. */

#include "csp-database.h"

G_BEGIN_DECLS

typedef struct _CspBackend CspBackend;

/* The common part of every backend's statement, which embeds it first. */
struct _CspStatement
{
  const CspBackend *backend;
  CspDatabase *database; /* unowned: statements never outlive it */
  GError *bind_error;    /* the first bind that failed since the last reset */
  gint64 changes;
  gboolean cached;
  gboolean in_use; /* a cached statement handed out and not yet freed */
};

typedef enum
{
  CSP_VALUE_NULL,
  CSP_VALUE_INT64,
  CSP_VALUE_DOUBLE,
  CSP_VALUE_TEXT,
} CspValueKind;

typedef struct
{
  CspValueKind kind;
  gint64 int64;
  double number;
  const char *text;
} CspValue;

struct _CspBackend
{
  CspEngine engine;
  /* The outermost transaction: the write lock taken at once where the
   * engine has one lock for the whole file. */
  const char *begin_sql;

  void (*close) (gpointer connection);
  /* Closes after a failed open, removing what that open created. */
  void (*abandon) (gpointer connection);
  char *(*get_engine_version) (gpointer connection);
  /* The schema version, 0 for an empty database; refuses one that is not
   * ours. Runs inside the migration's transaction. */
  gboolean (*read_schema_version) (gpointer connection, const char *location, gint64 *version,
                                   GError **error);
  gboolean (*write_schema_version) (gpointer connection, int version, GError **error);
  /* Outside any transaction: off for a migration that rebuilds tables;
   * %NULL where the engine checks references at the end of a statement. */
  gboolean (*enforce_foreign_keys) (gpointer connection, gboolean enforce, GError **error);

  /* Adds what the engine's own check finds wrong, as sentences. */
  gboolean (*check_integrity) (gpointer connection, GPtrArray *problems, GError **error);
  /* A complete, verified SQLite copy of the database at @path, a new
   * empty file; %NULL where csp_database_copy() makes it. */
  gboolean (*backup) (CspDatabase *database, gpointer connection, const char *path, GError **error);

  /* Starts watching for other connections' changes, reported through
   * csp_database_emit_changed() from the thread-default main context. */
  gpointer (*watch) (CspDatabase *database, gpointer connection, const char *conninfo,
                     GError **error);
  void (*unwatch) (gpointer watch);
  /* Whether the engine still answers; %NULL where a connection cannot be
   * lost (a file). */
  gboolean (*is_connected) (gpointer connection);
  /* Starts connecting @connection and @watch again, in the background on
   * the thread-default main context, trying until it works; then calls
   * csp_database_set_connected(). Stops when the connection is closed. */
  void (*reconnect) (CspDatabase *database, gpointer connection, gpointer watch);
  /* This connection committed: its own changes are not news. */
  void (*note_own_commit) (gpointer watch, gpointer connection);

  /* Loading rows of texts (NULL for SQL NULL) in bulk, the engine's
   * fastest way (COPY); %NULL where csp_database_load_begin() runs a
   * prepared INSERT. load_end sends what is left, and frees the load
   * either way. */
  gpointer (*load_begin) (gpointer connection, const char *table, const char *const *columns,
                          GError **error);
  gboolean (*load_row) (gpointer load, const char *const *values, GError **error);
  gboolean (*load_end) (gpointer load, GError **error);

  gboolean (*exec) (gpointer connection, const char *sql, GError **error);
  CspStatement *(*prepare) (gpointer connection, const char *sql, gboolean cached, GError **error);
  void (*finalize) (CspStatement *statement);
  /* Ready to run again; bindings are kept unless cleared. */
  void (*reset) (CspStatement *statement, gboolean clear_bindings);
  gboolean (*bind) (CspStatement *statement, int index, const CspValue *value, GError **error);
  CspStep (*step) (CspStatement *statement, GError **error);
  int (*get_n_columns) (CspStatement *statement);
  const char *(*get_column_name) (CspStatement *statement, int column);
  gboolean (*is_null) (CspStatement *statement, int column);
  gint64 (*get_int64) (CspStatement *statement, int column);
  double (*get_double) (CspStatement *statement, int column);
  const char *(*get_text) (CspStatement *statement, int column);
};

/* Each backend's way in: the connection, ready for its schema check. */
gpointer csp_sqlite_backend_open (const char *path, gboolean create, int busy_timeout_ms,
                                  const CspBackend **backend, GError **error);
gpointer csp_sqlite_backend_open_read_only (const char *path, int busy_timeout_ms,
                                            const CspBackend **backend, GError **error);
gpointer csp_postgres_backend_open (const char *conninfo, char **location,
                                    const CspBackend **backend, GError **error);

gboolean csp_database_check_schema_version (const char *location, CspEngine engine, gint64 version,
                                            GError **error);
gpointer csp_database_get_connection (CspDatabase *self);
void csp_database_emit_changed (CspDatabase *self, const char *table, gint64 id);
void csp_database_set_connected (CspDatabase *self, gboolean connected);
const CspBackend *csp_database_get_backend (CspDatabase *self);

G_END_DECLS
