/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bench-import"

#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "csp-database.h"
#include "csp-import.h"
#include "csp-sample.h"
#include "csp-store.h"
#include "test-folder.h"

/* Imports 100,000 activities from a CSV file (every row validated, its
 * references resolved, stored through the store with its audit entry and
 * search index, all in one transaction) and, in the same run, times the
 * sqlite3 shell's .import of the same file into a bare table. The target
 * is to take at most three times as long as the shell.
 *
 *   bench-import [--rows N] [--check]
 *
 * --check exits 1 when the target is missed. The sqlite3 shell is $SQLITE3,
 * else sqlite3 from $PATH; without it only our import is timed. */

static const char *const formats[] = { "Webinar", "Street briefing", "Event", "Survey",
                                       "Social media" };
static const char *const modes[] = { "Online", "In person", "Hybrid" };
static const char *const leads[] = { "WHBC", "Herts Police", "HFRS", "Clarion", "" };
static const char *const wards[] = { "Hatfield Central", "Welwyn West", "Handside", "Peartree",
                                     "Borough-wide" };

static void
write_file (const char *path, guint n_rows)
{
  g_autoptr (GString) text =
      g_string_new ("Title,Start date,End date,Format,Mode,Location,Ward,Audience,Lead partner,"
                    "Supporting partners,Participants,Reach,Status,Outcome\r\n");
  g_autoptr (GError) error = NULL;

  for (guint i = 0; i < n_rows; i++)
    {
      guint day = 1 + i % 28, month = 1 + (i / 28) % 12, year = 2015 + (i / 336) % 10;

      g_string_append_printf (
          text,
          "Activity %u for the community safety partnership,%02u/%02u/%04u,%02u/%02u/%04u,%s,%s,"
          "\"Community centre, room %u\",%s,Residents and businesses,%s,%s,%u,\"%u,%03u\","
          "delivered,\"Residents raised parking and anti-social behaviour; follow-up %u "
          "agreed with partners\"\r\n",
          i, day, month, year, day, month, year, formats[i % G_N_ELEMENTS (formats)],
          modes[i % G_N_ELEMENTS (modes)], i % 40, wards[i % G_N_ELEMENTS (wards)],
          leads[i % G_N_ELEMENTS (leads)], i % 3 == 0 ? "\"WHBC; HFRS\"" : "", i % 500, 1 + i % 97,
          i % 1000, i);
    }
  if (!g_file_set_contents (path, text->str, (gssize) text->len, &error))
    g_error ("%s", error->message);
}

static double
seconds_since (gint64 start)
{
  return (double) (g_get_monotonic_time () - start) / G_USEC_PER_SEC;
}

/* Ours: a fresh database with the sample partnership, then the import. */
static double
time_import (const char *dir, const char *csv, guint n_rows, double *check_seconds)
{
  g_autofree char *path = g_build_filename (dir, "csp-engage.db", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (CspDatabase) database = csp_database_open (path, &error);
  g_autoptr (CspStore) store = NULL;
  g_autoptr (CspImport) import = NULL;
  g_autoptr (GFile) file = g_file_new_for_path (csv);
  gint64 start, checked;

  if (database == NULL)
    g_error ("%s", error->message);
  store = csp_store_new (database);
  if (!csp_sample_load (store, &error))
    g_error ("%s", error->message);

  start = g_get_monotonic_time ();
  import = csp_import_new (store, CSP_IMPORT_ACTIVITIES);
  if (!csp_import_open (import, file, NULL, &error) ||
      !csp_import_check (import, NULL, NULL, NULL, &error))
    g_error ("%s", error->message);
  checked = g_get_monotonic_time ();
  if (!csp_import_write (import, CSP_IMPORT_FLAGS_NONE, NULL, NULL, NULL, &error))
    g_error ("%s", error->message);
  *check_seconds = (double) (checked - start) / G_USEC_PER_SEC;
  if (csp_import_get_summary (import)->n_inserted != n_rows)
    g_error ("imported %u rows of %u", csp_import_get_summary (import)->n_inserted, n_rows);
  return seconds_since (start);
}

static gboolean
run_shell (const char *sqlite3, const char *database, const char *command)
{
  const char *argv[] = { sqlite3, "-batch", database, command, NULL };
  g_autoptr (GError) error = NULL;
  g_autofree char *err = NULL;
  int status = 0;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, &err,
                     &status, &error) ||
      !g_spawn_check_wait_status (status, &error))
    {
      g_printerr ("sqlite3: %s %s\n", error->message, err != NULL ? err : "");
      return FALSE;
    }
  return TRUE;
}

