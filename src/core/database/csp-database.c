/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "csp-database"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "csp-core-resources.h"
#include "csp-database.h"

#define MIGRATIONS_PATH RESOURCE_PATH "/migrations/sqlite/"
#define DEFAULT_BUSY_TIMEOUT_MS 5000
#define SQLITE_HEADER_SIZE 100

struct _CspDatabase
{
  GObject parent_instance;

  char *path;
  sqlite3 *db;
  int schema_version;
  guint transaction_depth;

  /* SQL text → its prepared statement, for statements run again and again
   * (csp_database_prepare_cached()). */
  GHashTable *statements;
  GMutex statements_lock;
};

G_DEFINE_FINAL_TYPE (CspDatabase, csp_database, G_TYPE_OBJECT)

GQuark
csp_database_error_quark (void)
{
  return g_quark_from_static_string ("csp-database-error-quark");
}

static const char *const tables[] = {
  "settings",
  "partner",
  "meeting",
  "plan",
  "priority",
  "action",
  "action_partner",
  "action_update",
  "channel",
  "activity",
  "activity_partner",
  "metric",
  "metric_value",
  "risk",
  "section_template",
  "committee_report",
  "report_section",
  "report_part",
  "import_mapping",
  "audit_log",
  NULL,
};

static void
finalize_statement (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

/* Statements first: the connection closes only when none is left. */
static void
close_connection (CspDatabase *self)
{
  g_hash_table_remove_all (self->statements);
  g_clear_pointer (&self->db, sqlite3_close);
}

static void
csp_database_finalize (GObject *object)
{
  CspDatabase *self = CSP_DATABASE (object);

  close_connection (self);
  g_clear_pointer (&self->statements, g_hash_table_unref);
  g_mutex_clear (&self->statements_lock);
  g_clear_pointer (&self->path, g_free);

  G_OBJECT_CLASS (csp_database_parent_class)->finalize (object);
}

static void
csp_database_class_init (CspDatabaseClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = csp_database_finalize;
}

static void
csp_database_init (CspDatabase *self)
{
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, finalize_statement);
  g_mutex_init (&self->statements_lock);
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
 * csp_database_resolve_path:
 * @explicit_path: (nullable): a path the user named, e.g. with --database
 *
 * The database to open: @explicit_path, else $CSP_ENGAGE_DB, else the default
 * in the user's data folder, whose folder is created (0700) if missing.
 *
 * Returns: (transfer full): the path, or %NULL with @error set
 */
char *
csp_database_resolve_path (const char *explicit_path, GError **error)
{
  const char *from_env = g_getenv ("CSP_ENGAGE_DB");
  g_autofree char *folder = NULL;

  if (explicit_path != NULL && *explicit_path != '\0')
    return g_strdup (explicit_path);
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

static guint32
read_be32 (const guint8 *bytes)
{
  return ((guint32) bytes[0] << 24) | ((guint32) bytes[1] << 16) | ((guint32) bytes[2] << 8) |
         (guint32) bytes[3];
}

/* Write permission as a person means it: no write bit at all counts as
 * read-only even for root, who access() would let through. */
static gboolean
is_writable (const char *path, const struct stat *st)
{
  return (st->st_mode & (S_IWUSR | S_IWGRP | S_IWOTH)) != 0 && g_access (path, W_OK) == 0;
}

static gboolean
check_folder (const char *path, GError **error)
{
  g_autofree char *folder = g_path_get_dirname (path);
  struct stat st;

  if (g_stat (folder, &st) != 0 || !S_ISDIR (st.st_mode))
    {
      g_set_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_FAILED,
                   _ ("The folder “%s” does not exist"), folder);
      return FALSE;
    }
  if (!is_writable (folder, &st))
    {
      g_set_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_READ_ONLY,
                   _ ("The folder “%s” is read-only: CSP Engage keeps its journal beside the "
                      "database and needs to write there"),
                   folder);
      return FALSE;
    }
  return TRUE;
}

/* Looks at an existing file before SQLite does, so that a file which is not
 * a database, or is visibly truncated, is refused without being opened for
 * writing. Sets @is_empty for a zero-length file, which is treated as new. */
