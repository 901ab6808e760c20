/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bench-interface"

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
/* The bare SQLite queries the window is measured against. */
#include <sqlite3.h>
#include <stdio.h>
#include <sys/resource.h>
#include <sys/wait.h>

#include "bench-build.h"
#include "csp-activities-page.h"
#include "csp-window.h"

/* The main window on databases of 1,000, 100,000 and 1,000,000 activities:
 * time from start to the first frame, time to apply a search and a sort
 * (until the list shows the result), and peak memory. Beside them, in the
 * same run: a minimal GTK 4 window (start to first frame, peak memory) and
 * the same queries run straight through SQLite. Each measurement runs in
 * a process of its own, so start-up and memory are a cold program's; each
 * figure is the median of three such runs, as the machines are noisy.
 *
 * bench-interface [--sizes 1000,100000,1000000] [--folder DIR]
 * Needs a display (run under xvfb-run). The databases are made once in
 * DIR (default: a temporary folder) and kept there for later runs. */

static gint64 process_start_us;

static double
ms_since (gint64 start_us)
{
  return (g_get_monotonic_time () - start_us) / 1000.0;
}

static gboolean
frame_cb (GtkWidget *widget, GdkFrameClock *clock, gpointer done)
{
  *(gboolean *) done = TRUE;
  return G_SOURCE_REMOVE;
}

/* Waits until @widget has painted a frame since now. */
static void
wait_for_frame (GtkWidget *widget)
{
  gboolean done = FALSE;

  gtk_widget_queue_draw (widget);
  gtk_widget_add_tick_callback (widget, frame_cb, &done, NULL);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

/* Child process: the application's window on @path. Prints
 * "first-frame MS search MS sort MS". */
static int
run_app (const char *path)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CspDatabase) database = NULL;
  g_autoptr (CspStore) store = NULL;
  g_autoptr (CspContext) context = NULL;
  CspWindow *window;
  CspActivitiesPage *page;
  GtkColumnView *view;
  double first_frame, search, sort;
  gint64 start;

  adw_init ();
  database = csp_database_open (path, &error);
  if (database == NULL)
    g_error ("%s", error->message);
  store = csp_store_new (database);
  context = csp_context_new (store);
  window = csp_window_new (NULL, context);
  gtk_window_present (GTK_WINDOW (window));
  wait_for_frame (GTK_WIDGET (window));
  first_frame = ms_since (process_start_us);

  page = CSP_ACTIVITIES_PAGE (csp_window_get_page (window, "activities"));
  start = g_get_monotonic_time ();
  csp_activities_page_set_search_text (page, "webinar");
  wait_for_frame (GTK_WIDGET (window));
  search = ms_since (start);
  csp_activities_page_set_search_text (page, "");

  view = csp_activities_page_get_column_view (page);
  start = g_get_monotonic_time ();
  gtk_column_view_sort_by_column (
      view, g_list_model_get_item (gtk_column_view_get_columns (view), 1), GTK_SORT_ASCENDING);
  wait_for_frame (GTK_WIDGET (window));
  sort = ms_since (start);

  printf ("%.1f %.1f %.1f\n", first_frame, search, sort);
  return 0;
}

/* Child process: an empty GTK 4 window. Prints "first-frame MS". */
static int
run_minimal (void)
{
  GtkWidget *window;

  gtk_init ();
  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  wait_for_frame (window);
  printf ("%.1f\n", ms_since (process_start_us));
  return 0;
}

static double
time_query (sqlite3 *db, const char *sql, const char *text)
{
  sqlite3_stmt *stmt = NULL;
  gint64 start = g_get_monotonic_time ();

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    g_error ("%s", sqlite3_errmsg (db));
  if (text != NULL)
    sqlite3_bind_text (stmt, 1, text, -1, SQLITE_STATIC);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    ;
  sqlite3_finalize (stmt);
  return ms_since (start);
}

/* Child process: what the list asks of SQLite for a search and for a
 * sort (the count, and the first page), run directly. */
static int
run_bare (const char *path)
{
  sqlite3 *db = NULL;
  double search, sort;

  sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL);
  search = time_query (db,
                       "SELECT count(*) FROM activity WHERE id IN (SELECT rowid FROM activity_fts "
                       "WHERE activity_fts MATCH ?)",
                       "\"webinar\"*") +
           time_query (db,
                       "SELECT * FROM activity WHERE id IN (SELECT rowid FROM activity_fts "
                       "WHERE activity_fts MATCH ?) ORDER BY start_date DESC, id DESC LIMIT 256",
                       "\"webinar\"*");
  sort =
      time_query (db, "SELECT count(*) FROM activity", NULL) +
      time_query (db, "SELECT * FROM activity ORDER BY title COLLATE NOCASE ASC, id ASC LIMIT 256",
                  NULL);
  sqlite3_close (db);
  printf ("%.1f %.1f\n", search, sort);
  return 0;
}

