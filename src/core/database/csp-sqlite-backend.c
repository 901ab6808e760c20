/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "csp-database"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>
#include <gio/gunixmounts.h>
#include <sys/stat.h>
#include <unistd.h>

#include "csp-database-backend.h"
#include "csp-sqlite-backend.h"

#define SQLITE_HEADER_SIZE 100

/* The embedded engine: one SQLite file on this desktop. */
typedef struct
{
  sqlite3 *db;
  char *path;
  gboolean created; /* this open made the file */
  gboolean was_empty;
  gboolean read_only;
  /* Read-only: whether the write-ahead log was there before, so that the
   * one this connection made goes with it. */
  gboolean had_wal;
} SqliteConnection;

typedef struct
{
  CspStatement parent;
  sqlite3_stmt *stmt;
} SqliteStatement;

static const CspBackend sqlite_backend;

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
check_folder (const char *path, gboolean read_only, GError **error)
{
  g_autofree char *folder = g_path_get_dirname (path);
  struct stat st;

  if (g_stat (folder, &st) != 0 || !S_ISDIR (st.st_mode))
    {
      g_set_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_FAILED,
                   _ ("The folder “%s” does not exist"), folder);
      return FALSE;
    }
  if (!read_only && !is_writable (folder, &st))
    {
      g_set_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_READ_ONLY,
                   _ ("The folder “%s” is read-only: CSP Engage keeps its journal beside the "
                      "database and needs to write there"),
                   folder);
      return FALSE;
    }
  return TRUE;
}

/* Reads the first bytes of @path through SQLite's own file layer rather
 * than open() and close(): closing a descriptor drops every POSIX lock this
 * process holds on the file, which would pull the locks from under any
 * other connection of this process to it; SQLite's layer knows to keep
 * such a descriptor open until they are done. Returns the number of bytes
 * read, or -1. */
static gssize
read_header (const char *path, guint8 *header, gsize size)
{
  sqlite3_vfs *vfs = sqlite3_vfs_find (NULL);
  g_autofree sqlite3_file *file = NULL;
  g_autofree char *full_path = NULL;
  sqlite3_int64 file_size = 0;
  int out_flags = 0;
  int rc;

  if (vfs == NULL)
    return -1;
  full_path = g_malloc0 (vfs->mxPathname + 1);
  file = g_malloc0 (vfs->szOsFile);
  if (vfs->xFullPathname (vfs, path, vfs->mxPathname + 1, full_path) != SQLITE_OK ||
      vfs->xOpen (vfs, full_path, file, SQLITE_OPEN_READONLY | SQLITE_OPEN_MAIN_DB, &out_flags) !=
          SQLITE_OK)
    return -1;
  rc = file->pMethods->xFileSize (file, &file_size);
  if (rc == SQLITE_OK)
    rc = file->pMethods->xRead (file, header, (int) MIN ((sqlite3_int64) size, file_size), 0);
  file->pMethods->xClose (file);
  return rc == SQLITE_OK ? (gssize) MIN ((sqlite3_int64) size, file_size) : -1;
}

/* Looks at an existing file before SQLite does, so that a file which is not
 * a database, or is visibly truncated, is refused without being opened for
 * writing. Sets @is_empty for a zero-length file, which is treated as new. */
static gboolean
check_existing_file (const char *path, const struct stat *st, gboolean read_only,
                     gboolean *is_empty, GError **error)
{
  guint8 header[SQLITE_HEADER_SIZE];
  gssize n_read;

  *is_empty = st->st_size == 0;
  if (!S_ISREG (st->st_mode))
    {
      g_set_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_NOT_SQLITE,
                   _ ("“%s” is not a regular file"), path);
      return FALSE;
    }
  if (!read_only && !is_writable (path, st))
    {
      g_set_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_READ_ONLY,
                   _ ("The database “%s” is read-only: CSP Engage needs to write to it. "
                      "Make it writable, or open a copy"),
                   path);
      return FALSE;
    }
  if (*is_empty)
    return TRUE;

  n_read = read_header (path, header, sizeof header);
  if (n_read < 0)
    {
      gboolean denied = g_access (path, R_OK) != 0;

      g_set_error (error, CSP_DATABASE_ERROR,
                   denied ? CSP_DATABASE_ERROR_READ_ONLY : CSP_DATABASE_ERROR_FAILED,
                   _ ("Could not read “%s”: %s"), path,
                   denied ? _ ("permission denied") : _ ("it could not be opened"));
      return FALSE;
    }

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

