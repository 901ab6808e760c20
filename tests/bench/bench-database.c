/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bench-database"

#include "config.h"

#include <json-glib/json-glib.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>

#include "bench-build.h"
#include "csp-database.h"
#include "csp-records.h"
#include "csp-store.h"
#include "test-engine.h"
#include "test-folder.h"

/* The two engines side by side, in one run, PostgreSQL on this machine:
 *
 * 1. Lists over 100,000 activities: the first page of the list, a search
 *    and a sort, as the Activities page asks for them, and the counts it
 *    shows beside them (the median of 9 runs each). The target is
 *    PostgreSQL within 2 times SQLite.
 * 2. Writers: 20 processes, each editing records of a shared set of 1,000
 *    for a while (60 s unless BENCH_SECONDS says otherwise), report edits
 *    per second and conflicts. Lost updates, checked from the audit log
 *    against the final rows, must be 0.
 *
 *   bench-database [--rows N] [--writers N] [--seconds S]
 *   bench-database --writer LOCATION SECONDS SEED   (one writer process)
 *
 * Needs a PostgreSQL server through libpq's PG* variables (meson runs it
 * under pg_virtualenv); without one only SQLite is measured. */

#define N_RUNS 9
#define PAGE 128
#define SHARED_RECORDS 1000

static const char *const words[] = { "Community", "safety", "webinar",   "briefing", "Hatfield",
                                     "Welwyn",    "scam",   "awareness", "knife",    "crime",
                                     "residents", "youth",  "burglary",  "survey",   "parents",
                                     "Watch",     "online", "drop-in",   "session",  "Handside" };

static double
seconds_since (gint64 start)
{
  return (double) (g_get_monotonic_time () - start) / G_USEC_PER_SEC;
}

static int
compare_doubles (const void *a, const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

static void
run_or_die (CspDatabase *database, const char *sql)
{
  g_autoptr (GError) error = NULL;

  if (!csp_database_exec (database, sql, &error))
    g_error ("%s", error->message);
}

/* @n activities made by the engine from a table of words: the same rows
 * on both engines, by one portable statement. */
static void
fill (CspDatabase *database, guint n)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CspStatement) word = NULL;
  g_autoptr (CspStatement) insert = NULL;

  run_or_die (database, "CREATE TABLE bench_word (k INTEGER PRIMARY KEY, w TEXT NOT NULL)");
  word = csp_database_prepare (database, "INSERT INTO bench_word (k, w) VALUES (?, ?)", &error);
  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    {
      csp_statement_reset (word);
      csp_statement_bind_int64 (word, 1, i);
      csp_statement_bind_text (word, 2, words[i]);
      if (!csp_statement_run (word, &error))
        g_error ("%s", error->message);
    }
  insert = csp_database_prepare (
      database,
      "INSERT INTO activity (title, start_date, format, mode, status, participants, reach, "
      "location, include_in_appendix, created_at, updated_at) "
      "WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?) "
      "SELECT a.w || ' ' || b.w || ' ' || c.w || ' ' || CAST (n.i AS TEXT), "
      "CAST (2000 + n.i % 27 AS TEXT) || '-' || "
      "CASE WHEN n.i % 12 < 9 THEN '0' ELSE '' END || CAST (1 + n.i % 12 AS TEXT) || '-' || "
      "CASE WHEN n.i % 28 < 9 THEN '0' ELSE '' END || CAST (1 + n.i % 28 AS TEXT), "
      "'webinar', 'online', 'delivered', n.i % 200, n.i % 20000, b.w, 1, "
      "'2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z' "
      "FROM n JOIN bench_word a ON a.k = n.i % 20 JOIN bench_word b ON b.k = (n.i * 7) % 20 "
      "JOIN bench_word c ON c.k = (n.i * 13) % 20",
      &error);
  if (insert == NULL)
    g_error ("%s", error->message);
  csp_statement_bind_int64 (insert, 1, n);
  if (!csp_statement_run (insert, &error))
    g_error ("%s", error->message);
  /* SQLite's full-text index is a table of its own; PostgreSQL's is a
   * generated column. */
  if (csp_database_get_engine (database) == CSP_ENGINE_SQLITE)
    run_or_die (database, "INSERT INTO activity_fts (rowid, title, location) "
                          "SELECT id, title, location FROM activity");
  /* As after a night's maintenance: statistics, and on the server the
   * search index's pending entries merged (autovacuum's work). */
  run_or_die (database, csp_database_pick_sql (database, "ANALYZE", "VACUUM ANALYZE"));
}

