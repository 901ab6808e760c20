/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "csp-database.h"
#include "csp-report-content.h"

G_BEGIN_DECLS

/* The sample partnership's report, loaded, in a folder of its own. */
typedef struct
{
  char *dir;
  CspDatabase *database;
  CspReportContent *content;
} ReportSample;

void report_sample_open (ReportSample *sample, const char *prefix);
void report_sample_close (ReportSample *sample);

gboolean report_text_find_tool (const char *name, const char *package, char **path);
char *report_text_run (const char *const *argv, const char *home);
char *report_text_flatten (const char *text, const CspReportContent *content);
void report_text_assert_in_order (const char *haystack, GPtrArray *needles);
GPtrArray *report_text_body_needles (const CspReportContent *content);
char *report_text_assert_office_reads_as_pdf (ReportSample *sample, const char *document);

G_END_DECLS
