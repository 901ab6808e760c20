/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-csv-reader"

#include "config.h"

#include <string.h>

#include "csp-csv-reader.h"
#include "test-folder.h"

/* The CSV reader against the files people's spreadsheets write, and
 * against every kind of malformed file. */

static CspCsvReader *
reader_for (const char *text, gssize length, GError **error)
{
  g_autoptr (GBytes) bytes = g_bytes_new (text, length < 0 ? strlen (text) : (gsize) length);

  return csp_csv_reader_new (bytes, "test.csv", 0, error);
}

static CspCsvReader *
reader_ok (const char *text, gssize length)
{
  g_autoptr (GError) error = NULL;
  CspCsvReader *reader = reader_for (text, length, &error);

  g_assert_no_error (error);
  g_assert_nonnull (reader);
  return reader;
}

/* Reads every row as "line:field|field|...". */
static char *
dump_rows (CspCsvReader *reader)
{
  g_autoptr (GString) out = g_string_new (NULL);
  g_autoptr (GError) error = NULL;
  gboolean has_row = FALSE;

  while (csp_csv_reader_read_row (reader, &has_row, &error) && has_row)
    {
      g_string_append_printf (out, "%u:", csp_csv_reader_get_line (reader));
      for (guint i = 0; i < csp_csv_reader_get_n_columns (reader); i++)
        g_string_append_printf (out, "%s%s", i > 0 ? "|" : "",
                                csp_csv_reader_get_field (reader, i));
      g_string_append_c (out, '\n');
    }
  g_assert_no_error (error);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static char *
dump_headers (CspCsvReader *reader)
{
  return g_strjoinv ("|", (char **) csp_csv_reader_get_headers (reader));
}

static void
test_utf8_bom (void)
{
  g_autoptr (CspCsvReader) reader = reader_ok ("\xef\xbb\xbfName,Town\nCaf\xc3\xa9,Hatfield\n", -1);
  g_autofree char *headers = dump_headers (reader);
  g_autofree char *rows = dump_rows (reader);

  g_assert_cmpstr (csp_csv_reader_get_encoding (reader), ==, "UTF-8");
  g_assert_true (csp_csv_reader_get_has_bom (reader));
  g_assert_cmpstr (headers, ==, "Name|Town");
  g_assert_cmpstr (rows, ==, "2:Café|Hatfield\n");
}

static void
test_utf8_without_bom (void)
{
  g_autoptr (CspCsvReader) reader = reader_ok ("a,b\n\xc2\xa3"
                                               "5,x\n",
                                               -1);
  g_autofree char *rows = dump_rows (reader);

  g_assert_cmpstr (csp_csv_reader_get_encoding (reader), ==, "UTF-8");
  g_assert_false (csp_csv_reader_get_has_bom (reader));
  g_assert_cmpstr (rows, ==, "2:£5|x\n");
}

static void
test_windows_1252 (void)
{
  /* £ is 0xa3, é 0xe9, the curly quotes 0x93 0x94 and € 0x80 in Windows-1252. */
  g_autoptr (CspCsvReader) reader = reader_ok ("Title;Cost\r\nCaf\xe9 \x93talk\x94;\xa3"
                                               "5\r\nEuro;\x80"
                                               "3\r\n",
                                               -1);
  g_autofree char *rows = dump_rows (reader);

  g_assert_cmpstr (csp_csv_reader_get_encoding (reader), ==, "Windows-1252");
  g_assert_cmpint (csp_csv_reader_get_separator (reader), ==, ';');
  g_assert_cmpstr (rows, ==, "2:Café “talk”|£5\n3:Euro|€3\n");
}

static char *
dump_bad_bytes (const CspCsvBadByte *bad, guint n)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    g_string_append_printf (out, "%s%u:%u:%02X", i > 0 ? " " : "", bad[i].line, bad[i].column,
                            bad[i].byte);
  return g_string_free (out, FALSE);
}

/* One bad byte in a UTF-8 file: the file is still UTF-8, its accents
 * intact, and the byte is found by line and character, in the row that
 * holds it. */
