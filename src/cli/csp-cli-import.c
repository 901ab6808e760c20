/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "csp-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "csp-cli.h"
#include "csp-import.h"
#include "csp-records.h"

static gboolean
parse_kind (GOptionContext *context, const char *text, CspImportKind *kind, int *status)
{
  g_autofree char *message = NULL;

  if (csp_import_kind_from_string (text, kind))
    return TRUE;
  message = g_strdup_printf (_ ("“%s” is not something to import: use activities, metrics, "
                                "actions or meetings"),
                             text);
  *status = csp_cli_usage_error (context, message);
  return FALSE;
}

/* Applies --column HEADER=FIELD and --default FIELD=VALUE. */
static gboolean
apply_overrides (GOptionContext *context, CspImportMapping *mapping, char **columns,
                 char **defaults, int *status)
{
  for (guint i = 0; columns != NULL && columns[i] != NULL; i++)
    {
      g_auto (GStrv) parts = g_strsplit (columns[i], "=", 2);
      const char *field = parts[1] != NULL && *parts[1] != '\0' ? parts[1] : NULL;

      if (parts[0] == NULL || parts[1] == NULL ||
          !csp_import_mapping_set_target (mapping, g_strstrip (parts[0]), field))
        {
          g_autofree char *message =
              g_strdup_printf (_ ("--column “%s”: write it as HEADER=FIELD (or HEADER= to "
                                  "ignore the column), with a field of this kind of import"),
                               columns[i]);
          *status = csp_cli_usage_error (context, message);
          return FALSE;
        }
    }
  for (guint i = 0; defaults != NULL && defaults[i] != NULL; i++)
    {
      g_auto (GStrv) parts = g_strsplit (defaults[i], "=", 2);

      if (parts[0] == NULL || parts[1] == NULL ||
          !csp_import_mapping_set_default (mapping, g_strstrip (parts[0]), parts[1]))
        {
          g_autofree char *message = g_strdup_printf (
              _ ("--default “%s”: write it as FIELD=VALUE, with a field of this kind of import"),
              defaults[i]);
          *status = csp_cli_usage_error (context, message);
          return FALSE;
        }
    }
  return TRUE;
}

/* The fields --column and --default name, for each kind of import, as
 * --help lists them: "metrics: channel, metric, ..., value:reach, ...". */
static char *
describe_fields (void)
{
  GString *text = g_string_new (_ ("The fields of each kind of import:"));

  for (guint k = 0; k < CSP_IMPORT_N_KINDS; k++)
    {
      guint n_targets = 0;
      const CspImportTarget *targets = csp_import_kind_get_targets (k, &n_targets);

      g_string_append_printf (text, "\n  %s:", csp_import_kind_to_string (k));
      for (guint t = 0; t < n_targets; t++)
        g_string_append_printf (text, "%s %s", t > 0 ? "," : "", targets[t].name);
    }
  return g_string_free (text, FALSE);
}

/* Applies --layout, --channel, --period and --date-order to the mapping. */
static gboolean
apply_layout_options (GOptionContext *context, CspImport *import, const char *layout,
                      const char *channel, const char *period, const char *date_order, int *status)
{
  CspImportMapping *mapping = csp_import_get_mapping (import);
  gboolean metrics = csp_import_get_kind (import) == CSP_IMPORT_METRICS;
  CspImportPeriod rows_period;
  CspDateOrder order;

  if (!metrics && (layout != NULL || channel != NULL || period != NULL))
    {
      *status = csp_cli_usage_error (
          context, _ ("--layout, --channel and --period are for importing metrics"));
      return FALSE;
    }
  if (layout != NULL && !g_str_equal (layout, "wide") && !g_str_equal (layout, "long"))
    {
      *status = csp_cli_usage_error (context, _ ("--layout takes “wide” or “long”"));
      return FALSE;
    }
  if (period != NULL && !csp_import_period_from_string (period, &rows_period))
    {
      *status = csp_cli_usage_error (context, _ ("--period takes “day”, “week” or “month”"));
      return FALSE;
    }
  if (date_order != NULL &&
      (!csp_date_order_from_string (date_order, &order) || order == CSP_DATE_ORDER_UNDECIDED))
    {
      *status =
          csp_cli_usage_error (context, _ ("--date-order takes “day-first” or “month-first”"));
      return FALSE;
    }
  if (channel != NULL)
    csp_import_mapping_set_default (mapping, "channel", channel);
  if (period != NULL)
    csp_import_mapping_set_period (mapping, rows_period);
  if (date_order != NULL)
    csp_import_mapping_set_date_order (mapping, order);
  /* The order decides whether the dates are a day or a month apart. */
  if (metrics && date_order != NULL && period == NULL)
    csp_import_guess_period (import);
  if (layout != NULL &&
      !csp_import_mapping_set_layout (mapping, g_str_equal (layout, "wide"),
                                      csp_csv_reader_get_headers (csp_import_get_reader (import))))
    {
      *status = csp_cli_usage_error (
          context, g_str_equal (layout, "wide")
                       ? _ ("--layout wide: no column is a metric. Map each with --column "
                            "HEADER=value:KIND, e.g. --column \"Daily Total Reach=value:reach\"")
                       : _ ("--layout long: no column holds the values. Map it with --column "
                            "HEADER=value"));
      return FALSE;
    }
  return TRUE;
}

