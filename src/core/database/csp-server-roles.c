/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "csp-server-roles"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>

#include "csp-server-roles.h"

/* Who may do what on a team server. The server enforces it: group roles
 * with their grants and row-level security, made by csp_server_init ()
 * of the PostgreSQL schema (migrations/postgresql/0002-server-roles.sql),
 * and people as login roles in those groups, managed through that
 * schema's functions. This file calls them, with clear messages for what
 * a person may get wrong first, and asks the server what the connected
 * user may do: the application shows that, and never assumes more. */

/* What an editor may change, and what only an admin may; the grants of
 * csp_server_init () say the same. Bound as one array value. */
#define EDITOR_TABLES                                                                              \
  "{activity,activity_partner,action,action_partner,metric_value,committee_report,"                \
  "report_section,report_part,import_mapping}"
#define ADMIN_TABLES                                                                               \
  "{settings,partner,meeting,meeting_partner,plan,priority,channel,metric,risk,risk_action,"       \
  "chart_event,section_template}"
/* Appended to by editors, besides the tables above. */
#define EDITOR_APPEND_TABLES "{action_update}"

/* Whether @table is one of the array literal @tables. */
static gboolean
table_in (const char *tables, const char *table)
{
  g_autofree char *inner = g_strndup (tables + 1, strlen (tables) - 2);
  g_auto (GStrv) names = g_strsplit (inner, ",", -1);

  return g_strv_contains ((const char *const *) names, table);
}

/**
 * csp_access_may_change:
 * @table: the table a record is kept in
 *
 * Returns: whether @access lets the user add, change or delete records
 *   kept in @table (for progress updates: add them)
 */
gboolean
csp_access_may_change (const CspAccess *access, const char *table)
{
  g_return_val_if_fail (access != NULL, FALSE);
  g_return_val_if_fail (table != NULL, FALSE);

  switch (access->level)
    {
    case CSP_ACCESS_ADMIN:
      return TRUE;
    case CSP_ACCESS_EDITOR:
      return table_in (EDITOR_TABLES, table) || table_in (EDITOR_APPEND_TABLES, table);
    case CSP_ACCESS_READ_ONLY:
    default:
      return FALSE;
    }
}

void
csp_access_free (CspAccess *access)
{
  g_free (access->user_name);
  g_free (access->partner_name);
  g_free (access->explanation);
  g_free (access);
}

void
csp_server_user_free (CspServerUser *user)
{
  g_free (user->name);
  g_free (user->partner_name);
  g_free (user);
}

/**
 * csp_server_role_to_string:
 *
 * Returns: (transfer none): "viewer", "editor", "admin" or "none", as the
 *   command line and the server's functions spell them
 */
const char *
csp_server_role_to_string (CspServerRole role)
{
  switch (role)
    {
    case CSP_SERVER_ROLE_VIEWER:
      return "viewer";
    case CSP_SERVER_ROLE_EDITOR:
      return "editor";
    case CSP_SERVER_ROLE_ADMIN:
      return "admin";
    case CSP_SERVER_ROLE_NONE:
    default:
      return "none";
    }
}

/**
 * csp_server_role_from_string:
 * @text: "viewer", "editor" or "admin"
 * @role: (out): the role
 *
 * Returns: %FALSE for any other text
 */
gboolean
csp_server_role_from_string (const char *text, CspServerRole *role)
{
  static const CspServerRole roles[] = { CSP_SERVER_ROLE_VIEWER, CSP_SERVER_ROLE_EDITOR,
                                         CSP_SERVER_ROLE_ADMIN };

  g_return_val_if_fail (role != NULL, FALSE);

  for (guint i = 0; text != NULL && i < G_N_ELEMENTS (roles); i++)
    if (g_str_equal (text, csp_server_role_to_string (roles[i])))
      {
        *role = roles[i];
        return TRUE;
      }
  return FALSE;
}

static gboolean
is_server (CspDatabase *database)
{
  return csp_database_get_engine (database) == CSP_ENGINE_POSTGRESQL;
}

static gboolean
require_server (CspDatabase *database, GError **error)
{
  if (is_server (database))
    return TRUE;
  g_set_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_FAILED,
               _ ("“%s” is a database file on this computer, not a team server: users and their "
                  "roles are kept by a PostgreSQL server (give one as postgresql://…). Who may "
                  "change a file is up to the file’s own permissions"),
               csp_database_get_location (database));
  return FALSE;
}

/* Runs one statement with text values (NULL for SQL NULL) to its end. */
static gboolean
run_with_texts (CspDatabase *database, const char *sql, const char *const *values, guint n_values,
                GError **error)
{
  g_autoptr (CspStatement) stmt = csp_database_prepare (database, sql, error);

  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < n_values; i++)
    csp_statement_bind_text (stmt, (int) i + 1, values[i]);
  return csp_statement_run (stmt, error);
}

/* Runs @sql (with the values given) in a transaction of its own, or in
 * the caller's. */
