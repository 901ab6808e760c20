/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "csp-database"

#include "config.h"

#include <gio/gio.h>
#include <glib-unix.h>
#include <glib/gi18n-lib.h>
#include <libpq-fe.h>
#include <string.h>

#include "csp-database-backend.h"

/* The team server: PostgreSQL through libpq. Statements keep our `?`
 * placeholders in their SQL and send values as text, leaving their types
 * to the server as psql does. A result is fetched whole, so a statement
 * may be read while others run on the same connection. */
typedef struct _PgWatch PgWatch;

typedef struct
{
  PGconn *conn;
  char *location; /* user@host:port/database, never a password */
  guint n_prepared;
  guint generation; /* one more each time it connects again */

  /* Connecting again after the server went away (postgres_reconnect ()). */
  CspDatabase *database; /* unowned: the connection goes before it */
  PgWatch *watch;
  PGconn *resetting; /* the connection or the watch's, being connected */
  guint reconnect_source;
} PgConnection;

typedef struct
{
  CspStatement parent;
  PgConnection *connection;
  char *sql;                 /* with $1, $2 ... */
  char *name;                /* the server-side prepared statement of a cached one */
  guint prepared_generation; /* the connection's, when prepared there */
  int n_params;
  char **values; /* n_params texts; NULL for SQL NULL */
  PGresult *result;
  int row;
} PgStatement;

static const CspBackend postgres_backend;

/* Sets @error from a failed result (or the connection, when there is
 * none), by its SQLSTATE. */
static void
set_error (PgConnection *connection, const PGresult *result, GError **error)
{
  const char *state = result != NULL ? PQresultErrorField (result, PG_DIAG_SQLSTATE) : NULL;
  const char *detail = result != NULL ? PQresultErrorField (result, PG_DIAG_MESSAGE_PRIMARY) : NULL;
  int code = CSP_DATABASE_ERROR_FAILED;

  if (detail == NULL)
    detail = PQerrorMessage (connection->conn);
  if (state == NULL || PQstatus (connection->conn) != CONNECTION_OK)
    {
      g_set_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_UNREACHABLE,
                   _ ("Lost the connection to the server %s: nothing more was saved (%s)"),
                   connection->location, g_strchomp (g_strdup (detail)));
      return;
    }
  if (g_str_equal (state, "23505"))
    code = CSP_DATABASE_ERROR_DUPLICATE;
  else if (g_str_equal (state, "23503") || g_str_equal (state, "23001"))
    code = CSP_DATABASE_ERROR_IN_USE;
  else if (g_str_has_prefix (state, "23") || g_str_has_prefix (state, "22"))
    code = CSP_DATABASE_ERROR_INVALID;
  else if (g_str_equal (state, "40001") || g_str_equal (state, "40P01"))
    code = CSP_DATABASE_ERROR_CONFLICT;
  else if (g_str_equal (state, "55P03") || g_str_equal (state, "55006"))
    code = CSP_DATABASE_ERROR_LOCKED;
  else if (g_str_has_prefix (state, "53"))
    code = CSP_DATABASE_ERROR_FULL;
  else if (g_str_equal (state, "42501") || g_str_equal (state, "25006"))
    code = CSP_DATABASE_ERROR_READ_ONLY;
  else if (g_str_has_prefix (state, "28"))
    code = CSP_DATABASE_ERROR_ACCESS_DENIED;
  else if (g_str_has_prefix (state, "08") || g_str_has_prefix (state, "57P"))
    code = CSP_DATABASE_ERROR_UNREACHABLE;

  switch (code)
    {
    case CSP_DATABASE_ERROR_DUPLICATE:
      g_set_error (error, CSP_DATABASE_ERROR, code,
                   _ ("A value that must be unique is already taken (%s)"), detail);
      break;
    case CSP_DATABASE_ERROR_IN_USE:
      g_set_error (error, CSP_DATABASE_ERROR, code,
                   _ ("The change would leave a reference to a missing record (%s)"), detail);
      break;
    case CSP_DATABASE_ERROR_INVALID:
      g_set_error (error, CSP_DATABASE_ERROR, code,
                   _ ("The change breaks a rule of the database (%s)"), detail);
      break;
    case CSP_DATABASE_ERROR_CONFLICT:
      g_set_error (error, CSP_DATABASE_ERROR, code,
                   _ ("Someone else was changing the same records at the same time; nothing "
                      "was saved. Try again (%s)"),
                   detail);
      break;
    case CSP_DATABASE_ERROR_READ_ONLY:
      g_set_error (error, CSP_DATABASE_ERROR, code,
                   _ ("The server %s does not let you make this change (%s)"), connection->location,
                   detail);
      break;
    case CSP_DATABASE_ERROR_FULL:
      g_set_error (error, CSP_DATABASE_ERROR, code,
                   _ ("The server %s is out of space or memory: nothing was saved (%s)"),
                   connection->location, detail);
      break;
    default:
      g_set_error (error, CSP_DATABASE_ERROR, code, _ ("Database error on the server %s: %s"),
                   connection->location, detail);
      break;
    }
}