/* The shell's .import into a bare table: no validation, index, search
 * index or audit. Best of three. */
static double
time_shell (const char *sqlite3, const char *dir, const char *csv)
{
  double best = -1.0;

  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *name = g_strdup_printf ("shell-%u.db", i);
      g_autofree char *database = g_build_filename (dir, name, NULL);
      g_autofree char *command = g_strdup_printf (".import --csv --skip 1 '%s' bare", csv);
      gint64 start;
      double seconds;

      if (!run_shell (sqlite3, database,
                      "CREATE TABLE bare (title TEXT, start_date TEXT, end_date TEXT, "
                      "format TEXT, mode TEXT, location TEXT, ward TEXT, audience TEXT, "
                      "lead_partner TEXT, partners TEXT, participants TEXT, reach TEXT, "
                      "status TEXT, outcome TEXT)"))
        return -1.0;
      start = g_get_monotonic_time ();
      if (!run_shell (sqlite3, database, command))
        return -1.0;
      seconds = seconds_since (start);
      if (best < 0 || seconds < best)
        best = seconds;
      g_remove (database);
    }
  return best;
}

int
main (int argc, char *argv[])
{
  int n_rows = 100000;
  gboolean check = FALSE;
  const GOptionEntry entries[] = {
    { "rows", 0, 0, G_OPTION_ARG_INT, &n_rows, "Rows to import (100000)", "N" },
    { "check", 0, 0, G_OPTION_ARG_NONE, &check, "Fail when the target is missed", NULL },
    G_OPTION_ENTRY_NULL,
  };
  g_autoptr (GOptionContext) context = g_option_context_new (NULL);
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *sqlite3 = NULL;
  double ours, checking = 0, shell = -1.0;
  int status = 0;

  setlocale (LC_ALL, "");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || n_rows <= 0)
    {
      g_printerr ("bench-import: %s\n", error != NULL ? error->message : "--rows must be > 0");
      return 2;
    }
  sqlite3 = g_strdup (g_getenv ("SQLITE3"));
  if (sqlite3 == NULL || *sqlite3 == '\0')
    {
      g_free (sqlite3);
      sqlite3 = g_find_program_in_path ("sqlite3");
    }

  dir = test_folder_new ("csp-bench-import");
  csv = g_build_filename (dir, "activities.csv", NULL);
  write_file (csv, (guint) n_rows);

  ours = time_import (dir, csv, (guint) n_rows, &checking);
  if (sqlite3 != NULL)
    shell = time_shell (sqlite3, dir, csv);

  g_print ("%u activities from CSV\n", (guint) n_rows);
  g_print ("  csp-engage import      %8.2f s  (check %.2f s, write %.2f s; %.0f rows/s)\n", ours,
           checking, ours - checking, n_rows / ours);
  if (shell > 0)
    {
      double ratio = ours / shell;

      g_print ("  sqlite3 shell .import  %8.2f s  (bare table, best of 3)\n", shell);
      g_print ("  ratio                  %8.1f x  (target: at most 3 x): %s\n", ratio,
               ratio <= 3.0 ? "met" : "missed");
      if (check && ratio > 3.0)
        status = 1;
    }
  else
    g_print ("  sqlite3 shell not found: set $SQLITE3 to compare\n");
  test_folder_remove (dir);
  return status;
}