static gboolean
check_existing_file (const char *path, const struct stat *st, gboolean *is_empty, GError **error)
{
  guint8 header[SQLITE_HEADER_SIZE];
  gssize n_read;
  int fd;

  *is_empty = st->st_size == 0;
  if (!S_ISREG (st->st_mode))
    {
      g_set_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_NOT_SQLITE,
                   _ ("“%s” is not a regular file"), path);
      return FALSE;
    }
  if (!is_writable (path, st))
    {
      g_set_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_READ_ONLY,
                   _ ("The database “%s” is read-only: CSP Engage needs to write to it. "
                      "Make it writable, or open a copy"),
                   path);
      return FALSE;
    }
  if (*is_empty)
    return TRUE;

  fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0)
    {
      int saved_errno = errno;
      g_set_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_FAILED,
                   _ ("Could not read “%s”: %s"), path, g_strerror (saved_errno));
      return FALSE;
    }
  n_read = read (fd, header, sizeof header);
  close (fd);

  if (n_read < (gssize) sizeof header || memcmp (header, "SQLite format 3", 16) != 0)
    {
      g_set_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_NOT_SQLITE,
                   _ ("“%s” is not a CSP Engage database: it is not an SQLite file at all"), path);
      return FALSE;
    }

  {
    guint32 page_size = ((guint32) header[16] << 8) | header[17];
    guint32 page_count = read_be32 (header + 28);
    gboolean count_valid = page_count != 0 && read_be32 (header + 24) == read_be32 (header + 92);

    if (page_size == 1)
      page_size = 65536;
    if (count_valid && (guint64) st->st_size < (guint64) page_count * page_size)
      {
        g_set_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_CORRUPT,
                     _ ("The database “%s” is damaged: the file is shorter than its header "
                        "says, so part of it is missing. Restore it from a backup"),
                     path);
        return FALSE;
      }
  }
  return TRUE;
}

/**
 * csp_database_set_error:
 * @rc: an SQLite result code
 *
 * Turns @rc (and the connection's message) into a #GError a person can act on.
 */
void
csp_database_set_error (CspDatabase *self, int rc, GError **error)
{
  const char *detail = self->db != NULL ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc);

  switch (rc & 0xff)
    {
    case SQLITE_NOTADB:
    case SQLITE_CORRUPT:
      g_set_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_CORRUPT,
                   _ ("The database “%s” is damaged (%s). Restore it from a backup"), self->path,
                   detail);
      break;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      g_set_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_LOCKED,
                   _ ("The database “%s” is locked by another program that is writing to it. "
                      "Try again when it has finished"),
                   self->path);
      break;
    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_CANTOPEN:
      g_set_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_READ_ONLY,
                   _ ("The database “%s” cannot be written (%s)"), self->path, detail);
      break;
    case SQLITE_FULL:
      g_set_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_FULL,
                   _ ("The disk holding “%s” is full: nothing was saved. Free some space and "
                      "try again"),
                   self->path);
      break;
    case SQLITE_IOERR:
      g_set_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_FAILED,
                   _ ("Could not read or write “%s” (%s)"), self->path, detail);
      break;
    default:
      g_set_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_FAILED,
                   _ ("Database error in “%s”: %s"), self->path, detail);
      break;
    }
}

/**
 * csp_database_prepare:
 *
 * Returns: (transfer full): the statement, to be finalized by the caller
 */
sqlite3_stmt *
csp_database_prepare (CspDatabase *self, const char *sql, GError **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_return_val_if_fail (CSP_IS_DATABASE (self), NULL);
  g_return_val_if_fail (sql != NULL, NULL);

  rc = sqlite3_prepare_v3 (self->db, sql, -1, 0, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      csp_database_set_error (self, rc, error);
      return NULL;
    }
  return stmt;
}

/**
 * csp_database_prepare_cached:
 * @sql: constant SQL, or SQL built from identifiers only
 *
 * The connection's statement for @sql, prepared on first use and kept for
 * the next, which saves parsing SQL that runs once per record. Release it
 * (reset and unbound, not finalized) with csp_cached_statement_release(),
 * usually through g_autoptr(CspCachedStatement), before asking for the same
 * SQL again. There is one statement per SQL text, so two threads must not
 * use the same connection's cached statements at once (an import runs in a
 * worker thread while its assistant keeps the window modal).
 *
 * Returns: (transfer none): the statement, or %NULL with @error set
 */
