/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "csp-database"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "csp-core-resources.h"
#include "csp-database-backend.h"

#define MIGRATIONS_PATH RESOURCE_PATH "/migrations/"

/* The one way into a database, whichever engine holds it: statements,
 * transactions and savepoints, the schema's migrations. Everything
 * engine-specific is the backend's (csp-database-backend.h). */
struct _CspDatabase
{
  GObject parent_instance;

  char *location;
  char *conninfo; /* what opened it, for the change watch's own connection */
  const CspBackend *backend;
  gpointer watch;
  gpointer connection;
  int schema_version;
  guint transaction_depth;
  gboolean read_only;
  gboolean connected;
  GMainContext *main_context; /* where the change watch and reconnection run */

  /* SQL text → its prepared statement, for statements run again and again
   * (csp_database_prepare_cached()). */
  GHashTable *statements;
  GMutex statements_lock;
};

G_DEFINE_FINAL_TYPE (CspDatabase, csp_database, G_TYPE_OBJECT)

enum
{
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

enum
{
  PROP_0,
  PROP_CONNECTED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

GQuark
csp_database_error_quark (void)
{
  return g_quark_from_static_string ("csp-database-error-quark");
}

static const char *const tables[] = {
  "settings",         "partner",        "meeting",
  "meeting_partner",  "plan",           "priority",
  "action",           "action_partner", "action_update",
  "channel",          "activity",       "activity_partner",
  "metric",           "metric_value",   "risk",
  "risk_action",      "chart_event",    "section_template",
  "committee_report", "report_section", "report_part",
  "import_mapping",   "audit_log",      NULL,
};

static void
finalize_statement (gpointer data)
{
  CspStatement *statement = data;

  g_clear_error (&statement->bind_error);
  statement->backend->finalize (statement);
}

/* Statements first: the connection closes only when none is left. */
static void
close_connection (CspDatabase *self)
{
  if (self->watch != NULL)
    self->backend->unwatch (g_steal_pointer (&self->watch));
  g_hash_table_remove_all (self->statements);
  if (self->connection != NULL)
    self->backend->close (g_steal_pointer (&self->connection));
}

static void
csp_database_finalize (GObject *object)
{
  CspDatabase *self = CSP_DATABASE (object);

  close_connection (self);
  g_clear_pointer (&self->statements, g_hash_table_unref);
  g_mutex_clear (&self->statements_lock);
  g_clear_pointer (&self->location, g_free);
  g_clear_pointer (&self->conninfo, g_free);
  g_clear_pointer (&self->main_context, g_main_context_unref);

  G_OBJECT_CLASS (csp_database_parent_class)->finalize (object);
}

static void
csp_database_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  CspDatabase *self = CSP_DATABASE (object);

