/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <libxml/xmlwriter.h>

#include "csp-report-layout.h"
#include "csp-report-pdf.h"

G_BEGIN_DECLS

/* What the writers of editable documents (Word, OpenDocument) share: they
 * walk the same blocks and say what things are, in their own XML. */

/* Charts are drawn at twice their size in points: 144 pixels an inch. */
#define CSP_REPORT_CHART_SCALE 2.0

/**
 * CspReportRunStyle:
 * @bold: in bold
 * @italic: in italics
 * @superscript: raised and smaller, as the "th" of "8th"
 *
 * How a run of a paragraph's text looks.
 */
typedef struct
{
  gboolean bold;
  gboolean italic;
  gboolean superscript;
} CspReportRunStyle;

/**
 * CspReportPieceKind:
 * @CSP_REPORT_PIECE_TEXT: characters, none of them a tab or line break
 * @CSP_REPORT_PIECE_TAB: a tab
 * @CSP_REPORT_PIECE_BREAK: a line break
 */
typedef enum
{
  CSP_REPORT_PIECE_TEXT,
  CSP_REPORT_PIECE_TAB,
  CSP_REPORT_PIECE_BREAK,
} CspReportPieceKind;

typedef void (*CspReportRunFunc) (const char *text, gsize length, const CspReportRunStyle *style,
                                  gpointer user_data);
typedef void (*CspReportPieceFunc) (CspReportPieceKind kind, const char *text, gpointer user_data);

void csp_report_markup_foreach_run (const char *markup, const CspReportRunStyle *base,
                                    CspReportRunFunc func, gpointer user_data);
void csp_report_text_foreach_piece (const char *text, gsize length, CspReportPieceFunc func,
                                    gpointer user_data);
void csp_report_table_split_width (const CspReportBlock *block, guint width, guint *widths);
GBytes *csp_report_chart_block_to_png (const CspReportBlock *block, double width, GError **error);

GPtrArray *csp_report_document_blocks_new (CspDatabase *database, const CspReportContent *content,
                                           CspReportPdfInfo *info, char **subject, GError **error);

xmlTextWriterPtr csp_report_xml_part_new (xmlBuffer **buffer);
GBytes *csp_report_xml_part_finish (xmlTextWriterPtr writer, xmlBuffer *buffer, gboolean keep);
void csp_report_xml_write_dublin_core (xmlTextWriterPtr writer, const CspReportPdfInfo *info);

G_END_DECLS