CspCachedStatement *
csp_database_prepare_cached (CspDatabase *self, const char *sql, GError **error)
{
  g_autoptr (GMutexLocker) locker = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CSP_IS_DATABASE (self), NULL);
  g_return_val_if_fail (sql != NULL, NULL);

  locker = g_mutex_locker_new (&self->statements_lock);
  stmt = g_hash_table_lookup (self->statements, sql);
  if (stmt != NULL)
    {
      g_return_val_if_fail (!sqlite3_stmt_busy (stmt), NULL);
      return stmt;
    }
  rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      csp_database_set_error (self, rc, error);
      return NULL;
    }
  g_hash_table_insert (self->statements, g_strdup (sql), stmt);
  return stmt;
}

/**
 * csp_cached_statement_release:
 *
 * Hands a statement of csp_database_prepare_cached() back: it is reset, so
 * it holds no read snapshot or lock, and its values are unbound.
 */
void
csp_cached_statement_release (CspCachedStatement *stmt)
{
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
}

/**
 * csp_database_step_row:
 * @has_row: (out): %TRUE when a row is ready, %FALSE when the statement is done
 *
 * Returns: %FALSE on failure, which is distinct from being done
 */
gboolean
csp_database_step_row (CspDatabase *self, sqlite3_stmt *stmt, gboolean *has_row, GError **error)
{
  int rc = sqlite3_step (stmt);

  if (rc == SQLITE_ROW || rc == SQLITE_DONE)
    {
      *has_row = rc == SQLITE_ROW;
      return TRUE;
    }
  csp_database_set_error (self, rc, error);
  return FALSE;
}

/**
 * csp_database_step_done:
 *
 * Runs a statement that returns no rows.
 */
gboolean
csp_database_step_done (CspDatabase *self, sqlite3_stmt *stmt, GError **error)
{
  gboolean has_row;

  if (!csp_database_step_row (self, stmt, &has_row, error))
    return FALSE;
  g_assert (!has_row);
  return TRUE;
}

/**
 * csp_database_exec:
 * @sql: constant SQL, never text built from values
 */
gboolean
csp_database_exec (CspDatabase *self, const char *sql, GError **error)
{
  int rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      csp_database_set_error (self, rc, error);
      return FALSE;
    }
  return TRUE;
}

static gboolean
query_int (CspDatabase *self, const char *sql, gint64 *value, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = csp_database_prepare (self, sql, error);
  gboolean has_row = FALSE;

  if (stmt == NULL || !csp_database_step_row (self, stmt, &has_row, error))
    return FALSE;
  *value = has_row ? sqlite3_column_int64 (stmt, 0) : 0;
  return TRUE;
}

/* Transaction control runs once per record written: kept prepared. */
static gboolean
run_cached (CspDatabase *self, const char *sql, GError **error)
{
  g_autoptr (CspCachedStatement) stmt = csp_database_prepare_cached (self, sql, error);

  return stmt != NULL && csp_database_step_done (self, stmt, error);
}

/**
 * csp_database_begin:
 *
 * Starts a transaction, or a savepoint inside the current one. The outermost
 * takes the write lock at once (BEGIN IMMEDIATE) so that the busy timeout
 * applies to it rather than failing halfway through.
 */