static gboolean
run_in_transaction (CspDatabase *database, const char *sql, const char *const *values,
                    guint n_values, GError **error)
{
  if (!csp_database_begin (database, error))
    return FALSE;
  if (!run_with_texts (database, sql, values, n_values, error))
    {
      csp_database_rollback (database);
      return FALSE;
    }
  return csp_database_commit (database, error);
}

/* The SQLite file: no users, so whoever may write the file may change
 * everything in it; it says whether it is writable now. */
static CspAccess *
get_file_access (CspDatabase *database, GError **error)
{
  g_autoptr (CspAccess) access = g_new0 (CspAccess, 1);
  const char *location = csp_database_get_location (database);
  gint64 query_only = 0;
  struct stat st;

  if (!csp_database_query_int (database, "PRAGMA query_only", &query_only, error))
    return NULL;
  access->user_name = g_strdup (g_get_user_name ());
  access->level = CSP_ACCESS_READ_ONLY;
  /* As the engine judges a file when opening it: no write bit at all is
   * read-only even for root. The file's own reason comes first. */
  if (g_stat (location, &st) != 0 || (st.st_mode & (S_IWUSR | S_IWGRP | S_IWOTH)) == 0 ||
      g_access (location, W_OK) != 0)
    access->explanation =
        g_strdup_printf (_ ("The database “%s” is read-only, so nothing can be changed. Make "
                            "the file writable, or open a copy of it."),
                         location);
  else if (query_only != 0)
    access->explanation =
        g_strdup_printf (_ ("“%s” is open only for reading, so nothing can be changed."), location);
  else
    {
      access->level = CSP_ACCESS_ADMIN;
      access->explanation = g_strdup_printf (_ ("You may change everything in “%s”."), location);
    }
  return g_steal_pointer (&access);
}

/* In one statement: the login; whether the server only reads; whether
 * the login may manage users (an admin or the owner, once the roles
 * exist, while the owner, whose rights the functions use, may create
 * roles); whether it is partner-scoped (under row-level security as a
 * partner viewer and not a viewer) and for which partner; whether it may
 * change every editor's table, and every admin's. */
#define ACCESS_SQL                                                                                 \
  "SELECT session_user, pg_is_in_recovery (), "                                                    \
  "current_setting ('transaction_read_only') = 'on', "                                             \
  "csp_server_may_manage_users () AND csp_server_group ('admin') IS NOT NULL "                     \
  "AND (SELECT rolcreaterole OR rolsuper FROM pg_roles WHERE oid = "                               \
  "(SELECT relowner FROM pg_class WHERE oid = 'csp_engage'::regclass)), "                          \
  "row_security_active ('activity') "                                                              \
  "AND coalesce (pg_has_role (current_user, csp_server_group ('partner_viewer'), 'USAGE'), "       \
  "false) "                                                                                        \
  "AND NOT coalesce (pg_has_role (current_user, csp_server_group ('viewer'), 'USAGE'), false), "   \
  "coalesce (csp_partner_scope (), 0), "                                                           \
  "(SELECT name FROM partner WHERE id = csp_partner_scope ()), "                                   \
  "(SELECT bool_and (has_table_privilege (t, 'INSERT') AND has_table_privilege (t, 'UPDATE') "     \
  "AND has_table_privilege (t, 'DELETE')) FROM unnest (CAST (? AS TEXT[])) AS t) "                 \
  "AND (SELECT bool_and (has_table_privilege (t, 'INSERT')) "                                      \
  "FROM unnest (CAST (? AS TEXT[])) AS t) "                                                        \
  "AND has_table_privilege ('audit_log', 'INSERT'), "                                              \
  "(SELECT bool_and (has_table_privilege (t, 'INSERT') AND has_table_privilege (t, 'UPDATE') "     \
  "AND has_table_privilege (t, 'DELETE')) FROM unnest (CAST (? AS TEXT[])) AS t)"

static char *
explain_server_access (CspDatabase *database, const CspAccess *access, gboolean standby,
                       gboolean read_only_session)
{
  const char *location = csp_database_get_location (database);

  if (standby)
    return g_strdup_printf (_ ("The server %s is a standby copy that can only be read: nothing "
                               "can be changed there."),
                            location);
  if (read_only_session)
    return g_strdup_printf (_ ("%s is open only for reading, so nothing can be changed."),
                            location);
  if (access->partner_scoped && access->partner_name != NULL)
    return g_strdup_printf (_ ("Signed in to %s as “%s”, a viewer for %s: you see only the "
                               "activities and actions that %s leads or supports, and can change "
                               "nothing."),
                            location, access->user_name, access->partner_name,
                            access->partner_name);
  if (access->partner_scoped)
    return g_strdup_printf (_ ("Signed in to %s as “%s”, a viewer limited to one partner’s "
                               "records, but no partner is set: you see no activities or actions. "
                               "Ask an admin of the database to set your partner."),
                            location, access->user_name);
  switch (access->level)
    {
    case CSP_ACCESS_ADMIN:
      return g_strdup_printf (access->can_manage_users
                                  ? _ ("Signed in to %s as “%s”, an admin: you may change "
                                       "everything and manage users.")
                                  : _ ("Signed in to %s as “%s”, an admin: you may change "
                                       "everything."),
                              location, access->user_name);
    case CSP_ACCESS_EDITOR:
      return g_strdup_printf (_ ("Signed in to %s as “%s”, an editor: you may change activities, "
                                 "actions, progress updates, figures and reports, but not "
                                 "partners, priorities, plans, meetings, channels, metrics, "
                                 "settings or users."),
                              location, access->user_name);
    case CSP_ACCESS_READ_ONLY:
    default:
      return g_strdup_printf (_ ("Signed in to %s as “%s”, a viewer: you may read everything but "
                                 "change nothing. To make changes, ask an admin of the database "
                                 "for the editor role."),
                              location, access->user_name);
    }
}

