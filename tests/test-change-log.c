/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "csp-change-log.h"
#include "csp-records.h"
#include "test-engine.h"
#include "test-store-file.h"

/* The audit log read back for people, on the engine of the run: a
 * record's history, field by field, with names for references, and the
 * whole log filtered by person, table and date. */

typedef struct
{
  TestStoreFile file;
  gint64 police;
  gint64 fire;
} Fixture;

static gint64
add_partner (Fixture *fixture, const char *name, const char *kind)
{
  g_autoptr (CspRecord) partner = csp_record_new (CSP_TYPE_PARTNER);
  g_autoptr (GError) error = NULL;

  csp_record_set_string (partner, "name", name);
  csp_record_set_string (partner, "kind", kind);
  csp_store_insert (fixture->file.store, partner, &error);
  g_assert_no_error (error);
  return csp_record_get_id (partner);
}

static void
fixture_set_up (Fixture *fixture, gconstpointer data)
{
  test_store_file_set_up (&fixture->file, "csp-change-log");
  fixture->police = add_partner (fixture, "Hertfordshire Constabulary", "police");
  fixture->fire = add_partner (fixture, "Herts Fire and Rescue", "fire");
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer data)
{
  test_store_file_tear_down (&fixture->file);
}

/* An activity added, retitled and given another lead, then deleted. */
static gint64
live_and_delete_activity (Fixture *fixture)
{
  g_autoptr (CspRecord) activity = csp_record_new (CSP_TYPE_ACTIVITY);
  g_autoptr (GError) error = NULL;

  csp_record_set_string (activity, "title", "Bike marking at the station");
  csp_record_set_string (activity, "start_date", "2021-06-30");
  csp_record_set_string (activity, "format", "event");
  csp_record_set_string (activity, "mode", "in_person");
  csp_record_set_string (activity, "status", "planned");
  csp_record_set_int (activity, "lead_partner_id", fixture->police);
  csp_store_insert (fixture->file.store, activity, &error);
  g_assert_no_error (error);
  csp_record_set_string (activity, "title", "Bike marking at Hatfield station");
  csp_record_set_int (activity, "lead_partner_id", fixture->fire);
  csp_store_update (fixture->file.store, activity, &error);
  g_assert_no_error (error);
  csp_store_delete (fixture->file.store, activity, &error);
  g_assert_no_error (error);
  return csp_record_get_id (activity);
}

/* The field labelled @label, which the entry must have. */
static const CspFieldChange *
find_field (const CspLoggedChange *logged, const char *label)
{
  for (guint i = 0; i < logged->fields->len; i++)
    {
      const CspFieldChange *field = g_ptr_array_index (logged->fields, i);

      if (g_str_equal (field->label, label))
        return field;
    }
  g_error ("The %s entry has no field “%s”", logged->change->operation, label);
}

static void
test_record_history (Fixture *fixture, gconstpointer data)
{
  gint64 id = live_and_delete_activity (fixture);
  CspChangeLogQuery query = { .table = "activity", .row_id = id };
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) entries = csp_change_log_list (fixture->file.store, &query, &error);
  g_autofree char *user = test_store_file_audit_user (csp_store_get_database (fixture->file.store));
  const CspLoggedChange *added, *changed, *deleted;
  const CspFieldChange *field;

  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 3);
  deleted = g_ptr_array_index (entries, 0);
  changed = g_ptr_array_index (entries, 1);
  added = g_ptr_array_index (entries, 2);
  g_assert_cmpstr (deleted->change->operation, ==, "delete");
  g_assert_cmpstr (changed->change->operation, ==, "update");
  g_assert_cmpstr (added->change->operation, ==, "insert");
  g_assert_cmpstr (changed->change->user_name, ==, user);
  g_assert_nonnull (changed->change->when);
  g_assert_true (changed->record_type == CSP_TYPE_ACTIVITY);

  /* Only what the update changed, from what to what, by name. */
  g_assert_cmpuint (changed->fields->len, ==, 2);
  field = find_field (changed, "Title");
  g_assert_cmpstr (field->before, ==, "Bike marking at the station");
  g_assert_cmpstr (field->after, ==, "Bike marking at Hatfield station");
  field = find_field (changed, "Lead partner");
  g_assert_cmpstr (field->before, ==, "Hertfordshire Constabulary");
  g_assert_cmpstr (field->after, ==, "Herts Fire and Rescue");

  /* An addition says every value, as the form shows it. */
  field = find_field (added, "Start date");
  g_assert_null (field->before);
  g_assert_cmpstr (field->after, ==, "30 Jun 2021");
  field = find_field (added, "Format");
  g_assert_cmpstr (field->after, ==, "Event");
  field = find_field (deleted, "Title");
  g_assert_cmpstr (field->before, ==, "Bike marking at Hatfield station");
  g_assert_null (field->after);
}

