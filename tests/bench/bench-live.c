/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdlib.h>

#include "bench-build.h"
#include "csp-activities-page.h"
#include "csp-records.h"
#include "csp-window.h"
#include "gui-test-util.h"
#include "test-engine.h"
#include "test-store-file.h"

/* How long a colleague's change takes to show: from the commit on one
 * connection to the other window's Activities list showing it, 50 times,
 * on the engine of the run (a file, or with CSP_TEST_ENGINE=postgresql the
 * server of libpq's PG* variables). Target: under 1 second. Prints the
 * median and the worst. Needs a display (xvfb-run). */

#define N_CHANGES 50

static int
compare_doubles (const void *a, const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

int
main (int argc, char **argv)
{
  GuiFixture gui = { 0 };
  g_autoptr (CspStore) colleague = NULL;
  CspWindow *window;
  CspActivitiesPage *page;
  double waits[N_CHANGES];

  if (!gui_test_init (&argc, &argv))
    return 77;
  bench_build_print ();
  gui_fixture_set_up (&gui);
  window = csp_window_new (NULL, gui.context);
  page = CSP_ACTIVITIES_PAGE (csp_window_get_page (window, "activities"));
  colleague = test_store_file_open_location (gui.location);
  present_window (GTK_WINDOW (window));

  for (guint i = 0; i < N_CHANGES; i++)
    {
      g_autoptr (CspRecord) activity = csp_record_new (CSP_TYPE_ACTIVITY);
      g_autoptr (GError) error = NULL;
      g_autofree char *title = g_strdup_printf ("Change %u", i);
      guint before = csp_activities_page_get_n_matching (page);
      gint64 committed;

      /* Changes come at moments unrelated to the poll's. */
      g_usleep (g_random_int_range (0, 300000));
      run_main_loop (10);
      csp_record_set_string (activity, "title", title);
      csp_record_set_string (activity, "start_date", "2031-01-01");
      csp_record_set_string (activity, "format", "event");
      csp_record_set_string (activity, "mode", "online");
      csp_record_set_string (activity, "status", "planned");
      if (!csp_store_insert (colleague, activity, &error))
        g_error ("%s", error->message);
      committed = g_get_monotonic_time ();
      while (csp_activities_page_get_n_matching (page) == before &&
             g_get_monotonic_time () - committed < 10 * G_USEC_PER_SEC)
        if (!g_main_context_iteration (NULL, FALSE))
          g_usleep (500);
      waits[i] = (double) (g_get_monotonic_time () - committed) / 1000;
    }
  qsort (waits, N_CHANGES, sizeof waits[0], compare_doubles);
  g_print ("Commit to list, %s, %d changes: median %.0f ms, worst %.0f ms (target: under 1000 "
           "ms)\n",
           test_engine_is_postgresql () ? "PostgreSQL" : "SQLite", N_CHANGES, waits[N_CHANGES / 2],
           waits[N_CHANGES - 1]);

  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&colleague);
  gui_fixture_tear_down (&gui);
  return 0;
}