static CspAccess *
get_server_access (CspDatabase *database, GError **error)
{
  g_autoptr (CspAccess) access = g_new0 (CspAccess, 1);
  g_autoptr (CspStatement) stmt = csp_database_prepare (database, ACCESS_SQL, error);
  gboolean standby, read_only_session, may_edit, may_administer;

  if (stmt == NULL)
    return NULL;
  csp_statement_bind_text (stmt, 1, EDITOR_TABLES);
  csp_statement_bind_text (stmt, 2, EDITOR_APPEND_TABLES);
  csp_statement_bind_text (stmt, 3, ADMIN_TABLES);
  if (csp_statement_step (stmt, error) != CSP_STEP_ROW)
    return NULL;
  access->user_name = g_strdup (csp_statement_get_text (stmt, 0));
  standby = csp_statement_get_int64 (stmt, 1) != 0;
  read_only_session = csp_statement_get_int64 (stmt, 2) != 0;
  access->can_manage_users = csp_statement_get_int64 (stmt, 3) != 0;
  access->partner_scoped = csp_statement_get_int64 (stmt, 4) != 0;
  if (access->partner_scoped)
    {
      access->partner_id = csp_statement_get_int64 (stmt, 5);
      access->partner_name = g_strdup (csp_statement_get_text (stmt, 6));
    }
  may_edit = csp_statement_get_int64 (stmt, 7) != 0;
  may_administer = csp_statement_get_int64 (stmt, 8) != 0;
  if (!csp_statement_run (stmt, error))
    return NULL;

  if (standby || read_only_session || access->partner_scoped || !may_edit)
    access->level = CSP_ACCESS_READ_ONLY;
  else
    access->level = may_administer ? CSP_ACCESS_ADMIN : CSP_ACCESS_EDITOR;
  if (standby || read_only_session)
    access->can_manage_users = FALSE;
  access->explanation = explain_server_access (database, access, standby, read_only_session);
  return g_steal_pointer (&access);
}

/**
 * csp_server_roles_get_access:
 * @database: a database, on either engine
 *
 * Asks the engine what the connected user may do: on a server, from the
 * rights it grants them (not from the name of their role), whether it is
 * a read-only standby, and their partner scope; on a file, whether the
 * file can be written. Ask again after #CspDatabase::changed for the
 * table "server_user", or after a write refused with
 * %CSP_DATABASE_ERROR_READ_ONLY: an admin may have changed the role.
 *
 * Returns: (transfer full): what the user may do, or %NULL with @error set
 */
CspAccess *
csp_server_roles_get_access (CspDatabase *database, GError **error)
{
  g_return_val_if_fail (CSP_IS_DATABASE (database), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return is_server (database) ? get_server_access (database, error)
                              : get_file_access (database, error);
}

/**
 * csp_server_roles_init:
 * @database: a team server's database, opened by the owner of its tables
 *   who may create roles (or by a superuser)
 *
 * Makes the database's group roles (viewer, partner viewer, editor and
 * admin, named after the database), gives them their rights afresh and
 * sets up row-level security, in one transaction. Running it again
 * changes nothing but what an earlier version of CSP Engage granted
 * differently.
 */
gboolean
csp_server_roles_init (CspDatabase *database, GError **error)
{
  g_autoptr (CspStatement) stmt = NULL;
  g_autofree char *user = NULL;
  g_autofree char *owner = NULL;
  gboolean may_create_roles, is_owner;

  g_return_val_if_fail (CSP_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!require_server (database, error))
    return FALSE;

  stmt = csp_database_prepare (
      database,
      "SELECT current_user, rolcreaterole OR rolsuper, pg_has_role (current_user, o.relowner, "
      "'USAGE'), pg_get_userbyid (o.relowner) FROM pg_roles, "
      "(SELECT relowner FROM pg_class WHERE oid = 'csp_engage'::regclass) AS o "
      "WHERE rolname = current_user",
      error);
  if (stmt == NULL || csp_statement_step (stmt, error) != CSP_STEP_ROW)
    return FALSE;
  user = g_strdup (csp_statement_get_text (stmt, 0));
  may_create_roles = csp_statement_get_int64 (stmt, 1) != 0;
  is_owner = csp_statement_get_int64 (stmt, 2) != 0;
  owner = g_strdup (csp_statement_get_text (stmt, 3));
  if (!csp_statement_run (stmt, error))
    return FALSE;

  if (!is_owner)
    {
      g_set_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_READ_ONLY,
                   _ ("Only the owner of the tables of %s (“%s”) or a superuser may set up its "
                      "roles; you are signed in as “%s”"),
                   csp_database_get_location (database), owner, user);
      return FALSE;
    }
  if (!may_create_roles)
    {
      g_set_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_READ_ONLY,
                   _ ("“%s” may not create roles on the server %s. Ask the server’s "
                      "administrator to give it that right (ALTER ROLE %s CREATEROLE), or run "
                      "“server init” as a superuser"),
                   user, csp_database_get_location (database), user);
      return FALSE;
    }
  return run_in_transaction (database, "SELECT csp_server_init ()", NULL, 0, error);
}