static guint
count_entries (Fixture *fixture, const CspChangeLogQuery *query)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) entries = csp_change_log_list (fixture->file.store, query, &error);

  g_assert_no_error (error);
  return entries->len;
}

static void
test_filters (Fixture *fixture, gconstpointer data)
{
  g_autofree char *user = test_store_file_audit_user (csp_store_get_database (fixture->file.store));
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr (GDateTime) tomorrow = g_date_time_add_days (now, 1);
  g_autoptr (GDateTime) yesterday = g_date_time_add_days (now, -1);
  g_autofree char *today_text = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *tomorrow_text = g_date_time_format (tomorrow, "%Y-%m-%d");
  g_autofree char *yesterday_text = g_date_time_format (yesterday, "%Y-%m-%d");
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) users = NULL;

  live_and_delete_activity (fixture);
  g_assert_cmpuint (count_entries (fixture, &(CspChangeLogQuery){ 0 }), ==, 5);
  {
    g_autoptr (GPtrArray) all = csp_change_log_list (
        fixture->file.store, &(CspChangeLogQuery){ .table = "partner" }, &error);
    const CspLoggedChange *police = g_ptr_array_index (all, 1);

    g_assert_no_error (error);
    /* In the whole log, each entry names its record as it is now. */
    g_assert_cmpstr (police->record_name, ==, "Hertfordshire Constabulary");
  }
  g_assert_cmpuint (count_entries (fixture, &(CspChangeLogQuery){ .table = "partner" }), ==, 2);
  g_assert_cmpuint (count_entries (fixture, &(CspChangeLogQuery){ .user_name = user }), ==, 5);
  g_assert_cmpuint (count_entries (fixture, &(CspChangeLogQuery){ .user_name = "nobody" }), ==, 0);
  g_assert_cmpuint (count_entries (fixture, &(CspChangeLogQuery){ .limit = 2 }), ==, 2);
  g_assert_cmpuint (count_entries (fixture, &(CspChangeLogQuery){ .from_date = yesterday_text,
                                                                  .to_date = tomorrow_text }),
                    ==, 5);
  g_assert_cmpuint (count_entries (fixture, &(CspChangeLogQuery){ .from_date = tomorrow_text }), ==,
                    0);
  g_assert_cmpuint (count_entries (fixture, &(CspChangeLogQuery){ .to_date = yesterday_text }), ==,
                    0);
  g_assert_cmpuint (count_entries (fixture, &(CspChangeLogQuery){ .from_date = today_text,
                                                                  .to_date = today_text }),
                    >=, 1);

  users = csp_change_log_list_users (csp_store_get_database (fixture->file.store), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (users->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (users, 0), ==, user);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  test_engine_skip_unless_available ();

  g_test_add ("/change-log/record-history", Fixture, NULL, fixture_set_up, test_record_history,
              fixture_tear_down);
  g_test_add ("/change-log/filters", Fixture, NULL, fixture_set_up, test_filters,
              fixture_tear_down);
  return g_test_run ();
}