/* Turns @rc (and the connection's message) into a #GError a person can act
 * on. The kind of failure is read from the code, never from the message. */
static void
set_error (SqliteConnection *connection, int rc, GError **error)
{
  const char *detail =
      connection->db != NULL ? sqlite3_errmsg (connection->db) : sqlite3_errstr (rc);
  const char *path = connection->path;

  switch (rc)
    {
    case SQLITE_CONSTRAINT_UNIQUE:
    case SQLITE_CONSTRAINT_PRIMARYKEY:
      g_set_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_DUPLICATE,
                   _ ("A value that must be unique is already taken (%s)"), detail);
      return;
    case SQLITE_CONSTRAINT_FOREIGNKEY:
      g_set_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_IN_USE,
                   _ ("The change would leave a reference to a missing record (%s)"), detail);
      return;
    default:
      break;
    }
  switch (rc & 0xff)
    {
    case SQLITE_CONSTRAINT:
      g_set_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_INVALID,
                   _ ("The change breaks a rule of the database (%s)"), detail);
      break;
    case SQLITE_NOTADB:
    case SQLITE_CORRUPT:
      g_set_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_CORRUPT,
                   _ ("The database “%s” is damaged (%s). Restore it from a backup"), path, detail);
      break;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      g_set_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_LOCKED,
                   _ ("The database “%s” is locked by another program that is writing to it. "
                      "Try again when it has finished"),
                   path);
      break;
    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_CANTOPEN:
      g_set_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_READ_ONLY,
                   _ ("The database “%s” cannot be written (%s)"), path, detail);
      break;
    case SQLITE_FULL:
      g_set_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_FULL,
                   _ ("The disk holding “%s” is full: nothing was saved. Free some space and "
                      "try again"),
                   path);
      break;
    case SQLITE_IOERR:
      g_set_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_FAILED,
                   _ ("Could not read or write “%s” (%s)"), path, detail);
      break;
    default:
      g_set_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_FAILED,
                   _ ("Database error in “%s”: %s"), path, detail);
      break;
    }
}

/**
 * csp_sqlite_filesystem_is_network:
 * @fs_type: a file system's type as the mount table names it
 *
 * SQLite's write-ahead log needs memory shared between the programs using
 * the file, which a network file system cannot give: two desktops would
 * corrupt it. Sharing is a team server's job.
 *
 * Returns: %TRUE for network file systems (SMB/CIFS, NFS, sshfs and kin)
 */
gboolean
csp_sqlite_filesystem_is_network (const char *fs_type)
{
  static const char *const network[] = {
    "nfs",
    "nfs4",
    "cifs",
    "smb",
    "smbfs",
    "smb3",
    "afs",
    "ncpfs",
    "9p",
    "ceph",
    "glusterfs",
    "lustre",
    "gfs2",
    "fuse.sshfs",
    "sshfs",
    "fuse.smbnetfs",
    "fuse.glusterfs",
    "davfs",
    "fuse.davfs2",
    "fuse.rclone",
    "fuse.s3fs",
    NULL,
  };

  g_return_val_if_fail (fs_type != NULL, FALSE);
  return g_strv_contains (network, fs_type);
}

static gboolean
refuse_network_file (const char *path, GError **error)
{
  g_autofree char *folder = g_path_get_dirname (path);
  g_autoptr (GUnixMountEntry) mount = g_unix_mount_for (folder, NULL);

  if (mount == NULL || !csp_sqlite_filesystem_is_network (g_unix_mount_get_fs_type (mount)))
    return FALSE;
  g_set_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_NETWORK_FILE,
               _ ("“%s” is on a network drive (%s). A CSP Engage file must be on this "
                  "computer's own disk, as two desktops writing to it over the network would "
                  "damage it. To share records with a team, use a team server (PostgreSQL)"),
               path, g_unix_mount_get_fs_type (mount));
  return TRUE;
}

static char *
side_file (const char *path, const char *suffix)
{
  return g_strconcat (path, suffix, NULL);
}

static gboolean
exists (const char *path, struct stat *st)
{
  struct stat local;

  return g_lstat (path, st != NULL ? st : &local) == 0;
}

/* A connection that only reads still makes the write-ahead log and its
 * index (-wal, -shm) if they are missing, and, unable to write the
 * database, cannot remove them as the last connection out does. So once
 * it is closed, and the log is empty (as it is when this connection made
 * it, or a reader was killed), a connection that may write opens the file,
 * reads its header and closes it: SQLite then removes them if, and only
 * if, no other connection (of any program) is using them, having first
 * taken the database's exclusive lock; with nothing in the log nothing is
 * written to the database. Only where even that fails for want of space
 * are the ones this connection made removed by hand, and only while no
 * one can be using them: an index too small ever to have been used,
 * beside an empty log. */