  switch (prop_id)
    {
    case PROP_CONNECTED:
      g_value_set_boolean (value, self->connected);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
csp_database_class_init (CspDatabaseClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = csp_database_finalize;
  G_OBJECT_CLASS (klass)->get_property = csp_database_get_property;

  /**
   * CspDatabase:connected:
   *
   * Whether the engine answers. A team server that stops answering is
   * connected to again in the background while the database watches for
   * changes (csp_database_watch_changes()); meanwhile every statement
   * fails with %CSP_DATABASE_ERROR_UNREACHABLE. A file is always connected.
   */
  properties[PROP_CONNECTED] =
      g_param_spec_boolean ("connected", NULL, NULL, TRUE,
                            G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (G_OBJECT_CLASS (klass), N_PROPS, properties);

  /**
   * CspDatabase::changed:
   * @table: the table another connection changed
   * @id: the row's id, or 0 where the engine cannot tell
   *
   * Another program, or another desktop, committed a change. Emitted only
   * after csp_database_watch_changes(), from the main context that was
   * the thread's default then.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                   NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_INT64);
}

static void
csp_database_init (CspDatabase *self)
{
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, finalize_statement);
  g_mutex_init (&self->statements_lock);
  self->connected = TRUE;
}

/* While the server is away, nothing reaches the connection, which is busy
 * connecting again. */
static gboolean
require_connection (CspDatabase *self, GError **error)
{
  if (self->connected)
    return TRUE;
  g_set_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_UNREACHABLE,
               _ ("The server %s cannot be reached: nothing was saved. CSP Engage keeps trying to "
                  "connect again."),
               self->location);
  return FALSE;
}

/* A failure may be the server gone away: then say so, and connect again. */
static void
note_failure (CspDatabase *self)
{
  if (self->connected && self->backend->is_connected != NULL &&
      !self->backend->is_connected (self->connection))
    csp_database_set_connected (self, FALSE);
}

static void
change_connected (CspDatabase *self, gboolean connected)
{
  if (connected == self->connected)
    return;
  self->connected = connected;
  if (!connected && self->watch != NULL)
    self->backend->reconnect (self, self->connection, self->watch);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONNECTED]);
}

static gboolean
connection_lost_cb (gpointer data)
{
  change_connected (data, FALSE);
  return G_SOURCE_REMOVE;
}

static gboolean
connection_back_cb (gpointer data)
{
  change_connected (data, TRUE);
  return G_SOURCE_REMOVE;
}

/**
 * csp_database_set_connected:
 *
 * For the backends: the connection was lost, or is back. Handled on the
 * main context of the change watch, whichever thread noticed.
 */
void
csp_database_set_connected (CspDatabase *self, gboolean connected)
{
  g_return_if_fail (CSP_IS_DATABASE (self));

  if (self->main_context == NULL)
    {
      self->connected = connected;
      return;
    }
  g_main_context_invoke_full (self->main_context, G_PRIORITY_DEFAULT,
                              connected ? connection_back_cb : connection_lost_cb,
                              g_object_ref (self), g_object_unref);
}

/**
 * csp_database_is_connected:
 *
 * Returns: whether the engine answers (see #CspDatabase:connected)
 */
gboolean
csp_database_is_connected (CspDatabase *self)
{
  g_return_val_if_fail (CSP_IS_DATABASE (self), FALSE);
  return self->connected;
}

/**
 * csp_database_list_tables:
 *
 * Returns: (transfer none): the NULL-terminated names of every table of the schema
 */
const char *const *
csp_database_list_tables (void)
{
  return tables;
}

static gboolean
is_known_table (const char *table)
{
  return g_strv_contains (tables, table);
}

/**
 * csp_database_location_is_server:
 * @location: what was given as the database
 *
 * Returns: %TRUE when @location names a PostgreSQL server (a
 *   `postgresql://` URI, or libpq's `key=value` words such as
 *   `service=NAME`) rather than a file
 */
gboolean
csp_database_location_is_server (const char *location)
{
  g_return_val_if_fail (location != NULL, FALSE);

  static const char *const keywords[] = { "host",    "hostaddr",        "port",    "dbname",
                                          "user",    "password",        "service", "sslmode",
                                          "options", "connect_timeout", NULL };
  const char *equals;
  g_autofree char *first = NULL;

  if (g_str_has_prefix (location, "postgresql://") || g_str_has_prefix (location, "postgres://"))
    return TRUE;
  /* libpq's words start with one of its keywords: "host=/run/postgresql
   * dbname=csp" is a server, "notes=old.db" a file. */
  equals = strchr (location, '=');
  if (equals == NULL)
    return FALSE;
  first = g_strstrip (g_strndup (location, equals - location));
  return g_strv_contains (keywords, first);
}

/**
 * csp_database_resolve_location:
 * @explicit_location: (nullable): a file or server the user named, e.g.
 *   with --database
 *
 * The database to open: @explicit_location, else $CSP_ENGAGE_DB, else the
 * default file in the user's data folder, whose folder is created (0700)
 * if missing.
 *
 * Returns: (transfer full): the location, or %NULL with @error set
 */
char *
csp_database_resolve_location (const char *explicit_location, GError **error)
{
  const char *from_env = g_getenv ("CSP_ENGAGE_DB");
  g_autofree char *folder = NULL;

  if (explicit_location != NULL && *explicit_location != '\0')
    return g_strdup (explicit_location);
  if (from_env != NULL && *from_env != '\0')
    return g_strdup (from_env);

  folder = g_build_filename (g_get_user_data_dir (), "csp-engage", NULL);
  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      int saved_errno = errno;
      g_set_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_READ_ONLY,
                   _ ("Could not create the data folder “%s”: %s"), folder,
                   g_strerror (saved_errno));
      return NULL;
    }
  return g_build_filename (folder, "csp-engage.db", NULL);
}

/**
 * csp_database_pick_sql:
 * @sqlite_sql: the SQL for SQLite
 * @postgresql_sql: the same for PostgreSQL, where the engines cannot agree
 *
 * Returns: (transfer none): the variant for this database's engine
 */
const char *
csp_database_pick_sql (CspDatabase *self, const char *sqlite_sql, const char *postgresql_sql)
{
  g_return_val_if_fail (CSP_IS_DATABASE (self), NULL);
  return self->backend->engine == CSP_ENGINE_POSTGRESQL ? postgresql_sql : sqlite_sql;
}