/* Our `?` placeholders as PostgreSQL's $1, $2 ..., passing over quoted
 * text and identifiers, comments and dollar-quoted bodies. */
static char *
number_placeholders (const char *sql, int *n_params)
{
  GString *out = g_string_sized_new (strlen (sql) + 16);
  const char *p = sql;

  *n_params = 0;
  while (*p != '\0')
    {
      if (*p == '\'' || *p == '"')
        {
          char quote = *p;
          const char *end = strchr (p + 1, quote);

          /* A doubled quote inside is two quoted runs back to back. */
          end = end != NULL ? end + 1 : p + strlen (p);
          g_string_append_len (out, p, end - p);
          p = end;
        }
      else if (p[0] == '-' && p[1] == '-')
        {
          const char *end = strchr (p, '\n');
          end = end != NULL ? end : p + strlen (p);
          g_string_append_len (out, p, end - p);
          p = end;
        }
      else if (p[0] == '$' && p[1] == '$')
        {
          const char *end = strstr (p + 2, "$$");
          end = end != NULL ? end + 2 : p + strlen (p);
          g_string_append_len (out, p, end - p);
          p = end;
        }
      else if (*p == '?')
        {
          g_string_append_printf (out, "$%d", ++*n_params);
          p++;
        }
      else
        g_string_append_c (out, *p++);
    }
  return g_string_free (out, FALSE);
}

static void
postgres_close (gpointer data)
{
  PgConnection *connection = data;

  g_clear_handle_id (&connection->reconnect_source, g_source_remove);
  PQfinish (connection->conn);
  g_free (connection->location);
  g_free (connection);
}

static char *
postgres_get_engine_version (gpointer data)
{
  PgConnection *connection = data;
  int version = PQserverVersion (connection->conn);

  return g_strdup_printf ("PostgreSQL %d.%d", version / 10000, version % 10000);
}

static gboolean
postgres_exec (gpointer data, const char *sql, GError **error)
{
  PgConnection *connection = data;
  PGresult *result = PQexec (connection->conn, sql);
  gboolean ok =
      PQresultStatus (result) == PGRES_COMMAND_OK || PQresultStatus (result) == PGRES_TUPLES_OK;

  if (!ok)
    set_error (connection, result, error);
  PQclear (result);
  return ok;
}

static CspStatement *
postgres_prepare (gpointer data, const char *sql, gboolean cached, GError **error)
{
  PgConnection *connection = data;
  PgStatement *self = g_new0 (PgStatement, 1);

  self->connection = connection;
  self->sql = number_placeholders (sql, &self->n_params);
  self->values = g_new0 (char *, MAX (self->n_params, 1));
  self->row = -1;
  if (cached)
    self->name = g_strdup_printf ("csp_%u", ++connection->n_prepared);
  return &self->parent;
}

static void
clear_values (PgStatement *self)
{
  for (int i = 0; i < self->n_params; i++)
    g_clear_pointer (&self->values[i], g_free);
}

static void
postgres_finalize (CspStatement *statement)
{
  PgStatement *self = (PgStatement *) statement;

  g_clear_pointer (&self->result, PQclear);
  clear_values (self);
  /* A server-side statement goes with its connection. */
  g_free (self->values);
  g_free (self->sql);
  g_free (self->name);
  g_free (self);
}