/**
 * csp_server_roles_get_group:
 * @role: viewer, editor or admin
 * @partner_scoped: for a viewer, the group of partner-scoped viewers
 *
 * Returns: (transfer full) (nullable): the group role on the server, or
 *   %NULL (without @error) before csp_server_roles_init()
 */
char *
csp_server_roles_get_group (CspDatabase *database, CspServerRole role, gboolean partner_scoped,
                            GError **error)
{
  g_autoptr (CspStatement) stmt = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (CSP_IS_DATABASE (database), NULL);
  g_return_val_if_fail (role != CSP_SERVER_ROLE_NONE, NULL);

  if (!require_server (database, error))
    return NULL;
  stmt = csp_database_prepare (database, "SELECT csp_server_group (?)", error);
  if (stmt == NULL)
    return NULL;
  csp_statement_bind_text (stmt, 1,
                           role == CSP_SERVER_ROLE_VIEWER && partner_scoped
                               ? "partner_viewer"
                               : csp_server_role_to_string (role));
  if (csp_statement_step (stmt, error) != CSP_STEP_ROW)
    return NULL;
  name = g_strdup (csp_statement_get_text (stmt, 0));
  if (!csp_statement_run (stmt, error))
    return NULL;
  return g_steal_pointer (&name);
}

static char *
list_partner_names (CspDatabase *database, GError **error)
{
  g_autoptr (CspStatement) stmt =
      csp_database_prepare (database, "SELECT name FROM partner ORDER BY name", error);
  g_autoptr (GString) names = g_string_new (NULL);
  CspStep step;

  if (stmt == NULL)
    return NULL;
  while ((step = csp_statement_step (stmt, error)) == CSP_STEP_ROW)
    g_string_append_printf (names, "%s%s", names->len > 0 ? ", " : "",
                            csp_statement_get_text (stmt, 0));
  if (step == CSP_STEP_FAILED)
    return NULL;
  return g_string_free (g_steal_pointer (&names), FALSE);
}

/**
 * csp_server_roles_find_partner:
 * @id_or_name: a partner's id, name or short name (in any case)
 * @name: (out) (optional) (transfer full): the partner's name
 *
 * Returns: the partner's id, or 0 with @error set when none or more than
 *   one partner answers to @id_or_name
 */
gint64
csp_server_roles_find_partner (CspDatabase *database, const char *id_or_name, char **name,
                               GError **error)
{
  g_autoptr (CspStatement) stmt = NULL;
  g_autoptr (GString) matches = g_string_new (NULL);
  g_autofree char *found_name = NULL;
  gint64 id = 0;
  guint n_matches = 0;
  CspStep step;

  g_return_val_if_fail (CSP_IS_DATABASE (database), 0);
  g_return_val_if_fail (id_or_name != NULL, 0);

  stmt = csp_database_prepare (database,
                               "SELECT id, name FROM partner WHERE CAST (id AS TEXT) = ? "
                               "OR lower (name) = lower (?) OR lower (short_name) = lower (?) "
                               "ORDER BY id",
                               error);
  if (stmt == NULL)
    return 0;
  for (int i = 1; i <= 3; i++)
    csp_statement_bind_text (stmt, i, id_or_name);
  while ((step = csp_statement_step (stmt, error)) == CSP_STEP_ROW)
    {
      id = csp_statement_get_int64 (stmt, 0);
      g_free (found_name);
      found_name = g_strdup (csp_statement_get_text (stmt, 1));
      g_string_append_printf (matches, "%s%s (%" G_GINT64_FORMAT ")", n_matches > 0 ? ", " : "",
                              csp_statement_get_text (stmt, 1), id);
      n_matches++;
    }
  if (step == CSP_STEP_FAILED)
    return 0;
  if (n_matches == 1)
    {
      if (name != NULL)
        *name = g_steal_pointer (&found_name);
      return id;
    }
  if (n_matches > 1)
    {
      g_set_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_INVALID,
                   _ ("“%s” names more than one partner: %s. Give the partner’s id"), id_or_name,
                   matches->str);
      return 0;
    }
  {
    g_autofree char *names = list_partner_names (database, error);

    if (names == NULL)
      return 0;
    g_set_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_NOT_FOUND,
                 _ ("No partner “%s” in %s. Give a partner’s id, name or short name; the "
                    "partners are: %s"),
                 id_or_name, csp_database_get_location (database), names);
    return 0;
  }
}

/* What a user-managing call needs first: the roles made, and a caller
 * who may manage users; to change them, through an owner who may create
 * roles. */