static void
remove_side_files (SqliteConnection *connection)
{
  g_autofree char *wal = side_file (connection->path, "-wal");
  g_autofree char *shm = side_file (connection->path, "-shm");
  g_autofree char *journal = side_file (connection->path, "-journal");
  struct stat wal_st = { 0 };
  struct stat shm_st = { 0 };
  gboolean made_wal;
  sqlite3 *db = NULL;
  int rc;

  /* A log with pages in it, or a rollback journal, which a writing
   * connection would play back into the database: not ours to touch. */
  if (!exists (wal, &wal_st) || wal_st.st_size > 0 || exists (journal, NULL))
    return;
  made_wal = !connection->had_wal;
  rc = sqlite3_open_v2 (connection->path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_EXRESCODE, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (db, "PRAGMA user_version", NULL, NULL, NULL);
  if (db != NULL)
    rc = rc == SQLITE_OK ? SQLITE_OK : sqlite3_extended_errcode (db);
  sqlite3_close (db);
  if (rc == SQLITE_OK || !made_wal || ((rc & 0xff) != SQLITE_FULL && (rc & 0xff) != SQLITE_IOERR))
    return;
  if (exists (wal, &wal_st) && exists (shm, &shm_st) && wal_st.st_size == 0 &&
      shm_st.st_size < 32768)
    {
      g_unlink (shm);
      g_unlink (wal);
    }
}

static void
connection_free (SqliteConnection *connection)
{
  /* Statements are finalized by the facade before it closes. */
  sqlite3_close (connection->db);
  if (connection->read_only)
    remove_side_files (connection);
  g_free (connection->path);
  g_free (connection);
}

static void
sqlite_close (gpointer data)
{
  connection_free (data);
}

/* Only a file this open brought into being is removed. */
static void
sqlite_abandon (gpointer data)
{
  SqliteConnection *connection = data;
  g_autofree char *path = g_strdup (connection->path);
  gboolean created = connection->created, was_empty = connection->was_empty;

  connection_free (connection);
  if (created || was_empty)
    {
      g_autofree char *wal = g_strconcat (path, "-wal", NULL);
      g_autofree char *shm = g_strconcat (path, "-shm", NULL);
      g_unlink (wal);
      g_unlink (shm);
      if (created)
        g_unlink (path);
    }
}

static char *
sqlite_get_engine_version (gpointer data)
{
  return g_strdup_printf ("SQLite %s", sqlite3_libversion ());
}

static gboolean
sqlite_exec (gpointer data, const char *sql, GError **error)
{
  SqliteConnection *connection = data;
  int rc = sqlite3_exec (connection->db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      set_error (connection, sqlite3_extended_errcode (connection->db), error);
      return FALSE;
    }
  return TRUE;
}

static CspStatement *
sqlite_prepare (gpointer data, const char *sql, gboolean cached, GError **error)
{
  SqliteConnection *connection = data;
  sqlite3_stmt *stmt = NULL;
  SqliteStatement *statement;
  int rc;

  rc = sqlite3_prepare_v3 (connection->db, sql, -1, cached ? SQLITE_PREPARE_PERSISTENT : 0, &stmt,
                           NULL);
  if (rc != SQLITE_OK)
    {
      set_error (connection, sqlite3_extended_errcode (connection->db), error);
      return NULL;
    }
  statement = g_new0 (SqliteStatement, 1);
  statement->stmt = stmt;
  return &statement->parent;
}

static SqliteConnection *
connection_of (CspStatement *statement)
{
  return csp_database_get_connection (statement->database);
}

static void
sqlite_finalize (CspStatement *statement)
{
  SqliteStatement *self = (SqliteStatement *) statement;

  sqlite3_finalize (self->stmt);
  g_free (self);
}

static void
sqlite_reset (CspStatement *statement, gboolean clear_bindings)
{
  SqliteStatement *self = (SqliteStatement *) statement;

  sqlite3_reset (self->stmt);
  if (clear_bindings)
    sqlite3_clear_bindings (self->stmt);
}

static gboolean
sqlite_bind (CspStatement *statement, int index, const CspValue *value, GError **error)
{
  SqliteStatement *self = (SqliteStatement *) statement;
  int rc = SQLITE_OK;

  switch (value->kind)
    {
    case CSP_VALUE_NULL:
      rc = sqlite3_bind_null (self->stmt, index);
      break;
    case CSP_VALUE_INT64:
      rc = sqlite3_bind_int64 (self->stmt, index, value->int64);
      break;
    case CSP_VALUE_DOUBLE:
      rc = sqlite3_bind_double (self->stmt, index, value->number);
      break;
    case CSP_VALUE_TEXT:
    default:
      rc = sqlite3_bind_text (self->stmt, index, value->text, -1, SQLITE_TRANSIENT);
      break;
    }
  if (rc != SQLITE_OK)
    {
      set_error (connection_of (statement), rc, error);
      return FALSE;
    }
  return TRUE;
}

static CspStep
sqlite_step (CspStatement *statement, GError **error)
{
  SqliteStatement *self = (SqliteStatement *) statement;
  SqliteConnection *connection = connection_of (statement);
  int rc = sqlite3_step (self->stmt);

  if (rc == SQLITE_ROW)
    return CSP_STEP_ROW;
  if (rc == SQLITE_DONE)
    {
      statement->changes =
          sqlite3_stmt_readonly (self->stmt) ? 0 : sqlite3_changes64 (connection->db);
      return CSP_STEP_DONE;
    }
  set_error (connection, sqlite3_extended_errcode (connection->db), error);
  return CSP_STEP_FAILED;
}

static int
sqlite_get_n_columns (CspStatement *statement)
{
  return sqlite3_column_count (((SqliteStatement *) statement)->stmt);
}

static const char *
sqlite_get_column_name (CspStatement *statement, int column)
{
  return sqlite3_column_name (((SqliteStatement *) statement)->stmt, column);
}

static gboolean
sqlite_is_null (CspStatement *statement, int column)
{
  return sqlite3_column_type (((SqliteStatement *) statement)->stmt, column) == SQLITE_NULL;
}

static gint64
sqlite_get_int64 (CspStatement *statement, int column)
{
  return sqlite3_column_int64 (((SqliteStatement *) statement)->stmt, column);
}

static double
sqlite_get_double (CspStatement *statement, int column)
{
  return sqlite3_column_double (((SqliteStatement *) statement)->stmt, column);
}

static const char *
sqlite_get_text (CspStatement *statement, int column)
{
  return (const char *) sqlite3_column_text (((SqliteStatement *) statement)->stmt, column);
}

static gboolean
query_int (SqliteConnection *connection, const char *sql, gint64 *value, GError **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (connection->db, sql, -1, &stmt, NULL);

  if (rc == SQLITE_OK)
    {
      rc = sqlite3_step (stmt);
      *value = rc == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
      if (rc == SQLITE_ROW || rc == SQLITE_DONE)
        rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_OK)
    {
      set_error (connection, sqlite3_extended_errcode (connection->db), error);
      return FALSE;
    }
  return TRUE;
}

/* Reads what identifies the file without writing anything, and refuses a
 * file that belongs to another program or to a newer CSP Engage. */
static gboolean
sqlite_read_schema_version (gpointer data, const char *location, gint64 *version, GError **error)
{
  SqliteConnection *connection = data;
  gint64 application_id = 0, n_objects = 0;

  if (!query_int (connection, "PRAGMA application_id", &application_id, error) ||
      !query_int (connection, "PRAGMA user_version", version, error) ||
      !query_int (connection, "SELECT count(*) FROM sqlite_schema", &n_objects, error))
    return FALSE;

  if (application_id != CSP_DATABASE_APPLICATION_ID && (application_id != 0 || n_objects > 0))
    {
      g_set_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_NOT_OURS,
                   _ ("“%s” is an SQLite database of another program, not of CSP Engage. "
                      "It was left untouched"),
                   location);
      return FALSE;
    }
  return TRUE;
}