/* Runs this program in @mode as a child; returns its output and peak memory. */
static char *
run_child (const char *self_path, const char *mode, const char *db, long *max_rss_kib)
{
  int out[2];
  pid_t pid;
  int status;
  struct rusage usage;
  char buffer[256] = { 0 };
  ssize_t n;

  if (pipe (out) != 0)
    g_error ("pipe failed");
  pid = fork ();
  if (pid == 0)
    {
      dup2 (out[1], STDOUT_FILENO);
      close (out[0]);
      execl (self_path, self_path, "--child", mode, db != NULL ? db : "-", (char *) NULL);
      _exit (127);
    }
  close (out[1]);
  n = read (out[0], buffer, sizeof buffer - 1);
  close (out[0]);
  wait4 (pid, &status, 0, &usage);
  if (n <= 0 || !WIFEXITED (status) || WEXITSTATUS (status) != 0)
    g_error ("The %s run failed", mode);
  *max_rss_kib = usage.ru_maxrss;
  return g_strdup (buffer);
}

/* Each measurement is the median of this many runs of its child process. */
#define N_RUNS 3

static int
compare_doubles (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

/* Runs the child in @mode N_RUNS times; @medians gets the median of each
 * of the @n_values figures it prints, @rss_kib the median peak memory. */
static void
measure (const char *self_path, const char *mode, const char *db, guint n_values, double *medians,
         long *rss_kib)
{
  double runs[3][N_RUNS];
  double rss[N_RUNS];

  g_assert (n_values <= G_N_ELEMENTS (runs));
  for (guint r = 0; r < N_RUNS; r++)
    {
      long max_rss = 0;
      g_autofree char *output = run_child (self_path, mode, db, &max_rss);
      const char *next = output;

      for (guint v = 0; v < n_values; v++)
        {
          char *end = NULL;

          runs[v][r] = g_ascii_strtod (next, &end);
          if (end == next)
            g_error ("Unreadable measurements from the %s run: %s", mode, output);
          next = end;
        }
      rss[r] = (double) max_rss;
    }
  for (guint v = 0; v < n_values; v++)
    {
      qsort (runs[v], N_RUNS, sizeof (double), compare_doubles);
      medians[v] = runs[v][N_RUNS / 2];
    }
  qsort (rss, N_RUNS, sizeof (double), compare_doubles);
  *rss_kib = (long) rss[N_RUNS / 2];
}

static const char *const formats[] = { "webinar",         "social_media", "survey",
                                       "street_briefing", "event",        "leaflet_drop" };
static const char *const modes[] = { "online", "in_person", "hybrid" };
static const char *const words[] = {
  "Community", "safety",        "webinar", "briefing",  "Hatfield", "Welwyn",   "scam",
  "awareness", "knife",         "crime",   "residents", "youth",    "burglary", "survey",
  "parents",   "Neighbourhood", "Watch",   "online",    "drop-in",  "session"
};

/* A database of @n plausible activities, written straight with prepared
 * statements (the store's checks would only slow the set-up down). */
static void
make_database (const char *path, guint n)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CspDatabase) database = csp_database_open (path, &error);
  g_autoptr (CspStatement) activity = NULL;
  g_autoptr (CspStatement) fts = NULL;
  GRand *rand = g_rand_new_with_seed (42);

  if (database == NULL || !csp_database_begin (database, &error))
    g_error ("%s", error->message);
  activity = csp_database_prepare (
      database,
      "INSERT INTO activity (title, start_date, format, mode, status, "
      "participants, reach, location, include_in_appendix, created_at, "
      "updated_at) VALUES (?, ?, ?, ?, 'delivered', ?, ?, ?, 1, "
      "'2026-01-01T00:00:00.000000Z', '2026-01-01T00:00:00.000000Z') RETURNING id",
      &error);
  fts = csp_database_prepare (
      database, "INSERT INTO activity_fts (rowid, title, location) VALUES (?, ?, ?)", &error);
  if (activity == NULL || fts == NULL)
    g_error ("%s", error->message);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *title = g_strdup_printf (
          "%s %s %s %u", words[g_rand_int_range (rand, 0, 20)],
          words[g_rand_int_range (rand, 0, 20)], words[g_rand_int_range (rand, 0, 20)], i);
      g_autofree char *date =
          g_strdup_printf ("%04d-%02d-%02d", g_rand_int_range (rand, 2000, 2027),
                           g_rand_int_range (rand, 1, 13), g_rand_int_range (rand, 1, 29));
      const char *location = words[g_rand_int_range (rand, 0, 20)];
      gint64 id;

      csp_statement_reset (activity);
      csp_statement_bind_text (activity, 1, title);
      csp_statement_bind_text (activity, 2, date);
      csp_statement_bind_text (activity, 3, formats[g_rand_int_range (rand, 0, 6)]);
      csp_statement_bind_text (activity, 4, modes[g_rand_int_range (rand, 0, 3)]);
      csp_statement_bind_int64 (activity, 5, g_rand_int_range (rand, 0, 200));
      csp_statement_bind_int64 (activity, 6, g_rand_int_range (rand, 0, 20000));
      csp_statement_bind_text (activity, 7, location);
      if (csp_statement_step (activity, &error) != CSP_STEP_ROW)
        g_error ("%s", error->message);
      id = csp_statement_get_int64 (activity, 0);
      if (!csp_statement_run (activity, &error))
        g_error ("%s", error->message);
      csp_statement_reset (fts);
      csp_statement_bind_int64 (fts, 1, id);
      csp_statement_bind_text (fts, 2, title);
      csp_statement_bind_text (fts, 3, location);
      if (!csp_statement_run (fts, &error))
        g_error ("%s", error->message);
    }
  if (!csp_database_commit (database, &error))
    g_error ("%s", error->message);
  g_rand_free (rand);
}