static void
test_mostly_utf8 (void)
{
  g_autoptr (CspCsvReader) reader =
      reader_ok ("Title,Town\r\n"
                 "Caf\xc3\xa9 Zo\xc3\xab \xe2\x80\x93 na\xc3\xafve,Hatfield\r\n"
                 "R\xc3\xa9sum\xe9,x\r\n"
                 "\"two\r\nli\x96nes\",\xff\r\n"
                 "fine,again\r\n",
                 -1);
  guint n = 0;
  const CspCsvBadByte *bad = csp_csv_reader_get_bad_bytes (reader, &n);
  g_autofree char *all = dump_bad_bytes (bad, n);
  g_autoptr (GString) rows = g_string_new (NULL);
  g_autoptr (GError) error = NULL;
  gboolean has_row = FALSE;

  g_assert_cmpstr (csp_csv_reader_get_encoding (reader), ==, "UTF-8");
  g_assert_cmpstr (all, ==, "3:6:E9 5:3:96 5:9:FF");
  while (csp_csv_reader_read_row (reader, &has_row, &error) && has_row)
    {
      const CspCsvBadByte *in_row = csp_csv_reader_get_row_bad_bytes (reader, &n);
      g_autofree char *found = dump_bad_bytes (in_row, n);

      g_string_append_printf (rows, "%u:%s|%s [%s]\n", csp_csv_reader_get_line (reader),
                              csp_csv_reader_get_field (reader, 0),
                              csp_csv_reader_get_field (reader, 1), found);
    }
  g_assert_no_error (error);
  g_assert_cmpstr (rows->str, ==,
                   "2:Café Zoë – naïve|Hatfield []\n"
                   "3:Résum\xef\xbf\xbd|x [3:6:E9]\n"
                   "4:two\nli\xef\xbf\xbdnes|\xef\xbf\xbd [5:3:96 5:9:FF]\n"
                   "6:fine|again []\n");
}

/* With a byte order mark the file says it is UTF-8, whatever it holds. */
static void
test_mostly_utf8_bom (void)
{
  g_autoptr (CspCsvReader) reader = reader_ok ("\xef\xbb\xbf"
                                               "a,b\n1,\xe9\n",
                                               -1);
  guint n = 0;
  const CspCsvBadByte *bad = csp_csv_reader_get_bad_bytes (reader, &n);
  g_autofree char *all = dump_bad_bytes (bad, n);

  g_assert_cmpstr (csp_csv_reader_get_encoding (reader), ==, "UTF-8");
  g_assert_cmpstr (all, ==, "2:3:E9");
}

static void
test_separators (void)
{
  g_autoptr (CspCsvReader) semicolon = reader_ok ("a;b;c\n1,5;2;3\n", -1);
  g_autoptr (CspCsvReader) tab = reader_ok ("a\tb\n1\t2\n", -1);
  g_autoptr (CspCsvReader) comma = reader_ok ("\"a;x\",b\n1,2\n", -1);
  g_autoptr (CspCsvReader) single = reader_ok ("only\nvalue\n", -1);
  g_autoptr (GBytes) bytes = g_bytes_new_static ("a;b,c\n1;2,3\n", 12);
  g_autoptr (GError) error = NULL;
  g_autoptr (CspCsvReader) forced = csp_csv_reader_new (bytes, "forced.csv", ',', &error);
  g_autofree char *semicolon_rows = dump_rows (semicolon);
  g_autofree char *tab_rows = dump_rows (tab);
  g_autofree char *comma_headers = dump_headers (comma);
  g_autofree char *forced_headers = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (csp_csv_reader_get_separator (semicolon), ==, ';');
  g_assert_cmpstr (semicolon_rows, ==, "2:1,5|2|3\n");
  g_assert_cmpint (csp_csv_reader_get_separator (tab), ==, '\t');
  g_assert_cmpstr (tab_rows, ==, "2:1|2\n");
  /* A semicolon inside quotes does not count. */
  g_assert_cmpint (csp_csv_reader_get_separator (comma), ==, ',');
  g_assert_cmpstr (comma_headers, ==, "a;x|b");
  g_assert_cmpint (csp_csv_reader_get_separator (single), ==, ',');
  forced_headers = dump_headers (forced);
  g_assert_cmpstr (forced_headers, ==, "a;b|c");
}

static void
test_line_ends (void)
{
  g_autoptr (CspCsvReader) crlf = reader_ok ("a,b\r\n1,2\r\n3,4\r\n", -1);
  g_autoptr (CspCsvReader) cr = reader_ok ("a,b\r1,2\r3,4", -1);
  g_autoptr (CspCsvReader) no_end = reader_ok ("a,b\n1,2", -1);
  g_autofree char *crlf_rows = dump_rows (crlf);
  g_autofree char *cr_rows = dump_rows (cr);
  g_autofree char *no_end_rows = dump_rows (no_end);

  g_assert_cmpstr (crlf_rows, ==, "2:1|2\n3:3|4\n");
  g_assert_cmpstr (cr_rows, ==, "2:1|2\n3:3|4\n");
  g_assert_cmpstr (no_end_rows, ==, "2:1|2\n");
}