/* Says what was passed over, and how the rows were read. */
static void
print_layout (CspImport *import, const char *path)
{
  CspImportMapping *mapping = csp_import_get_mapping (import);
  CspCsvReader *reader = csp_import_get_reader (import);
  guint n_comments = csp_csv_reader_get_n_comment_lines (reader);
  CspImportPeriod period = csp_import_mapping_get_period (mapping);

  if (n_comments > 0)
    g_print (g_dngettext (GETTEXT_PACKAGE, "%s: %u comment line above the header passed over\n",
                          "%s: %u comment lines above the header passed over\n", n_comments),
             path, n_comments);
  if (csp_import_get_kind (import) == CSP_IMPORT_METRICS && period != CSP_IMPORT_PERIOD_MONTH)
    g_print (period == CSP_IMPORT_PERIOD_DAY
                 ? _ ("%s: daily figures, added up to months\n")
                 : _ ("%s: weekly figures, added up to months (a week counts in the month of "
                      "its first day)\n"),
             path);
}

/* Says which months of weekly or daily figures are partial. */
static void
print_months (CspImport *import, const char *path)
{
  guint n_months = 0;
  const CspImportMonthInfo *const *months = csp_import_get_months (import, &n_months);

  for (guint i = 0; i < n_months; i++)
    if (months[i]->kept_stored)
      /* TRANSLATORS: file, line, channel, month, days */
      g_print (_ ("%s:%u: %s: %s is kept as it was: the figure stored is of the whole month, and "
                  "the file’s figures cover %s only\n"),
               path, months[i]->first_line, months[i]->series, months[i]->label,
               months[i]->covered);
    else if (months[i]->partial && months[i]->rejected_line == 0)
      /* TRANSLATORS: file, line, channel, month, days: "fb.csv:3: Facebook: June 2021 is a
       * partial month: the file’s figures cover 3–30 Jun 2021 only" */
      g_print (_ ("%s:%u: %s: %s is a partial month: the file’s figures cover %s only\n"), path,
               months[i]->first_line, months[i]->series, months[i]->label, months[i]->covered);
}

/* Prints the columns that are not imported, as FILE:LINE: COLUMN: MESSAGE
 * with the header row's line: nothing in the file is left out unsaid. */
static void
print_column_notes (CspImport *import, const char *path)
{
  guint n_notes = 0;
  const CspImportColumnNote *notes = csp_import_get_column_notes (import, &n_notes);
  guint line = csp_csv_reader_get_header_line (csp_import_get_reader (import));

  for (guint i = 0; i < n_notes; i++)
    {
      if (notes[i].first == notes[i].last)
        /* TRANSLATORS: file, line, column number and header, what becomes of it */
        g_printerr (_ ("%s:%u: column %u “%s”: %s\n"), path, line, notes[i].first, notes[i].header,
                    notes[i].message);
      else
        /* TRANSLATORS: file, line, the first and last of a run of columns, what becomes of them */
        g_printerr (_ ("%s:%u: columns %u to %u: %s\n"), path, line, notes[i].first, notes[i].last,
                    notes[i].message);
    }
}

/* Prints the problems from the @first on, as FILE:LINE: COLUMN: MESSAGE. */
static guint
print_problems (CspImport *import, const char *path, guint first)
{
  guint n_problems = 0;
  const CspImportProblem *problems = csp_import_get_problems (import, &n_problems);

  for (guint i = first; i < n_problems; i++)
    {
      if (problems[i].column != NULL)
        /* TRANSLATORS: file, line, column (as its header names it), problem */
        g_printerr (_ ("%s:%u: column “%s”: %s\n"), path, problems[i].line, problems[i].column,
                    problems[i].message);
      else
        g_printerr ("%s:%u: %s\n", path, problems[i].line, problems[i].message);
    }
  return n_problems;
}

static const char *
noun_of (const char *table)
{
  return _ (csp_record_type_get_info (csp_record_type_from_table (table))->noun);
}

