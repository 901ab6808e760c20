/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "csp-database.h"

G_BEGIN_DECLS

/**
 * CspReportColumn:
 * @CSP_REPORT_COLUMN_DATE: when the activity took place
 * @CSP_REPORT_COLUMN_ACTIVITY: its title
 * @CSP_REPORT_COLUMN_PARTNERS: the lead partner, then the supporting ones
 * @CSP_REPORT_COLUMN_CHANNEL: where it took place, else its channel
 * @CSP_REPORT_COLUMN_AUDIENCE: who it was for
 * @CSP_REPORT_COLUMN_NUMBERS: participants / reach
 * @CSP_REPORT_COLUMN_OUTCOME: what came of it
 * @CSP_REPORT_N_COLUMNS: how many columns the appendix table has
 *
 * The columns of the appendix table of activities, in order.
 */
typedef enum
{
  CSP_REPORT_COLUMN_DATE,
  CSP_REPORT_COLUMN_ACTIVITY,
  CSP_REPORT_COLUMN_PARTNERS,
  CSP_REPORT_COLUMN_CHANNEL,
  CSP_REPORT_COLUMN_AUDIENCE,
  CSP_REPORT_COLUMN_NUMBERS,
  CSP_REPORT_COLUMN_OUTCOME,
  CSP_REPORT_N_COLUMNS,
} CspReportColumn;

/**
 * CspReportSectionContent:
 * @number: its number in the report, from 1, by position
 * @heading: its heading as written
 * @paragraphs: (array zero-terminated=1): its paragraphs, numbered
 *   @number.1, @number.2 … when printed
 *
 * One numbered section of a report.
 */
typedef struct
{
  guint number;
  char *heading;
  char **paragraphs;
} CspReportSectionContent;

/**
 * CspReportRow:
 * @activity_id: the activity's id
 * @start_date: its start date, YYYY-MM-DD
 * @cells: the text of each #CspReportColumn, never %NULL (empty when unknown)
 *
 * One row of the appendix table of activities.
 */
typedef struct
{
  gint64 activity_id;
  char *start_date;
  char *cells[CSP_REPORT_N_COLUMNS];
} CspReportRow;

/**
 * CspReportContent:
 * @report_id: the committee report's id (0 for content made by hand)
 * @council_name: the council, e.g. "Welwyn Hatfield Borough Council"
 * @committee: the committee it goes to
 * @meeting_date: the meeting's date, YYYY-MM-DD
 * @report_of: whose report it is, e.g. "Corporate Director (Housing and Communities)"
 * @title: the report's title
 * @author: the author's name
 * @author_title: (nullable): the author's job title
 * @report_date: the date the report was written, YYYY-MM-DD
 * @period_start: (nullable): first day of the period the appendices cover
 * @period_end: (nullable): last day of that period
 * @status: "draft" or "final"
 * @sections: (element-type CspReportSectionContent): the sections in order
 * @rows: (element-type CspReportRow): the appendix table, by date
 * @charts: (element-type utf8): the names of the standard charts of the
 *   trends appendix, in order; those the report leaves out are not listed
 * @activities_appendix: whether the appendix table of activities is printed
 *
 * Everything a committee report prints, as plain data: what the layout
 * engine flows onto pages. Treat the fields as read-only once made, except
 * while building content by hand with the append functions.
 */
typedef struct
{
  gint64 report_id;
  char *council_name;
  char *committee;
  char *meeting_date;
  char *report_of;
  char *title;
  char *author;
  char *author_title;
  char *report_date;
  char *period_start;
  char *period_end;
  char *status;
  GPtrArray *sections;
  GPtrArray *rows;
  GPtrArray *charts;
  gboolean activities_appendix;
} CspReportContent;

CspReportContent *csp_report_content_new (void);
CspReportContent *csp_report_content_load (CspDatabase *database, gint64 report_id,
                                           const char *from_date, const char *to_date,
                                           GError **error);
void csp_report_content_free (CspReportContent *self);
gboolean csp_report_content_is_default_chart (const char *name);

CspReportSectionContent *csp_report_content_append_section (CspReportContent *self,
                                                            const char *heading, const char *body);
CspReportRow *csp_report_content_append_row (CspReportContent *self, gint64 activity_id,
                                             const char *start_date, const char *const *cells);

gboolean csp_report_find_latest (CspDatabase *database, gint64 *report_id, GError **error);

const char *csp_report_column_get_title (CspReportColumn column);
char **csp_report_split_paragraphs (const char *body);
char *csp_report_format_count (gint64 count);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CspReportContent, csp_report_content_free)

G_END_DECLS