static void
postgres_reset (CspStatement *statement, gboolean clear_bindings)
{
  PgStatement *self = (PgStatement *) statement;

  g_clear_pointer (&self->result, PQclear);
  self->row = -1;
  if (clear_bindings)
    clear_values (self);
}

static gboolean
postgres_bind (CspStatement *statement, int index, const CspValue *value, GError **error)
{
  PgStatement *self = (PgStatement *) statement;
  char number[G_ASCII_DTOSTR_BUF_SIZE];
  char *text = NULL;

  if (index < 1 || index > self->n_params)
    {
      g_set_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_FAILED,
                   "Value %d bound to a statement of %d values: %s", index, self->n_params,
                   self->sql);
      return FALSE;
    }
  switch (value->kind)
    {
    case CSP_VALUE_NULL:
      break;
    case CSP_VALUE_INT64:
      text = g_strdup_printf ("%" G_GINT64_FORMAT, value->int64);
      break;
    case CSP_VALUE_DOUBLE:
      text = g_strdup (g_ascii_dtostr (number, sizeof number, value->number));
      break;
    case CSP_VALUE_TEXT:
    default:
      text = g_strdup (value->text);
      break;
    }
  g_free (self->values[index - 1]);
  self->values[index - 1] = text;
  return TRUE;
}

static PGresult *
execute (PgStatement *self)
{
  PGconn *conn = self->connection->conn;
  const char *const *values = (const char *const *) self->values;

  if (self->name == NULL)
    return PQexecParams (conn, self->sql, self->n_params, NULL, values, NULL, NULL, 0);

  /* Prepared on the server at its first run, then planned once; again
   * after connecting again, as the server forgot it. */
  if (self->prepared_generation != self->connection->generation)
    {
      PGresult *prepared = PQprepare (conn, self->name, self->sql, self->n_params, NULL);

      if (PQresultStatus (prepared) != PGRES_COMMAND_OK)
        return prepared;
      PQclear (prepared);
      self->prepared_generation = self->connection->generation;
    }
  return PQexecPrepared (conn, self->name, self->n_params, values, NULL, NULL, 0);
}

static CspStep
postgres_step (CspStatement *statement, GError **error)
{
  PgStatement *self = (PgStatement *) statement;

  if (self->result == NULL)
    {
      ExecStatusType status;

      self->result = execute (self);
      status = PQresultStatus (self->result);
      if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK)
        {
          set_error (self->connection, self->result, error);
          g_clear_pointer (&self->result, PQclear);
          return CSP_STEP_FAILED;
        }
      self->row = -1;
    }
  if (++self->row < PQntuples (self->result))
    return CSP_STEP_ROW;
  self->row = PQntuples (self->result);
  statement->changes = g_str_has_prefix (PQcmdStatus (self->result), "SELECT")
                           ? 0
                           : g_ascii_strtoll (PQcmdTuples (self->result), NULL, 10);
  return CSP_STEP_DONE;
}

static int
postgres_get_n_columns (CspStatement *statement)
{
  PgStatement *self = (PgStatement *) statement;

  return self->result != NULL ? PQnfields (self->result) : 0;
}

static const char *
postgres_get_column_name (CspStatement *statement, int column)
{
  PgStatement *self = (PgStatement *) statement;

  return self->result != NULL ? PQfname (self->result, column) : NULL;
}

static gboolean
postgres_is_null (CspStatement *statement, int column)
{
  PgStatement *self = (PgStatement *) statement;

  return self->result == NULL || self->row < 0 || self->row >= PQntuples (self->result) ||
         PQgetisnull (self->result, self->row, column);
}

static const char *
postgres_get_text (CspStatement *statement, int column)
{
  PgStatement *self = (PgStatement *) statement;

  if (postgres_is_null (statement, column))
    return NULL;
  return PQgetvalue (self->result, self->row, column);
}

