/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define CSP_CSV_ERROR (csp_csv_error_quark ())

/**
 * CspCsvError:
 * @CSP_CSV_ERROR_EMPTY: the file holds no rows at all
 * @CSP_CSV_ERROR_TOO_LARGE: the file is larger than an import may be
 * @CSP_CSV_ERROR_ENCODING: neither UTF-8 nor Windows-1252 text (e.g. UTF-16),
 *   or a byte that is not UTF-8 in the header row of a UTF-8 file
 * @CSP_CSV_ERROR_BINARY: control characters: not a text file
 * @CSP_CSV_ERROR_NO_HEADER: the first row is not a row of column names
 * @CSP_CSV_ERROR_UNTERMINATED_QUOTE: a quoted value is never closed
 * @CSP_CSV_ERROR_BAD_QUOTE: a quote inside a value of the header row that
 *   is not quoted, or text after a closing quote there
 *
 * Every message names the file and, where there is one, the line. A data
 * row with more or fewer values than the header, or with a quote out of
 * place, is no error of the file: see csp_csv_reader_get_row_problem().
 */
typedef enum
{
  CSP_CSV_ERROR_EMPTY,
  CSP_CSV_ERROR_TOO_LARGE,
  CSP_CSV_ERROR_ENCODING,
  CSP_CSV_ERROR_BINARY,
  CSP_CSV_ERROR_NO_HEADER,
  CSP_CSV_ERROR_UNTERMINATED_QUOTE,
  CSP_CSV_ERROR_BAD_QUOTE,
} CspCsvError;

/**
 * CspCsvBadByte:
 * @line: the line it is on, from 1
 * @column: which character of the line it is, from 1 (itself counted as one)
 * @byte: its value
 *
 * A byte of a UTF-8 file that is not part of any UTF-8 character. The text
 * read holds U+FFFD (�) in its place.
 */
typedef struct
{
  guint line;
  guint column;
  guint8 byte;
} CspCsvBadByte;

/* The largest file held in memory, so that a wrong file cannot exhaust it. */
#define CSP_CSV_MAX_SIZE (256 * 1024 * 1024)
/* The largest file read in chunks from disk (csp_csv_reader_new_for_file()). */
#define CSP_CSV_MAX_STREAM_SIZE (G_GINT64_CONSTANT (16) * 1024 * 1024 * 1024)

#define CSP_TYPE_CSV_READER (csp_csv_reader_get_type ())
G_DECLARE_FINAL_TYPE (CspCsvReader, csp_csv_reader, CSP, CSV_READER, GObject)

GQuark csp_csv_error_quark (void);

CspCsvReader *csp_csv_reader_new (GBytes *contents, const char *display_name, char separator,
                                  GError **error);
GBytes *csp_csv_load_file (GFile *file, char **display_name, GCancellable *cancellable,
                           GError **error);
CspCsvReader *csp_csv_reader_new_for_file (GFile *file, char separator, GCancellable *cancellable,
                                           GError **error);

const char *csp_csv_reader_get_display_name (CspCsvReader *self);
const char *csp_csv_reader_get_sha256 (CspCsvReader *self);
const char *csp_csv_reader_get_encoding (CspCsvReader *self);
gboolean csp_csv_reader_get_has_bom (CspCsvReader *self);
char csp_csv_reader_get_separator (CspCsvReader *self);
guint csp_csv_reader_get_n_columns (CspCsvReader *self);
const char *const *csp_csv_reader_get_headers (CspCsvReader *self);
guint csp_csv_reader_get_header_line (CspCsvReader *self);
guint csp_csv_reader_get_n_comment_lines (CspCsvReader *self);
int csp_csv_reader_get_duplicate_of (CspCsvReader *self, guint column);
const CspCsvBadByte *csp_csv_reader_get_bad_bytes (CspCsvReader *self, guint *n_bad_bytes);

gboolean csp_csv_reader_read_row (CspCsvReader *self, gboolean *has_row, GError **error);
guint csp_csv_reader_get_line (CspCsvReader *self);
const char *csp_csv_reader_get_field (CspCsvReader *self, guint column);
guint csp_csv_reader_get_row_n_fields (CspCsvReader *self);
const char *csp_csv_reader_get_row_problem (CspCsvReader *self);
const CspCsvBadByte *csp_csv_reader_get_row_bad_bytes (CspCsvReader *self, guint *n_bad_bytes);
double csp_csv_reader_get_fraction (CspCsvReader *self);
void csp_csv_reader_rewind (CspCsvReader *self);

G_END_DECLS
