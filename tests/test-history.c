/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "csp-history.h"
#include "csp-records.h"
#include "test-store-file.h"

/* Undo and redo of a session's changes, on a real database file. */

typedef struct
{
  TestStoreFile file;
  CspHistory *history;
} Fixture;

static void
fixture_set_up (Fixture *fixture, gconstpointer data)
{
  test_store_file_set_up (&fixture->file, "csp-history");
  fixture->history = csp_history_new (fixture->file.store);
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer data)
{
  g_clear_object (&fixture->history);
  test_store_file_tear_down (&fixture->file);
}

static CspRecord *
new_partner (const char *name)
{
  CspRecord *partner = csp_record_new (CSP_TYPE_PARTNER);

  csp_record_set_string (partner, "name", name);
  csp_record_set_string (partner, "kind", "police");
  return partner;
}

static guint
count (Fixture *fixture, GType type)
{
  g_autoptr (GError) error = NULL;
  guint n = 0;

  g_assert_true (csp_store_count (fixture->file.store, type, NULL, &n, &error));
  return n;
}

static void
assert_stored_name (Fixture *fixture, gint64 id, const char *expected)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CspRecord) partner = csp_store_get (fixture->file.store, CSP_TYPE_PARTNER, id, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (csp_record_get_string (partner, "name"), ==, expected);
}