/* Numbers come as text; a truth value as "t" or "f". */
static gint64
postgres_get_int64 (CspStatement *statement, int column)
{
  const char *text = postgres_get_text (statement, column);

  if (text == NULL)
    return 0;
  if (g_str_equal (text, "t"))
    return 1;
  if (g_str_equal (text, "f"))
    return 0;
  if (strchr (text, '.') != NULL)
    return (gint64) g_ascii_strtod (text, NULL);
  return g_ascii_strtoll (text, NULL, 10);
}

static double
postgres_get_double (CspStatement *statement, int column)
{
  const char *text = postgres_get_text (statement, column);

  return text != NULL ? g_ascii_strtod (text, NULL) : 0;
}

static PGresult *
query (PgConnection *connection, const char *sql, GError **error)
{
  PGresult *result = PQexec (connection->conn, sql);

  if (PQresultStatus (result) != PGRES_TUPLES_OK && PQresultStatus (result) != PGRES_COMMAND_OK)
    {
      set_error (connection, result, error);
      PQclear (result);
      return NULL;
    }
  return result;
}

/* Our database has our table; an empty one has no table at all. The
 * advisory lock keeps two programs from migrating at once. */
static gboolean
postgres_read_schema_version (gpointer data, const char *location, gint64 *version, GError **error)
{
  PgConnection *connection = data;
  PGresult *result;
  gboolean ours, empty;

  result = query (connection,
                  "SELECT pg_advisory_xact_lock (1129533509), "
                  "to_regclass ('csp_engage') IS NOT NULL, "
                  "NOT EXISTS (SELECT 1 FROM pg_class c JOIN pg_namespace n "
                  "ON n.oid = c.relnamespace WHERE n.nspname = current_schema () "
                  "AND c.relkind IN ('r', 'v', 'm', 'p', 'f'))",
                  error);
  if (result == NULL)
    return FALSE;
  ours = g_str_equal (PQgetvalue (result, 0, 1), "t");
  empty = g_str_equal (PQgetvalue (result, 0, 2), "t");
  PQclear (result);
  *version = 0;
  if (empty)
    return TRUE;
  if (ours)
    {
      result = query (connection, "SELECT application_id, schema_version FROM csp_engage", error);
      if (result == NULL)
        return FALSE;
      ours = PQntuples (result) == 1 &&
             g_ascii_strtoll (PQgetvalue (result, 0, 0), NULL, 10) == CSP_DATABASE_APPLICATION_ID;
      if (ours)
        *version = g_ascii_strtoll (PQgetvalue (result, 0, 1), NULL, 10);
      PQclear (result);
    }
  if (!ours)
    {
      g_set_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_NOT_OURS,
                   _ ("The database %s holds the tables of another program, not of CSP "
                      "Engage. It was left untouched; choose an empty database for CSP Engage"),
                   location);
      return FALSE;
    }
  return TRUE;
}

static gboolean
postgres_write_schema_version (gpointer data, int version, GError **error)
{
  PgConnection *connection = data;
  g_autofree char *text = g_strdup_printf ("%d", version);
  const char *values[] = { text };
  PGresult *result = PQexecParams (connection->conn, "UPDATE csp_engage SET schema_version = $1", 1,
                                   NULL, values, NULL, NULL, 0);
  gboolean ok = PQresultStatus (result) == PGRES_COMMAND_OK;

  if (!ok)
    set_error (connection, result, error);
  PQclear (result);
  return ok;
}

/* PostgreSQL checks its pages as it reads them, and counting every table
 * reads them. What a server's owner could break unseen is the history's
 * guard: the triggers that keep the audit log and progress updates
 * append-only must be there and enabled. */
static gboolean
postgres_check_integrity (gpointer data, GPtrArray *problems, GError **error)
{
  static const char *const guards[] = { "audit_log_no_update", "audit_log_no_delete",
                                        "audit_log_no_truncate", "action_update_no_update" };
  PgConnection *connection = data;

  for (guint i = 0; i < G_N_ELEMENTS (guards); i++)
    {
      const char *values[] = { guards[i] };
      PGresult *result = PQexecParams (connection->conn,
                                       "SELECT count (*) FROM pg_trigger WHERE tgname = $1 "
                                       "AND tgenabled <> 'D'",
                                       1, NULL, values, NULL, NULL, 0);
      gboolean present;

      if (PQresultStatus (result) != PGRES_TUPLES_OK)
        {
          set_error (connection, result, error);
          PQclear (result);
          return FALSE;
        }
      present = g_str_equal (PQgetvalue (result, 0, 0), "1");
      PQclear (result);
      if (!present)
        g_ptr_array_add (problems,
                         g_strdup_printf (_ ("The guard %s, which keeps history from being "
                                             "changed, is missing or disabled"),
                                          guards[i]));
    }
  return TRUE;
}