/**
 * csp_database_get_now_sql:
 *
 * Returns: (transfer none): the engine's clock as SQL, the ISO 8601 UTC
 *   text that created_at and updated_at hold
 */
const char *
csp_database_get_now_sql (CspDatabase *self)
{
  return csp_database_pick_sql (self, CSP_SQLITE_NOW, CSP_POSTGRESQL_NOW);
}

static CspStatement *
prepare (CspDatabase *self, const char *sql, gboolean cached, GError **error)
{
  CspStatement *statement = self->backend->prepare (self->connection, sql, cached, error);

  if (statement == NULL)
    return NULL;
  statement->backend = self->backend;
  statement->database = self;
  statement->cached = cached;
  return statement;
}

/**
 * csp_database_prepare:
 * @sql: SQL with a `?` for each value; never text built from values
 *
 * Returns: (transfer full): the statement, freed with csp_statement_free()
 */
CspStatement *
csp_database_prepare (CspDatabase *self, const char *sql, GError **error)
{
  g_return_val_if_fail (CSP_IS_DATABASE (self), NULL);
  g_return_val_if_fail (sql != NULL, NULL);

  return prepare (self, sql, FALSE, error);
}

/**
 * csp_database_prepare_cached:
 * @sql: constant SQL, or SQL built from identifiers only
 *
 * The connection's statement for @sql, prepared on first use and kept for
 * the next, which saves parsing SQL that runs once per record. Hand it
 * back with csp_statement_free(), usually through g_autoptr(CspStatement),
 * before asking for the same SQL again: it is then reset and unbound, not
 * finalized. There is one statement per SQL text, so two threads must not
 * use the same connection's cached statements at once (an import runs in
 * a worker thread while its assistant keeps the window modal).
 *
 * Returns: (transfer full): the statement, or %NULL with @error set
 */
CspStatement *
csp_database_prepare_cached (CspDatabase *self, const char *sql, GError **error)
{
  g_autoptr (GMutexLocker) locker = NULL;
  CspStatement *statement;

  g_return_val_if_fail (CSP_IS_DATABASE (self), NULL);
  g_return_val_if_fail (sql != NULL, NULL);

  locker = g_mutex_locker_new (&self->statements_lock);
  statement = g_hash_table_lookup (self->statements, sql);
  if (statement == NULL)
    {
      statement = prepare (self, sql, TRUE, error);
      if (statement == NULL)
        return NULL;
      g_hash_table_insert (self->statements, g_strdup (sql), statement);
    }
  g_return_val_if_fail (!statement->in_use, NULL);
  statement->in_use = TRUE;
  return statement;
}

/**
 * csp_statement_free:
 *
 * Finalizes a statement of csp_database_prepare(), or hands one of
 * csp_database_prepare_cached() back: reset, so that it holds no read
 * snapshot or lock, and unbound.
 */
void
csp_statement_free (CspStatement *self)
{
  if (self == NULL)
    return;
  g_clear_error (&self->bind_error);
  if (self->cached)
    {
      self->backend->reset (self, TRUE);
      self->changes = 0;
      self->in_use = FALSE;
    }
  else
    self->backend->finalize (self);
}

/* What this connection committed is not news to its change watch. */
static void
note_own_commit (CspDatabase *self)
{
  if (self->watch != NULL)
    self->backend->note_own_commit (self->watch, self->connection);
}

static void
bind (CspStatement *self, int index, const CspValue *value)
{
  g_autoptr (GError) error = NULL;

  g_return_if_fail (self != NULL);
  g_return_if_fail (index >= 1);

  if (!self->backend->bind (self, index, value, &error) && self->bind_error == NULL)
    self->bind_error = g_steal_pointer (&error);
}

void
csp_statement_bind_int64 (CspStatement *self, int index, gint64 value)
{
  CspValue v = { .kind = CSP_VALUE_INT64, .int64 = value };
  bind (self, index, &v);
}

void
csp_statement_bind_double (CspStatement *self, int index, double value)
{
  CspValue v = { .kind = CSP_VALUE_DOUBLE, .number = value };
  bind (self, index, &v);
}

/**
 * csp_statement_bind_text:
 * @value: (nullable): the text, copied; %NULL binds NULL
 */
void
csp_statement_bind_text (CspStatement *self, int index, const char *value)
{
  CspValue v = { .kind = value != NULL ? CSP_VALUE_TEXT : CSP_VALUE_NULL, .text = value };
  bind (self, index, &v);
}

void
csp_statement_bind_null (CspStatement *self, int index)
{
  CspValue v = { .kind = CSP_VALUE_NULL };
  bind (self, index, &v);
}