static gboolean
check_may_manage_users (CspDatabase *database, gboolean to_change, GError **error)
{
  g_autoptr (CspStatement) stmt = NULL;
  g_autofree char *user = NULL;
  g_autofree char *owner = NULL;
  gboolean initialised, may_manage, owner_may_create;

  if (!require_server (database, error))
    return FALSE;
  stmt = csp_database_prepare (
      database,
      "SELECT session_user, csp_server_group ('admin') IS NOT NULL, "
      "csp_server_may_manage_users (), pg_get_userbyid (o.relowner), "
      "(SELECT rolcreaterole OR rolsuper FROM pg_roles WHERE oid = o.relowner) "
      "FROM (SELECT relowner FROM pg_class WHERE oid = 'csp_engage'::regclass) AS o",
      error);
  if (stmt == NULL || csp_statement_step (stmt, error) != CSP_STEP_ROW)
    return FALSE;
  user = g_strdup (csp_statement_get_text (stmt, 0));
  initialised = csp_statement_get_int64 (stmt, 1) != 0;
  may_manage = csp_statement_get_int64 (stmt, 2) != 0;
  owner = g_strdup (csp_statement_get_text (stmt, 3));
  owner_may_create = csp_statement_get_int64 (stmt, 4) != 0;
  if (!csp_statement_run (stmt, error))
    return FALSE;

  if (!initialised)
    {
      g_set_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_NOT_FOUND,
                   _ ("%s has no roles yet. Its owner sets them up with “csp-engage-cli server "
                      "init”"),
                   csp_database_get_location (database));
      return FALSE;
    }
  if (!may_manage)
    {
      g_set_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_READ_ONLY,
                   _ ("“%s” is not an admin of %s: only admins manage its users"), user,
                   csp_database_get_location (database));
      return FALSE;
    }
  if (to_change && !owner_may_create)
    {
      g_set_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_READ_ONLY,
                   _ ("Users of %s are managed with the rights of the owner of its tables, "
                      "“%s”, who may not create roles. Ask the server’s administrator to give "
                      "it that right (ALTER ROLE %s CREATEROLE)"),
                   csp_database_get_location (database), owner, owner);
      return FALSE;
    }
  return TRUE;
}

/* What the server knows of @name: whether the role exists, is a
 * superuser, is one of this database's groups, owns its tables. */
static gboolean
look_up_role (CspDatabase *database, const char *name, gboolean *exists, gboolean *superuser,
              gboolean *is_group, gboolean *is_owner, GError **error)
{
  g_autoptr (CspStatement) stmt = csp_database_prepare (
      database,
      "SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = ?), "
      "EXISTS (SELECT 1 FROM pg_roles WHERE rolname = ? AND rolsuper), "
      "EXISTS (SELECT 1 FROM server_role WHERE role_name = ?), "
      "(SELECT pg_get_userbyid (relowner) FROM pg_class WHERE oid = 'csp_engage'::regclass) = ?",
      error);

  if (stmt == NULL)
    return FALSE;
  for (int i = 1; i <= 4; i++)
    csp_statement_bind_text (stmt, i, name);
  if (csp_statement_step (stmt, error) != CSP_STEP_ROW)
    return FALSE;
  *exists = csp_statement_get_int64 (stmt, 0) != 0;
  *superuser = csp_statement_get_int64 (stmt, 1) != 0;
  *is_group = csp_statement_get_int64 (stmt, 2) != 0;
  *is_owner = csp_statement_get_int64 (stmt, 3) != 0;
  return csp_statement_run (stmt, error);
}

static gboolean
check_user_name (CspDatabase *database, const char *name, gboolean must_exist, GError **error)
{
  gboolean exists, superuser, is_group, is_owner;

  if (*name == '\0' || strlen (name) > 63)
    {
      g_set_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_INVALID,
                   _ ("“%s” cannot be a user name: give 1 to 63 bytes"), name);
      return FALSE;
    }
  if (!look_up_role (database, name, &exists, &superuser, &is_group, &is_owner, error))
    return FALSE;
  if (is_group)
    {
      g_set_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_INVALID,
                   _ ("“%s” is one of the group roles of %s, not a user"), name,
                   csp_database_get_location (database));
      return FALSE;
    }
  if (superuser)
    {
      g_set_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_INVALID,
                   _ ("“%s” is a superuser of the server, who may do everything whatever "
                      "their role"),
                   name);
      return FALSE;
    }
  if (is_owner)
    {
      g_set_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_INVALID,
                   _ ("“%s” owns the tables of %s, and may do everything whatever their role"),
                   name, csp_database_get_location (database));
      return FALSE;
    }
  if (must_exist && !exists)
    {
      g_set_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_NOT_FOUND,
                   _ ("There is no user “%s” on the server %s. Add one with “csp-engage-cli "
                      "server add-user”"),
                   name, csp_database_get_location (database));
      return FALSE;
    }
  if (!must_exist && exists)
    {
      g_set_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_DUPLICATE,
                   _ ("The server %s has a user “%s” already. Give them a role here with "
                      "“csp-engage-cli server set-role”"),
                   csp_database_get_location (database), name);
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_role (CspServerRole role, gint64 partner_id, GError **error)
{
  if (role == CSP_SERVER_ROLE_NONE)
    {
      g_set_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_INVALID,
                   _ ("Choose a role: viewer, editor or admin"));
      return FALSE;
    }
  if (partner_id != 0 && role != CSP_SERVER_ROLE_VIEWER)
    {
      g_set_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_INVALID,
                   _ ("Only a viewer can be limited to one partner’s records; an %s sees and "
                      "changes every partner’s"),
                   csp_server_role_to_string (role));
      return FALSE;
    }
  return TRUE;
}

