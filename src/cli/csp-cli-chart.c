/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "csp-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "csp-chart-export.h"
#include "csp-chart-standard.h"
#include "csp-cli.h"

#define MAX_SIDE 16384

static char *
describe_kinds (void)
{
  const char *const *names = csp_standard_chart_get_names ();
  GString *text = g_string_new (_ ("Kinds:"));

  for (guint i = 0; names[i] != NULL; i++)
    g_string_append_printf (text, "\n  %-22s %s", names[i],
                            csp_standard_chart_get_summary (names[i]));
  g_string_append_printf (text, "\n\n%s",
                          _ ("The period is every month with figures unless --from or --to "
                             "say otherwise. rag-status shows the action plan of the financial "
                             "year that --to falls in (the latest plan without it)."));
  return g_string_free (text, FALSE);
}

static gboolean
parse_axis (const char *axis, CspTimeUnit *unit)
{
  static const struct
  {
    const char *name;
    CspTimeUnit unit;
  } units[] = {
    { "auto", CSP_TIME_UNIT_AUTO },
    { "month", CSP_TIME_UNIT_MONTH },
    { "quarter", CSP_TIME_UNIT_QUARTER },
    { "year", CSP_TIME_UNIT_YEAR },
  };

  for (guint i = 0; i < G_N_ELEMENTS (units); i++)
    if (g_str_equal (axis, units[i].name))
      {
        *unit = units[i].unit;
        return TRUE;
      }
  return FALSE;
}

int
csp_cli_chart (const char *database_path, int argc, char **argv)
{
  g_autofree char *from_month = NULL;
  g_autofree char *to_month = NULL;
  g_autofree char *axis = NULL;
  g_autofree char *output = NULL;
  int width = 1200, height = 700;
  double scale = 1.0;
  gboolean dark = FALSE;
  gboolean table = FALSE;
  const GOptionEntry entries[] = {
    { "from", 0, 0, G_OPTION_ARG_STRING, &from_month, N_ ("The first month to show"),
      N_ ("YYYY-MM") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to_month, N_ ("The last month to show"), N_ ("YYYY-MM") },
    { "width", 0, 0, G_OPTION_ARG_INT, &width,
      N_ ("Width in pixels (in points for SVG and PDF); 1200 by default"), N_ ("W") },
    { "height", 0, 0, G_OPTION_ARG_INT, &height, N_ ("Height; 700 by default"), N_ ("H") },
    { "scale", 0, 0, G_OPTION_ARG_DOUBLE, &scale,
      N_ ("Pixels per unit of a PNG: 2 for high-resolution screens; 1 by default"), N_ ("FACTOR") },
    { "axis", 0, 0, G_OPTION_ARG_STRING, &axis,
      N_ ("Divide a time axis by month, quarter or (financial) year; auto by default"),
      N_ ("UNIT") },
    { "dark", 0, 0, G_OPTION_ARG_NONE, &dark, N_ ("Use the colours of the dark style"), NULL },
    { "table", 0, 0, G_OPTION_ARG_NONE, &table,
      N_ ("Write the chart's figures as a CSV table instead, a month without a figure left "
          "empty"),
      NULL },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_ ("The file to write; .png, .svg or .pdf sets the format (.csv with --table)"),
      N_ ("FILE") },
    G_OPTION_ENTRY_NULL,
  };
  g_autoptr (GOptionContext) context = g_option_context_new (_ ("KIND"));
  g_autoptr (CspDatabase) database = NULL;
  g_autoptr (CspChart) chart = NULL;
  g_autoptr (GError) format_error = NULL;
  g_autofree char *description = describe_kinds ();
  const char *kind;
  CspTimeUnit unit = CSP_TIME_UNIT_AUTO;
  CspChartFormat format;
  CspChartStyle style;
  GError *error = NULL;
  int status = CSP_CLI_EXIT_OK;

  g_option_context_set_summary (context, _ ("Draw one of the standard charts into a PNG, SVG or "
                                            "PDF file, or write its figures to a CSV file."));
  g_option_context_set_description (context, description);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!csp_cli_parse_command (context, &argc, &argv, 1, &status))
    return status;

  kind = argv[1];
  if (csp_standard_chart_get_summary (kind) == NULL)
    {
      g_autofree char *message = g_strdup_printf (_ ("unknown chart kind “%s”"), kind);
      return csp_cli_usage_error (context, message);
    }
  if (output == NULL)
    return csp_cli_usage_error (context, _ ("no file to write: give it with -o FILE"));
  if (table && !g_str_has_suffix (output, ".csv"))
    return csp_cli_usage_error (context, _ ("--table writes CSV: name a file ending in .csv"));
  if (!table && !csp_chart_format_from_path (output, &format, &format_error))
    return csp_cli_usage_error (context, format_error->message);
  for (guint i = 0; i < 2; i++)
    {
      const char *month = i == 0 ? from_month : to_month;

      if (month != NULL && !csp_month_parse (month, NULL))
        {
          g_autofree char *message =
              g_strdup_printf (_ ("“%s” is not a month: write it as YYYY-MM"), month);
          return csp_cli_usage_error (context, message);
        }
    }
  if (from_month != NULL && to_month != NULL && g_strcmp0 (from_month, to_month) > 0)
    return csp_cli_usage_error (context, _ ("--from is after --to"));
  if (width < 16 || height < 16 || width > MAX_SIDE || height > MAX_SIDE)
    {
      g_autofree char *message =
          g_strdup_printf (_ ("--width and --height must be from 16 to %d"), MAX_SIDE);
      return csp_cli_usage_error (context, message);
    }
  if (!(scale >= 0.25 && scale <= 8) || width * scale > MAX_SIDE || height * scale > MAX_SIDE)
    return csp_cli_usage_error (context, _ ("--scale must be from 0.25 to 8, and the image at "
                                            "most 16384 pixels a side"));
  if (axis != NULL && !parse_axis (axis, &unit))
    return csp_cli_usage_error (context, _ ("--axis must be auto, month, quarter or year"));

  database = csp_cli_open_database_read_only (database_path, &error);
  if (database == NULL)
    return csp_cli_fail (error);
  chart = csp_standard_chart_new (database, kind, from_month, to_month, &error);
  if (chart == NULL)
    return csp_cli_fail (error);
  csp_chart_set_time_unit (chart, unit);

  if (table)
    {
      if (!csp_chart_export_table (chart, output, &error))
        return csp_cli_fail (error);
      g_print (_ ("Wrote the %s chart’s figures to %s\n"), kind, output);
      return CSP_CLI_EXIT_OK;
    }
  csp_chart_style_init (&style);
  style.variant = dark ? CSP_PALETTE_DARK : CSP_PALETTE_LIGHT;
  if (!csp_chart_export (chart, output, width, height, format == CSP_CHART_FORMAT_PNG ? scale : 1.0,
                         &style, &error))
    return csp_cli_fail (error);
  g_print (_ ("Wrote the %s chart to %s\n"), kind, output);
  return CSP_CLI_EXIT_OK;
}
