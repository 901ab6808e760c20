/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "csp-history.h"
#include "csp-import.h"
#include "csp-records.h"
#include "test-engine.h"
#include "test-store-file.h"

/* Undo and redo of a session's changes, on the engine of the run. */

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
assert_stored_title (Fixture *fixture, gint64 id, const char *expected)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CspRecord) activity =
      csp_store_get (fixture->file.store, CSP_TYPE_ACTIVITY, id, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (csp_record_get_string (activity, "title"), ==, expected);
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

/* The partners of a record are a set: undo finds the record unchanged
 * whatever order they were given in. */
static void
test_history_partners_any_order (Fixture *fixture, gconstpointer data)
{
  g_autoptr (CspRecord) first = new_partner ("Hertfordshire Constabulary");
  g_autoptr (CspRecord) second = new_partner ("Hertfordshire Fire and Rescue");
  g_autoptr (CspRecord) activity = csp_record_new (CSP_TYPE_ACTIVITY);
  g_autoptr (GError) error = NULL;

  g_assert_true (csp_store_insert (fixture->file.store, first, &error));
  g_assert_true (csp_store_insert (fixture->file.store, second, &error));
  csp_record_set_string (activity, "title", "Joint patrol");
  csp_record_set_string (activity, "start_date", "2021-05-01");
  csp_record_set_string (activity, "format", "event");
  csp_record_set_string (activity, "mode", "in_person");
  csp_record_set_string (activity, "status", "delivered");
  {
    const gint64 ids[] = { csp_record_get_id (second), csp_record_get_id (first),
                           csp_record_get_id (second) };
    csp_record_set_partner_ids (activity, ids, G_N_ELEMENTS (ids));
  }
  g_assert_true (csp_history_insert (fixture->history, activity, &error));
  csp_record_set_string (activity, "outcome", "Reassured residents");
  g_assert_true (csp_history_update (fixture->history, activity, &error));
  g_assert_no_error (error);

  g_assert_true (csp_history_undo (fixture->history, &error));
  g_assert_no_error (error);
  g_assert_true (csp_history_redo (fixture->history, &error));
  g_assert_no_error (error);
  g_assert_true (csp_history_undo (fixture->history, &error));
  g_assert_true (csp_history_undo (fixture->history, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count (fixture, CSP_TYPE_ACTIVITY), ==, 0);
}

/* Two connections */

/* A colleague: another connection to the same database. */
static CspStore *
open_colleague (Fixture *fixture)
{
  return test_store_file_open_location (fixture->file.location);
}

static gint64
sql_int (CspStore *store, const char *sql, gint64 bound)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CspStatement) stmt =
      csp_database_prepare (csp_store_get_database (store), sql, &error);

  g_assert_no_error (error);
  if (strchr (sql, '?') != NULL)
    csp_statement_bind_int64 (stmt, 1, bound);
  g_assert_cmpint (csp_statement_step (stmt, &error), ==, CSP_STEP_ROW);
  g_assert_no_error (error);
  return csp_statement_get_int64 (stmt, 0);
}

/* What the audit log says of row @id of @table, entry by entry: the
 * record's name ("insert Joint patrol", "delete Joint patrol") or, for an
 * update, just "update". */
static char *
audit_story (Fixture *fixture, const char *table, gint64 id)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CspStatement) stmt = csp_database_prepare (
      csp_store_get_database (fixture->file.store),
      "SELECT operation, changes FROM audit_log WHERE table_name = ? AND row_id = ? ORDER BY id",
      &error);
  g_autoptr (GString) story = g_string_new (NULL);
  CspStep step;

  g_assert_no_error (error);
  csp_statement_bind_text (stmt, 1, table);
  csp_statement_bind_int64 (stmt, 2, id);
  while ((step = csp_statement_step (stmt, &error)) == CSP_STEP_ROW)
    {
      const char *operation = csp_statement_get_text (stmt, 0);
      g_autoptr (JsonNode) root = json_from_string (csp_statement_get_text (stmt, 1), &error);
      JsonObject *changes;

      g_assert_no_error (error);
      changes = json_node_get_object (root);
      if (story->len > 0)
        g_string_append (story, ", ");
      g_string_append (story, operation);
      if (!g_str_equal (operation, "update"))
        g_string_append_printf (story, " %s",
                                json_object_has_member (changes, "name")
                                    ? json_object_get_string_member (changes, "name")
                                    : json_object_get_string_member (changes, "title"));
    }
  g_assert_cmpint (step, ==, CSP_STEP_DONE);
  return g_string_free (g_steal_pointer (&story), FALSE);
}