static double
median_of_runs (CspStore *store, const CspQuery *query, gboolean count_only)
{
  double runs[N_RUNS];

  for (guint i = 0; i < N_RUNS; i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (GPtrArray) records = NULL;
      guint count = 0;
      gint64 start = g_get_monotonic_time ();

      if (count_only ? !csp_store_count (store, CSP_TYPE_ACTIVITY, query, &count, &error)
                     : (records = csp_store_list (store, CSP_TYPE_ACTIVITY, query, &error)) == NULL)
        g_error ("%s", error->message);
      runs[i] = seconds_since (start);
    }
  qsort (runs, N_RUNS, sizeof runs[0], compare_doubles);
  return runs[N_RUNS / 2];
}

typedef struct
{
  double first_page, count, search, search_count, sort;
} ListTimes;

static void
measure_lists (const char *location, guint n_rows, ListTimes *times)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CspDatabase) database = csp_database_open (location, &error);
  g_autoptr (CspStore) store = NULL;
  CspQuery first_page = { .limit = PAGE };
  CspQuery search = { .limit = PAGE, .text = "hatfield brief" };
  CspQuery sort = { .limit = PAGE, .sort_column = "title", .descending = TRUE };

  if (database == NULL)
    g_error ("%s", error->message);
  fill (database, n_rows);
  store = csp_store_new (database);
  times->first_page = median_of_runs (store, &first_page, FALSE);
  times->count = median_of_runs (store, &first_page, TRUE);
  times->search = median_of_runs (store, &search, FALSE);
  times->search_count = median_of_runs (store, &search, TRUE);
  times->sort = median_of_runs (store, &sort, FALSE);
}

/* One writer process: edits random records of the shared set until time
 * is up, each edit read first and saved with its version. Prints
 * "edits conflicts busy". */
static int
run_writer (const char *location, double seconds, guint seed)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CspDatabase) database = csp_database_open (location, &error);
  g_autoptr (CspStore) store = NULL;
  GRand *rand = g_rand_new_with_seed (seed);
  guint edits = 0, conflicts = 0, busy = 0;
  gint64 start = g_get_monotonic_time ();

  if (database == NULL)
    g_error ("%s", error->message);
  store = csp_store_new (database);
  while (seconds_since (start) < seconds)
    {
      gint64 id = g_rand_int_range (rand, 1, SHARED_RECORDS + 1);
      g_autoptr (CspRecord) record = csp_store_get (store, CSP_TYPE_ACTIVITY, id, &error);

      if (record == NULL)
        g_error ("%s", error->message);
      /* A value no other edit writes. */
      csp_record_set_int (record, "participants", (gint64) seed * 10000000 + edits + conflicts);
      if (csp_store_update (store, record, &error))
        edits++;
      else if (g_error_matches (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_CONFLICT))
        conflicts++;
      else if (g_error_matches (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_LOCKED))
        busy++;
      else
        g_error ("%s", error->message);
      g_clear_error (&error);
    }
  g_print ("%u %u %u\n", edits, conflicts, busy);
  g_rand_free (rand);
  return 0;
}

/* Each record's audit entries must form one chain from its first value
 * to its final one: an update whose "old" value is not the previous
 * update's "new" value overwrote work it never saw. */
static guint
count_lost_updates (CspDatabase *database, guint *n_audited)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CspStatement) stmt = csp_database_prepare (
      database,
      "SELECT a.id, a.participants, l.changes FROM activity a "
      "LEFT JOIN audit_log l ON l.table_name = 'activity' AND l.row_id = a.id "
      "AND l.operation = 'update' ORDER BY a.id, l.id",
      &error);
  gint64 current_id = 0, previous = -1, final_value = -1;
  guint lost = 0;
  CspStep step;

  *n_audited = 0;
  while ((step = csp_statement_step (stmt, &error)) == CSP_STEP_ROW)
    {
      gint64 id = csp_statement_get_int64 (stmt, 0);
      const char *changes = csp_statement_get_text (stmt, 2);

      if (id != current_id)
        {
          lost += current_id != 0 && previous != -1 && previous != final_value;
          current_id = id;
          previous = -1;
          final_value = csp_statement_get_int64 (stmt, 1);
        }
      if (changes != NULL)
        {
          g_autoptr (JsonNode) root = json_from_string (changes, NULL);
          JsonArray *pair =
              json_object_get_array_member (json_node_get_object (root), "participants");
          gint64 old_value = json_array_get_int_element (pair, 0);

          lost += previous != -1 && old_value != previous;
          previous = json_array_get_int_element (pair, 1);
          ++*n_audited;
        }
    }
  if (step == CSP_STEP_FAILED)
    g_error ("%s", error->message);
  lost += previous != -1 && previous != final_value;
  return lost;
}