static gboolean
sqlite_write_schema_version (gpointer data, int version, GError **error)
{
  g_autofree char *sql = NULL;

  /* PRAGMA takes no bound parameters; both values are our own integers. */
  sql = g_strdup_printf ("PRAGMA application_id = %d; PRAGMA user_version = %d",
                         CSP_DATABASE_APPLICATION_ID, version);
  return sqlite_exec (data, sql, error);
}

static gboolean
sqlite_enforce_foreign_keys (gpointer data, gboolean enforce, GError **error)
{
  return sqlite_exec (data, enforce ? "PRAGMA foreign_keys = ON" : "PRAGMA foreign_keys = OFF",
                      error);
}

static gboolean
check_identity (SqliteConnection *connection, GError **error)
{
  gint64 version = 0;

  return sqlite_read_schema_version (connection, connection->path, &version, error) &&
         csp_database_check_schema_version (connection->path, CSP_ENGINE_SQLITE, version, error);
}

static gboolean
configure_connection (SqliteConnection *connection, int busy_timeout_ms, GError **error)
{
  int rc;

  /* The busy timeout comes first, so every later step waits for a lock. */
  rc = sqlite3_busy_timeout (connection->db, busy_timeout_ms);
  if (rc == SQLITE_OK)
    rc = sqlite3_db_config (connection->db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_db_config (connection->db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_db_config (connection->db, SQLITE_DBCONFIG_ENABLE_FKEY, 1, NULL);
  if (rc != SQLITE_OK)
    {
      set_error (connection, rc, error);
      return FALSE;
    }
  return TRUE;
}

static gboolean
set_journal (SqliteConnection *connection, GError **error)
{
  sqlite3_stmt *stmt = NULL;
  gboolean wal;
  int rc;

  rc = sqlite3_prepare_v2 (connection->db, "PRAGMA journal_mode = WAL", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  wal = rc == SQLITE_ROW && g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "wal") == 0;
  sqlite3_finalize (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      set_error (connection, sqlite3_extended_errcode (connection->db), error);
      return FALSE;
    }
  if (!wal)
    {
      g_set_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_LOCKED,
                   _ ("Could not switch “%s” to write-ahead logging; another program may "
                      "have it open"),
                   connection->path);
      return FALSE;
    }
  /* Savepoint journals (one per record written) stay in memory rather
   * than in a temporary file. */
  return sqlite_exec (
      connection, "PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; PRAGMA temp_store = MEMORY",
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
 * csp_sqlite_backend_open:
 * @path: the database file
 * @create: whether a missing file is created (0600)
 *
 * Opens the file, refusing any that is not a CSP Engage database it can
 * safely write, without modifying it.
 *
 * Returns: (transfer full): the connection, or %NULL with @error set
 */
gpointer
csp_sqlite_backend_open (const char *path, gboolean create, int busy_timeout_ms,
                         const CspBackend **backend, GError **error)
{
  SqliteConnection *connection;
  gboolean created = FALSE, is_empty = FALSE;
  struct stat st;
  int rc;

  if (!check_folder (path, FALSE, error) || refuse_network_file (path, error))
    return NULL;
  if (g_stat (path, &st) == 0)
    {
      if (!check_existing_file (path, &st, FALSE, &is_empty, error))
        return NULL;
    }
  else if (!create)
    {
      g_set_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_NOT_FOUND,
                   _ ("There is no database at “%s”. Create one with “csp-engage-cli init”"), path);
      return NULL;
    }
  else
    {
      if (!create_file (path, error))
        return NULL;
      created = TRUE;
    }

  connection = g_new0 (SqliteConnection, 1);
  connection->path = g_strdup (path);
  connection->created = created;
  connection->was_empty = is_empty;
  rc = sqlite3_open_v2 (path, &connection->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_EXRESCODE, NULL);
  if (rc != SQLITE_OK || !configure_connection (connection, busy_timeout_ms, NULL) ||
      !check_identity (connection, error) || !set_journal (connection, error))
    {
      if (rc != SQLITE_OK)
        set_error (connection, rc, error);
      else if (error != NULL && *error == NULL)
        set_error (connection, sqlite3_extended_errcode (connection->db), error);
      sqlite_abandon (connection);
      return NULL;
    }
  *backend = &sqlite_backend;
  return connection;
}

/* Whether SQLite failed for want of somewhere to put the log's index
 * (a full disk, a folder it may not write). */
static gboolean
is_side_file_failure (int rc)
{
  switch (rc & 0xff)
    {
    case SQLITE_IOERR:
    case SQLITE_FULL:
    case SQLITE_CANTOPEN:
    case SQLITE_READONLY:
      return TRUE;
    default:
      return FALSE;
    }
}

/* "file:" URI of @path with immutable=1. */
static char *
immutable_uri (const char *path)
{
  g_autofree char *absolute = g_canonicalize_filename (path, NULL);
  g_autofree char *escaped = g_uri_escape_string (absolute, "/", FALSE);

  return g_strconcat ("file:", escaped, "?immutable=1", NULL);
}

static SqliteConnection *
open_reader (const char *path, gboolean immutable, int busy_timeout_ms, int *rc, GError **error)
{
  SqliteConnection *connection = g_new0 (SqliteConnection, 1);
  g_autofree char *wal = side_file (path, "-wal");
  g_autofree char *uri = immutable ? immutable_uri (path) : NULL;

  connection->path = g_strdup (path);
  connection->read_only = TRUE;
  connection->had_wal = exists (wal, NULL);
  *rc = sqlite3_open_v2 (
      immutable ? uri : path, &connection->db,
      SQLITE_OPEN_READONLY | SQLITE_OPEN_EXRESCODE | (immutable ? SQLITE_OPEN_URI : 0), NULL);
  if (*rc == SQLITE_OK && configure_connection (connection, busy_timeout_ms, error) &&
      check_identity (connection, error) &&
      sqlite_exec (connection, "PRAGMA query_only = ON; PRAGMA temp_store = MEMORY", error))
    return connection;
  if (*rc != SQLITE_OK)
    set_error (connection, *rc, error);
  else
    *rc = sqlite3_extended_errcode (connection->db);
  connection_free (connection);
  return NULL;
}

/**
 * csp_sqlite_backend_open_read_only:
 * @path: the database file
 *
 * Opens the file only to read it (SQLite's read-only mode, the journal
 * left as it is), refusing any that is not a CSP Engage database. It is
 * never modified, and nothing is left beside it.
 *
 * Readers share the write-ahead log's index with writers, so they read
 * while another program writes. Where that index cannot be made (a
 * read-only folder or file, a full disk) and no program is using the file
 * (there is no log), the file is read as it stands, without locks: no one
 * can be writing it there.
 *
 * Returns: (transfer full): the connection, or %NULL with @error set
 */
gpointer
csp_sqlite_backend_open_read_only (const char *path, int busy_timeout_ms,
                                   const CspBackend **backend, GError **error)
{
  g_autofree char *folder = g_path_get_dirname (path);
  g_autofree char *wal = side_file (path, "-wal");
  g_autoptr (GError) local_error = NULL;
  SqliteConnection *connection;
  gboolean is_empty = FALSE, immutable;
  struct stat st, folder_st;
  int rc = SQLITE_OK;

  if (!check_folder (path, TRUE, error) || refuse_network_file (path, error))
    return NULL;
  if (g_stat (path, &st) != 0)
    {
      g_set_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_NOT_FOUND,
                   _ ("There is no database at “%s”. Create one with “csp-engage-cli init”"), path);
      return NULL;
    }
  if (!check_existing_file (path, &st, TRUE, &is_empty, error))
    return NULL;

  immutable = !exists (wal, NULL) && !(g_stat (folder, &folder_st) == 0 &&
                                       is_writable (folder, &folder_st) && is_writable (path, &st));
  connection = open_reader (path, immutable, busy_timeout_ms, &rc, &local_error);
  if (connection == NULL && !immutable && is_side_file_failure (rc) && !exists (wal, NULL))
    {
      g_debug ("Reading %s without the log's index: %s", path, local_error->message);
      g_clear_error (&local_error);
      connection = open_reader (path, TRUE, busy_timeout_ms, &rc, &local_error);
    }
  if (connection == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  *backend = &sqlite_backend;
  return connection;
}

/* What quick_check does not look at: the header's own page count. SQLite
 * takes it as valid only when bytes 92-95 repeat the change counter (bytes
 * 24-27), and every SQLite of the last decade writes both together, so a
 * difference means the header was changed behind SQLite's back; SQLite
 * then rewrites it on the next write, hiding the damage. Read through the
 * connection's own file, never a descriptor of ours. */
static void
check_header (SqliteConnection *connection, GPtrArray *problems)
{
  g_autofree char *wal = side_file (connection->path, "-wal");
  sqlite3_file *file = NULL;
  sqlite3_int64 size = 0;
  guint8 header[SQLITE_HEADER_SIZE];
  guint32 page_size, page_count;
  struct stat wal_st;

  if (sqlite3_file_control (connection->db, "main", SQLITE_FCNTL_FILE_POINTER, &file) !=
          SQLITE_OK ||
      file == NULL || file->pMethods == NULL ||
      file->pMethods->xFileSize (file, &size) != SQLITE_OK || size < SQLITE_HEADER_SIZE ||
      file->pMethods->xRead (file, header, sizeof header, 0) != SQLITE_OK)
    return;
  if (read_be32 (header + 24) != read_be32 (header + 92))
    {
      g_ptr_array_add (problems,
                       g_strdup (_ ("The file's header has been changed: its page count is no "
                                    "longer marked valid (bytes 92-95 differ from the change "
                                    "counter at bytes 24-27)")));
      return;
    }
  page_size = ((guint32) header[16] << 8) | header[17];
  if (page_size == 1)
    page_size = 65536;
  page_count = read_be32 (header + 28);
  /* With pages waiting in the log, the file may not have caught up yet. */
  if (page_size > 0 && (g_lstat (wal, &wal_st) != 0 || wal_st.st_size == 0) &&
      (guint64) page_count * page_size != (guint64) size)
    g_ptr_array_add (problems,
                     g_strdup_printf (_ ("The file's header says it has %u pages of %u bytes, "
                                         "but the file holds %" G_GINT64_FORMAT " bytes"),
                                      page_count, page_size, (gint64) size));
}

static gboolean
sqlite_check_integrity (gpointer data, GPtrArray *problems, GError **error)
{
  SqliteConnection *connection = data;
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (connection->db, "PRAGMA quick_check", -1, &stmt, NULL);

  while (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *line = (const char *) sqlite3_column_text (stmt, 0);
      if (g_strcmp0 (line, "ok") != 0)
        g_ptr_array_add (problems, g_strdup (line));
      rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      set_error (connection, sqlite3_extended_errcode (connection->db), error);
      return FALSE;
    }
  check_header (connection, problems);
  return TRUE;
}

static gboolean
copy_pages (SqliteConnection *connection, sqlite3 *destination_db, GError **error)
{
  sqlite3_backup *backup = sqlite3_backup_init (destination_db, "main", connection->db, "main");
  int rc;

  if (backup == NULL)
    {
      g_set_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_FAILED,
                   _ ("the copy could not be started (%s)"), sqlite3_errmsg (destination_db));
      return FALSE;
    }
  /* Copy in steps so that other programs' writes are not held up long. */
  do
    {
      rc = sqlite3_backup_step (backup, 256);
      if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
        sqlite3_sleep (50);
    }
  while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
  sqlite3_backup_finish (backup);

  if (rc != SQLITE_DONE)
    {
      if ((rc & 0xff) == SQLITE_CORRUPT || (rc & 0xff) == SQLITE_NOTADB)
        g_set_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_CORRUPT,
                     _ ("the database is damaged (%s), so it was not copied"), sqlite3_errstr (rc));
      else
        g_set_error (error, CSP_DATABASE_ERROR,
                     (rc & 0xff) == SQLITE_FULL ? CSP_DATABASE_ERROR_FULL
                                                : CSP_DATABASE_ERROR_FAILED,
                     _ ("the copy could not be written (%s)"), sqlite3_errstr (rc));
      return FALSE;
    }
  return TRUE;
}