static void
assert_audit_story (Fixture *fixture, const char *table, gint64 id, const char *expected)
{
  g_autofree char *story = audit_story (fixture, table, id);

  g_assert_cmpstr (story, ==, expected);
}

/* Undoing a change that a colleague has changed again since, or deleted,
 * is refused with a message that says so, and their work stays; so is
 * redoing one they changed after it was undone. */
static void
test_history_colleague_changed (Fixture *fixture, gconstpointer data)
{
  g_autoptr (CspStore) colleague = open_colleague (fixture);
  g_autoptr (CspRecord) partner = new_partner ("Herts Police");
  g_autoptr (CspRecord) theirs = NULL;
  g_autoptr (GError) error = NULL;
  gint64 id;

  g_assert_true (csp_history_insert (fixture->history, partner, &error));
  id = csp_record_get_id (partner);
  csp_record_set_string (partner, "name", "Hertfordshire Constabulary");
  g_assert_true (csp_history_update (fixture->history, partner, &error));

  theirs = csp_store_get (colleague, CSP_TYPE_PARTNER, id, &error);
  csp_record_set_string (theirs, "notes", "Their note");
  g_assert_true (csp_store_update (colleague, theirs, &error));
  g_assert_no_error (error);

  g_assert_false (csp_history_undo (fixture->history, &error));
  g_assert_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_CONFLICT);
  g_assert_nonnull (strstr (error->message, "Someone else has changed this partner"));
  g_assert_nonnull (strstr (error->message, "cannot be undone"));
  g_clear_error (&error);
  {
    g_autoptr (CspRecord) stored =
        csp_store_get (fixture->file.store, CSP_TYPE_PARTNER, id, &error);
    g_assert_cmpstr (csp_record_get_string (stored, "name"), ==, "Hertfordshire Constabulary");
    g_assert_cmpstr (csp_record_get_string (stored, "notes"), ==, "Their note");
    g_assert_cmpint (csp_record_get_version (stored), ==, 3);
  }
  assert_audit_story (fixture, "partner", id, "insert Herts Police, update, update");
  g_assert_true (csp_history_can_undo (fixture->history));
  g_assert_false (csp_history_can_redo (fixture->history));

  /* Redo, once the colleague changed what was undone. */
  g_clear_object (&theirs);
  g_clear_object (&partner);
  partner = new_partner ("Fire");
  g_assert_true (csp_history_insert (fixture->history, partner, &error));
  id = csp_record_get_id (partner);
  csp_record_set_string (partner, "name", "Hertfordshire Fire and Rescue");
  g_assert_true (csp_history_update (fixture->history, partner, &error));
  g_assert_true (csp_history_undo (fixture->history, &error));
  g_assert_no_error (error);
  theirs = csp_store_get (colleague, CSP_TYPE_PARTNER, id, &error);
  csp_record_set_string (theirs, "name", "Herts Fire");
  g_assert_true (csp_store_update (colleague, theirs, &error));
  g_assert_false (csp_history_redo (fixture->history, &error));
  g_assert_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_CONFLICT);
  g_assert_nonnull (strstr (error->message, "since it was undone"));
  g_clear_error (&error);
  {
    g_autoptr (CspRecord) stored =
        csp_store_get (fixture->file.store, CSP_TYPE_PARTNER, id, &error);
    g_assert_cmpstr (csp_record_get_string (stored, "name"), ==, "Herts Fire");
  }
  g_assert_true (csp_history_can_redo (fixture->history));

  /* A record the colleague deleted since cannot have its change undone. */
  g_assert_true (csp_store_delete (colleague, theirs, &error));
  g_assert_no_error (error);
  g_assert_false (csp_history_undo (fixture->history, &error));
  g_assert_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_CONFLICT);
  g_assert_nonnull (strstr (error->message, "Someone else has deleted this partner"));
}

typedef struct
{
  CspHistory *history;
  GError *error;
} UndoInThread;

static gpointer
undo_thread (gpointer data)
{
  UndoInThread *undo = data;

  return GINT_TO_POINTER (csp_history_undo (undo->history, &undo->error));
}

/* A colleague saves the record while the undo is on its way: the undo
 * waits for their transaction and then gives way. On PostgreSQL it has
 * read the record before their commit, and is stopped by the version its
 * UPDATE finds; on SQLite it waits for the file's lock before reading. */