/**
 * csp_statement_reset:
 *
 * Makes the statement ready to run again with the values bound to it, or
 * new ones bound over them.
 */
void
csp_statement_reset (CspStatement *self)
{
  g_return_if_fail (self != NULL);

  g_clear_error (&self->bind_error);
  self->backend->reset (self, FALSE);
}

/**
 * csp_statement_step:
 *
 * Runs the statement to its next row. After %CSP_STEP_DONE,
 * csp_statement_get_changes() tells how many rows it changed.
 *
 * Returns: %CSP_STEP_FAILED with @error set, %CSP_STEP_ROW or %CSP_STEP_DONE
 */
CspStep
csp_statement_step (CspStatement *self, GError **error)
{
  CspStep step;

  g_return_val_if_fail (self != NULL, CSP_STEP_FAILED);

  if (self->bind_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&self->bind_error));
      return CSP_STEP_FAILED;
    }
  if (!require_connection (self->database, error))
    return CSP_STEP_FAILED;
  step = self->backend->step (self, error);
  if (step == CSP_STEP_FAILED)
    note_failure (self->database);
  /* A change outside any transaction committed by itself. */
  if (step == CSP_STEP_DONE && self->changes > 0 && self->database->transaction_depth == 0)
    note_own_commit (self->database);
  return step;
}

/**
 * csp_statement_run:
 *
 * Runs a statement to its end, passing over any rows it returns.
 */
gboolean
csp_statement_run (CspStatement *self, GError **error)
{
  CspStep step;

  while ((step = csp_statement_step (self, error)) == CSP_STEP_ROW)
    ;
  return step == CSP_STEP_DONE;
}

/**
 * csp_statement_get_changes:
 *
 * Returns: the rows the statement inserted, changed or deleted when it last
 *   ran to its end
 */
gint64
csp_statement_get_changes (CspStatement *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->changes;
}

int
csp_statement_get_n_columns (CspStatement *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->backend->get_n_columns (self);
}

const char *
csp_statement_get_column_name (CspStatement *self, int column)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->backend->get_column_name (self, column);
}

gboolean
csp_statement_is_null (CspStatement *self, int column)
{
  g_return_val_if_fail (self != NULL, TRUE);
  return self->backend->is_null (self, column);
}

/**
 * csp_statement_get_int64:
 *
 * Returns: the column's value as an integer; 0 for NULL, 1 or 0 for a
 *   truth value
 */
gint64
csp_statement_get_int64 (CspStatement *self, int column)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->backend->get_int64 (self, column);
}

double
csp_statement_get_double (CspStatement *self, int column)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->backend->get_double (self, column);
}

/**
 * csp_statement_get_text:
 *
 * Returns: (transfer none) (nullable): the column's value as UTF-8 text,
 *   valid until the next step or reset; %NULL for NULL
 */
const char *
csp_statement_get_text (CspStatement *self, int column)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->backend->get_text (self, column);
}

/**
 * csp_database_exec:
 * @sql: one or more statements of constant SQL, never text built from values
 */
gboolean
csp_database_exec (CspDatabase *self, const char *sql, GError **error)
{
  g_return_val_if_fail (CSP_IS_DATABASE (self), FALSE);

  if (!require_connection (self, error))
    return FALSE;
  if (!self->backend->exec (self->connection, sql, error))
    {
      note_failure (self);
      return FALSE;
    }
  if (self->transaction_depth == 0)
    note_own_commit (self);
  return TRUE;
}

/**
 * csp_database_query_int:
 * @sql: constant SQL whose first row's first column is an integer
 * @value: (out): that integer, or 0 when there is no row
 */
gboolean
csp_database_query_int (CspDatabase *self, const char *sql, gint64 *value, GError **error)
{
  g_autoptr (CspStatement) stmt = NULL;
  CspStep step;

  g_return_val_if_fail (CSP_IS_DATABASE (self), FALSE);

  stmt = csp_database_prepare (self, sql, error);
  if (stmt == NULL || (step = csp_statement_step (stmt, error)) == CSP_STEP_FAILED)
    return FALSE;
  *value = step == CSP_STEP_ROW ? csp_statement_get_int64 (stmt, 0) : 0;
  return TRUE;
}

/* Transaction control runs once per record written: kept prepared. */
static gboolean
run_cached (CspDatabase *self, const char *sql, GError **error)
{
  g_autoptr (CspStatement) stmt = csp_database_prepare_cached (self, sql, error);

  return stmt != NULL && csp_statement_run (stmt, error);
}