static void
print_unknowns (CspImport *import, const char *path)
{
  GPtrArray *unknowns = csp_import_get_unknowns (import);
  guint n_undecided = 0;

  for (guint i = 0; i < unknowns->len; i++)
    {
      CspImportUnknown *unknown = g_ptr_array_index (unknowns, i);

      if (unknown->resolution != CSP_IMPORT_RESOLVE_NONE)
        continue;
      n_undecided++;
      g_printerr (g_dngettext (GETTEXT_PACKAGE, "%s:%u: no %s is called “%s” (named in %u row)\n",
                               "%s:%u: no %s is called “%s” (named in %u rows)\n", unknown->n_rows),
                  path, unknown->first_line, noun_of (unknown->table), unknown->name,
                  unknown->n_rows);
    }
  if (n_undecided > 0)
    g_printerr (_ ("csp-engage-cli: add the names above with --create-unknown, or correct "
                   "them in the file\n"));
}

static void
print_summary (CspImport *import, const char *path, gboolean written, gboolean dry_run)
{
  const CspImportSummary *summary = csp_import_get_summary (import);
  CspCsvReader *reader = csp_import_get_reader (import);
  GPtrArray *unknowns = csp_import_get_unknowns (import);
  char separator[3] = { csp_csv_reader_get_separator (reader), '\0', '\0' };

  if (separator[0] == '\t')
    memcpy (separator, "\\t", 3);
  g_print (_ ("%s: %s, separated by “%s”, %u rows\n"), path, csp_csv_reader_get_encoding (reader),
           separator, summary->n_rows);
  if (!written)
    return;
  g_print (_ ("%u added, %u updated, %u unchanged, %u rows rejected\n"), summary->n_inserted,
           summary->n_updated, summary->n_unchanged, summary->n_rejected);
  for (guint i = 0; i < unknowns->len; i++)
    {
      CspImportUnknown *unknown = g_ptr_array_index (unknowns, i);

      /* After a dry run nothing was made, but it would have been. */
      if (unknown->resolution != CSP_IMPORT_RESOLVE_CREATE || (unknown->id == 0 && !dry_run))
        continue;
      if (unknown->context != NULL)
        /* TRANSLATORS: e.g. New metric “Instagram followers” (Instagram) */
        g_print (_ ("New %s “%s” (%s)\n"), noun_of (unknown->table), unknown->name,
                 unknown->context);
      else
        g_print (_ ("New %s “%s”\n"), noun_of (unknown->table), unknown->name);
    }
  if (dry_run)
    g_print (_ ("Dry run: nothing was written\n"));
}