static void
test_history_colleague_saving (Fixture *fixture, gconstpointer data)
{
  g_autoptr (CspStore) colleague = open_colleague (fixture);
  CspDatabase *colleague_database = csp_store_get_database (colleague);
  g_autoptr (CspRecord) partner = new_partner ("Herts Police");
  g_autoptr (CspRecord) theirs = NULL;
  g_autoptr (GError) error = NULL;
  UndoInThread undo = { fixture->history, NULL };
  GThread *thread;
  gint64 id;

  g_assert_true (csp_history_insert (fixture->history, partner, &error));
  id = csp_record_get_id (partner);
  csp_record_set_string (partner, "name", "Hertfordshire Constabulary");
  g_assert_true (csp_history_update (fixture->history, partner, &error));

  theirs = csp_store_get (colleague, CSP_TYPE_PARTNER, id, &error);
  g_assert_true (csp_database_begin (colleague_database, &error));
  csp_record_set_string (theirs, "short_name", "Constabulary");
  g_assert_true (csp_store_update (colleague, theirs, &error));
  g_assert_no_error (error);

  thread = g_thread_new ("undo", undo_thread, &undo);
  test_store_file_wait_for_lock (fixture->file.location);
  g_assert_true (csp_database_commit (colleague_database, &error));
  g_assert_no_error (error);
  g_assert_false (GPOINTER_TO_INT (g_thread_join (thread)));
  g_assert_error (undo.error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_CONFLICT);
  g_assert_nonnull (strstr (undo.error->message, "Someone else has changed this partner"));
  g_clear_error (&undo.error);

  {
    g_autoptr (CspRecord) stored =
        csp_store_get (fixture->file.store, CSP_TYPE_PARTNER, id, &error);
    g_assert_cmpstr (csp_record_get_string (stored, "name"), ==, "Hertfordshire Constabulary");
    g_assert_cmpstr (csp_record_get_string (stored, "short_name"), ==, "Constabulary");
    g_assert_cmpint (csp_record_get_version (stored), ==, 3);
  }
  assert_audit_story (fixture, "partner", id, "insert Herts Police, update, update");
  g_assert_true (csp_history_can_undo (fixture->history));
}

static CspRecord *
new_activity (const char *title)
{
  CspRecord *activity = csp_record_new (CSP_TYPE_ACTIVITY);

  csp_record_set_string (activity, "title", title);
  csp_record_set_string (activity, "start_date", "2021-05-01");
  csp_record_set_string (activity, "format", "event");
  csp_record_set_string (activity, "mode", "in_person");
  csp_record_set_string (activity, "status", "delivered");
  return activity;
}

/* The one record of @type whose name column is @name. */
static CspRecord *
find_by_name (Fixture *fixture, GType type, const char *column, const char *name)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) all = csp_store_list (fixture->file.store, type, NULL, &error);
  CspRecord *found = NULL;

  g_assert_no_error (error);
  for (guint i = 0; i < all->len; i++)
    if (g_strcmp0 (csp_record_get_string (all->pdata[i], column), name) == 0)
      {
        g_assert_null (found);
        found = g_object_ref (all->pdata[i]);
      }
  g_assert_nonnull (found);
  return found;
}

static void
assert_partners (CspRecord *record, gint64 first, gint64 second)
{
  guint n_ids = 0;
  const gint64 *ids = csp_record_get_partner_ids (record, &n_ids);

  g_assert_cmpuint (n_ids, ==, 2);
  g_assert_cmpint (MIN (ids[0], ids[1]), ==, MIN (first, second));
  g_assert_cmpint (MAX (ids[0], ids[1]), ==, MAX (first, second));
}

/* A deleted record keeps its id while it is gone: a colleague's new
 * record gets another, and undo brings it back under its own. */