/**
 * csp_database_begin:
 *
 * Starts a transaction, or a savepoint inside the current one. On SQLite
 * the outermost takes the write lock at once (BEGIN IMMEDIATE) so that
 * the busy timeout applies to it rather than failing halfway through.
 */
gboolean
csp_database_begin (CspDatabase *self, GError **error)
{
  g_return_val_if_fail (CSP_IS_DATABASE (self), FALSE);

  /* Read-only, the outermost takes no write lock, which it could not. */
  if (!run_cached (self,
                   self->transaction_depth > 0 ? "SAVEPOINT nested"
                   : self->read_only           ? "BEGIN"
                                               : self->backend->begin_sql,
                   error))
    return FALSE;
  self->transaction_depth++;
  return TRUE;
}

/**
 * csp_database_commit:
 *
 * Ends what csp_database_begin() started. On failure everything since that
 * begin is rolled back, so the caller has nothing left to undo.
 */
gboolean
csp_database_commit (CspDatabase *self, GError **error)
{
  g_return_val_if_fail (CSP_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (self->transaction_depth > 0, FALSE);

  if (!run_cached (self, self->transaction_depth == 1 ? "COMMIT" : "RELEASE nested", error))
    {
      csp_database_rollback (self);
      return FALSE;
    }
  self->transaction_depth--;
  if (self->transaction_depth == 0)
    note_own_commit (self);
  return TRUE;
}

/**
 * csp_database_rollback:
 *
 * Undoes everything since the matching csp_database_begin().
 */
void
csp_database_rollback (CspDatabase *self)
{
  g_return_if_fail (CSP_IS_DATABASE (self));
  g_return_if_fail (self->transaction_depth > 0);

  /* Fails harmlessly when the engine has already rolled back by itself,
   * or has gone away, taking the transaction with it. */
  if (!self->connected)
    ;
  else if (self->transaction_depth == 1)
    self->backend->exec (self->connection, "ROLLBACK", NULL);
  else
    self->backend->exec (self->connection, "ROLLBACK TO nested; RELEASE nested", NULL);
  self->transaction_depth--;
}

/**
 * csp_database_in_transaction:
 *
 * Returns: %TRUE between csp_database_begin() and its commit or rollback
 */
gboolean
csp_database_in_transaction (CspDatabase *self)
{
  g_return_val_if_fail (CSP_IS_DATABASE (self), FALSE);
  return self->transaction_depth > 0;
}

/**
 * csp_database_count_rows:
 * @table: one of csp_database_list_tables()
 */
gboolean
csp_database_count_rows (CspDatabase *self, const char *table, gint64 *count, GError **error)
{
  g_autofree char *sql = NULL;

  g_return_val_if_fail (CSP_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (is_known_table (table), FALSE);

  /* The table name comes from the fixed list above, never from input. */
  sql = g_strdup_printf ("SELECT count(*) FROM %s", table);
  return csp_database_query_int (self, sql, count, error);
}

static int
compare_names (const void *a, const void *b)
{
  return strcmp (*(char *const *) a, *(char *const *) b);
}

static const char *
engine_folder (CspEngine engine)
{
  return engine == CSP_ENGINE_POSTGRESQL ? "postgresql" : "sqlite";
}

static GStrv
list_migrations (CspEngine engine)
{
  g_autofree char *folder = g_strconcat (MIGRATIONS_PATH, engine_folder (engine), "/", NULL);
  g_auto (GStrv) names = g_resource_enumerate_children (csp_core_get_resource (), folder,
                                                        G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  g_assert (names != NULL);
  qsort (names, g_strv_length (names), sizeof (char *), compare_names);
  return g_steal_pointer (&names);
}

/**
 * csp_database_get_latest_schema_version:
 *
 * Returns: the schema version this build creates and understands on @engine
 */
int
csp_database_get_latest_schema_version (CspEngine engine)
{
  g_auto (GStrv) names = list_migrations (engine);

  return (int) g_strv_length (names);
}

static GBytes *
read_migration (CspDatabase *self, const char *name)
{
  g_autofree char *path =
      g_strconcat (MIGRATIONS_PATH, engine_folder (self->backend->engine), "/", name, NULL);
  GBytes *sql =
      g_resource_lookup_data (csp_core_get_resource (), path, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);

  g_assert (sql != NULL);
  return sql;
}

/* A migration that rebuilds tables says so in its first lines: SQLite
 * lets foreign keys be switched off only outside a transaction. */
static gboolean
needs_foreign_keys_off (CspDatabase *self, const char *name)
{
  g_autoptr (GBytes) sql = read_migration (self, name);

  return strstr (g_bytes_get_data (sql, NULL), "-- csp-migration: foreign-keys-off") != NULL;
}

static gboolean
apply_migration (CspDatabase *self, int version, const char *name, GError **error)
{
  g_autoptr (GBytes) sql = read_migration (self, name);

  g_assert (g_ascii_strtoll (name, NULL, 10) == version);

  return csp_database_exec (self, g_bytes_get_data (sql, NULL), error) &&
         self->backend->write_schema_version (self->connection, version, error);
}

/**
 * csp_database_check_schema_version:
 * @location: the database, for the message
 * @version: the schema version it says it has
 *
 * Refuses an impossible version, and one newer than this build knows on
 * @engine. For the facade's migrations and for a backend that must check
 * before it changes anything at all.
 */
gboolean
csp_database_check_schema_version (const char *location, CspEngine engine, gint64 version,
                                   GError **error)
{
  int latest = csp_database_get_latest_schema_version (engine);

  if (version < 0)
    {
      g_set_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_CORRUPT,
                   _ ("The database “%s” is damaged: its schema version (%d) is impossible"),
                   location, (int) version);
      return FALSE;
    }
  if (version > latest)
    {
      g_set_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_TOO_NEW,
                   _ ("“%s” was written by a newer version of CSP Engage (schema %d; this "
                      "version knows up to %d). Update CSP Engage to open it"),
                   location, (int) version, latest);
      return FALSE;
    }
  return TRUE;
}

/* Reads the schema version inside a transaction, refusing a database
 * that is not ours, is newer, or is empty when it may not be made. */
static gboolean
begin_and_read_version (CspDatabase *self, gboolean create, gint64 *version, GError **error)
{
  if (!csp_database_begin (self, error))
    return FALSE;
  if (!self->backend->read_schema_version (self->connection, self->location, version, error) ||
      !csp_database_check_schema_version (self->location, self->backend->engine, *version, error))
    {
      csp_database_rollback (self);
      return FALSE;
    }
  if (*version == 0 && !create)
    {
      g_set_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_NOT_FOUND,
                   _ ("The database %s is empty. Create CSP Engage's tables in it with "
                      "“csp-engage-cli init”"),
                   self->location);
      csp_database_rollback (self);
      return FALSE;
    }
  return TRUE;
}