static void
test_history_insert (Fixture *fixture, gconstpointer data)
{
  g_autoptr (CspRecord) partner = new_partner ("Hertfordshire Constabulary");
  g_autoptr (GError) error = NULL;
  g_autofree char *label = NULL;

  g_assert_false (csp_history_can_undo (fixture->history));
  g_assert_true (csp_history_insert (fixture->history, partner, &error));
  g_assert_cmpuint (count (fixture, CSP_TYPE_PARTNER), ==, 1);
  label = csp_history_describe_undo (fixture->history);
  g_assert_cmpstr (label, ==, "Undo adding the partner");

  g_assert_true (csp_history_undo (fixture->history, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count (fixture, CSP_TYPE_PARTNER), ==, 0);
  g_assert_true (csp_history_can_redo (fixture->history));

  g_assert_true (csp_history_redo (fixture->history, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count (fixture, CSP_TYPE_PARTNER), ==, 1);
  assert_stored_name (fixture, csp_record_get_id (partner), "Hertfordshire Constabulary");
}

static void
test_history_update (Fixture *fixture, gconstpointer data)
{
  g_autoptr (CspRecord) partner = new_partner ("Herts Police");
  g_autoptr (GError) error = NULL;
  gint64 id;

  g_assert_true (csp_history_insert (fixture->history, partner, &error));
  id = csp_record_get_id (partner);
  csp_record_set_string (partner, "name", "Hertfordshire Constabulary");
  g_assert_true (csp_history_update (fixture->history, partner, &error));
  csp_record_set_string (partner, "name", "Hertfordshire Police");
  g_assert_true (csp_history_update (fixture->history, partner, &error));

  g_assert_true (csp_history_undo (fixture->history, &error));
  assert_stored_name (fixture, id, "Hertfordshire Constabulary");
  g_assert_true (csp_history_undo (fixture->history, &error));
  assert_stored_name (fixture, id, "Herts Police");
  g_assert_true (csp_history_redo (fixture->history, &error));
  assert_stored_name (fixture, id, "Hertfordshire Constabulary");
  g_assert_true (csp_history_redo (fixture->history, &error));
  assert_stored_name (fixture, id, "Hertfordshire Police");
  g_assert_no_error (error);
}

static void
test_history_new_change_clears_redo (Fixture *fixture, gconstpointer data)
{
  g_autoptr (CspRecord) first = new_partner ("First");
  g_autoptr (CspRecord) second = new_partner ("Second");
  g_autoptr (GError) error = NULL;

  g_assert_true (csp_history_insert (fixture->history, first, &error));
  g_assert_true (csp_history_undo (fixture->history, &error));
  g_assert_true (csp_history_can_redo (fixture->history));
  g_assert_true (csp_history_insert (fixture->history, second, &error));
  g_assert_false (csp_history_can_redo (fixture->history));
}

/* Deleting an action takes its progress updates; undo brings all back. */
static void
test_history_delete_restores_owned (Fixture *fixture, gconstpointer data)
{
  g_autoptr (CspRecord) plan = csp_record_new (CSP_TYPE_PLAN);
  g_autoptr (CspRecord) priority = csp_record_new (CSP_TYPE_PRIORITY);
  g_autoptr (CspRecord) action = csp_record_new (CSP_TYPE_ACTION);
  g_autoptr (CspRecord) lead = new_partner ("Welwyn Hatfield Borough Council");
  g_autoptr (GError) error = NULL;
  gint64 action_id;

  csp_record_set_string (plan, "title", "Action Plan 2021-22");
  csp_record_set_int (plan, "year_start", 2021);
  csp_record_set_string (plan, "status", "draft");
  g_assert_true (csp_store_insert (fixture->file.store, plan, &error));
  csp_record_set_int (priority, "plan_id", csp_record_get_id (plan));
  csp_record_set_string (priority, "title", "Reduce anti-social behaviour");
  csp_record_set_int (priority, "position", 1);
  g_assert_true (csp_store_insert (fixture->file.store, priority, &error));
  g_assert_true (csp_store_insert (fixture->file.store, lead, &error));

  csp_record_set_int (action, "priority_id", csp_record_get_id (priority));
  csp_record_set_string (action, "ref", "1.1");
  csp_record_set_string (action, "title", "Monthly multi-agency ASB panel");
  csp_record_set_string (action, "status", "in_progress");
  csp_record_set_int (action, "percent_complete", 40);
  csp_record_set_int (action, "lead_partner_id", csp_record_get_id (lead));
  {
    gint64 partner_ids[] = { csp_record_get_id (lead) };
    csp_record_set_partner_ids (action, partner_ids, 1);
  }
  g_assert_true (csp_history_insert (fixture->history, action, &error));
  action_id = csp_record_get_id (action);
  for (int i = 0; i < 3; i++)
    {
      g_autoptr (CspRecord) update = csp_record_new (CSP_TYPE_ACTION_UPDATE);
      g_autofree char *date = g_strdup_printf ("2021-0%d-15", 4 + i);

      csp_record_set_int (update, "action_id", action_id);
      csp_record_set_string (update, "update_date", date);
      csp_record_set_string (update, "author", "Bianca Moreira");
      csp_record_set_string (update, "status", "in_progress");
      csp_record_set_int (update, "percent_complete", 10 * (i + 1));
      csp_record_set_string (update, "commentary", "Panel met; hotspots reviewed.");
      g_assert_true (csp_history_insert (fixture->history, update, &error));
    }
  g_assert_cmpuint (count (fixture, CSP_TYPE_ACTION_UPDATE), ==, 3);

  g_assert_true (csp_history_delete (fixture->history, action, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count (fixture, CSP_TYPE_ACTION), ==, 0);
  g_assert_cmpuint (count (fixture, CSP_TYPE_ACTION_UPDATE), ==, 0);

  g_assert_true (csp_history_undo (fixture->history, &error));
  g_assert_no_error (error);
  {
    g_autoptr (CspRecord) restored =
        csp_store_get (fixture->file.store, CSP_TYPE_ACTION, action_id, &error);
    guint n_ids = 0;
    const gint64 *ids;

    g_assert_no_error (error);
    g_assert_cmpstr (csp_record_get_string (restored, "title"), ==,
                     "Monthly multi-agency ASB panel");
    ids = csp_record_get_partner_ids (restored, &n_ids);
    g_assert_cmpuint (n_ids, ==, 1);
    g_assert_cmpint (ids[0], ==, csp_record_get_id (lead));
  }
  g_assert_cmpuint (count (fixture, CSP_TYPE_ACTION_UPDATE), ==, 3);

  /* Redo deletes it all again, and undo once more restores it all. */
  g_assert_true (csp_history_redo (fixture->history, &error));
  g_assert_cmpuint (count (fixture, CSP_TYPE_ACTION_UPDATE), ==, 0);
  g_assert_true (csp_history_undo (fixture->history, &error));
  g_assert_cmpuint (count (fixture, CSP_TYPE_ACTION_UPDATE), ==, 3);
  g_assert_no_error (error);
}

static CspRecord *
new_report (void)
{
  CspRecord *report = csp_record_new (CSP_TYPE_COMMITTEE_REPORT);

  csp_record_set_string (report, "council_name", "Welwyn Hatfield Borough Council");
  csp_record_set_string (report, "committee", "Overview and Scrutiny Committee");
  csp_record_set_string (report, "meeting_date", "2021-07-05");
  csp_record_set_string (report, "report_of", "Executive Member");
  csp_record_set_string (report, "title", "Community Engagement");
  csp_record_set_string (report, "author", "Community Safety Officer");
  csp_record_set_string (report, "report_date", "2021-06-21");
  csp_record_set_string (report, "status", "draft");
  return report;
}

/* A report with two sections and a choice of chart, as one group. */
static gint64
add_report_group (Fixture *fixture)
{
  g_autoptr (CspRecord) report = new_report ();
  g_autoptr (GError) error = NULL;

  g_assert_true (csp_history_begin_group (fixture->history, "Undo starting the report",
                                          "Redo starting the report", &error));
  g_assert_true (csp_history_insert (fixture->history, report, &error));
  for (int i = 1; i <= 2; i++)
    {
      g_autoptr (CspRecord) section = csp_record_new (CSP_TYPE_REPORT_SECTION);

      csp_record_set_int (section, "report_id", csp_record_get_id (report));
      csp_record_set_int (section, "position", i);
      csp_record_set_string (section, "heading", i == 1 ? "Purpose" : "Background");
      g_assert_true (csp_history_insert (fixture->history, section, &error));
    }
  {
    g_autoptr (CspRecord) part = csp_record_new (CSP_TYPE_REPORT_PART);

    csp_record_set_int (part, "report_id", csp_record_get_id (report));
    csp_record_set_string (part, "kind", "chart");
    csp_record_set_string (part, "name", "reach-trend");
    csp_record_set_bool (part, "included", FALSE);
    g_assert_true (csp_history_insert (fixture->history, part, &error));
  }
  g_assert_true (csp_history_end_group (fixture->history, TRUE, &error));
  g_assert_no_error (error);
  return csp_record_get_id (report);
}

static void
count_changed_cb (CspHistory *history, GType type, guint *n_signals)
{
  (*n_signals)++;
}

/* A group is one step of undo and redo, and views hear of it once per
 * type of record, at its end. */
static void
test_history_group (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *label = NULL;
  guint n_signals = 0;

  g_signal_connect (fixture->history, "changed", G_CALLBACK (count_changed_cb), &n_signals);
  add_report_group (fixture);
  g_assert_cmpuint (n_signals, ==, 3);
  g_assert_cmpuint (count (fixture, CSP_TYPE_REPORT_SECTION), ==, 2);
  label = csp_history_describe_undo (fixture->history);
  g_assert_cmpstr (label, ==, "Undo starting the report");

  g_assert_true (csp_history_undo (fixture->history, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count (fixture, CSP_TYPE_COMMITTEE_REPORT), ==, 0);
  g_assert_cmpuint (count (fixture, CSP_TYPE_REPORT_SECTION), ==, 0);
  g_assert_cmpuint (count (fixture, CSP_TYPE_REPORT_PART), ==, 0);
  g_assert_false (csp_history_can_undo (fixture->history));

  g_assert_true (csp_history_redo (fixture->history, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count (fixture, CSP_TYPE_COMMITTEE_REPORT), ==, 1);
  g_assert_cmpuint (count (fixture, CSP_TYPE_REPORT_SECTION), ==, 2);
  g_assert_cmpuint (count (fixture, CSP_TYPE_REPORT_PART), ==, 1);
}

/* A group given up leaves nothing behind, in the database or the history. */
static void
test_history_group_cancelled (Fixture *fixture, gconstpointer data)
{
  g_autoptr (CspRecord) report = new_report ();
  g_autoptr (GError) error = NULL;

  g_assert_true (csp_history_begin_group (fixture->history, "Undo", "Redo", &error));
  g_assert_true (csp_history_insert (fixture->history, report, &error));
  csp_history_end_group (fixture->history, FALSE, NULL);
  g_assert_cmpuint (count (fixture, CSP_TYPE_COMMITTEE_REPORT), ==, 0);
  g_assert_false (csp_history_can_undo (fixture->history));
  g_assert_false (csp_database_in_transaction (csp_store_get_database (fixture->file.store)));
}

/* Deleting a report takes its sections and its parts; undo brings all back. */
static void
test_history_delete_report (Fixture *fixture, gconstpointer data)
{
  gint64 id = add_report_group (fixture);
  g_autoptr (GError) error = NULL;
  g_autoptr (CspRecord) report =
      csp_store_get (fixture->file.store, CSP_TYPE_COMMITTEE_REPORT, id, &error);

  g_assert_true (csp_history_delete (fixture->history, report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count (fixture, CSP_TYPE_REPORT_SECTION), ==, 0);
  g_assert_cmpuint (count (fixture, CSP_TYPE_REPORT_PART), ==, 0);
  g_assert_true (csp_history_undo (fixture->history, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count (fixture, CSP_TYPE_REPORT_SECTION), ==, 2);
  g_assert_cmpuint (count (fixture, CSP_TYPE_REPORT_PART), ==, 1);
  {
    CspQuery query = { .ref_column = "report_id", .ref_id = id };
    g_autoptr (GPtrArray) parts =
        csp_store_list (fixture->file.store, CSP_TYPE_REPORT_PART, &query, &error);

    g_assert_cmpuint (parts->len, ==, 1);
    g_assert_false (csp_record_get_bool (parts->pdata[0], "included"));
  }
}

/* Undo never overwrites what someone else saved after the change. */
static void
test_history_undo_conflict (Fixture *fixture, gconstpointer data)
{
  g_autoptr (CspRecord) partner = new_partner ("Herts Police");
  g_autoptr (CspRecord) theirs = NULL;
  g_autoptr (GError) error = NULL;
  gint64 id;

  g_assert_true (csp_history_insert (fixture->history, partner, &error));
  id = csp_record_get_id (partner);
  csp_record_set_string (partner, "name", "Hertfordshire Constabulary");
  g_assert_true (csp_history_update (fixture->history, partner, &error));

  theirs = csp_store_get (fixture->file.store, CSP_TYPE_PARTNER, id, &error);
  csp_record_set_string (theirs, "notes", "Changed in another window");
  g_assert_true (csp_store_update (fixture->file.store, theirs, &error));

  g_assert_false (csp_history_undo (fixture->history, &error));
  g_assert_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_CONFLICT);
  assert_stored_name (fixture, id, "Hertfordshire Constabulary");
  g_assert_true (csp_history_can_undo (fixture->history));
}

static void
changed_cb (CspHistory *history, GType type, GType *last)
{
  *last = type;
}

static void
test_history_signals (Fixture *fixture, gconstpointer data)
{
  g_autoptr (CspRecord) partner = new_partner ("Herts Police");
  g_autoptr (GError) error = NULL;
  GType last = G_TYPE_INVALID;

  g_signal_connect (fixture->history, "changed", G_CALLBACK (changed_cb), &last);
  g_assert_true (csp_history_insert (fixture->history, partner, &error));
  g_assert_true (last == CSP_TYPE_PARTNER);
  last = G_TYPE_INVALID;
  g_assert_true (csp_history_undo (fixture->history, &error));
  g_assert_true (last == CSP_TYPE_PARTNER);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/history/insert", test_history_insert);
  ADD ("/history/update", test_history_update);
  ADD ("/history/new-change-clears-redo", test_history_new_change_clears_redo);
  ADD ("/history/delete/restores-owned", test_history_delete_restores_owned);
  ADD ("/history/undo/conflict", test_history_undo_conflict);
  ADD ("/history/signals", test_history_signals);
  ADD ("/history/group", test_history_group);
  ADD ("/history/group/cancelled", test_history_group_cancelled);
  ADD ("/history/delete/report-restores-sections-and-parts", test_history_delete_report);
#undef ADD
  return g_test_run ();
}