static void
test_history_ids_never_reused (Fixture *fixture, gconstpointer data)
{
  g_autoptr (CspStore) colleague = open_colleague (fixture);
  g_autoptr (CspRecord) ours = new_activity ("Our briefing");
  g_autoptr (CspRecord) theirs = new_activity ("Their briefing");
  g_autoptr (GError) error = NULL;
  gint64 id;

  g_assert_true (csp_history_insert (fixture->history, ours, &error));
  id = csp_record_get_id (ours);
  g_assert_true (csp_history_delete (fixture->history, ours, &error));
  g_assert_no_error (error);

  /* The newest id is free again; a plain "highest plus one" would give it out. */
  g_assert_true (csp_store_insert (colleague, theirs, &error));
  g_assert_no_error (error);
  g_assert_cmpint (csp_record_get_id (theirs), !=, id);

  g_assert_true (csp_history_undo (fixture->history, &error));
  g_assert_no_error (error);
  {
    g_autoptr (CspRecord) restored =
        csp_store_get (fixture->file.store, CSP_TYPE_ACTIVITY, id, &error);
    g_autoptr (CspRecord) kept =
        csp_store_get (fixture->file.store, CSP_TYPE_ACTIVITY, csp_record_get_id (theirs), &error);

    g_assert_no_error (error);
    g_assert_cmpstr (csp_record_get_string (restored, "title"), ==, "Our briefing");
    g_assert_cmpstr (csp_record_get_string (kept, "title"), ==, "Their briefing");
  }
  assert_audit_story (fixture, "activity", id,
                      "insert Our briefing, delete Our briefing, insert Our briefing");
  assert_audit_story (fixture, "activity", csp_record_get_id (theirs), "insert Their briefing");
}

/* A colleague's record has taken the id of the deleted one (given by
 * hand, as a copy or an import may): undo brings ours back with a new id
 * and its partner links, never failing on the id and never writing over
 * theirs; redo and undo go on with the new id. */