static gboolean
enforce_foreign_keys (CspDatabase *self, gboolean enforce, GError **error)
{
  return self->backend->enforce_foreign_keys == NULL ||
         self->backend->enforce_foreign_keys (self->connection, enforce, error);
}

/* Each migration runs in its own transaction, which also holds the write
 * lock while the version is read, so two programs never migrate at once.
 * A database that is not ours, or is newer, is refused before anything
 * is written. */
static gboolean
migrate (CspDatabase *self, gboolean create, GError **error)
{
  g_auto (GStrv) names = list_migrations (self->backend->engine);
  int latest = (int) g_strv_length (names);
  gboolean keys_off = FALSE;

  for (;;)
    {
      gint64 version = 0;
      gboolean ok;

      if (!begin_and_read_version (self, create, &version, error))
        {
          if (keys_off)
            enforce_foreign_keys (self, TRUE, NULL);
          return FALSE;
        }
      if (version == latest)
        {
          self->schema_version = (int) version;
          return csp_database_commit (self, error);
        }
      if (!keys_off && needs_foreign_keys_off (self, names[version]))
        {
          /* Read again once they are off: another program may migrate
           * meanwhile. */
          csp_database_rollback (self);
          if (!enforce_foreign_keys (self, FALSE, error))
            return FALSE;
          keys_off = TRUE;
          continue;
        }
      g_debug ("Migrating %s to schema version %d", self->location, (int) version + 1);
      ok = apply_migration (self, (int) version + 1, names[version], error);
      if (!ok)
        csp_database_rollback (self);
      else
        ok = csp_database_commit (self, error);
      if (keys_off)
        {
          keys_off = FALSE;
          ok = enforce_foreign_keys (self, TRUE, ok ? error : NULL) && ok;
        }
      if (!ok)
        return FALSE;
    }
}

/* Read-only, a database is read as it is: every transaction on a server
 * is read-only, and a schema that would need migrating is refused, since
 * migrating writes. */
