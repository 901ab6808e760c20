/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "fuzz-csv"

#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "csp-csv-reader.h"
#include "csp-import-value.h"
#include "csp-import.h"
#include "csp-sample.h"
#include "test-folder.h"

/* Fuzz target for the CSV reader and row validation. The first byte of an
 * input chooses the kind of import and the separator; the rest is the
 * file. Each input is read row by row (every field through the value
 * readers), then checked as an import into a database holding the sample
 * partnership: every row mapped, resolved and validated, nothing written.
 *
 * Built with clang's -fsanitize=fuzzer it is a libFuzzer target. Built
 * with CSP_FUZZ_REPLAY it is a program that runs the inputs it is given
 * (files, or folders of them, such as the seed corpus) once each, so that
 * every build replays the corpus. */

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static CspStore *store;
static char *tmp_dir;

static void
tear_down (void)
{
  g_clear_object (&store);
  test_folder_remove (tmp_dir);
  g_clear_pointer (&tmp_dir, g_free);
}

static void
set_up (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr (CspDatabase) database = NULL;

  /* Quiet: a fuzzer meets warnings by design. */
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);
  tmp_dir = test_folder_new ("csp-fuzz-csv");
  path = g_build_filename (tmp_dir, "fuzz.db", NULL);
  database = csp_database_open (path, &error);
  g_assert_no_error (error);
  store = csp_store_new (database);
  g_assert_true (csp_sample_load (store, &error));
  g_assert_no_error (error);
  atexit (tear_down);
}

static void
read_values (CspCsvReader *reader)
{
  gboolean has_row = FALSE;
  guint n_rows = 0;

  while (n_rows++ < 2000 && csp_csv_reader_read_row (reader, &has_row, NULL) && has_row)
    for (guint i = 0; i < csp_csv_reader_get_n_columns (reader); i++)
      {
        const char *field = csp_csv_reader_get_field (reader, i);
        g_autofree char *date = NULL;
        g_autofree char *month = NULL;
        g_autofree char *name = csp_import_fold_name (field);
        g_autoptr (GPtrArray) names = csp_import_split_names (field);
        gint64 number = 0;
        gboolean answer = FALSE;

        g_assert_true (g_utf8_validate (field, -1, NULL));
        g_assert_nonnull (name);
        g_assert_cmpuint (names->len, <=, strlen (field) + 1);
        g_autofree char *us_date = NULL;
        guint first = 0, second = 0;

        csp_import_parse_date (field, &date, NULL);
        csp_import_parse_date_in_order (field, CSP_DATE_ORDER_MONTH_FIRST, &us_date, NULL);
        csp_import_numeric_date_parts (field, &first, &second);
        csp_import_parse_month (field, &month, NULL);
        csp_import_parse_int (field, i % 2 == 0, &number, NULL);
        csp_import_parse_bool (field, &answer, NULL);
      }
}

/* @variant picks what each row of figures covers (a month, a week, a
 * day) and how its dates are read. */
static void
check_import (GBytes *contents, CspImportKind kind, guint variant)
{
  g_autoptr (CspImport) import = csp_import_new (store, kind);
  CspImportMapping *mapping;

  if (!csp_import_open_bytes (import, contents, "fuzz.csv", NULL))
    return;
  /* Values for what the file may lack, so that rows get validated. */
  mapping = csp_import_get_mapping (import);
  csp_import_mapping_set_default (mapping, "format", "event");
  csp_import_mapping_set_default (mapping, "mode", "online");
  csp_import_mapping_set_default (mapping, "status",
                                  kind == CSP_IMPORT_ACTIONS ? "in_progress" : "planned");
  csp_import_mapping_set_default (mapping, "channel", "Welwyn Hatfield CSP Facebook");
  csp_import_mapping_set_default (mapping, "plan", "Action Plan 2021-22");
  csp_import_set_create_unknown (import, kind != CSP_IMPORT_METRICS);
  if (kind == CSP_IMPORT_METRICS)
    {
      csp_import_mapping_set_period (mapping, (CspImportPeriod) (variant % 3));
      csp_import_mapping_set_date_order (mapping, (CspDateOrder) (variant / 3 % 3));
    }
  csp_import_check (import, NULL, NULL, NULL, NULL);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  static const char separators[] = { 0, ',', ';', '\t' };
  g_autoptr (GBytes) contents = NULL;
  g_autoptr (CspCsvReader) reader = NULL;
  CspImportKind kind;
  char separator;

  if (store == NULL)
    set_up ();
  if (size < 1 || size > 256 * 1024)
    return 0;
  kind = (CspImportKind) (data[0] % CSP_IMPORT_N_KINDS);
  separator = separators[(data[0] / CSP_IMPORT_N_KINDS) % G_N_ELEMENTS (separators)];
  contents = g_bytes_new (data + 1, size - 1);

  reader = csp_csv_reader_new (contents, "fuzz.csv", separator, NULL);
  if (reader == NULL)
    return 0;
  read_values (reader);
  csp_csv_reader_rewind (reader);
  read_values (reader);
  check_import (contents, kind, data[0] / (CSP_IMPORT_N_KINDS * G_N_ELEMENTS (separators)));
  return 0;
}

#ifdef CSP_FUZZ_REPLAY
static int
replay_file (const char *path)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &contents, &length, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  LLVMFuzzerTestOneInput ((const uint8_t *) contents, length);
  return 0;
}

int
main (int argc, char *argv[])
{
  guint n_inputs = 0;
  int status = 0;

  for (int i = 1; i < argc; i++)
    {
      g_autoptr (GDir) dir = g_dir_open (argv[i], 0, NULL);
      const char *name;

      if (dir == NULL)
        {
          status |= replay_file (argv[i]);
          n_inputs++;
          continue;
        }
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *path = g_build_filename (argv[i], name, NULL);
          status |= replay_file (path);
          n_inputs++;
        }
    }
  g_print ("replayed %u inputs\n", n_inputs);
  return n_inputs > 0 ? status : 1;
}
#endif