gboolean
csp_database_begin (CspDatabase *self, GError **error)
{
  g_return_val_if_fail (CSP_IS_DATABASE (self), FALSE);

  if (!run_cached (self, self->transaction_depth == 0 ? "BEGIN IMMEDIATE" : "SAVEPOINT nested",
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

  if (self->transaction_depth == 1)
    {
      /* Fails harmlessly when SQLite has already rolled back by itself. */
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
    }
  else
    sqlite3_exec (self->db, "ROLLBACK TO nested; RELEASE nested", NULL, NULL, NULL);
  self->transaction_depth--;
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
  return query_int (self, sql, count, error);
}

static int
compare_names (const void *a, const void *b)
{
  return strcmp (*(char *const *) a, *(char *const *) b);
}

static GStrv
list_migrations (void)
{
  g_auto (GStrv) names = g_resource_enumerate_children (csp_core_get_resource (), MIGRATIONS_PATH,
                                                        G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  g_assert (names != NULL);
  qsort (names, g_strv_length (names), sizeof (char *), compare_names);
  return g_steal_pointer (&names);
}

/**
 * csp_database_get_latest_schema_version:
 *
 * Returns: the schema version this build creates and understands
 */
int
csp_database_get_latest_schema_version (void)
{
  g_auto (GStrv) names = list_migrations ();

  return (int) g_strv_length (names);
}

static gboolean
apply_migration (CspDatabase *self, int version, const char *name, GError **error)
{
  g_autofree char *path = g_strconcat (MIGRATIONS_PATH, name, NULL);
  g_autoptr (GBytes) sql =
      g_resource_lookup_data (csp_core_get_resource (), path, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  g_autofree char *set_version = NULL;

  g_assert (sql != NULL);
  g_assert (g_ascii_strtoll (name, NULL, 10) == version);

  if (!csp_database_exec (self, g_bytes_get_data (sql, NULL), error))
    return FALSE;

  /* PRAGMA takes no bound parameters; both values are our own integers. */
  set_version = g_strdup_printf ("PRAGMA application_id = %d; PRAGMA user_version = %d",
                                 CSP_DATABASE_APPLICATION_ID, version);
  return csp_database_exec (self, set_version, error);
}

/* Each migration runs in its own transaction, which also holds the write
 * lock while the version is read, so two programs never migrate at once. */
static gboolean
migrate (CspDatabase *self, GError **error)
{
  g_auto (GStrv) names = list_migrations ();
  int latest = (int) g_strv_length (names);

  for (;;)
    {
      gint64 version = 0;

      if (!csp_database_begin (self, error))
        return FALSE;
      if (!query_int (self, "PRAGMA user_version", &version, error))
        {
          csp_database_rollback (self);
          return FALSE;
        }
      if (version >= latest)
        {
          self->schema_version = (int) version;
          return csp_database_commit (self, error);
        }
      g_debug ("Migrating %s to schema version %d", self->path, (int) version + 1);
      if (!apply_migration (self, (int) version + 1, names[version], error))
        {
          csp_database_rollback (self);
          return FALSE;
        }
      if (!csp_database_commit (self, error))
        return FALSE;
    }
}

/* Reads what identifies the file without writing anything, and refuses a
 * file that belongs to another program or to a newer CSP Engage. */
static gboolean
check_identity (CspDatabase *self, GError **error)
{
  gint64 application_id = 0, version = 0, n_objects = 0;

  if (!query_int (self, "PRAGMA application_id", &application_id, error) ||
      !query_int (self, "PRAGMA user_version", &version, error) ||
      !query_int (self, "SELECT count(*) FROM sqlite_schema", &n_objects, error))
    return FALSE;

  if (application_id != CSP_DATABASE_APPLICATION_ID && (application_id != 0 || n_objects > 0))
    {
      g_set_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_NOT_OURS,
                   _ ("“%s” is an SQLite database of another program, not of CSP Engage. "
                      "It was left untouched"),
                   self->path);
      return FALSE;
    }
  if (version < 0)
    {
      g_set_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_CORRUPT,
                   _ ("The database “%s” is damaged: its schema version (%d) is impossible"),
                   self->path, (int) version);
      return FALSE;
    }
  if (version > csp_database_get_latest_schema_version ())
    {
      g_set_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_TOO_NEW,
                   _ ("“%s” was written by a newer version of CSP Engage (schema %d; this "
                      "version knows up to %d). Update CSP Engage to open it"),
                   self->path, (int) version, csp_database_get_latest_schema_version ());
      return FALSE;
    }
  return TRUE;
}

static gboolean
configure_connection (CspDatabase *self, int busy_timeout_ms, GError **error)
{
  int rc;

  /* The busy timeout comes first, so every later step waits for a lock. */
  rc = sqlite3_busy_timeout (self->db, busy_timeout_ms);
  if (rc == SQLITE_OK)
    rc = sqlite3_db_config (self->db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_db_config (self->db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_db_config (self->db, SQLITE_DBCONFIG_ENABLE_FKEY, 1, NULL);
  if (rc != SQLITE_OK)
    {
      csp_database_set_error (self, rc, error);
      return FALSE;
    }
  return TRUE;
}

static gboolean
set_journal (CspDatabase *self, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = csp_database_prepare (self, "PRAGMA journal_mode = WAL", error);
  gboolean has_row = FALSE;

  if (stmt == NULL || !csp_database_step_row (self, stmt, &has_row, error))
    return FALSE;
  if (!has_row || g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "wal") != 0)
    {
      g_set_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_LOCKED,
                   _ ("Could not switch “%s” to write-ahead logging; another program may "
                      "have it open"),
                   self->path);
      return FALSE;
    }
  /* Savepoint journals (one per record written) stay in memory rather
   * than in a temporary file. */
  return csp_database_exec (
      self, "PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; PRAGMA temp_store = MEMORY",
      error);
}

static gboolean
create_file (const char *path, GError **error)
{
  int fd = g_open (path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);

  if (fd < 0)
    {
      int saved_errno = errno;
      g_set_error (error, CSP_DATABASE_ERROR,
                   saved_errno == ENOSPC ? CSP_DATABASE_ERROR_FULL : CSP_DATABASE_ERROR_READ_ONLY,
                   _ ("Could not create the database “%s”: %s"), path, g_strerror (saved_errno));
      return FALSE;
    }
  close (fd);
  return TRUE;
}

/**
 * csp_database_open_full:
 * @path: the database file; created (0600) with the current schema if missing
 * @busy_timeout_ms: how long to wait for another program's lock
 *
 * Opens the database, refusing any file that is not a CSP Engage database it
 * can safely write, and brings its schema up to date. A refused file is
 * never modified.
 *
 * Returns: (transfer full): the database, or %NULL with @error set
 */
CspDatabase *
csp_database_open_full (const char *path, int busy_timeout_ms, GError **error)
{
  g_autoptr (CspDatabase) self = NULL;
  gboolean created = FALSE, is_empty = FALSE;
  struct stat st;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_folder (path, error))
    return NULL;
  if (g_stat (path, &st) == 0)
    {
      if (!check_existing_file (path, &st, &is_empty, error))
        return NULL;
    }
  else
    {
      if (!create_file (path, error))
        return NULL;
      created = TRUE;
    }

  self = g_object_new (CSP_TYPE_DATABASE, NULL);
  self->path = g_strdup (path);
  rc = sqlite3_open_v2 (path, &self->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_EXRESCODE, NULL);
  if (rc != SQLITE_OK || !configure_connection (self, busy_timeout_ms, NULL) ||
      !check_identity (self, error) || !set_journal (self, error) || !migrate (self, error))
    {
      if (rc != SQLITE_OK)
        csp_database_set_error (self, rc, error);
      else if (error != NULL && *error == NULL)
        csp_database_set_error (self, sqlite3_errcode (self->db), error);
      close_connection (self);
      if (created || is_empty)
        {
          /* Only a file this call brought into being is removed. */
          g_autofree char *wal = g_strconcat (path, "-wal", NULL);
          g_autofree char *shm = g_strconcat (path, "-shm", NULL);
          g_unlink (wal);
          g_unlink (shm);
          if (created)
            g_unlink (path);
        }
      return NULL;
    }
  return g_steal_pointer (&self);
}

/**
 * csp_database_open:
 *
 * csp_database_open_full() with the standard busy timeout.
 *
 * Returns: (transfer full): the database, or %NULL with @error set
 */
CspDatabase *
csp_database_open (const char *path, GError **error)
{
  return csp_database_open_full (path, DEFAULT_BUSY_TIMEOUT_MS, error);
}

const char *
csp_database_get_path (CspDatabase *self)
{
  g_return_val_if_fail (CSP_IS_DATABASE (self), NULL);
  return self->path;
}

int
csp_database_get_schema_version (CspDatabase *self)
{
  g_return_val_if_fail (CSP_IS_DATABASE (self), 0);
  return self->schema_version;
}

/**
 * csp_database_get_handle:
 *
 * Returns: (transfer none): the SQLite connection, for backup and checks
 */
sqlite3 *
csp_database_get_handle (CspDatabase *self)
{
  g_return_val_if_fail (CSP_IS_DATABASE (self), NULL);
  return self->db;
}