/* The partner as the server's functions take it: NULL for none. */
static char *
partner_value (gint64 partner_id)
{
  return partner_id != 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, partner_id) : NULL;
}

/**
 * csp_server_roles_add_user:
 * @name: the new login
 * @role: viewer, editor or admin
 * @partner_id: for a viewer who is to see only one partner's activities
 *   and actions, that partner (see csp_server_roles_find_partner()); else 0
 * @password: (nullable): the password, sent to the server only as its
 *   SCRAM-SHA-256 verifier; %NULL for a login that the server checks
 *   otherwise (GSSAPI, peer, certificates)
 *
 * Makes a login role on the server and gives it @role in this database,
 * in one transaction, with an audit entry. For an admin of the database,
 * the owner of its tables, or a superuser.
 */
gboolean
csp_server_roles_add_user (CspDatabase *database, const char *name, CspServerRole role,
                           gint64 partner_id, const char *password, GError **error)
{
  g_autofree char *verifier = NULL;
  g_autofree char *partner = partner_value (partner_id);

  g_return_val_if_fail (CSP_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_role (role, partner_id, error) || !check_may_manage_users (database, TRUE, error) ||
      !check_user_name (database, name, FALSE, error))
    return FALSE;
  if (password != NULL && *password == '\0')
    {
      g_set_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_INVALID,
                   _ ("The password is empty"));
      return FALSE;
    }
  if (password != NULL)
    verifier = csp_server_roles_password_verifier (password);
  return run_in_transaction (
      database,
      "SELECT csp_server_add_user (CAST (? AS TEXT), CAST (? AS TEXT), CAST (? AS BIGINT), "
      "CAST (? AS TEXT))",
      (const char *const[]){ name, csp_server_role_to_string (role), partner, verifier }, 4, error);
}

/**
 * csp_server_roles_set_role:
 * @name: a login on the server
 * @role: viewer, editor or admin
 * @partner_id: as for csp_server_roles_add_user()
 *
 * Gives an existing login @role in this database in place of any role it
 * had here, with an audit entry. The change holds from the login's next
 * statement; a desktop sees it through #CspDatabase::changed on
 * "server_user".
 */
gboolean
csp_server_roles_set_role (CspDatabase *database, const char *name, CspServerRole role,
                           gint64 partner_id, GError **error)
{
  g_autofree char *partner = partner_value (partner_id);

  g_return_val_if_fail (CSP_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_role (role, partner_id, error) || !check_may_manage_users (database, TRUE, error) ||
      !check_user_name (database, name, TRUE, error))
    return FALSE;
  return run_in_transaction (
      database,
      "SELECT csp_server_set_role (CAST (? AS TEXT), CAST (? AS TEXT), CAST (? AS BIGINT))",
      (const char *const[]){ name, csp_server_role_to_string (role), partner }, 3, error);
}

/**
 * csp_server_roles_remove_user:
 * @name: a user of this database
 *
 * Takes away @name's role in this database, with an audit entry, and
 * drops the login too if csp_server_roles_add_user() made it and it has
 * no other role on the server.
 */
gboolean
csp_server_roles_remove_user (CspDatabase *database, const char *name, GError **error)
{
  g_autoptr (GPtrArray) users = NULL;
  gboolean known = FALSE;

  g_return_val_if_fail (CSP_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_may_manage_users (database, TRUE, error) ||
      !check_user_name (database, name, TRUE, error))
    return FALSE;
  users = csp_server_roles_list_users (database, error);
  if (users == NULL)
    return FALSE;
  for (guint i = 0; i < users->len && !known; i++)
    known = g_str_equal (((CspServerUser *) g_ptr_array_index (users, i))->name, name);
  if (!known)
    {
      g_set_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_NOT_FOUND,
                   _ ("“%s” is not a user of %s"), name, csp_database_get_location (database));
      return FALSE;
    }
  return run_in_transaction (database, "SELECT csp_server_remove_user (CAST (? AS TEXT))",
                             (const char *const[]){ name }, 1, error);
}