int
main (int argc, char **argv)
{
  g_autofree char *sizes_option = NULL;
  g_autofree char *folder = NULL;
  const GOptionEntry entries[] = {
    { "sizes", 0, 0, G_OPTION_ARG_STRING, &sizes_option, "Activities per database", "N,N,..." },
    { "folder", 0, 0, G_OPTION_ARG_FILENAME, &folder, "Where the databases are kept", "DIR" },
    G_OPTION_ENTRY_NULL,
  };
  g_autoptr (GOptionContext) context = NULL;
  g_auto (GStrv) sizes = NULL;
  long minimal_rss = 0;
  double minimal_ms = 0;

  process_start_us = g_get_monotonic_time ();
  if (argc == 4 && g_str_equal (argv[1], "--child"))
    {
      if (g_str_equal (argv[2], "app"))
        return run_app (argv[3]);
      if (g_str_equal (argv[2], "bare"))
        return run_bare (argv[3]);
      return run_minimal ();
    }

  context = g_option_context_new (NULL);
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, NULL))
    return 2;
  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_printerr ("bench-interface needs a display: run it under xvfb-run\n");
      return 77;
    }
  bench_build_print ();
  sizes = g_strsplit (sizes_option != NULL ? sizes_option : "1000,100000,1000000", ",", -1);
  if (folder == NULL)
    folder = g_dir_make_tmp ("csp-bench-XXXXXX", NULL);

  measure (argv[0], "minimal", NULL, 1, &minimal_ms, &minimal_rss);
  printf (
      "Minimal GTK 4 window: first frame %.1f ms, peak memory %.1f MiB (medians of %d runs)\n\n",
      minimal_ms, minimal_rss / 1024.0, N_RUNS);
  printf ("%-10s %12s %8s %10s %10s %10s %10s %12s %8s\n", "activities", "first frame", "×min",
          "search", "bare", "sort", "bare", "peak MiB", "+min");
  for (guint i = 0; sizes[i] != NULL; i++)
    {
      guint n = (guint) g_ascii_strtoull (sizes[i], NULL, 10);
      g_autofree char *name = g_strdup_printf ("activities-%u.db", n);
      g_autofree char *path = g_build_filename (folder, name, NULL);
      double app[3], bare[2];
      long app_rss = 0, bare_rss = 0;

      if (!g_file_test (path, G_FILE_TEST_EXISTS))
        make_database (path, n);
      measure (argv[0], "app", path, 3, app, &app_rss);
      measure (argv[0], "bare", path, 2, bare, &bare_rss);
      printf ("%-10u %9.1f ms %7.2fx %7.1f ms %7.1f ms %7.1f ms %7.1f ms %12.1f %+8.1f\n", n,
              app[0], app[0] / minimal_ms, app[1], bare[0], app[2], bare[1], app_rss / 1024.0,
              (app_rss - minimal_rss) / 1024.0);
    }
  printf ("\nTargets: first frame within 1.5x the minimal window; search and sort within 2x the "
          "bare query; memory for 1,000,000 activities within 50 MiB of the minimal window.\n");
  return 0;
}