static gboolean
verify_copy (sqlite3 *destination_db, GError **error)
{
  sqlite3_stmt *stmt = NULL;
  gboolean ok;

  ok =
      sqlite3_prepare_v2 (destination_db, "PRAGMA integrity_check", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW &&
      g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "ok") == 0;
  sqlite3_finalize (stmt);
  if (!ok)
    g_set_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_CORRUPT,
                 _ ("the copy failed its integrity check, so it was not kept"));
  return ok;
}

/* SQLite's online backup, page by page, so the database may be in use. */
static gboolean
sqlite_backup (CspDatabase *database, gpointer data, const char *path, GError **error)
{
  SqliteConnection *connection = data;
  sqlite3 *destination_db = NULL;
  gboolean ok;

  ok = sqlite3_open_v2 (path, &destination_db, SQLITE_OPEN_READWRITE, NULL) == SQLITE_OK;
  if (!ok)
    g_set_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_FAILED,
                 _ ("the copy could not be made (%s)"), sqlite3_errmsg (destination_db));
  ok = ok && copy_pages (connection, destination_db, error) && verify_copy (destination_db, error);
  /* A backup is one self-contained file: fold any journal back into it. */
  if (ok &&
      sqlite3_exec (destination_db, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL) != SQLITE_OK)
    {
      g_set_error (error, CSP_DATABASE_ERROR,
                   (sqlite3_errcode (destination_db) & 0xff) == SQLITE_FULL
                       ? CSP_DATABASE_ERROR_FULL
                       : CSP_DATABASE_ERROR_FAILED,
                   _ ("the copy could not be finished (%s)"), sqlite3_errmsg (destination_db));
      ok = FALSE;
    }
  sqlite3_close (destination_db);
  return ok;
}