#define LIST_USERS_SQL                                                                             \
  "WITH grp AS (SELECT s.kind, r.oid FROM server_role s JOIN pg_roles r ON r.rolname = "           \
  "s.role_name), "                                                                                 \
  "mem AS (SELECT m.member, grp.kind FROM pg_auth_members m JOIN grp ON grp.oid = m.roleid "       \
  "WHERE m.member NOT IN (SELECT oid FROM grp)) "                                                  \
  "SELECT r.rolname, (SELECT mem.kind FROM mem WHERE mem.member = r.oid ORDER BY "                 \
  "array_position (ARRAY['admin', 'editor', 'viewer', 'partner_viewer'], mem.kind) LIMIT 1), "     \
  "coalesce (u.partner_id, 0), p.name, r.rolcanlogin "                                             \
  "FROM pg_roles r LEFT JOIN server_user u ON u.role_name = r.rolname "                            \
  "LEFT JOIN partner p ON p.id = u.partner_id "                                                    \
  "WHERE r.oid IN (SELECT member FROM mem) OR u.id IS NOT NULL ORDER BY r.rolname"

static CspServerRole
role_of_kind (const char *kind)
{
  CspServerRole role = CSP_SERVER_ROLE_NONE;

  if (g_strcmp0 (kind, "partner_viewer") == 0)
    return CSP_SERVER_ROLE_VIEWER;
  csp_server_role_from_string (kind, &role);
  return role;
}

/**
 * csp_server_roles_list_users:
 *
 * The logins with a role in this database (and any it keeps a partner
 * for), by name. For admins.
 *
 * Returns: (transfer full) (element-type CspServerUser): the users, or
 *   %NULL with @error set
 */
GPtrArray *
csp_server_roles_list_users (CspDatabase *database, GError **error)
{
  g_autoptr (GPtrArray) users =
      g_ptr_array_new_with_free_func ((GDestroyNotify) csp_server_user_free);
  g_autoptr (CspStatement) stmt = NULL;
  CspStep step;

  g_return_val_if_fail (CSP_IS_DATABASE (database), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_may_manage_users (database, FALSE, error))
    return NULL;
  stmt = csp_database_prepare (database, LIST_USERS_SQL, error);
  if (stmt == NULL)
    return NULL;
  while ((step = csp_statement_step (stmt, error)) == CSP_STEP_ROW)
    {
      CspServerUser *user = g_new0 (CspServerUser, 1);
      const char *kind = csp_statement_get_text (stmt, 1);

      user->name = g_strdup (csp_statement_get_text (stmt, 0));
      user->role = role_of_kind (kind);
      user->partner_scoped = g_strcmp0 (kind, "partner_viewer") == 0;
      if (user->partner_scoped || csp_statement_get_int64 (stmt, 2) != 0)
        {
          user->partner_id = csp_statement_get_int64 (stmt, 2);
          user->partner_name = g_strdup (csp_statement_get_text (stmt, 3));
        }
      user->can_login = csp_statement_get_int64 (stmt, 4) != 0;
      g_ptr_array_add (users, user);
    }
  if (step == CSP_STEP_FAILED)
    return NULL;
  return g_steal_pointer (&users);
}

/* Passwords: the server is given SCRAM-SHA-256 verifiers, as psql's
 * \password does, so that no password is ever in a statement, a server
 * log or pg_stat_activity. */

#define SCRAM_ITERATIONS 4096
#define SCRAM_SALT_LENGTH 16
#define SHA256_LENGTH 32

static void
hmac_sha256 (const guint8 *key, gsize key_length, const guint8 *data, gsize data_length,
             guint8 digest[SHA256_LENGTH])
{
  g_autoptr (GHmac) hmac = g_hmac_new (G_CHECKSUM_SHA256, key, key_length);
  gsize length = SHA256_LENGTH;

  g_hmac_update (hmac, data, (gssize) data_length);
  g_hmac_get_digest (hmac, digest, &length);
  g_assert (length == SHA256_LENGTH);
}

/* PBKDF2-HMAC-SHA-256 of one block, which is all SCRAM-SHA-256 takes. */
static void
salt_password (const char *password, const guint8 *salt, gsize salt_length,
               guint8 salted[SHA256_LENGTH])
{
  gsize password_length = strlen (password);
  guint8 first[SCRAM_SALT_LENGTH + 4];
  guint8 block[SHA256_LENGTH];

  g_assert (salt_length == SCRAM_SALT_LENGTH);
  memcpy (first, salt, salt_length);
  memcpy (first + salt_length, "\0\0\0\1", 4);
  hmac_sha256 ((const guint8 *) password, password_length, first, sizeof first, block);
  memcpy (salted, block, SHA256_LENGTH);
  for (int i = 1; i < SCRAM_ITERATIONS; i++)
    {
      hmac_sha256 ((const guint8 *) password, password_length, block, SHA256_LENGTH, block);
      for (int j = 0; j < SHA256_LENGTH; j++)
        salted[j] ^= block[j];
    }
}

/* Characters that SASLprep (RFC 4013) maps to a space, or to nothing. */
static gboolean
is_mapped_to_space (gunichar c)
{
  return c == 0x00A0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200B) || c == 0x202F || c == 0x205F ||
         c == 0x3000;
}

static gboolean
is_mapped_to_nothing (gunichar c)
{
  return c == 0x00AD || c == 0x034F || c == 0x1806 || (c >= 0x180B && c <= 0x180D) ||
         (c >= 0x200B && c <= 0x200D) || c == 0x2060 || (c >= 0xFE00 && c <= 0xFE0F) || c == 0xFEFF;
}

