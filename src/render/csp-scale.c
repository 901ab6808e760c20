/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "csp-scale"

#include "config.h"

#include <math.h>
#include <string.h>

#include "csp-scale.h"

/* The smallest step of the form 1, 2 or 5 x 10^n that covers @span in at
 * most @max_intervals intervals. */
static double
nice_step (double span, guint max_intervals)
{
  static const double multiples[] = { 1.0, 2.0, 5.0, 10.0 };
  double rough = span / max_intervals;
  double magnitude = pow (10.0, floor (log10 (rough)));

  for (guint i = 0; i < G_N_ELEMENTS (multiples); i++)
    if (multiples[i] * magnitude >= rough * (1.0 - 1e-9))
      return multiples[i] * magnitude;
  g_assert_not_reached ();
}

/**
 * csp_ticks_for_range:
 * @low: the lowest value to show
 * @high: the highest value to show
 * @max_ticks: at most this many ticks (at least 2)
 * @ticks: (out caller-allocates): the ticks
 *
 * Ticks by the 1-2-5 rule that enclose [@low, @high]. A range with no
 * width still gets an axis around its value.
 */
void
csp_ticks_for_range (double low, double high, guint max_ticks, CspTicks *ticks)
{
  double step, first, last;

  g_return_if_fail (max_ticks >= 2);
  g_return_if_fail (low <= high);

  if (high - low < 1e-12)
    {
      low = low > 0 ? 0 : low - 1;
      high = high < 0 ? 0 : high + (high == low ? 1 : 0);
      if (high <= low)
        high = low + 1;
    }
  step = nice_step (high - low, max_ticks - 1);
  for (;;)
    {
      first = floor (low / step + 1e-9) * step;
      last = ceil (high / step - 1e-9) * step;
      if ((guint) llround ((last - first) / step) + 1 <= max_ticks)
        break;
      step = nice_step (step * 1.5, 1); /* the next 1-2-5 step up */
    }
  ticks->first = first;
  ticks->step = step;
  ticks->count = (guint) llround ((last - first) / step) + 1;
}

/**
 * csp_ticks_for_whole_numbers:
 * @low: the lowest value to show
 * @high: the highest value to show
 * @max_ticks: at most this many ticks (at least 2)
 * @ticks: (out caller-allocates): the ticks
 *
 * As csp_ticks_for_range(), for counts: the step is never below 1, so that
 * no two ticks of a small range round to the same label.
 */
void
csp_ticks_for_whole_numbers (double low, double high, guint max_ticks, CspTicks *ticks)
{
  double span;

  g_return_if_fail (max_ticks >= 2);
  g_return_if_fail (low <= high);

  low = floor (low);
  high = ceil (high);
  if (high <= low)
    high = low + 1;
  span = high - low;
  /* n ticks of step 1 or more cover a span of at least n - 1. */
  if (span + 1 < max_ticks)
    max_ticks = (guint) span + 1;
  csp_ticks_for_range (low, high, max_ticks, ticks);
}

/**
 * csp_ticks_get:
 *
 * Returns: the value of tick @index, computed afresh to avoid drift
 */
double
csp_ticks_get (const CspTicks *ticks, guint index)
{
  g_return_val_if_fail (index < ticks->count, 0.0);
  return ticks->first + ticks->step * index;
}

/**
 * csp_ticks_get_last:
 *
 * Returns: the value of the highest tick
 */
double
csp_ticks_get_last (const CspTicks *ticks)
{
  g_return_val_if_fail (ticks->count > 0, 0.0);
  return csp_ticks_get (ticks, ticks->count - 1);
}

/**
 * csp_format_number:
 *
 * Formats a whole number with thousands separators, as 12,345.
 *
 * Returns: (transfer full): the text
 */
char *
csp_format_number (double value)
{
  g_autofree char *digits = g_strdup_printf ("%.0f", fabs (value));
  GString *text = g_string_new (value <= -0.5 ? "-" : "");
  gsize length = strlen (digits);

  for (gsize i = 0; i < length; i++)
    {
      if (i > 0 && (length - i) % 3 == 0)
        g_string_append_c (text, ',');
      g_string_append_c (text, digits[i]);
    }
  return g_string_free (text, FALSE);
}

/**
 * csp_format_decimal:
 * @decimals: digits after the point, at most 6
 *
 * Formats a number with thousands separators and @decimals digits after
 * the point, as 12,345.6; with no decimals, as csp_format_number().
 *
 * Returns: (transfer full): the text
 */
char *
csp_format_decimal (double value, guint decimals)
{
  double scale, rounded, whole;
  g_autofree char *integer = NULL;
  g_autofree char *fraction = NULL;

  g_return_val_if_fail (decimals <= 6, NULL);

  if (decimals == 0)
    return csp_format_number (value);
  scale = pow (10.0, decimals);
  rounded = round (fabs (value) * scale);
  whole = floor (rounded / scale);
  integer = csp_format_number (whole);
  fraction = g_strdup_printf ("%0*.0f", (int) decimals, rounded - whole * scale);
  return g_strdup_printf ("%s%s.%s", value < 0 && rounded > 0 ? "-" : "", integer, fraction);
}