/* Another connection's commits, seen from this one: SQLite's data_version
 * moves when another connection has written, and the audit log, which
 * every change writes to, says what changed. */
typedef struct
{
  CspDatabase *database; /* unowned: the watch goes before it */
  SqliteConnection *connection;
  guint source;
  gint64 data_version;
  gint64 audit_cursor; /* the last audit entry already reported or ours */
} SqliteWatch;

static gboolean
read_watch_state (SqliteWatch *watch, gint64 *data_version, gint64 *audit_max)
{
  return query_int (watch->connection, "PRAGMA data_version", data_version, NULL) &&
         query_int (watch->connection, "SELECT coalesce (max (id), 0) FROM audit_log", audit_max,
                    NULL);
}

static void
report_changes (SqliteWatch *watch)
{
  g_autoptr (GPtrArray) tables = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (watch->connection->db,
                          "SELECT id, table_name, row_id FROM audit_log WHERE id > ? ORDER BY id",
                          -1, &stmt, NULL) != SQLITE_OK)
    return;
  sqlite3_bind_int64 (stmt, 1, watch->audit_cursor);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 row_id = sqlite3_column_int64 (stmt, 2);

      watch->audit_cursor = sqlite3_column_int64 (stmt, 0);
      g_ptr_array_add (tables, g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
      g_array_append_val (ids, row_id);
    }
  sqlite3_finalize (stmt);
  /* Handlers may use the connection again: the statement is done first. */
  for (guint i = 0; i < tables->len; i++)
    csp_database_emit_changed (watch->database, g_ptr_array_index (tables, i),
                               g_array_index (ids, gint64, i));
}