/* What SASLprep prohibits (controls, private use, non-characters,
 * unassigned code points, direction and tagging characters). */
static gboolean
is_prohibited (gunichar c)
{
  GUnicodeType type = g_unichar_type (c);

  return type == G_UNICODE_CONTROL || type == G_UNICODE_PRIVATE_USE ||
         type == G_UNICODE_UNASSIGNED || type == G_UNICODE_SURROGATE ||
         (c >= 0xFDD0 && c <= 0xFDEF) || (c & 0xFFFE) == 0xFFFE || (c >= 0xFFF9 && c <= 0xFFFD) ||
         (c >= 0x2FF0 && c <= 0x2FFB) || c == 0x0340 || c == 0x0341 || c == 0x200E || c == 0x200F ||
         (c >= 0x202A && c <= 0x202E) || (c >= 0x2060 && c <= 0x206F) || c == 0xE0001 ||
         (c >= 0xE0020 && c <= 0xE007F) || c == 0x06DD || c == 0x070F || c == 0x180E ||
         c == 0x2028 || c == 0x2029;
}

/* The password as PostgreSQL and libpq prepare it before hashing
 * (SASLprep): ASCII as it is; other text with spaces mapped, some
 * characters dropped and NFKC normalisation; the raw bytes when it is
 * not UTF-8 or holds a prohibited character. (The one difference: text
 * that mixes right-to-left and left-to-right letters, which
 * PostgreSQL takes raw, is normalised here. Normalisation rarely changes
 * such text.) */
static char *
prepare_password (const char *password)
{
  g_autoptr (GString) mapped = NULL;
  g_autofree char *normalized = NULL;
  gboolean ascii = TRUE;

  for (const char *p = password; *p != '\0' && ascii; p++)
    ascii = (guchar) *p < 0x80;
  if (ascii || !g_utf8_validate (password, -1, NULL))
    return g_strdup (password);

  mapped = g_string_new (NULL);
  for (const char *p = password; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (is_mapped_to_space (c))
        g_string_append_c (mapped, ' ');
      else if (!is_mapped_to_nothing (c))
        g_string_append_unichar (mapped, c);
    }
  normalized = g_utf8_normalize (mapped->str, -1, G_NORMALIZE_NFKC);
  if (normalized == NULL || *normalized == '\0')
    return g_strdup (password);
  for (const char *p = normalized; *p != '\0'; p = g_utf8_next_char (p))
    if (is_prohibited (g_utf8_get_char (p)))
      return g_strdup (password);
  return g_steal_pointer (&normalized);
}

/* Through a volatile pointer, which the compiler may not leave out as
 * it may a memset() of memory about to be freed. */
static void
wipe (void *data, gsize length)
{
  volatile guint8 *bytes = data;

  for (gsize i = 0; i < length; i++)
    bytes[i] = 0;
}

static void
random_salt (guint8 *salt, gsize length)
{
  if (getrandom (salt, length, 0) == (gssize) length)
    return;
  for (gsize i = 0; i < length; i++)
    salt[i] = (guint8) g_random_int_range (0, 256);
}

/**
 * csp_server_roles_password_verifier:
 * @password: a password
 *
 * The SCRAM-SHA-256 verifier of @password with a new random salt, in the
 * form PostgreSQL stores: the server checks a login against it, and
 * cannot tell the password from it.
 *
 * Returns: (transfer full): "SCRAM-SHA-256$4096:salt$StoredKey:ServerKey"
 */
char *
csp_server_roles_password_verifier (const char *password)
{
  g_autofree char *prepared = NULL;
  guint8 salt[SCRAM_SALT_LENGTH];
  guint8 salted[SHA256_LENGTH];
  guint8 client_key[SHA256_LENGTH];
  guint8 stored_key[SHA256_LENGTH];
  guint8 server_key[SHA256_LENGTH];
  gsize length = SHA256_LENGTH;
  g_autoptr (GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autofree char *salt_text = NULL;
  g_autofree char *stored_text = NULL;
  g_autofree char *server_text = NULL;
  char *verifier;

  g_return_val_if_fail (password != NULL, NULL);

  prepared = prepare_password (password);
  random_salt (salt, sizeof salt);
  salt_password (prepared, salt, sizeof salt, salted);
  hmac_sha256 (salted, sizeof salted, (const guint8 *) "Client Key", 10, client_key);
  hmac_sha256 (salted, sizeof salted, (const guint8 *) "Server Key", 10, server_key);
  g_checksum_update (checksum, client_key, sizeof client_key);
  g_checksum_get_digest (checksum, stored_key, &length);

  salt_text = g_base64_encode (salt, sizeof salt);
  stored_text = g_base64_encode (stored_key, sizeof stored_key);
  server_text = g_base64_encode (server_key, sizeof server_key);
  verifier = g_strdup_printf ("SCRAM-SHA-256$%d:%s$%s:%s", SCRAM_ITERATIONS, salt_text, stored_text,
                              server_text);

  /* What could lead back to the password goes at once. */
  wipe (salted, sizeof salted);
  wipe (client_key, sizeof client_key);
  wipe (prepared, strlen (prepared));
  return verifier;
}