/* Each row knows the line it starts on, past values with line breaks and
 * blank lines. */
static void
test_quoted_newlines (void)
{
  g_autoptr (CspCsvReader) reader = reader_ok ("Title,Outcome\r\n"
                                               "One,\"first line\r\nsecond line\r\nthird\"\r\n"
                                               "\r\n"
                                               "\"Two, with \"\"quotes\"\"\",plain\r\n"
                                               "   \r\n"
                                               "Three,\"a\nb\"\n",
                                               -1);
  g_autofree char *rows = dump_rows (reader);

  g_assert_cmpstr (rows, ==,
                   "2:One|first line\nsecond line\nthird\n"
                   "6:Two, with \"quotes\"|plain\n"
                   "8:Three|a\nb\n");
}

static void
test_spaces (void)
{
  g_autoptr (CspCsvReader) reader = reader_ok (" a , b \n  x  ,\"  y  \"\n", -1);
  g_autofree char *headers = dump_headers (reader);
  g_autofree char *rows = dump_rows (reader);

  g_assert_cmpstr (headers, ==, "a|b");
  /* Unquoted values lose their outer spaces; quoted ones keep them. */
  g_assert_cmpstr (rows, ==, "2:x|  y  \n");
}

/* Excel leaves rows of empty cells and empty columns at the end. */
static void
test_empty_rows_and_columns (void)
{
  g_autoptr (CspCsvReader) reader = reader_ok ("a,b,,\n1,2,,\n,,,\n3,4\n,,\n", -1);
  g_autofree char *rows = dump_rows (reader);

  g_assert_cmpuint (csp_csv_reader_get_n_columns (reader), ==, 2);
  g_assert_cmpstr (rows, ==, "2:1|2\n4:3|4\n");
}

static void
test_header_names (void)
{
  g_autoptr (CspCsvReader) reader = reader_ok ("Reach,,Reach,Title,Reach\n1,2,3,x,5\n", -1);
  g_autofree char *headers = dump_headers (reader);

  g_assert_cmpstr (headers, ==, "Reach|Column 2|Reach (2)|Title|Reach (3)");
  g_assert_cmpuint (csp_csv_reader_get_header_line (reader), ==, 1);
}

/* The first column of each name, for the import to say which columns
 * repeat which. */
static void
test_header_duplicates (void)
{
  g_autoptr (CspCsvReader) reader =
      reader_ok ("Reach,,Reach,Title,Reach,Column 2\n1,2,3,x,5,6\n", -1);
  g_autofree char *headers = dump_headers (reader);
  const int expected[] = { -1, -1, 0, -1, 0, -1 };

  g_assert_cmpstr (headers, ==, "Reach|Column 2|Reach (2)|Title|Reach (3)|Column 2 (2)");
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_cmpint (csp_csv_reader_get_duplicate_of (reader, i), ==, expected[i]);
}

/* 10,000 columns, all of one name: each gets a name of its own without
 * trying every number before it. */
static void
test_header_many_columns (void)
{
  g_autoptr (GString) text = g_string_new (NULL);
  g_autoptr (CspCsvReader) reader = NULL;
  const char *const *headers;
  gboolean has_row = FALSE;
  g_autoptr (GError) error = NULL;

  for (guint row = 0; row < 3; row++)
    {
      for (guint i = 0; i < 10000; i++)
        g_string_append (text, row == 0 ? (i == 0 ? "x" : ",x") : (i == 0 ? "1" : ",1"));
      g_string_append_c (text, '\n');
    }
  reader = reader_ok (text->str, (gssize) text->len);
  headers = csp_csv_reader_get_headers (reader);
  g_assert_cmpuint (csp_csv_reader_get_n_columns (reader), ==, 10000);
  g_assert_cmpuint (g_strv_length ((char **) headers), ==, 10000);
  g_assert_cmpstr (headers[0], ==, "x");
  g_assert_cmpstr (headers[1], ==, "x (2)");
  g_assert_cmpstr (headers[9999], ==, "x (10000)");
  g_assert_cmpint (csp_csv_reader_get_duplicate_of (reader, 9999), ==, 0);
  g_assert_true (csp_csv_reader_read_row (reader, &has_row, &error));
  g_assert_no_error (error);
  g_assert_true (has_row);
  g_assert_cmpstr (csp_csv_reader_get_field (reader, 9999), ==, "1");
}

