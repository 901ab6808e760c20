/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * CspTicks:
 * @first: the lowest tick, at or below the data's lowest value
 * @step: the distance between ticks: 1, 2 or 5 times a power of ten
 * @count: how many ticks, @first and the last included
 *
 * An axis' ticks; the last one is at or above the data's highest value.
 */
typedef struct
{
  double first;
  double step;
  guint count;
} CspTicks;

void csp_ticks_for_range (double low, double high, guint max_ticks, CspTicks *ticks);
void csp_ticks_for_whole_numbers (double low, double high, guint max_ticks, CspTicks *ticks);
double csp_ticks_get (const CspTicks *ticks, guint index);
double csp_ticks_get_last (const CspTicks *ticks);
char *csp_format_number (double value);
char *csp_format_decimal (double value, guint decimals);

G_END_DECLS
