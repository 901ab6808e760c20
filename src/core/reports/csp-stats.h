/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "csp-database.h"

G_BEGIN_DECLS

/**
 * CspYearStats:
 * @year_start: first calendar year of the financial year (2020 for 2020-21)
 * @activities: activities that started in it (cancelled ones excluded)
 * @online: of those, online
 * @in_person: of those, in person
 * @hybrid: of those, hybrid
 * @participants: people who took part
 * @reach: people reached
 */
typedef struct
{
  int year_start;
  gint64 activities;
  gint64 online;
  gint64 in_person;
  gint64 hybrid;
  gint64 participants;
  gint64 reach;
} CspYearStats;

GArray *csp_stats_by_financial_year (CspDatabase *database, GError **error);

G_END_DECLS