static void
measure_writers (const char *self_path, const char *location, guint n_writers, double seconds)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CspDatabase) database = csp_database_open (location, &error);
  g_autoptr (GPtrArray) children = g_ptr_array_new ();
  g_autofree char *seconds_text = g_strdup_printf ("%g", seconds);
  guint edits = 0, conflicts = 0, busy = 0, audited = 0, lost;
  gint64 start;

  if (database == NULL)
    g_error ("%s", error->message);
  fill (database, SHARED_RECORDS);

  start = g_get_monotonic_time ();
  for (guint i = 0; i < n_writers; i++)
    {
      g_autofree char *seed = g_strdup_printf ("%u", i + 1);
      const char *argv[] = { self_path, "--writer", location, seconds_text, seed, NULL };
      GSubprocess *child = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error);

      if (child == NULL)
        g_error ("%s", error->message);
      g_ptr_array_add (children, child);
    }
  for (guint i = 0; i < children->len; i++)
    {
      g_autoptr (GSubprocess) child = children->pdata[i];
      g_autofree char *output = NULL;
      guint e = 0, c = 0, b = 0;

      if (!g_subprocess_communicate_utf8 (child, NULL, NULL, &output, NULL, &error) ||
          !g_subprocess_get_successful (child) || sscanf (output, "%u %u %u", &e, &c, &b) != 3)
        g_error ("writer %u failed", i + 1);
      edits += e;
      conflicts += c;
      busy += b;
    }
  seconds = seconds_since (start);
  lost = count_lost_updates (database, &audited);
  g_print ("  %-10s %8.0f edits/s  %8u edits  %8u conflicts  %6u busy  %u audited  "
           "lost updates: %u%s\n",
           csp_database_get_engine (database) == CSP_ENGINE_SQLITE ? "SQLite" : "PostgreSQL",
           edits / seconds, edits, conflicts, busy, audited, lost + (audited != edits),
           audited != edits ? " (audit entries differ from edits)" : "");
}

int
main (int argc, char **argv)
{
  g_autofree char *folder = NULL;
  g_autofree char *file_rows = NULL;
  g_autofree char *file_writers = NULL;
  g_autofree char *server_rows = NULL;
  g_autofree char *server_writers = NULL;
  gboolean server = g_getenv ("PGHOST") != NULL || g_getenv ("PGPORT") != NULL;
  const char *seconds_env = g_getenv ("BENCH_SECONDS");
  double seconds = seconds_env != NULL ? g_ascii_strtod (seconds_env, NULL) : 60;
  guint n_rows = 100000, n_writers = 20;
  ListTimes file_times, server_times;

  setlocale (LC_ALL, "");
  if (argc == 5 && g_str_equal (argv[1], "--writer"))
    return run_writer (argv[2], g_ascii_strtod (argv[3], NULL), (guint) atoi (argv[4]));
  for (int i = 1; i + 1 < argc; i += 2)
    {
      if (g_str_equal (argv[i], "--rows"))
        n_rows = (guint) atoi (argv[i + 1]);
      else if (g_str_equal (argv[i], "--writers"))
        n_writers = (guint) atoi (argv[i + 1]);
      else if (g_str_equal (argv[i], "--seconds"))
        seconds = g_ascii_strtod (argv[i + 1], NULL);
    }

  bench_build_print ();
  folder = test_folder_new ("bench-database");
  file_rows = g_build_filename (folder, "lists.db", NULL);
  file_writers = g_build_filename (folder, "writers.db", NULL);
  g_setenv ("CSP_TEST_ENGINE", "postgresql", TRUE);
  if (server)
    {
      server_rows = test_engine_new_location (folder, NULL);
      server_writers = test_engine_new_location (folder, NULL);
    }

  g_print ("Lists over %u activities (median of %d runs; a page is %d records, the count "
           "is the list's \"N activities\")\n",
           n_rows, N_RUNS, PAGE);
  measure_lists (file_rows, n_rows, &file_times);
  g_print ("  %-28s %10s %12s %8s\n", "", "SQLite", "PostgreSQL", "ratio");
  if (server)
    measure_lists (server_rows, n_rows, &server_times);
#define ROW(label, field)                                                                          \
  g_print ("  %-28s %8.1f ms %10.1f ms %7.2fx\n", label, file_times.field * 1000,                  \
           server ? server_times.field * 1000 : 0,                                                 \
           server ? server_times.field / file_times.field : 0)
  ROW ("first page", first_page);
  ROW ("count of all", count);
  ROW ("search \"hatfield brief\": page", search);
  ROW ("search \"hatfield brief\": count", search_count);
  ROW ("sort by title, descending", sort);
#undef ROW

  g_print ("Writers: %u processes editing %d shared records for %.0f s\n", n_writers,
           SHARED_RECORDS, seconds);
  measure_writers (argv[0], file_writers, n_writers, seconds);
  if (server)
    measure_writers (argv[0], server_writers, n_writers, seconds);
  else
    g_print ("  PostgreSQL: no server (PGHOST/PGPORT unset); run under pg_virtualenv\n");

  test_engine_drop_location (server_rows);
  test_engine_drop_location (server_writers);
  test_folder_remove (folder);
  return 0;
}