static void
test_header_after_blank_lines (void)
{
  g_autoptr (CspCsvReader) reader = reader_ok ("\n\n,,\nName\nx\n", -1);
  g_autofree char *rows = dump_rows (reader);

  g_assert_cmpuint (csp_csv_reader_get_header_line (reader), ==, 4);
  g_assert_cmpstr (rows, ==, "5:x\n");
}

/* As Google Analytics writes its exports: what the report is, above the
 * header, in lines that begin with "#". */
static void
test_header_after_comment_lines (void)
{
  g_autoptr (CspCsvReader) reader = reader_ok ("# ----------------------------------------\n"
                                               "# Pages and screens; \"all users\"\n"
                                               "# Start date: 20210601\n"
                                               "\n"
                                               "Date;Views\n20210601;12\n",
                                               -1);
  g_autofree char *rows = dump_rows (reader);
  g_autoptr (GError) error = NULL;
  g_autoptr (CspCsvReader) only_comments = reader_for ("# nothing\n# here\n", -1, &error);

  g_assert_cmpuint (csp_csv_reader_get_n_comment_lines (reader), ==, 3);
  g_assert_cmpint (csp_csv_reader_get_separator (reader), ==, ';');
  g_assert_cmpstr (csp_csv_reader_get_headers (reader)[1], ==, "Views");
  g_assert_cmpuint (csp_csv_reader_get_header_line (reader), ==, 5);
  g_assert_cmpstr (rows, ==, "6:20210601|12\n");

  g_assert_null (only_comments);
  g_assert_error (error, CSP_CSV_ERROR, CSP_CSV_ERROR_EMPTY);
  g_assert_nonnull (strstr (error->message, "only comment lines"));
}

/* UTF-16, as Meta Business Suite downloads its insights, either way round. */
static void
test_utf16 (void)
{
  static const char little[] = "\xff\xfe"
                               "s\0e\0p\0=\0\t\0\n\0"
                               "D\0a\0t\0e\0\t\0R\0e\0a\0c\0h\0\n\0"
                               "1\0\t\0\xe9\0\n\0";
  static const char big[] = "\xfe\xff"
                            "\0D\0a\0t\0e\0,\0R\0e\0a\0c\0h\0\n"
                            "\0"
                            "2"
                            "\0"
                            ","
                            "\x20\xac"
                            "\0\n";
  g_autoptr (CspCsvReader) reader = reader_ok (little, sizeof little - 1);
  g_autoptr (CspCsvReader) big_reader = reader_ok (big, sizeof big - 1);
  g_autofree char *rows = dump_rows (reader);
  g_autofree char *big_rows = dump_rows (big_reader);
  g_autofree char *sha =
      g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) little, sizeof little - 1);

  g_assert_cmpstr (csp_csv_reader_get_encoding (reader), ==, "UTF-16");
  g_assert_cmpint (csp_csv_reader_get_separator (reader), ==, '\t');
  g_assert_cmpstr (csp_csv_reader_get_headers (reader)[1], ==, "Reach");
  g_assert_cmpstr (rows, ==, "3:1|é\n");
  /* The file's own, as the audit log names it. */
  g_assert_cmpstr (csp_csv_reader_get_sha256 (reader), ==, sha);
  g_assert_cmpstr (big_rows, ==, "2:2|€\n");
}

/* As Excel and Meta Business Suite write their files: a line naming the
 * separator, a title of one cell above the header. */
static void
test_header_after_separator_and_title (void)
{
  g_autoptr (CspCsvReader) named = reader_ok ("sep=;\nDate;Views\n2021-06-01;3\n", -1);
  g_autoptr (CspCsvReader) meta =
      reader_ok ("\"sep=,\"\n\"Reach\"\n\"Date\",\"Primary\"\n\"2021-06-01T00:00:00\",\"123\"\n"
                 "\"2021-06-02T00:00:00\",\"97\"\n",
                 -1);
  g_autoptr (CspCsvReader) one_column = reader_ok ("Title\nA,B\nC\n", -1);
  g_autofree char *named_rows = dump_rows (named);
  g_autofree char *meta_rows = dump_rows (meta);

  g_assert_cmpint (csp_csv_reader_get_separator (named), ==, ';');
  g_assert_cmpuint (csp_csv_reader_get_n_comment_lines (named), ==, 1);
  g_assert_cmpstr (named_rows, ==, "3:2021-06-01|3\n");

  g_assert_cmpuint (csp_csv_reader_get_n_comment_lines (meta), ==, 2);
  g_assert_cmpstr (csp_csv_reader_get_headers (meta)[0], ==, "Date");
  g_assert_cmpstr (csp_csv_reader_get_headers (meta)[1], ==, "Primary");
  g_assert_cmpstr (meta_rows, ==, "4:2021-06-01T00:00:00|123\n5:2021-06-02T00:00:00|97\n");

  /* One column, and a row of two values: no title, a ragged row. */
  g_assert_cmpuint (csp_csv_reader_get_n_comment_lines (one_column), ==, 0);
  g_assert_cmpuint (csp_csv_reader_get_n_columns (one_column), ==, 1);
}