static gboolean
poll_cb (gpointer data)
{
  SqliteWatch *watch = data;
  gint64 data_version = 0;

  /* Never inside this connection's own transaction, which would see its
   * own uncommitted work. */
  if (!sqlite3_get_autocommit (watch->connection->db) ||
      !query_int (watch->connection, "PRAGMA data_version", &data_version, NULL))
    return G_SOURCE_CONTINUE;
  if (data_version != watch->data_version)
    {
      watch->data_version = data_version;
      report_changes (watch);
    }
  return G_SOURCE_CONTINUE;
}

static gpointer
sqlite_watch (CspDatabase *database, gpointer data, const char *conninfo, GError **error)
{
  SqliteWatch *watch = g_new0 (SqliteWatch, 1);

  watch->database = database;
  watch->connection = data;
  if (!read_watch_state (watch, &watch->data_version, &watch->audit_cursor))
    {
      set_error (watch->connection, sqlite3_extended_errcode (watch->connection->db), error);
      g_free (watch);
      return NULL;
    }
  /* Twice a second, so that a change shows within one: a check once a
   * second could see it only after almost two. */
  watch->source = g_timeout_add_full (G_PRIORITY_LOW, 500, poll_cb, watch, NULL);
  return watch;
}

static void
sqlite_unwatch (gpointer data)
{
  SqliteWatch *watch = data;

  g_source_remove (watch->source);
  g_free (watch);
}