static gboolean
check_read_only (CspDatabase *self, GError **error)
{
  int latest = csp_database_get_latest_schema_version (self->backend->engine);
  gint64 version = 0;

  if (self->backend->engine == CSP_ENGINE_POSTGRESQL &&
      !csp_database_exec (self, "SET default_transaction_read_only = on", error))
    return FALSE;
  if (!begin_and_read_version (self, FALSE, &version, error))
    return FALSE;
  csp_database_rollback (self);
  if (version < latest)
    {
      g_set_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_READ_ONLY,
                   _ ("“%s” was written by an older version of CSP Engage (schema %d; this "
                      "version uses %d), and reading it means bringing it up to date, which "
                      "changes it. Open it once with CSP Engage (or run “csp-engage-cli init” on "
                      "it) where it can be written, then try again"),
                   self->location, (int) version, latest);
      return FALSE;
    }
  self->schema_version = (int) version;
  return TRUE;
}

/**
 * csp_database_open_full:
 * @location: a database file, created (0600) with the current schema if
 *   missing; or a PostgreSQL server (see csp_database_location_is_server())
 *   whose empty database is given the current schema
 * @flags: whether a new database may be made, or the database is only
 *   to be read
 * @busy_timeout_ms: how long to wait for another program's lock on a file
 *
 * Opens the database, refusing any that is not a CSP Engage database it
 * can safely write (or, with %CSP_DATABASE_OPEN_READ_ONLY, read), and
 * brings its schema up to date. A refused database is never modified, nor
 * is one opened read-only.
 *
 * Returns: (transfer full): the database, or %NULL with @error set
 */
CspDatabase *
csp_database_open_full (const char *location, CspDatabaseOpenFlags flags, int busy_timeout_ms,
                        GError **error)
{
  g_autoptr (CspDatabase) self = NULL;
  gboolean ok;

  g_return_val_if_fail (location != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);
  g_return_val_if_fail (
      !(flags & CSP_DATABASE_OPEN_READ_ONLY) || !(flags & CSP_DATABASE_OPEN_CREATE), NULL);

  self = g_object_new (CSP_TYPE_DATABASE, NULL);
  self->conninfo = g_strdup (location);
  self->read_only = (flags & CSP_DATABASE_OPEN_READ_ONLY) != 0;
  if (csp_database_location_is_server (location))
    self->connection = csp_postgres_backend_open (location, &self->location, &self->backend, error);
  else
    {
      self->location = g_strdup (location);
      if (self->read_only)
        self->connection =
            csp_sqlite_backend_open_read_only (location, busy_timeout_ms, &self->backend, error);
      else
        self->connection = csp_sqlite_backend_open (location, flags & CSP_DATABASE_OPEN_CREATE,
                                                    busy_timeout_ms, &self->backend, error);
    }
  if (self->connection == NULL)
    return NULL;
  if (self->read_only)
    ok = check_read_only (self, error);
  else
    ok = migrate (self, flags & CSP_DATABASE_OPEN_CREATE, error);
  if (!ok)
    {
      g_hash_table_remove_all (self->statements);
      self->backend->abandon (g_steal_pointer (&self->connection));
      return NULL;
    }
  return g_steal_pointer (&self);
}

/**
 * csp_database_open:
 *
 * csp_database_open_full() with the standard busy timeout, making the
 * database if it is new.
 *
 * Returns: (transfer full): the database, or %NULL with @error set
 */
CspDatabase *
csp_database_open (const char *location, GError **error)
{
  return csp_database_open_full (location, CSP_DATABASE_OPEN_CREATE, CSP_DATABASE_BUSY_TIMEOUT_MS,
                                 error);
}

/**
 * csp_database_get_location:
 *
 * Returns: (transfer none): the file, or the server as user@host:port/database
 *   (never with a password)
 */
const char *
csp_database_get_location (CspDatabase *self)
{
  g_return_val_if_fail (CSP_IS_DATABASE (self), NULL);
  return self->location;
}

CspEngine
csp_database_get_engine (CspDatabase *self)
{
  g_return_val_if_fail (CSP_IS_DATABASE (self), CSP_ENGINE_SQLITE);
  return self->backend->engine;
}

/**
 * csp_database_get_engine_version:
 *
 * Returns: (transfer full): the engine and its version, e.g. "SQLite 3.40.1"
 */
char *
csp_database_get_engine_version (CspDatabase *self)
{
  g_return_val_if_fail (CSP_IS_DATABASE (self), NULL);
  return self->backend->get_engine_version (self->connection);
}

int
csp_database_get_schema_version (CspDatabase *self)
{
  g_return_val_if_fail (CSP_IS_DATABASE (self), 0);
  return self->schema_version;
}

/* For the backends' own work that goes beyond statements (backup). */
gpointer
csp_database_get_connection (CspDatabase *self)
{
  g_return_val_if_fail (CSP_IS_DATABASE (self), NULL);
  return self->connection;
}

