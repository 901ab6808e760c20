/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "csp-chart-alt"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "csp-chart-alt.h"
#include "csp-scale.h"

/* A chart said in words, for a picture of it in a document (a tagged
 * PDF's Figure, a Word document's image): its title, its period, then its
 * main figures. A few categories (RAG statuses, partners) are each given
 * their figure; many (months) their total and the highest one, as a
 * reader of the picture would take them in. */

/* Up to this many categories are each named with their figure. */
#define MAX_LISTED 6

static void
append_category (GString *text, const char *label, const char *value, gboolean first)
{
  if (!first)
    g_string_append (text, _ ("; "));
  /* TRANSLATORS: a category and its figure in a chart's description: "Green 12" */
  g_string_append_printf (text, _ ("%s %s"), label, value);
}

static void
append_figures (GString *text, CspChartData *data)
{
  guint n_categories = csp_chart_data_get_n_categories (data);
  guint n_series = csp_chart_data_get_n_series (data);
  g_autofree char *total_text = NULL;
  g_autofree char *highest_text = NULL;
  double total = 0, highest = -G_MAXDOUBLE;
  guint highest_index = 0;

  for (guint i = 0; i < n_categories; i++)
    {
      double value = csp_chart_data_get_category_total (data, i);

      /* A month without figures (NAN) adds nothing and is no highest. */
      if (isnan (value))
        continue;
      total += value;
      if (value > highest)
        {
          highest = value;
          highest_index = i;
        }
    }
  if (n_categories <= MAX_LISTED)
    {
      for (guint i = 0; i < n_categories; i++)
        {
          g_autofree char *value = csp_format_number (csp_chart_data_get_category_total (data, i));
          append_category (text, csp_chart_data_get_category_label (data, i), value, i == 0);
        }
      g_string_append (text, _ ("."));
      return;
    }
  total_text = csp_format_number (total);
  highest_text = csp_format_number (highest);
  /* TRANSLATORS: a chart's main figures: its total over the period, then
   * the highest category and its figure: "Total 12,345; highest Mar 2021, 2,100." */
  g_string_append_printf (text, _ ("Total %s; highest %s, %s."), total_text,
                          csp_chart_data_get_category_label (data, highest_index), highest_text);
  if (n_series > 1)
    for (guint j = 0; j < n_series; j++)
      {
        g_autofree char *value = csp_format_number (csp_chart_data_get_series_total (data, j));

        g_string_append_c (text, ' ');
        /* TRANSLATORS: one series' total in a chart's description: "Facebook: 4,000." */
        g_string_append_printf (text, _ ("%s: %s."), csp_chart_data_get_series_label (data, j),
                                value);
      }
}

/**
 * csp_chart_dup_alt_text:
 *
 * Returns: (transfer full): what @chart shows, in a few sentences: "People
 *   reached each month, by channel. Jun 2020 to May 2021. Total 45,000;
 *   highest Mar 2021, 6,200. Facebook: 30,000. Website: 15,000."
 */
char *
csp_chart_dup_alt_text (CspChart *chart)
{
  GString *text = g_string_new (NULL);
  const char *title, *subtitle;
  CspChartData *data;

  g_return_val_if_fail (CSP_IS_CHART (chart), NULL);

  title = csp_chart_get_title (chart);
  subtitle = csp_chart_get_subtitle (chart);
  data = csp_chart_get_data (chart);
  g_string_append (text, title != NULL && *title != '\0' ? title : _ ("Chart"));
  g_string_append (text, _ (". "));
  if (subtitle != NULL && *subtitle != '\0')
    g_string_append_printf (text, _ ("%s. "), subtitle);
  if (data == NULL || csp_chart_data_is_empty (data))
    g_string_append (text, _ ("No data for this period."));
  else
    append_figures (text, data);
  return g_string_free (text, FALSE);
}
