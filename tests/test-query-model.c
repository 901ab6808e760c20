/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "csp-query-model.h"
#include "csp-records.h"
#include "test-engine.h"
#include "test-store-file.h"

/* The on-demand list model over a real database, on the engine of the run. */

typedef TestStoreFile Fixture;

static void
fixture_set_up (Fixture *fixture, gconstpointer data)
{
  test_store_file_set_up (fixture, "csp-query-model");
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer data)
{
  test_store_file_tear_down (fixture);
}

/* @n activities, one a day from 2020-01-01, titled "Activity N", every
 * third one online and the rest in person. */
static void
add_activities (CspStore *store, guint n)
{
  g_autoptr (GDate) date = g_date_new_dmy (1, G_DATE_JANUARY, 2020);
  CspDatabase *database = csp_store_get_database (store);
  g_autoptr (GError) error = NULL;

  g_assert_true (csp_database_begin (database, &error));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (CspRecord) activity = csp_record_new (CSP_TYPE_ACTIVITY);
      g_autofree char *title = g_strdup_printf ("Activity %05u", i);
      char iso[11];

      g_date_strftime (iso, sizeof iso, "%Y-%m-%d", date);
      csp_record_set_string (activity, "title", title);
      csp_record_set_string (activity, "start_date", iso);
      csp_record_set_string (activity, "format", "event");
      csp_record_set_string (activity, "mode", i % 3 == 0 ? "online" : "in_person");
      csp_record_set_string (activity, "status", "delivered");
      csp_record_set_int (activity, "participants", i);
      g_assert_true (csp_store_insert (store, activity, &error));
      g_date_add_days (date, 1);
    }
  g_assert_true (csp_database_commit (database, &error));
}

static void
items_changed_cb (GListModel *model, guint position, guint removed, guint added, guint *calls)
{
  (*calls)++;
}

static void
test_model_lists_every_row_in_order (Fixture *fixture, gconstpointer data)
{
  g_autoptr (CspQueryModel) model = csp_query_model_new (fixture->store, CSP_TYPE_ACTIVITY);
  g_autoptr (GError) error = NULL;
  CspQuery query = { .sort_column = "participants", .descending = TRUE };
  guint calls = 0;

  add_activities (fixture->store, 1000);
  g_signal_connect (model, "items-changed", G_CALLBACK (items_changed_cb), &calls);
  csp_query_model_set_query (model, &query);
  g_assert_true (csp_query_model_reload (model, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (calls, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 1000);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (model)) == CSP_TYPE_ACTIVITY);

  /* Walk backwards and at random across pages: each row where it belongs. */
  for (guint i = 1000; i-- > 0;)
    {
      g_autoptr (CspRecord) record = g_list_model_get_item (G_LIST_MODEL (model), i);
      g_assert_cmpint (csp_record_get_int (record, "participants"), ==, 999 - (gint64) i);
    }
  for (guint i = 0; i < 200; i++)
    {
      guint position = (guint) g_test_rand_int_range (0, 1000);
      g_autoptr (CspRecord) record = g_list_model_get_item (G_LIST_MODEL (model), position);
      g_assert_cmpint (csp_record_get_int (record, "participants"), ==, 999 - (gint64) position);
    }
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (model), 1000));
}

static void
test_model_filters_in_sql (Fixture *fixture, gconstpointer data)
{
  g_autoptr (CspQueryModel) model = csp_query_model_new (fixture->store, CSP_TYPE_ACTIVITY);
  g_autoptr (GError) error = NULL;
  CspQuery online = { .mode = "online", .from_date = "2020-01-01", .to_date = "2020-01-31" };
  CspQuery search = { .text = "00042" };

  add_activities (fixture->store, 300);
  csp_query_model_set_query (model, &online);
  g_assert_true (csp_query_model_reload (model, &error));
  /* Days 0, 3, ... 30 of January 2020. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 11);
  for (guint i = 0; i < 11; i++)
    {
      g_autoptr (CspRecord) record = g_list_model_get_item (G_LIST_MODEL (model), i);
      g_assert_cmpstr (csp_record_get_string (record, "mode"), ==, "online");
    }

  csp_query_model_set_query (model, &search);
  g_assert_true (csp_query_model_reload (model, &error));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 1);
  {
    g_autoptr (CspRecord) record = g_list_model_get_item (G_LIST_MODEL (model), 0);
    g_assert_cmpstr (csp_record_get_string (record, "title"), ==, "Activity 00042");
  }
}

static void
test_model_keeps_rows_on_bad_query (Fixture *fixture, gconstpointer data)
{
  g_autoptr (CspQueryModel) model = csp_query_model_new (fixture->store, CSP_TYPE_ACTIVITY);
  g_autoptr (GError) error = NULL;
  CspQuery bad_sort = { .sort_column = "no_such_column" };

  add_activities (fixture->store, 5);
  g_assert_true (csp_query_model_reload (model, &error));
  csp_query_model_set_query (model, &bad_sort);
  g_assert_false (csp_query_model_reload (model, &error));
  g_assert_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_INVALID);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 5);
}

static void
test_model_sees_new_rows_on_reload (Fixture *fixture, gconstpointer data)
{
  g_autoptr (CspQueryModel) model = csp_query_model_new (fixture->store, CSP_TYPE_ACTIVITY);
  g_autoptr (GError) error = NULL;

  add_activities (fixture->store, 3);
  g_assert_true (csp_query_model_reload (model, &error));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 3);
  add_activities (fixture->store, 2);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 3);
  g_assert_true (csp_query_model_reload (model, &error));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 5);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  test_engine_skip_unless_available ();

  g_test_add ("/query-model/order", Fixture, NULL, fixture_set_up,
              test_model_lists_every_row_in_order, fixture_tear_down);
  g_test_add ("/query-model/filter", Fixture, NULL, fixture_set_up, test_model_filters_in_sql,
              fixture_tear_down);
  g_test_add ("/query-model/bad-query", Fixture, NULL, fixture_set_up,
              test_model_keeps_rows_on_bad_query, fixture_tear_down);
  g_test_add ("/query-model/reload", Fixture, NULL, fixture_set_up,
              test_model_sees_new_rows_on_reload, fixture_tear_down);
  return g_test_run ();
}