/* Whether anything listens at the server's address: tells a server that
 * is down or out of reach from one that refused the login. */
static gboolean
server_answers (PGconn *conn)
{
  const char *host = PQhost (conn);
  const char *port = PQport (conn);
  g_autoptr (GSocketClient) client = g_socket_client_new ();
  g_autoptr (GSocketConnection) socket = NULL;
  g_autoptr (GSocketAddress) address = NULL;

  if (host == NULL || port == NULL)
    return FALSE;
  g_socket_client_set_timeout (client, 5);
  if (host[0] == '/')
    {
      g_autofree char *path = g_strdup_printf ("%s/.s.PGSQL.%s", host, port);
      address = g_unix_socket_address_new (path);
      socket = g_socket_client_connect (client, G_SOCKET_CONNECTABLE (address), NULL, NULL);
    }
  else
    socket = g_socket_client_connect_to_host (
        client, host, (guint16) g_ascii_strtoull (port, NULL, 10), NULL, NULL);
  return socket != NULL;
}

static char *
describe_server (PGconn *conn)
{
  const char *host = PQhost (conn);

  return g_strdup_printf ("%s@%s:%s/%s", PQuser (conn),
                          host != NULL && host[0] != '\0' ? host : "localhost", PQport (conn),
                          PQdb (conn));
}

/* libpq's message, which runs over several indented lines, as one. */
static char *
one_line (const char *message)
{
  g_auto (GStrv) words = g_strsplit_set (message, " \t\n", -1);
  g_autoptr (GString) line = g_string_new (NULL);

  for (guint i = 0; words[i] != NULL; i++)
    if (*words[i] != '\0')
      g_string_append_printf (line, "%s%s", line->len > 0 ? " " : "", words[i]);
  return g_string_free (g_steal_pointer (&line), FALSE);
}

static void
set_connect_error (PGconn *conn, const char *location, GError **error)
{
  g_autofree char *detail = one_line (PQerrorMessage (conn));

  if (!server_answers (conn))
    g_set_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_UNREACHABLE,
                 _ ("The server %s does not answer. Check the host and port, and that the "
                    "server is running and this computer may reach it (%s)"),
                 location, detail);
  else if (PQconnectionNeedsPassword (conn))
    g_set_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_ACCESS_DENIED,
                 _ ("The server %s needs a password for user “%s”. Give it in ~/.pgpass or "
                    "PGPASSWORD"),
                 location, PQuser (conn));
  else
    g_set_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_ACCESS_DENIED,
                 _ ("The server %s refused the login of user “%s” (%s)"), location, PQuser (conn),
                 detail);
}

/* Texts are UTF-8 and times UTC, whatever the server's defaults. */
#define SESSION_SQL                                                                                \
  "SET client_encoding = 'UTF8'; SET TIME ZONE 'UTC'; SET client_min_messages = warning"

/**
 * csp_postgres_backend_open:
 * @conninfo: a `postgresql://` URI or libpq's `key=value` words, such as
 *   `service=NAME` of pg_service.conf; passwords come from libpq's usual
 *   places (PGPASSWORD, ~/.pgpass)
 * @location: (out): the server for messages, without any password
 *
 * Returns: (transfer full): the connection, or %NULL with @error set
 */
