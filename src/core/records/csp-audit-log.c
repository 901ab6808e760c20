/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "csp-audit-log"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "csp-audit-log.h"

/* Reading the audit log back: who last changed a record, and when, said
 * as a person says it. The log itself is written by the store, in the
 * same transaction as each change. */

void
csp_change_free (CspChange *change)
{
  if (change == NULL)
    return;
  g_free (change->user_name);
  g_clear_pointer (&change->when, g_date_time_unref);
  g_free (change->operation);
  g_free (change);
}

/**
 * csp_audit_log_last_change:
 * @table: the record's table
 * @row_id: the record's id
 *
 * Returns: (transfer full) (nullable): the newest audit entry of the
 *   record, or %NULL with @error unset when it has none
 */
CspChange *
csp_audit_log_last_change (CspDatabase *database, const char *table, gint64 row_id, GError **error)
{
  g_autoptr (CspStatement) stmt = NULL;
  g_autoptr (CspChange) change = NULL;
  CspStep step;

  g_return_val_if_fail (CSP_IS_DATABASE (database), NULL);
  g_return_val_if_fail (table != NULL, NULL);

  stmt = csp_database_prepare (database,
                               "SELECT user_name, created_at, operation FROM audit_log "
                               "WHERE table_name = ? AND row_id = ? ORDER BY id DESC LIMIT 1",
                               error);
  if (stmt == NULL)
    return NULL;
  csp_statement_bind_text (stmt, 1, table);
  csp_statement_bind_int64 (stmt, 2, row_id);
  step = csp_statement_step (stmt, error);
  if (step != CSP_STEP_ROW)
    return NULL;
  change = g_new0 (CspChange, 1);
  change->user_name = g_strdup (csp_statement_get_text (stmt, 0));
  change->when = g_date_time_new_from_iso8601 (csp_statement_get_text (stmt, 1), NULL);
  change->operation = g_strdup (csp_statement_get_text (stmt, 2));
  return g_steal_pointer (&change);
}

/* Who is @user's SQL: the server's login, or a value bound first. */
#define BULK_ENTRY_SQL(user, now)                                                                  \
  "INSERT INTO audit_log (user_name, table_name, row_id, operation, changes, created_at, "         \
  "updated_at) SELECT " user ", ?, 0, ?, ?, t, t FROM (SELECT " now " AS t) AS now"

/**
 * csp_audit_log_add_bulk:
 * @table: the table of the records
 * @operation: "insert" (an import) or "delete" (its undo)
 * @changes: a JSON object saying what happened to which ids
 *
 * One entry for many records changed at once, in the caller's
 * transaction: its row id is 0. Who and when are the engine's, as for
 * the store's entries (session_user and the clock of a server).
 */
gboolean
csp_audit_log_add_bulk (CspDatabase *database, const char *table, const char *operation,
                        const char *changes, GError **error)
{
  gboolean server = csp_database_get_engine (database) == CSP_ENGINE_POSTGRESQL;
  g_autoptr (CspStatement) stmt =
      csp_database_prepare (database,
                            server ? BULK_ENTRY_SQL ("session_user", CSP_POSTGRESQL_NOW)
                                   : BULK_ENTRY_SQL ("?", CSP_SQLITE_NOW),
                            error);
  int index = 1;

  g_return_val_if_fail (table != NULL && operation != NULL && changes != NULL, FALSE);

  if (stmt == NULL)
    return FALSE;
  if (!server)
    csp_statement_bind_text (stmt, index++, g_get_user_name ());
  csp_statement_bind_text (stmt, index++, table);
  csp_statement_bind_text (stmt, index++, operation);
  csp_statement_bind_text (stmt, index++, changes);
  return csp_statement_run (stmt, error);
}

/**
 * csp_change_describe_when:
 * @now: the time to say it from, usually now
 *
 * Returns: (transfer full): when the change was made, in local time and
 *   as a person says it: "today at 10:42", "yesterday at 16:05",
 *   "on 30 Jun 2021 at 09:15"
 */
char *
csp_change_describe_when (const CspChange *change, GDateTime *now)
{
  g_autoptr (GDateTime) local = NULL;
  g_autoptr (GDateTime) today = NULL;
  g_autofree char *time = NULL;
  g_autofree char *day = NULL;

  g_return_val_if_fail (change != NULL, NULL);

  if (change->when == NULL)
    return g_strdup (_ ("at an unknown time"));
  local = g_date_time_to_local (change->when);
  today = g_date_time_to_local (now);
  time = g_date_time_format (local, "%H:%M");
  if (g_date_time_get_year (local) == g_date_time_get_year (today) &&
      g_date_time_get_day_of_year (local) == g_date_time_get_day_of_year (today))
    return g_strdup_printf (_ ("today at %s"), time);
  {
    g_autoptr (GDateTime) yesterday = g_date_time_add_days (today, -1);

    if (g_date_time_get_year (local) == g_date_time_get_year (yesterday) &&
        g_date_time_get_day_of_year (local) == g_date_time_get_day_of_year (yesterday))
      return g_strdup_printf (_ ("yesterday at %s"), time);
  }
  /* Translators: a date as "30 Jun 2021"; see GLib's g_date_time_format(). */
  day = g_date_time_format (local, _ ("%-d %b %Y"));
  return g_strdup_printf (_ ("on %s at %s"), day, time);
}