int
csp_cli_import_csv (const char *database_path, int argc, char **argv)
{
  g_autofree char *mapping_name = NULL;
  g_autofree char *save_name = NULL;
  g_auto (GStrv) columns = NULL;
  g_auto (GStrv) defaults = NULL;
  g_autofree char *fields = NULL;
  g_autofree char *layout = NULL;
  g_autofree char *channel = NULL;
  g_autofree char *period = NULL;
  g_autofree char *date_order = NULL;
  gboolean skip_invalid = FALSE, dry_run = FALSE, create_unknown = FALSE;
  int skip_rows = -1;
  const GOptionEntry entries[] = {
    { "mapping", 'm', 0, G_OPTION_ARG_STRING, &mapping_name,
      N_ ("Map the columns as the saved mapping NAME does"), N_ ("NAME") },
    { "skip-invalid", 0, 0, G_OPTION_ARG_NONE, &skip_invalid,
      N_ ("Import the valid rows when some are rejected"), NULL },
    { "dry-run", 'n', 0, G_OPTION_ARG_NONE, &dry_run, N_ ("Check and report, but write nothing"),
      NULL },
    { "create-unknown", 0, 0, G_OPTION_ARG_NONE, &create_unknown,
      N_ ("Add the partners, channels and priorities the file names that do not exist yet"), NULL },
    { "column", 'c', 0, G_OPTION_ARG_STRING_ARRAY, &columns,
      N_ ("Fill FIELD from the column HEADER (HEADER= ignores it)"), N_ ("HEADER=FIELD") },
    { "default", 0, 0, G_OPTION_ARG_STRING_ARRAY, &defaults,
      N_ ("Give FIELD this value where the file has none"), N_ ("FIELD=VALUE") },
    { "skip-rows", 0, 0, G_OPTION_ARG_INT, &skip_rows, N_ ("Pass over N rows after the header row"),
      N_ ("N") },
    { "layout", 0, 0, G_OPTION_ARG_STRING, &layout,
      N_ ("metrics: “wide” when each column is a metric of one channel, “long” when a Value "
          "column holds every figure"),
      N_ ("wide|long") },
    { "channel", 0, 0, G_OPTION_ARG_STRING, &channel,
      N_ ("metrics: every row is a figure of the channel NAME"), N_ ("NAME") },
    { "period", 0, 0, G_OPTION_ARG_STRING, &period,
      N_ ("metrics: each row holds a day’s, a week’s or a month’s figures; days and weeks are "
          "added up to months (detected from the dates if not given)"),
      N_ ("day|week|month") },
    { "date-order", 0, 0, G_OPTION_ARG_STRING, &date_order,
      N_ ("Dates in numbers only, like 06/01/2021, are written day first or month first "
          "(detected from the dates if not given)"),
      N_ ("day-first|month-first") },
    { "save-mapping", 0, 0, G_OPTION_ARG_STRING, &save_name,
      N_ ("After importing, save the mapping as NAME for the next file"), N_ ("NAME") },
    G_OPTION_ENTRY_NULL,
  };
  g_autoptr (GOptionContext) context =
      g_option_context_new (_ ("activities|metrics|actions|meetings FILE"));
  g_autoptr (CspDatabase) database = NULL;
  g_autoptr (CspStore) store = NULL;
  g_autoptr (CspImport) import = NULL;
  g_autoptr (CspImportMapping) mapping = NULL;
  g_autoptr (GFile) file = NULL;
  GError *error = NULL;
  CspImportKind kind;
  CspImportFlags flags = CSP_IMPORT_FLAGS_NONE;
  int status = CSP_CLI_EXIT_OK;
  guint n_problems = 0;

  g_option_context_set_summary (
      context, _ ("Import activities, monthly figures, action plan items or meetings from a CSV "
                  "file. "
                  "Every row is checked first; if any is rejected nothing is written (unless "
                  "--skip-invalid), and each problem is reported with its line and column. "
                  "Importing a file again updates the records it added, never duplicates "
                  "them."));
  fields = describe_fields ();
  g_option_context_set_description (context, fields);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!csp_cli_parse_command (context, &argc, &argv, 2, &status))
    return status;
  if (!parse_kind (context, argv[1], &kind, &status))
    return status;
  if (skip_rows < -1 || skip_rows > 1000)
    return csp_cli_usage_error (context, _ ("--skip-rows takes a number from 0 to 1000"));

  database = csp_cli_open_database (database_path, FALSE, &error);
  if (database == NULL)
    return csp_cli_fail (error);
  store = csp_store_new (database);
  import = csp_import_new (store, kind);
  csp_import_set_create_unknown (import, create_unknown);
  if (mapping_name != NULL)
    {
      mapping = csp_import_mapping_load (database, kind, mapping_name, &error);
      if (mapping == NULL || !csp_import_set_mapping (import, mapping, &error))
        return csp_cli_fail (error);
    }

  file = g_file_new_for_commandline_arg (argv[2]);
  if (!csp_import_open (import, file, NULL, &error))
    return csp_cli_fail (error);
  if (!apply_overrides (context, csp_import_get_mapping (import), columns, defaults, &status))
    return status;
  if (skip_rows >= 0)
    csp_import_mapping_set_skip_rows (csp_import_get_mapping (import), (guint) skip_rows);
  if (!apply_layout_options (context, import, layout, channel, period, date_order, &status))
    return status;
  csp_import_invalidate (import);

  if (!csp_import_check (import, NULL, NULL, NULL, &error))
    {
      if (g_error_matches (error, CSP_IMPORT_ERROR, CSP_IMPORT_ERROR_DATE_ORDER))
        {
          g_autofree char *message = g_steal_pointer (&error->message);

          error->message = g_strdup_printf (
              _ ("%s with --date-order day-first or --date-order month-first"), message);
        }
      return csp_cli_fail (error);
    }
  print_layout (import, argv[2]);
  print_column_notes (import, argv[2]);
  n_problems = print_problems (import, argv[2], 0);
  print_unknowns (import, argv[2]);

  if (skip_invalid)
    flags |= CSP_IMPORT_SKIP_INVALID;
  if (dry_run)
    flags |= CSP_IMPORT_DRY_RUN;
  if (!csp_import_write (import, flags, NULL, NULL, NULL, &error))
    {
      print_summary (import, argv[2], FALSE, dry_run);
      /* Problems found while writing were not printed yet. */
      print_problems (import, argv[2], n_problems);
      return csp_cli_fail (error);
    }
  print_summary (import, argv[2], TRUE, dry_run);
  print_months (import, argv[2]);
  print_problems (import, argv[2], n_problems);

  if (save_name != NULL && !dry_run &&
      !csp_import_mapping_save (csp_import_get_mapping (import), database, save_name, &error))
    return csp_cli_fail (error);
  if (save_name != NULL && !dry_run)
    g_print (_ ("Saved the mapping as “%s”\n"), save_name);
  return CSP_CLI_EXIT_OK;
}
