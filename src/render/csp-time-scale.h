/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * CspTimeUnit:
 * @CSP_TIME_UNIT_AUTO: the finest unit whose labels fit
 * @CSP_TIME_UNIT_MONTH: months, labelled "Apr 2020"
 * @CSP_TIME_UNIT_QUARTER: quarters of the financial year, labelled "Q1 2020-21"
 * @CSP_TIME_UNIT_YEAR: financial years, labelled "2020-21"
 *
 * How a time axis of months is divided and labelled. Months are counted
 * as CSP_MONTH_INDEX (year, month) (see csp-chart-data.h).
 */
typedef enum
{
  CSP_TIME_UNIT_AUTO,
  CSP_TIME_UNIT_MONTH,
  CSP_TIME_UNIT_QUARTER,
  CSP_TIME_UNIT_YEAR,
} CspTimeUnit;

/**
 * CspTimeGroup:
 * @month: the group's first month, which may lie before the axis starts
 * @start: the first of the axis' months in the group, counted from the axis' start
 * @length: how many of the axis' months the group holds
 * @whole: whether the axis holds all the group's months
 * @labelled: whether the group is labelled at the step asked for
 *
 * A month, quarter or financial year along a time axis.
 */
typedef struct
{
  int month;
  guint start;
  guint length;
  gboolean whole;
  gboolean labelled;
} CspTimeGroup;

guint csp_time_unit_get_months (CspTimeUnit unit);
const guint *csp_time_unit_get_steps (CspTimeUnit unit, guint *n_steps);
int csp_time_financial_year (int month, int year_start_month);
guint csp_time_quarter (int month, int year_start_month);
int csp_time_group_start (int month, CspTimeUnit unit, int year_start_month);
char *csp_time_label (int month, CspTimeUnit unit, int year_start_month);
GArray *csp_time_groups (int first_month, guint n_months, CspTimeUnit unit, guint step,
                         int year_start_month);

G_END_DECLS