const CspBackend *
csp_database_get_backend (CspDatabase *self)
{
  g_return_val_if_fail (CSP_IS_DATABASE (self), NULL);
  return self->backend;
}

/**
 * csp_database_watch_changes:
 *
 * Starts emitting #CspDatabase::changed for what other connections commit:
 * on a server through LISTEN/NOTIFY on a connection of its own, watched
 * from the main loop; on a file by asking SQLite twice a second, while
 * the main loop is idle, whether another connection wrote.
 */
gboolean
csp_database_watch_changes (CspDatabase *self, GError **error)
{
  g_return_val_if_fail (CSP_IS_DATABASE (self), FALSE);

  if (self->watch != NULL)
    return TRUE;
  self->watch = self->backend->watch (self, self->connection, self->conninfo, error);
  if (self->watch == NULL)
    return FALSE;
  self->main_context = g_main_context_ref_thread_default ();
  return TRUE;
}

/* For the backends' watches. */
void
csp_database_emit_changed (CspDatabase *self, const char *table, gint64 id)
{
  g_return_if_fail (CSP_IS_DATABASE (self));
  g_signal_emit (self, signals[CHANGED], 0, table, id);
}

/* Loading in bulk */

struct _CspLoad
{
  CspDatabase *database;
  gpointer engine_load; /* the backend's own, where it has one */
  CspStatement *insert; /* else a prepared INSERT */
  guint n_columns;
};

/**
 * csp_database_load_begin:
 * @table: a table (often a temporary one); an identifier from code, never data
 * @columns: (array zero-terminated=1): the columns each row fills, likewise
 *
 * Starts loading rows into @table as fast as the engine takes them: COPY
 * on a server, a prepared INSERT on a file. Until csp_load_end(), the
 * database may still be used between rows.
 *
 * Returns: (transfer full): the load, or %NULL with @error set
 */
CspLoad *
csp_database_load_begin (CspDatabase *self, const char *table, const char *const *columns,
                         GError **error)
{
  g_autoptr (GString) sql = NULL;
  CspLoad *load;

  g_return_val_if_fail (CSP_IS_DATABASE (self), NULL);
  g_return_val_if_fail (table != NULL && columns != NULL && columns[0] != NULL, NULL);

  if (!require_connection (self, error))
    return NULL;
  load = g_new0 (CspLoad, 1);
  load->database = self;
  load->n_columns = g_strv_length ((char **) columns);
  if (self->backend->load_begin != NULL)
    {
      load->engine_load = self->backend->load_begin (self->connection, table, columns, error);
      if (load->engine_load == NULL)
        {
          note_failure (self);
          g_free (load);
          return NULL;
        }
      return load;
    }
  /* Identifiers from the caller's code (see above); every value is bound. */
  sql = g_string_new (NULL);
  g_string_printf (sql, "INSERT INTO %s (%s", table, columns[0]);
  for (guint i = 1; i < load->n_columns; i++)
    g_string_append_printf (sql, ", %s", columns[i]);
  g_string_append (sql, ") VALUES (?");
  for (guint i = 1; i < load->n_columns; i++)
    g_string_append (sql, ", ?");
  g_string_append (sql, ")");
  load->insert = csp_database_prepare_cached (self, sql->str, error);
  if (load->insert == NULL)
    {
      g_free (load);
      return NULL;
    }
  return load;
}

/**
 * csp_load_add_row:
 * @values: one text per column, %NULL for SQL NULL
 */
gboolean
csp_load_add_row (CspLoad *self, const char *const *values, GError **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (values != NULL, FALSE);

  if (self->engine_load != NULL)
    {
      if (self->database->backend->load_row (self->engine_load, values, error))
        return TRUE;
      note_failure (self->database);
      return FALSE;
    }
  csp_statement_reset (self->insert);
  for (guint i = 0; i < self->n_columns; i++)
    if (values[i] != NULL)
      csp_statement_bind_text (self->insert, (int) i + 1, values[i]);
    else
      csp_statement_bind_null (self->insert, (int) i + 1);
  return csp_statement_run (self->insert, error);
}

/**
 * csp_load_end:
 *
 * Sends the rows not yet sent and frees @self, even when that fails.
 */
gboolean
csp_load_end (CspLoad *self, GError **error)
{
  gboolean ok = TRUE;

  g_return_val_if_fail (self != NULL, FALSE);

  if (self->engine_load != NULL)
    {
      ok = self->database->backend->load_end (self->engine_load, error);
      if (!ok)
        note_failure (self->database);
    }
  g_clear_pointer (&self->insert, csp_statement_free);
  g_free (self);
  return ok;
}