gpointer
csp_postgres_backend_open (const char *conninfo, char **location, const CspBackend **backend,
                           GError **error)
{
  g_autofree char *display = NULL;
  PgConnection *connection;
  PGconn *conn;
  PGresult *result;

  conn = PQconnectdb (conninfo);
  if (conn == NULL)
    {
      g_set_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_FAILED,
                   _ ("Out of memory while connecting to the server"));
      return NULL;
    }
  display = describe_server (conn);
  if (PQstatus (conn) != CONNECTION_OK)
    {
      set_connect_error (conn, display, error);
      PQfinish (conn);
      return NULL;
    }

  connection = g_new0 (PgConnection, 1);
  connection->conn = conn;
  connection->location = g_strdup (display);
  connection->generation = 1;
  result = query (connection, SESSION_SQL, error);
  if (result == NULL)
    {
      postgres_close (connection);
      return NULL;
    }
  PQclear (result);
  *location = g_steal_pointer (&display);
  *backend = &postgres_backend;
  return connection;
}

/* Other connections' commits: every table's trigger sends NOTIFY
 * csp_engage with "table id" (never the record's contents), which a
 * connection of the watch's own LISTENs to from the main loop. */
struct _PgWatch
{
  CspDatabase *database; /* unowned: the watch goes before it */
  PGconn *conn;
  int own_pid; /* the database's connection, whose changes are not news */
  guint source;
};

static void
report_notification (PgWatch *watch, const PGnotify *notify)
{
  g_auto (GStrv) words = NULL;

  if (notify->be_pid == watch->own_pid || !g_str_equal (notify->relname, "csp_engage"))
    return;
  words = g_strsplit (notify->extra, " ", 2);
  if (words[0] == NULL || *words[0] == '\0')
    return;
  csp_database_emit_changed (watch->database, words[0],
                             words[1] != NULL ? g_ascii_strtoll (words[1], NULL, 10) : 0);
}

static gboolean
notified_cb (int fd, GIOCondition condition, gpointer data)
{
  PgWatch *watch = data;
  PGnotify *notify;

  /* The server went away: connect again (postgres_reconnect ()). */
  if (!PQconsumeInput (watch->conn) || PQstatus (watch->conn) != CONNECTION_OK)
    {
      g_info ("Lost the server while watching for colleagues' changes: %s",
              PQerrorMessage (watch->conn));
      watch->source = 0;
      csp_database_set_connected (watch->database, FALSE);
      return G_SOURCE_REMOVE;
    }
  while ((notify = PQnotifies (watch->conn)) != NULL)
    {
      report_notification (watch, notify);
      PQfreemem (notify);
    }
  return G_SOURCE_CONTINUE;
}

static void
postgres_unwatch (gpointer data)
{
  PgWatch *watch = data;

  if (watch->source != 0)
    g_source_remove (watch->source);
  PQfinish (watch->conn);
  g_free (watch);
}

static gpointer
postgres_watch (CspDatabase *database, gpointer data, const char *conninfo, GError **error)
{
  PgConnection *connection = data;
  PgWatch *watch = g_new0 (PgWatch, 1);
  PGresult *result;

  watch->database = database;
  watch->own_pid = PQbackendPID (connection->conn);
  watch->conn = PQconnectdb (conninfo);
  if (PQstatus (watch->conn) != CONNECTION_OK)
    {
      set_connect_error (watch->conn, connection->location, error);
      postgres_unwatch (watch);
      return NULL;
    }
  result = PQexec (watch->conn, "LISTEN csp_engage");
  if (PQresultStatus (result) != PGRES_COMMAND_OK)
    {
      g_set_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_FAILED,
                   _ ("Could not watch the server %s for changes: %s"), connection->location,
                   PQresultErrorMessage (result));
      PQclear (result);
      postgres_unwatch (watch);
      return NULL;
    }
  PQclear (result);
  watch->source = g_unix_fd_add (PQsocket (watch->conn), G_IO_IN, notified_cb, watch);
  return watch;
}

/* Connecting again: the database's connection first, then the watch's,
 * each through libpq's non-blocking reset on the main loop, so that the
 * window stays responsive while the server is away; retried every few
 * seconds until both are back. */
#define RECONNECT_INTERVAL_MS 2000

static void reset_next (PgConnection *connection);

static gboolean
retry_cb (gpointer data)
{
  PgConnection *connection = data;

  connection->reconnect_source = 0;
  connection->resetting = NULL;
  reset_next (connection);
  return G_SOURCE_REMOVE;
}