static void
test_history_id_taken (Fixture *fixture, gconstpointer data)
{
  g_autoptr (CspStore) colleague = open_colleague (fixture);
  g_autoptr (CspRecord) police = new_partner ("Police");
  g_autoptr (CspRecord) fire = new_partner ("Fire");
  g_autoptr (CspRecord) ours = new_activity ("Our briefing");
  g_autoptr (CspRecord) theirs = new_activity ("Their briefing");
  g_autoptr (CspRecord) restored = NULL;
  g_autoptr (GError) error = NULL;
  gint64 id, new_id;

  g_assert_true (csp_store_insert (fixture->file.store, police, &error));
  g_assert_true (csp_store_insert (fixture->file.store, fire, &error));
  {
    const gint64 ids[] = { csp_record_get_id (police), csp_record_get_id (fire) };
    csp_record_set_partner_ids (ours, ids, 2);
  }
  g_assert_true (csp_history_insert (fixture->history, ours, &error));
  id = csp_record_get_id (ours);
  g_assert_true (csp_history_delete (fixture->history, ours, &error));

  csp_record_set_id (theirs, id);
  g_assert_true (csp_store_insert (colleague, theirs, &error));
  g_assert_no_error (error);
  g_assert_cmpint (csp_record_get_id (theirs), ==, id);

  g_assert_true (csp_history_undo (fixture->history, &error));
  g_assert_no_error (error);
  restored = find_by_name (fixture, CSP_TYPE_ACTIVITY, "title", "Our briefing");
  new_id = csp_record_get_id (restored);
  g_assert_cmpint (new_id, !=, id);
  assert_partners (restored, csp_record_get_id (police), csp_record_get_id (fire));
  {
    g_autoptr (CspRecord) kept = csp_store_get (fixture->file.store, CSP_TYPE_ACTIVITY, id, &error);
    guint n_ids = 0;

    g_assert_no_error (error);
    g_assert_cmpstr (csp_record_get_string (kept, "title"), ==, "Their briefing");
    g_assert_cmpint (csp_record_get_version (kept), ==, 1);
    csp_record_get_partner_ids (kept, &n_ids);
    g_assert_cmpuint (n_ids, ==, 0);
  }
  /* The colleague's entry is the last under the old id; ours are apart. */
  assert_audit_story (fixture, "activity", id,
                      "insert Our briefing, delete Our briefing, insert Their briefing");
  assert_audit_story (fixture, "activity", new_id, "insert Our briefing");

  /* Redo deletes ours, under its new id, and theirs stays. */
  g_assert_true (csp_history_redo (fixture->history, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count (fixture, CSP_TYPE_ACTIVITY), ==, 1);
  g_assert_cmpint (sql_int (fixture->file.store, "SELECT count(*) FROM activity WHERE id = ?", id),
                   ==, 1);
  g_assert_true (csp_history_undo (fixture->history, &error));
  g_assert_no_error (error);
  g_clear_object (&restored);
  restored = csp_store_get (fixture->file.store, CSP_TYPE_ACTIVITY, new_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (csp_record_get_string (restored, "title"), ==, "Our briefing");
  assert_partners (restored, csp_record_get_id (police), csp_record_get_id (fire));

  /* Undoing the addition takes ours away, not theirs. */
  g_assert_true (csp_history_undo (fixture->history, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count (fixture, CSP_TYPE_ACTIVITY), ==, 1);
  assert_stored_title (fixture, id, "Their briefing");
}

/* The same with what belongs to the record: an action's progress updates
 * come back pointing at the action's new id, one of them with a new id
 * of its own too, and the undo steps before it act on ours, not on the
 * colleague's records that now hold the old ids. */
static void
test_history_owned_id_taken (Fixture *fixture, gconstpointer data)
{
  g_autoptr (CspStore) colleague = open_colleague (fixture);
  g_autoptr (CspRecord) plan = csp_record_new (CSP_TYPE_PLAN);
  g_autoptr (CspRecord) priority = csp_record_new (CSP_TYPE_PRIORITY);
  g_autoptr (CspRecord) ours = csp_record_new (CSP_TYPE_ACTION);
  g_autoptr (CspRecord) theirs = NULL;
  g_autoptr (CspRecord) their_update = NULL;
  g_autoptr (CspRecord) restored = NULL;
  g_autoptr (GError) error = NULL;
  gint64 update_ids[3];
  gint64 id, new_id;

  csp_record_set_string (plan, "title", "Action Plan 2021-22");
  csp_record_set_int (plan, "year_start", 2021);
  csp_record_set_string (plan, "status", "draft");
  g_assert_true (csp_store_insert (fixture->file.store, plan, &error));
  csp_record_set_int (priority, "plan_id", csp_record_get_id (plan));
  csp_record_set_string (priority, "title", "Reduce anti-social behaviour");
  csp_record_set_int (priority, "position", 1);
  g_assert_true (csp_store_insert (fixture->file.store, priority, &error));
  g_assert_no_error (error);

  csp_record_set_int (ours, "priority_id", csp_record_get_id (priority));
  csp_record_set_string (ours, "ref", "1.1");
  csp_record_set_string (ours, "title", "Our panel");
  csp_record_set_string (ours, "status", "in_progress");
  csp_record_set_int (ours, "percent_complete", 40);
  theirs = csp_record_copy (ours);
  csp_record_set_string (theirs, "title", "Their panel");
  g_assert_true (csp_history_insert (fixture->history, ours, &error));
  g_assert_no_error (error);
  id = csp_record_get_id (ours);
  for (int i = 0; i < 3; i++)
    {
      g_autoptr (CspRecord) update = csp_record_new (CSP_TYPE_ACTION_UPDATE);

      csp_record_set_int (update, "action_id", id);
      csp_record_set_string (update, "update_date", "2021-05-01");
      csp_record_set_string (update, "author", "Us");
      csp_record_set_string (update, "status", "in_progress");
      csp_record_set_int (update, "percent_complete", 10 * (i + 1));
      csp_record_set_string (update, "commentary", "Ours");
      g_assert_true (csp_history_insert (fixture->history, update, &error));
      g_assert_no_error (error);
      update_ids[i] = csp_record_get_id (update);
      if (i == 0)
        {
          their_update = csp_record_copy (update);
          csp_record_set_string (their_update, "author", "Them");
          csp_record_set_string (their_update, "commentary", "Theirs");
        }
    }
  g_assert_true (csp_history_delete (fixture->history, ours, &error));
  g_assert_no_error (error);

  /* The colleague's action takes the id, and its update the first one's. */
  csp_record_set_id (theirs, id);
  g_assert_true (csp_store_insert (colleague, theirs, &error));
  g_assert_no_error (error);
  g_assert_cmpint (csp_record_get_id (theirs), ==, id);
  g_assert_true (csp_store_insert (colleague, their_update, &error));
  g_assert_no_error (error);
  g_assert_cmpint (csp_record_get_id (their_update), ==, update_ids[0]);

  g_assert_true (csp_history_undo (fixture->history, &error));
  g_assert_no_error (error);
  restored = find_by_name (fixture, CSP_TYPE_ACTION, "title", "Our panel");
  new_id = csp_record_get_id (restored);
  g_assert_cmpint (new_id, !=, id);
  g_assert_cmpint (sql_int (fixture->file.store,
                            "SELECT count(*) FROM action_update WHERE action_id = ?", new_id),
                   ==, 3);
  g_assert_cmpint (
      sql_int (fixture->file.store,
               "SELECT count(*) FROM action_update WHERE action_id = ? AND author = 'Them'", id),
      ==, 1);
  g_assert_cmpint (sql_int (fixture->file.store, "SELECT count(*) FROM action_update WHERE id = ?",
                            update_ids[1]),
                   ==, 1);
  g_assert_cmpint (sql_int (fixture->file.store, "SELECT action_id FROM action_update WHERE id = ?",
                            update_ids[1]),
                   ==, new_id);

  /* Undoing the three additions and the action's takes back ours only. */
  for (int i = 0; i < 4; i++)
    {
      g_assert_true (csp_history_undo (fixture->history, &error));
      g_assert_no_error (error);
    }
  g_assert_false (csp_history_can_undo (fixture->history));
  g_assert_cmpuint (count (fixture, CSP_TYPE_ACTION), ==, 1);
  g_assert_cmpuint (count (fixture, CSP_TYPE_ACTION_UPDATE), ==, 1);
  {
    g_autoptr (CspRecord) kept = csp_store_get (fixture->file.store, CSP_TYPE_ACTION, id, &error);
    g_autoptr (CspRecord) kept_update =
        csp_store_get (fixture->file.store, CSP_TYPE_ACTION_UPDATE, update_ids[0], &error);

    g_assert_no_error (error);
    g_assert_cmpstr (csp_record_get_string (kept, "title"), ==, "Their panel");
    g_assert_cmpstr (csp_record_get_string (kept_update, "commentary"), ==, "Theirs");
  }

  /* And all of it is redone under the new ids. */
  for (int i = 0; i < 5; i++)
    {
      g_assert_true (csp_history_redo (fixture->history, &error));
      g_assert_no_error (error);
    }
  g_assert_cmpuint (count (fixture, CSP_TYPE_ACTION), ==, 1);
  g_assert_cmpuint (count (fixture, CSP_TYPE_ACTION_UPDATE), ==, 1);
}

/* Records that pointed at the deleted one in the same step of undo point
 * at it where it comes back: the activity's lead and its supporting
 * partners follow the partner to its new id, not to the colleague's. */
static void
test_history_references_follow (Fixture *fixture, gconstpointer data)
{
  g_autoptr (CspStore) colleague = open_colleague (fixture);
  g_autoptr (CspRecord) police = new_partner ("Police");
  g_autoptr (CspRecord) watch = new_partner ("Neighbourhood Watch");
  g_autoptr (CspRecord) theirs = new_partner ("Their partner");
  g_autoptr (CspRecord) activity = new_activity ("Street briefing");
  g_autoptr (CspRecord) restored_watch = NULL;
  g_autoptr (CspRecord) restored = NULL;
  g_autoptr (GError) error = NULL;
  gint64 watch_id, new_id;

  g_assert_true (csp_store_insert (fixture->file.store, police, &error));
  g_assert_true (csp_history_insert (fixture->history, watch, &error));
  watch_id = csp_record_get_id (watch);
  csp_record_set_int (activity, "lead_partner_id", watch_id);
  {
    const gint64 ids[] = { csp_record_get_id (police), watch_id };
    csp_record_set_partner_ids (activity, ids, 2);
  }
  g_assert_true (csp_store_insert (fixture->file.store, activity, &error));

  /* Taking the partner off the activity, then deleting it: one step. */
  g_assert_true (csp_history_begin_group (fixture->history, "Undo removing the partner",
                                          "Redo removing the partner", &error));
  csp_record_set_null (activity, "lead_partner_id");
  {
    const gint64 ids[] = { csp_record_get_id (police) };
    csp_record_set_partner_ids (activity, ids, 1);
  }
  g_assert_true (csp_history_update (fixture->history, activity, &error));
  g_assert_true (csp_history_delete (fixture->history, watch, &error));
  g_assert_true (csp_history_end_group (fixture->history, TRUE, &error));
  g_assert_no_error (error);

  csp_record_set_id (theirs, watch_id);
  g_assert_true (csp_store_insert (colleague, theirs, &error));
  g_assert_no_error (error);

  g_assert_true (csp_history_undo (fixture->history, &error));
  g_assert_no_error (error);
  restored_watch = find_by_name (fixture, CSP_TYPE_PARTNER, "name", "Neighbourhood Watch");
  new_id = csp_record_get_id (restored_watch);
  g_assert_cmpint (new_id, !=, watch_id);
  restored =
      csp_store_get (fixture->file.store, CSP_TYPE_ACTIVITY, csp_record_get_id (activity), &error);
  g_assert_no_error (error);
  g_assert_cmpint (csp_record_get_int (restored, "lead_partner_id"), ==, new_id);
  assert_partners (restored, csp_record_get_id (police), new_id);
  assert_audit_story (fixture, "partner", new_id, "insert Neighbourhood Watch");

  /* Redo and undo again: the same records, the same ids. */
  g_assert_true (csp_history_redo (fixture->history, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count (fixture, CSP_TYPE_PARTNER), ==, 2);
  g_assert_true (csp_history_undo (fixture->history, &error));
  g_assert_no_error (error);
  g_clear_object (&restored);
  restored =
      csp_store_get (fixture->file.store, CSP_TYPE_ACTIVITY, csp_record_get_id (activity), &error);
  g_assert_cmpint (csp_record_get_int (restored, "lead_partner_id"), ==, new_id);
  assert_partners (restored, csp_record_get_id (police), new_id);
  {
    g_autoptr (CspRecord) kept =
        csp_store_get (fixture->file.store, CSP_TYPE_PARTNER, watch_id, &error);
    g_assert_cmpstr (csp_record_get_string (kept, "name"), ==, "Their partner");
  }

  /* Undoing the partner's addition is refused while the activity uses
   * ours; the colleague's was never at stake. */
  g_assert_false (csp_history_undo (fixture->history, &error));
  g_assert_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_IN_USE);
  g_clear_error (&error);
  g_assert_cmpuint (count (fixture, CSP_TYPE_PARTNER), ==, 3);
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

/* Imports: one audit entry for what an import adds, one step of undo */

static const char import_csv[] = "Title,Start date,Format,Mode,Lead partner,Status\n"
                                 "Import A,01/06/2021,Webinar,Online,New Partner,delivered\n"
                                 "Import B,02/06/2021,Event,In person,New Partner,delivered\n";

static const char reimport_csv[] = "Title,Start date,Format,Mode,Lead partner,Status\n"
                                   "Import A,01/06/2021,Survey,Online,New Partner,delivered\n"
                                   "Import C,03/06/2021,Event,Online,New Partner,delivered\n";

static void
import_and_remember (Fixture *fixture, const char *text, const char *name)
{
  g_autoptr (CspImport) import = csp_import_new (fixture->file.store, CSP_IMPORT_ACTIVITIES);
  g_autoptr (GBytes) bytes = g_bytes_new_static (text, strlen (text));
  g_autoptr (GError) error = NULL;

  csp_import_set_create_unknown (import, TRUE);
  g_assert_true (csp_import_open_bytes (import, bytes, name, &error));
  g_assert_true (csp_import_write (import, CSP_IMPORT_FLAGS_NONE, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  csp_import_remember (import, fixture->history);
}

/* The changes of the audit entries for many rows (row id 0) of @table. */
static GPtrArray *
bulk_entries (Fixture *fixture, const char *operation)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CspStatement) stmt = csp_database_prepare (
      csp_store_get_database (fixture->file.store),
      "SELECT changes FROM audit_log WHERE table_name = 'activity' AND row_id = 0 "
      "AND operation = ? ORDER BY id",
      &error);
  GPtrArray *entries = g_ptr_array_new_with_free_func (g_free);

  g_assert_no_error (error);
  csp_statement_bind_text (stmt, 1, operation);
  while (csp_statement_step (stmt, &error) == CSP_STEP_ROW)
    g_ptr_array_add (entries, g_strdup (csp_statement_get_text (stmt, 0)));
  g_assert_no_error (error);
  return entries;
}

static guint
count_activity_audit (Fixture *fixture)
{
  g_autoptr (GError) error = NULL;
  gint64 n = 0;

  g_assert_true (csp_database_query_int (csp_store_get_database (fixture->file.store),
                                         "SELECT count(*) FROM audit_log WHERE table_name = "
                                         "'activity'",
                                         &n, &error));
  return (guint) n;
}

static CspRecord *
find_activity (Fixture *fixture, const char *title)
{
  g_autoptr (GError) error = NULL;
  CspQuery query = { .text = title };
  g_autoptr (GPtrArray) found =
      csp_store_list (fixture->file.store, CSP_TYPE_ACTIVITY, &query, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < found->len; i++)
    if (g_str_equal (csp_record_get_string (g_ptr_array_index (found, i), "title"), title))
      return g_object_ref (g_ptr_array_index (found, i));
  return NULL;
}

static void
test_history_import_undo (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) entries = NULL;
  g_autoptr (CspRecord) a = NULL;
  g_autoptr (CspRecord) c = NULL;
  g_autofree char *sha256 =
      g_compute_checksum_for_string (G_CHECKSUM_SHA256, import_csv, strlen (import_csv));
  g_autofree char *description = NULL;
  guint partners = count (fixture, CSP_TYPE_PARTNER);

  import_and_remember (fixture, import_csv, "first.csv");
  g_assert_cmpuint (count (fixture, CSP_TYPE_ACTIVITY), ==, 2);
  g_assert_cmpuint (count (fixture, CSP_TYPE_PARTNER), ==, partners + 1);
  /* The two new activities are one entry: file, SHA-256, counts, ids. */
  g_assert_cmpuint (count_activity_audit (fixture), ==, 1);
  entries = bulk_entries (fixture, "insert");
  g_assert_cmpuint (entries->len, ==, 1);
  g_assert_nonnull (strstr (entries->pdata[0], "\"file\":\"first.csv\""));
  g_assert_nonnull (strstr (entries->pdata[0], sha256));
  g_assert_nonnull (strstr (entries->pdata[0], "\"inserted\":2"));
  a = find_activity (fixture, "Import A");
  g_assert_nonnull (a);
  {
    g_autofree char *ids = g_strdup_printf ("\"ids\":[[%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT "]]",
                                            csp_record_get_id (a), csp_record_get_id (a) + 1);
    g_assert_nonnull (strstr (entries->pdata[0], ids));
  }
  description = csp_history_describe_undo (fixture->history);
  g_assert_cmpstr (description, ==, "Undo importing “first.csv”");

  /* A second import changes one (its own entry, old and new) and adds one. */
  import_and_remember (fixture, reimport_csv, "second.csv");
  g_assert_cmpuint (count (fixture, CSP_TYPE_ACTIVITY), ==, 3);
  g_assert_cmpuint (count_activity_audit (fixture), ==, 3);
  g_clear_object (&a);
  a = find_activity (fixture, "Import A");
  g_assert_cmpstr (csp_record_get_string (a, "format"), ==, "survey");

  /* Undo: the change restored, the addition removed; one step each. */
  g_assert_true (csp_history_undo (fixture->history, &error));
  g_assert_no_error (error);
  g_clear_object (&a);
  a = find_activity (fixture, "Import A");
  g_assert_cmpstr (csp_record_get_string (a, "format"), ==, "webinar");
  c = find_activity (fixture, "Import C");
  g_assert_null (c);
  g_assert_cmpuint (count (fixture, CSP_TYPE_ACTIVITY), ==, 2);

  g_assert_true (csp_history_undo (fixture->history, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count (fixture, CSP_TYPE_ACTIVITY), ==, 0);
  g_assert_cmpuint (count (fixture, CSP_TYPE_PARTNER), ==, partners);
  g_assert_false (csp_history_can_undo (fixture->history));
  g_clear_pointer (&entries, g_ptr_array_unref);
  entries = bulk_entries (fixture, "delete");
  g_assert_cmpuint (entries->len, ==, 2);
}

static void
test_history_import_undo_refused (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CspRecord) b = NULL;

  import_and_remember (fixture, import_csv, "first.csv");
  /* A colleague edits one of the imported records. */
  b = find_activity (fixture, "Import B");
  csp_record_set_string (b, "outcome", "Went well");
  g_assert_true (csp_store_update (fixture->file.store, b, &error));

  g_assert_false (csp_history_undo (fixture->history, &error));
  g_assert_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_CONFLICT);
  g_assert_nonnull (strstr (error->message, "Import B"));
  g_assert_cmpuint (count (fixture, CSP_TYPE_ACTIVITY), ==, 2);
  g_assert_true (csp_history_can_undo (fixture->history));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  test_engine_skip_unless_available ();

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
  ADD ("/history/partners-any-order", test_history_partners_any_order);
  ADD ("/history/colleague/changed-since", test_history_colleague_changed);
  ADD ("/history/colleague/saving-meanwhile", test_history_colleague_saving);
  ADD ("/history/colleague/ids-never-reused", test_history_ids_never_reused);
  ADD ("/history/colleague/id-taken", test_history_id_taken);
  ADD ("/history/colleague/owned-id-taken", test_history_owned_id_taken);
  ADD ("/history/colleague/references-follow", test_history_references_follow);
  ADD ("/history/import/one-entry-one-step", test_history_import_undo);
  ADD ("/history/import/colleague-changed-since", test_history_import_undo_refused);
#undef ADD
  return g_test_run ();
}