static void
test_rewind (void)
{
  g_autoptr (CspCsvReader) reader = reader_ok ("a,b\n1,\"2\n2\"\n3,4\n", -1);
  g_autofree char *first = dump_rows (reader);
  g_autofree char *second = NULL;

  g_assert_cmpfloat (csp_csv_reader_get_fraction (reader), ==, 1.0);
  csp_csv_reader_rewind (reader);
  second = dump_rows (reader);
  g_assert_cmpstr (first, ==, second);
  g_assert_cmpstr (first, ==, "2:1|2\n2\n4:3|4\n");
}

static void
test_file (void)
{
  g_autofree char *dir = test_folder_new ("csp-test-csv");
  g_autofree char *path = g_build_filename (dir, "file.csv", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GFile) missing = g_file_new_for_path ("/nonexistent/file.csv");
  g_autoptr (GError) error = NULL;
  g_autoptr (CspCsvReader) reader = NULL;
  g_autoptr (CspCsvReader) none = NULL;

  g_assert_true (g_file_set_contents (path, "x\n1\n", -1, NULL));
  reader = csp_csv_reader_new_for_file (file, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (csp_csv_reader_get_display_name (reader), ==, path);
  none = csp_csv_reader_new_for_file (missing, 0, NULL, &error);
  g_assert_null (none);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  test_folder_remove (dir);
}

/* The reader decodes a file a chunk (1 MiB, CHUNK_SIZE in
 * csp-csv-reader.c) at a time: a character of two bytes, a CR LF and a
 * quoted line break each across a chunk's end read as they would in one
 * piece, and a stray byte after the first chunk is found by its line and
 * character. From memory and from a file alike. */
#define CHUNK (1024 * 1024)

static void
pad_to (GString *text, gsize offset, guint *n_rows)
{
  /* Rows of "padding,N\n" up to @offset - a short last one. */
  while (text->len + 40 < offset)
    g_string_append_printf (text, "padding,%u\n", (*n_rows)++);
  g_string_append (text, "p,");
  while (text->len < offset - 1)
    g_string_append_c (text, 'x');
  g_string_append_c (text, '\n');
  (*n_rows)++;
}

static void
check_chunked (CspCsvReader *reader, guint n_rows, guint bad_line)
{
  g_autoptr (GError) error = NULL;
  gboolean has_row = FALSE;
  guint n = 0, n_bad = 0;
  gboolean cafe = FALSE, quoted = FALSE, crlf = FALSE;
  const CspCsvBadByte *bad = csp_csv_reader_get_bad_bytes (reader, &n_bad);

  g_assert_cmpstr (csp_csv_reader_get_encoding (reader), ==, "UTF-8");
  g_assert_cmpuint (n_bad, ==, 1);
  g_assert_cmpuint (bad[0].line, ==, bad_line);
  g_assert_cmpuint (bad[0].column, ==, 5);
  g_assert_cmpuint (bad[0].byte, ==, 0xe9);
  for (guint pass = 0; pass < 2; pass++)
    {
      n = 0;
      csp_csv_reader_rewind (reader);
      while (csp_csv_reader_read_row (reader, &has_row, &error) && has_row)
        {
          const char *name = csp_csv_reader_get_field (reader, 0);

          n++;
          if (g_str_equal (name, "Caf\xc3\xa9"))
            cafe = TRUE;
          if (g_str_equal (name, "two\nlines"))
            quoted = TRUE;
          if (g_str_equal (name, "crlf"))
            {
              crlf = TRUE;
              g_assert_cmpstr (csp_csv_reader_get_field (reader, 1), ==, "1");
            }
          if (g_str_equal (name, "last"))
            g_assert_cmpuint (csp_csv_reader_get_line (reader), ==, n_rows + 2);
          if (g_str_has_prefix (name, "bad"))
            {
              guint n_in_row = 0;

              g_assert_cmpstr (name, ==, "bad \xef\xbf\xbd");
              g_assert_nonnull (csp_csv_reader_get_row_bad_bytes (reader, &n_in_row));
              g_assert_cmpuint (n_in_row, ==, 1);
              g_assert_cmpuint (csp_csv_reader_get_line (reader), ==, bad_line);
            }
        }
      g_assert_no_error (error);
      g_assert_cmpuint (n, ==, n_rows);
      g_assert_true (cafe && quoted && crlf);
    }
}

static void
test_chunks (void)
{
  g_autofree char *dir = test_folder_new ("csp-test-csv-chunks");
  g_autofree char *path = g_build_filename (dir, "chunks.csv", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GString) text = g_string_new ("name,value\n");
  g_autoptr (GError) error = NULL;
  g_autoptr (CspCsvReader) from_file = NULL;
  g_autoptr (CspCsvReader) from_memory = NULL;
  g_autoptr (GBytes) bytes = NULL;
  guint n_rows = 0, bad_line;

  /* é's two bytes either side of the first chunk's end */
  pad_to (text, CHUNK - 4, &n_rows);
  g_string_append (text, "Caf\xc3\xa9,1\n");
  n_rows++;
  /* a CR LF either side of the second's */
  pad_to (text, 2 * CHUNK - 7, &n_rows);
  g_string_append (text, "crlf,1\r\n");
  n_rows++;
  /* a line break in quotes either side of the third's */
  pad_to (text, 3 * CHUNK - 5, &n_rows);
  g_string_append (text, "\"two\nlines\",1\n");
  n_rows++;
  g_string_append (text, "bad \xe9,1\n");
  n_rows++;
  /* Lines: the header, then a row a line, but the quoted one takes two. */
  bad_line = n_rows + 2;
  g_string_append (text, "last,1\n");
  n_rows++;

  g_assert_true (g_file_set_contents (path, text->str, (gssize) text->len, NULL));
  from_file = csp_csv_reader_new_for_file (file, 0, NULL, &error);
  g_assert_no_error (error);
  check_chunked (from_file, n_rows, bad_line);
  bytes = g_bytes_new (text->str, text->len);
  from_memory = csp_csv_reader_new (bytes, "chunks.csv", 0, &error);
  g_assert_no_error (error);
  check_chunked (from_memory, n_rows, bad_line);
  g_assert_cmpstr (csp_csv_reader_get_sha256 (from_file), ==,
                   csp_csv_reader_get_sha256 (from_memory));
  test_folder_remove (dir);
}

/* Malformed files: each fails with its own code, naming the file and line. */
typedef struct
{
  const char *name;
  const char *text;
  gssize length;
  CspCsvError code;
  const char *message_part; /* NULL: the error comes when reading rows */
  guint fail_after_rows;
} Malformed;

static const Malformed malformed[] = {
  { "empty", "", 0, CSP_CSV_ERROR_EMPTY, "“test.csv” is empty", 0 },
  { "blank", "\r\n  \n\n", -1, CSP_CSV_ERROR_EMPTY, "“test.csv” is empty", 0 },
  { "bom-only", "\xef\xbb\xbf", -1, CSP_CSV_ERROR_EMPTY, "“test.csv” is empty", 0 },
  { "separators-only", ",,,\n,,\n", -1, CSP_CSV_ERROR_EMPTY, "is empty", 0 },
  { "no-header", "01/04/2021,3412,18220\n01/05/2021,3455,21904\n", -1, CSP_CSV_ERROR_NO_HEADER,
    "“test.csv”, line 1: the first row holds figures or dates", 0 },
  { "no-header-numbers", "12,\"1,234\",5%\n", -1, CSP_CSV_ERROR_NO_HEADER, "line 1", 0 },
  { "unterminated-quote", "a,b\n1,2\n3,\"never closed\n4,5\n", -1, CSP_CSV_ERROR_UNTERMINATED_QUOTE,
    "“test.csv”, line 3: the quoted value in column 2 is never closed", 1 },
  { "unterminated-header", "\"a,b\n1,2\n", -1, CSP_CSV_ERROR_UNTERMINATED_QUOTE,
    "“test.csv”, line 1: the quoted value in column 1", 0 },
  { "stray-quote-in-header", "a,b\"c\n1,2\n", -1, CSP_CSV_ERROR_BAD_QUOTE,
    "“test.csv”, line 1: a quote (\") in column 2 is in the middle of a value", 0 },
  { "text-after-quote-in-header", "\"a\"b,c\n1,2\n", -1, CSP_CSV_ERROR_BAD_QUOTE,
    "“test.csv”, line 1: a quote (\") in column 1", 0 },
  { "binary-nul", "a,b\n1,2\n3\0,4\n", 13, CSP_CSV_ERROR_BINARY,
    "“test.csv”, line 3: control character 0x00", 0 },
  { "binary-png", "\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16, CSP_CSV_ERROR_BINARY, "line 2", 0 },
  { "utf16-broken",
    "\xff\xfe"
    "a\0,\0\x00\xd8",
    8, CSP_CSV_ERROR_ENCODING, "“test.csv” is UTF-16 text (“Unicode text”) that cannot be read",
    0 },
  { "bad-utf8-in-header", "Ti\xe9tle,Zo\xc3\xab\n1,2\n", -1, CSP_CSV_ERROR_ENCODING,
    "“test.csv”, line 1, character 3: the byte 0xE9 is not UTF-8 text, and this is the header "
    "row",
    0 },
  { "not-1252", "a,b\n1,2\n\x81\x8d,x\n", -1, CSP_CSV_ERROR_ENCODING,
    "“test.csv”, line 3: the text is neither UTF-8 nor Windows-1252", 0 },
};

/* Reads every row as "line:field|field|... [problem]". */
static char *
dump_rows_with_problems (CspCsvReader *reader)
{
  g_autoptr (GString) out = g_string_new (NULL);
  g_autoptr (GError) error = NULL;
  gboolean has_row = FALSE;

  while (csp_csv_reader_read_row (reader, &has_row, &error) && has_row)
    {
      const char *problem = csp_csv_reader_get_row_problem (reader);

      g_string_append_printf (out, "%u:", csp_csv_reader_get_line (reader));
      for (guint i = 0; i < csp_csv_reader_get_n_columns (reader); i++)
        g_string_append_printf (out, "%s%s", i > 0 ? "|" : "",
                                csp_csv_reader_get_field (reader, i));
      g_string_append_printf (out, " (%u)", csp_csv_reader_get_row_n_fields (reader));
      if (problem != NULL)
        g_string_append_printf (out, " [%s]", problem);
      g_string_append_c (out, '\n');
    }
  g_assert_no_error (error);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* A row with more or fewer values than the header is read, with its line
 * and what is wrong with it; the rows after it are read as usual. */
static void
test_ragged_rows (void)
{
  g_autoptr (CspCsvReader) reader = reader_ok ("Title,Date,Attendees,Status\n"
                                               "Talk,01/05/2024,1,200,delivered\n"
                                               "Walk,02/05/2024,12,delivered\n"
                                               "Short,03/05/2024\n"
                                               "\"Quoted\nover two lines\",04/05/2024,5,x,y\n"
                                               "Trailing,05/05/2024,3,planned,,\n",
                                               -1);
  g_autofree char *rows = dump_rows_with_problems (reader);

  g_assert_cmpstr (
      rows, ==,
      "2:Talk|01/05/2024|1|200 (5) [this row has 5 values where the header row has 4 columns: "
      "“1” under “Attendees” and the “200” after it look like one number, 1,200, split at its "
      "comma. Write the number without the comma, or in quotes (\"1,200\")]\n"
      "3:Walk|02/05/2024|12|delivered (4)\n"
      "4:Short|03/05/2024|| (2) [this row has 2 values where the header row has 4 columns: check "
      "for a missing separator, or a line break inside a value without quotes around it]\n"
      "5:Quoted\nover two lines|04/05/2024|5|x (5) [this row has 5 values where the header row "
      "has 4 columns: a value holding a comma, such as the number 1,200 or “Hatfield, Herts”, "
      "needs quotes around it (\"1,200\")]\n"
      "7:Trailing|05/05/2024|3|planned (4)\n");

  /* Read again, the same. */
  csp_csv_reader_rewind (reader);
  g_free (rows);
  rows = dump_rows_with_problems (reader);
  g_assert_nonnull (strstr (rows, "2:Talk|01/05/2024|1|200 (5) [this row has 5 values"));

  /* One value against a header of one column: plural forms fit. */
  {
    g_autoptr (CspCsvReader) single = reader_ok ("Title\nA,B\n", -1);
    g_autofree char *one = dump_rows_with_problems (single);

    g_assert_nonnull (strstr (one, "this row has 2 values where the header row has 1 column: "));
  }
}

/* A quote out of place spoils its own row only: the row is read up to it,
 * with what is wrong, and the next line starts afresh. */
static void
test_bad_quote_rows (void)
{
  g_autoptr (CspCsvReader) reader = reader_ok ("Title,Size,Status\n"
                                               "TV,12\" screen,ok\n"
                                               "Fine,3,ok\n"
                                               "\"x\"y,2,ok\n"
                                               "\"multi\nline\"z,1,ok\n"
                                               "Last,4,ok",
                                               -1);
  g_autofree char *rows = dump_rows_with_problems (reader);

  g_assert_cmpstr (
      rows, ==,
      "2:TV|| (1) [a quote (\") in column 2, “Size”, is in the middle of a value, or text follows "
      "a closing quote. Put the whole value in quotes, and write each quote inside it twice "
      "(\"\")]\n"
      "3:Fine|3|ok (3)\n"
      "4:|| (0) [a quote (\") in column 1, “Title”, is in the middle of a value, or text follows "
      "a closing quote. Put the whole value in quotes, and write each quote inside it twice "
      "(\"\")]\n"
      "5:|| (0) [line 6: a quote (\") in column 1, “Title”, is in the middle of a value, or text "
      "follows a closing quote. Put the whole value in quotes, and write each quote inside it "
      "twice (\"\")]\n"
      "7:Last|4|ok (3)\n");
}

static void
test_malformed (gconstpointer data)
{
  const Malformed *test = data;
  g_autoptr (GError) error = NULL;
  g_autoptr (CspCsvReader) reader = reader_for (test->text, test->length, &error);
  gboolean has_row = FALSE;

  if (test->fail_after_rows == 0 && reader == NULL)
    {
      g_assert_error (error, CSP_CSV_ERROR, (int) test->code);
      g_assert_nonnull (strstr (error->message, test->message_part));
      return;
    }
  g_assert_no_error (error);
  g_assert_nonnull (reader);
  for (guint i = 0; i < test->fail_after_rows; i++)
    {
      g_assert_true (csp_csv_reader_read_row (reader, &has_row, &error));
      g_assert_true (has_row);
    }
  g_assert_false (csp_csv_reader_read_row (reader, &has_row, &error));
  g_assert_false (has_row);
  g_assert_error (error, CSP_CSV_ERROR, (int) test->code);
  g_assert_nonnull (strstr (error->message, test->message_part));
  /* It keeps failing, rather than going on past the damage. */
  g_clear_error (&error);
  g_assert_false (csp_csv_reader_read_row (reader, &has_row, &error));
  g_assert_error (error, CSP_CSV_ERROR, (int) test->code);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/csv/encoding/utf8-bom", test_utf8_bom);
  g_test_add_func ("/csv/encoding/utf8", test_utf8_without_bom);
  g_test_add_func ("/csv/encoding/windows-1252", test_windows_1252);
  g_test_add_func ("/csv/encoding/mostly-utf8", test_mostly_utf8);
  g_test_add_func ("/csv/encoding/mostly-utf8-bom", test_mostly_utf8_bom);
  g_test_add_func ("/csv/separators", test_separators);
  g_test_add_func ("/csv/line-ends", test_line_ends);
  g_test_add_func ("/csv/quoted-newlines", test_quoted_newlines);
  g_test_add_func ("/csv/spaces", test_spaces);
  g_test_add_func ("/csv/empty-rows-and-columns", test_empty_rows_and_columns);
  g_test_add_func ("/csv/header/names", test_header_names);
  g_test_add_func ("/csv/header/duplicates", test_header_duplicates);
  g_test_add_func ("/csv/header/many-columns", test_header_many_columns);
  g_test_add_func ("/csv/header/after-blank-lines", test_header_after_blank_lines);
  g_test_add_func ("/csv/header/after-comment-lines", test_header_after_comment_lines);
  g_test_add_func ("/csv/encoding/utf16", test_utf16);
  g_test_add_func ("/csv/header/after-separator-and-title", test_header_after_separator_and_title);
  g_test_add_func ("/csv/rewind", test_rewind);
  g_test_add_func ("/csv/ragged-rows", test_ragged_rows);
  g_test_add_func ("/csv/bad-quote-rows", test_bad_quote_rows);
  g_test_add_func ("/csv/file", test_file);
  g_test_add_func ("/csv/chunks", test_chunks);
  for (guint i = 0; i < G_N_ELEMENTS (malformed); i++)
    {
      g_autofree char *path = g_strdup_printf ("/csv/malformed/%s", malformed[i].name);
      g_test_add_data_func (path, &malformed[i], test_malformed);
    }
  return g_test_run ();
}