static void
retry_later (PgConnection *connection)
{
  g_info ("The server %s does not answer yet: %s", connection->location,
          PQerrorMessage (connection->resetting));
  connection->resetting = NULL;
  connection->reconnect_source = g_timeout_add (RECONNECT_INTERVAL_MS, retry_cb, connection);
}

static gboolean reset_poll_cb (int fd, GIOCondition condition, gpointer data);

static void
wait_for_socket (PgConnection *connection, GIOCondition condition)
{
  connection->reconnect_source = g_unix_fd_add (
      PQsocket (connection->resetting), condition | G_IO_ERR | G_IO_HUP, reset_poll_cb, connection);
}

/* The connection just made: set up as at the first, and the watch's
 * listening again. */
static gboolean
resume (PgConnection *connection, PGconn *conn)
{
  PGresult *result;

  if (conn == connection->conn)
    {
      result = PQexec (conn, SESSION_SQL);
      connection->generation++;
      if (connection->watch != NULL)
        connection->watch->own_pid = PQbackendPID (conn);
    }
  else
    {
      result = PQexec (conn, "LISTEN csp_engage");
      if (PQresultStatus (result) == PGRES_COMMAND_OK)
        connection->watch->source =
            g_unix_fd_add (PQsocket (conn), G_IO_IN, notified_cb, connection->watch);
    }
  if (PQresultStatus (result) != PGRES_COMMAND_OK)
    {
      PQclear (result);
      return FALSE;
    }
  PQclear (result);
  return TRUE;
}

static gboolean
reset_poll_cb (int fd, GIOCondition condition, gpointer data)
{
  PgConnection *connection = data;

  connection->reconnect_source = 0;
  switch (PQresetPoll (connection->resetting))
    {
    case PGRES_POLLING_READING:
      wait_for_socket (connection, G_IO_IN);
      break;
    case PGRES_POLLING_WRITING:
      wait_for_socket (connection, G_IO_OUT);
      break;
    case PGRES_POLLING_OK:
      if (resume (connection, connection->resetting))
        reset_next (connection);
      else
        retry_later (connection);
      break;
    case PGRES_POLLING_FAILED:
    case PGRES_POLLING_ACTIVE:
    default:
      retry_later (connection);
      break;
    }
  return G_SOURCE_REMOVE;
}

/* Starts on the next connection to reset, or says that both are back. */
static void
reset_next (PgConnection *connection)
{
  PGconn *next;

  if (connection->resetting == NULL)
    next = connection->conn;
  else if (connection->resetting == connection->conn && connection->watch != NULL)
    next = connection->watch->conn;
  else
    {
      connection->resetting = NULL;
      g_info ("Connected to the server %s again", connection->location);
      csp_database_set_connected (connection->database, TRUE);
      return;
    }
  connection->resetting = next;
  if (!PQresetStart (next))
    {
      retry_later (connection);
      return;
    }
  /* As after PQconnectStart: writable first. */
  wait_for_socket (connection, G_IO_OUT);
}

static gboolean
postgres_is_connected (gpointer data)
{
  PgConnection *connection = data;

  return PQstatus (connection->conn) == CONNECTION_OK;
}

static void
postgres_reconnect (CspDatabase *database, gpointer data, gpointer watch)
{
  PgConnection *connection = data;

  connection->database = database;
  connection->watch = watch;
  if (connection->watch != NULL)
    g_clear_handle_id (&connection->watch->source, g_source_remove);
  if (connection->reconnect_source == 0 && connection->resetting == NULL)
    connection->reconnect_source = g_timeout_add (RECONNECT_INTERVAL_MS / 2, retry_cb, connection);
}

/* The server tells the sender's own changes apart by its process id. */
static void
postgres_note_own_commit (gpointer watch, gpointer connection)
{
}

/* Loading in bulk: rows gather in COPY's text format and go to the
 * server a batch at a time, each batch one COPY, so that the connection
 * is free for other statements between rows. */
typedef struct
{
  PgConnection *connection;
  char *copy_sql;
  guint n_columns;
  GString *rows;
} PgLoad;