/* Unless another connection wrote meanwhile (data_version moved), every
 * audit entry so far is this connection's own. */
static void
sqlite_note_own_commit (gpointer data, gpointer connection)
{
  SqliteWatch *watch = data;
  gint64 data_version = 0, audit_max = 0;

  if (read_watch_state (watch, &data_version, &audit_max) && data_version == watch->data_version)
    watch->audit_cursor = audit_max;
}

static const CspBackend sqlite_backend = {
  .engine = CSP_ENGINE_SQLITE,
  .begin_sql = "BEGIN IMMEDIATE",
  .close = sqlite_close,
  .abandon = sqlite_abandon,
  .get_engine_version = sqlite_get_engine_version,
  .read_schema_version = sqlite_read_schema_version,
  .write_schema_version = sqlite_write_schema_version,
  .enforce_foreign_keys = sqlite_enforce_foreign_keys,
  .check_integrity = sqlite_check_integrity,
  .backup = sqlite_backup,
  .watch = sqlite_watch,
  .unwatch = sqlite_unwatch,
  .note_own_commit = sqlite_note_own_commit,
  .exec = sqlite_exec,
  .prepare = sqlite_prepare,
  .finalize = sqlite_finalize,
  .reset = sqlite_reset,
  .bind = sqlite_bind,
  .step = sqlite_step,
  .get_n_columns = sqlite_get_n_columns,
  .get_column_name = sqlite_get_column_name,
  .is_null = sqlite_is_null,
  .get_int64 = sqlite_get_int64,
  .get_double = sqlite_get_double,
  .get_text = sqlite_get_text,
};