#define LOAD_BATCH_BYTES (1024 * 1024)

static gpointer
postgres_load_begin (gpointer data, const char *table, const char *const *columns, GError **error)
{
  /* Nothing is sent before the first batch is full. */
  PgLoad *load = g_new0 (PgLoad, 1);
  g_autofree char *list = g_strjoinv (", ", (char **) columns);

  load->connection = data;
  load->copy_sql = g_strdup_printf ("COPY %s (%s) FROM STDIN", table, list);
  load->n_columns = g_strv_length ((char **) columns);
  load->rows = g_string_sized_new (LOAD_BATCH_BYTES + 4096);
  return load;
}

static gboolean
send_rows (PgLoad *load, GError **error)
{
  PGconn *conn = load->connection->conn;
  PGresult *result;
  gboolean ok;

  if (load->rows->len == 0)
    return TRUE;
  result = PQexec (conn, load->copy_sql);
  ok = PQresultStatus (result) == PGRES_COPY_IN;
  if (!ok)
    set_error (load->connection, result, error);
  PQclear (result);
  if (!ok)
    return FALSE;
  if (PQputCopyData (conn, load->rows->str, (int) load->rows->len) != 1 ||
      PQputCopyEnd (conn, NULL) != 1)
    {
      set_error (load->connection, NULL, error);
      return FALSE;
    }
  g_string_truncate (load->rows, 0);
  /* COPY's outcome, then the end of its results. */
  while ((result = PQgetResult (conn)) != NULL)
    {
      if (ok && PQresultStatus (result) != PGRES_COMMAND_OK)
        {
          set_error (load->connection, result, error);
          ok = FALSE;
        }
      PQclear (result);
    }
  return ok;
}

static gboolean
postgres_load_row (gpointer data, const char *const *values, GError **error)
{
  PgLoad *load = data;

  for (guint i = 0; i < load->n_columns; i++)
    {
      if (i > 0)
        g_string_append_c (load->rows, '\t');
      if (values[i] == NULL)
        {
          g_string_append (load->rows, "\\N");
          continue;
        }
      for (const char *c = values[i]; *c != '\0'; c++)
        switch (*c)
          {
          case '\\':
            g_string_append (load->rows, "\\\\");
            break;
          case '\t':
            g_string_append (load->rows, "\\t");
            break;
          case '\n':
            g_string_append (load->rows, "\\n");
            break;
          case '\r':
            g_string_append (load->rows, "\\r");
            break;
          default:
            g_string_append_c (load->rows, *c);
            break;
          }
    }
  g_string_append_c (load->rows, '\n');
  return load->rows->len < LOAD_BATCH_BYTES || send_rows (load, error);
}

static gboolean
postgres_load_end (gpointer data, GError **error)
{
  PgLoad *load = data;
  gboolean ok = send_rows (load, error);

  g_free (load->copy_sql);
  g_string_free (load->rows, TRUE);
  g_free (load);
  return ok;
}

static const CspBackend postgres_backend = {
  .engine = CSP_ENGINE_POSTGRESQL,
  .begin_sql = "BEGIN",
  .close = postgres_close,
  .abandon = postgres_close,
  .get_engine_version = postgres_get_engine_version,
  .read_schema_version = postgres_read_schema_version,
  .write_schema_version = postgres_write_schema_version,
  .check_integrity = postgres_check_integrity,
  .watch = postgres_watch,
  .unwatch = postgres_unwatch,
  .is_connected = postgres_is_connected,
  .reconnect = postgres_reconnect,
  .note_own_commit = postgres_note_own_commit,
  .load_begin = postgres_load_begin,
  .load_row = postgres_load_row,
  .load_end = postgres_load_end,
  .exec = postgres_exec,
  .prepare = postgres_prepare,
  .finalize = postgres_finalize,
  .reset = postgres_reset,
  .bind = postgres_bind,
  .step = postgres_step,
  .get_n_columns = postgres_get_n_columns,
  .get_column_name = postgres_get_column_name,
  .is_null = postgres_is_null,
  .get_int64 = postgres_get_int64,
  .get_double = postgres_get_double,
  .get_text = postgres_get_text,
};
