/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "csp-csv-reader"

#include "config.h"

#include <csv.h>
#include <glib/gi18n-lib.h>
#include <string.h>

#include "csp-csv-reader.h"
#include "csp-record.h"

/* Reads a CSV file as people's spreadsheets write them: UTF-8 with or
 * without a byte order mark, or Windows-1252 (the "ANSI" of a UK copy of
 * Excel) when the file is not UTF-8 and holds no character written as
 * UTF-8 writes one of several bytes; a UTF-8 file with a few stray bytes
 * stays UTF-8, each stray byte noted by line and character for the rows
 * that hold one to be rejected (csp_csv_reader_get_bad_bytes());
 * comma, semicolon or tab separated; CRLF, LF or CR line ends;
 * quoted values holding separators, quotes and line breaks. libcsv does the
 * quoting. It is fed one physical line at a time, so that every row knows
 * the line it starts on, which is what a person looks for in the file:
 * a row can only end at a line end, so each call completes at most one row.
 *
 * The file is read as a stream, a chunk at a time, so that memory does
 * not grow with its size: once whole first, for its checksum, its
 * encoding and its stray bytes (and whether it is text at all), then row
 * by row as it is decoded. Rewinding for a second pass reads it again. */
struct _CspCsvReader
{
  GObject parent_instance;

  char *display_name;
  GInputStream *source; /* the file's bytes; seekable */
  goffset raw_start;    /* the first byte of text: after a byte order mark */
  goffset raw_end;      /* after the last: a DOS end-of-file mark is not text */
  goffset raw_pos;      /* the next byte of the source to decode */
  guchar *chunk;        /* CHUNK_SIZE bytes read, after the bytes carried */
  gsize n_carried;      /* bytes of the last chunk kept back: part of a character */
  gboolean bad_utf8;    /* UTF-8 with bytes that are not: each becomes U+FFFD */
  gsize text_length;    /* of the decoded text (Windows-1252: an estimate), for progress */
  GString *window;      /* the decoded text from window_start on */
  gsize window_start;
  char *sha256;
  char *utf16_sha256; /* of a UTF-16 file, read as UTF-8 */
  gboolean utf16;     /* the file is UTF-16, its text read as UTF-8 */
  const char *encoding;
  gboolean has_bom;
  char separator;

  GPtrArray *headers;
  guint header_line;
  guint n_preamble; /* rows above the header that are no part of the table */
  gsize data_start;
  guint data_start_line;
  gboolean data_start_finished;

  struct csv_parser parser;
  gsize pos; /* offsets in the decoded text, from its start */
  guint line;
  gboolean in_row;
  guint row_start_line;
  gboolean finished;
  GError *failure;

  GString *building;
  GArray *building_offsets;
  GString *current;
  GArray *current_offsets;
  guint current_line;
  gsize row_start_pos;
  gsize current_start; /* the current row's bytes in the text */
  gsize current_end;
  gboolean row_ready;
  guint n_columns;

  GArray *bad_bytes;      /* CspCsvBadByte, in the order of the file */
  GArray *bad_offsets;    /* gsize: where each stands in the text, as U+FFFD */
  int *duplicate_of;      /* per column */
  guint row_n_fields;     /* the current row's values, as the file has them */
  char *row_problem;      /* why the current row does not fit the header, or NULL */
  guint bad_quote_column; /* where the current row has a quote out of place, from 1; or 0 */
  guint bad_quote_line;
};

/* Bytes read at a time. */
#define CHUNK_SIZE (1024 * 1024)

G_DEFINE_FINAL_TYPE (CspCsvReader, csp_csv_reader, G_TYPE_OBJECT)

/* Strict: a stray quote is an error rather than a guess, and so is a
 * quoted value still open at the end of the file. */
#define PARSER_OPTIONS (CSV_STRICT | CSV_STRICT_FINI)

GQuark
csp_csv_error_quark (void)
{
  return g_quark_from_static_string ("csp-csv-error-quark");
}

static void
csp_csv_reader_finalize (GObject *object)
{
  CspCsvReader *self = CSP_CSV_READER (object);

  csv_free (&self->parser);
  g_clear_pointer (&self->display_name, g_free);
  g_clear_object (&self->source);
  g_clear_pointer (&self->chunk, g_free);
  g_clear_pointer (&self->sha256, g_free);
  g_clear_pointer (&self->utf16_sha256, g_free);
  g_string_free (self->window, TRUE);
  g_clear_pointer (&self->headers, g_ptr_array_unref);
  g_clear_error (&self->failure);
  g_string_free (self->building, TRUE);
  g_string_free (self->current, TRUE);
  g_array_unref (self->building_offsets);
  g_array_unref (self->current_offsets);
  g_array_unref (self->bad_bytes);
  g_array_unref (self->bad_offsets);
  g_free (self->duplicate_of);
  g_free (self->row_problem);

  G_OBJECT_CLASS (csp_csv_reader_parent_class)->finalize (object);
}

static void
csp_csv_reader_class_init (CspCsvReaderClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = csp_csv_reader_finalize;
}

static void
csp_csv_reader_init (CspCsvReader *self)
{
  csv_init (&self->parser, PARSER_OPTIONS);
  self->building = g_string_sized_new (256);
  self->current = g_string_sized_new (256);
  self->building_offsets = g_array_new (FALSE, FALSE, sizeof (gsize));
  self->current_offsets = g_array_new (FALSE, FALSE, sizeof (gsize));
  self->bad_bytes = g_array_new (FALSE, FALSE, sizeof (CspCsvBadByte));
  self->bad_offsets = g_array_new (FALSE, FALSE, sizeof (gsize));
  self->window = g_string_sized_new (CHUNK_SIZE);
  self->chunk = g_malloc (CHUNK_SIZE + 4);
  self->line = 1;
}

static gboolean
seek_source (CspCsvReader *self, goffset offset, GError **error)
{
  return g_seekable_seek (G_SEEKABLE (self->source), offset, G_SEEK_SET, NULL, error);
}

/* Reads up to @size bytes into @buffer; fewer only at the end. */
static gboolean
read_source (CspCsvReader *self, guchar *buffer, gsize size, gsize *n_read, GError **error)
{
  return g_input_stream_read_all (self->source, buffer, size, n_read, NULL, error);
}

/* The 1-based line of byte @offset of the file, read again from its
 * start: only a message needs it. */
static guint
line_of_offset (CspCsvReader *self, goffset offset)
{
  goffset at = 0;
  guint line = 1;
  gboolean after_cr = FALSE;

  if (!seek_source (self, 0, NULL))
    return 0;
  /* The byte at @offset too: whether an LF follows a CR before it. */
  while (at <= offset)
    {
      gsize n = 0;

      if (!read_source (self, self->chunk, (gsize) MIN (offset + 1 - at, CHUNK_SIZE), &n, NULL) ||
          n == 0)
        break;
      for (gsize i = 0; i < n; i++, at++)
        {
          /* A CR counts when no LF follows it, so that a CR LF counts once. */
          if (after_cr && self->chunk[i] != '\n')
            line++;
          if (at < offset && self->chunk[i] == '\n')
            line++;
          after_cr = at < offset && self->chunk[i] == '\r';
        }
    }
  return after_cr ? line + 1 : line;
}

static gboolean
is_control (guchar c)
{
  /* Tab, line ends, and the vertical tab and form feed that some
   * programs write for a line break inside a cell, are text. */
  return (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\v' && c != '\f') || c == 0x7f;
}

/* Whether @data holds a character of more than one byte written as UTF-8
 * writes it: a sign that the file is UTF-8, even where other bytes are
 * not. Windows-1252 text almost never holds one by chance ("Ã©"). */
static gboolean
has_multibyte_utf8 (const guchar *data, gsize size)
{
  for (gsize i = 0; i < size; i++)
    if (data[i] >= 0xc2 && data[i] <= 0xf4)
      {
        gunichar c =
            g_utf8_get_char_validated ((const char *) data + i, (gssize) MIN (size - i, (gsize) 4));
        if (c != (gunichar) -1 && c != (gunichar) -2)
          return TRUE;
      }
  return FALSE;
}

/* Where a stretch of UTF-8 with stray bytes stands: the line and
 * character of its next byte, and the length of the text it decodes to. */
typedef struct
{
  guint line;
  guint column;
  gsize decoded;
} FixState;

/* UTF-8 text with a few bytes that are not: each becomes U+FFFD (onto
 * @out, unless %NULL) and, with @note, is noted with its line and its
 * character on that line, so that the rows holding one can be rejected by
 * name rather than the whole file read in the wrong encoding. Returns how
 * many bytes at the end are kept back for the next chunk (unless @last):
 * the start of a character it ends, or a CR that may come before an LF. */
static gsize
fix_utf8 (CspCsvReader *self, FixState *state, const guchar *data, gsize size, gboolean last,
          GString *out, gboolean note)
{
  const char *p = (const char *) data, *end = (const char *) data + size;

  while (p < end)
    {
      const char *valid_end = NULL;
      CspCsvBadByte bad;

      g_utf8_validate_len (p, (gsize) (end - p), &valid_end);
      if (valid_end >= end && !last && end[-1] == '\r')
        valid_end = end - 1;
      if (out != NULL)
        g_string_append_len (out, p, valid_end - p);
      state->decoded += (gsize) (valid_end - p);
      if (note)
        for (const char *q = p; q < valid_end; q = g_utf8_next_char (q))
          {
            if (*q == '\n' || (*q == '\r' && (q + 1 >= end || q[1] != '\n')))
              {
                state->line++;
                state->column = 0;
              }
            else if (*q != '\r')
              state->column++;
          }
      if (valid_end >= end)
        return 0;
      if (!last && (*valid_end == '\r'
                        ? end - valid_end == 1
                        : end - valid_end < 4 && g_utf8_get_char_validated (
                                                     valid_end, end - valid_end) == (gunichar) -2))
        return (gsize) (end - valid_end);
      if (note)
        {
          gsize offset = state->decoded;

          bad.line = state->line;
          bad.column = ++state->column;
          bad.byte = (guint8) *valid_end;
          g_array_append_val (self->bad_bytes, bad);
          g_array_append_val (self->bad_offsets, offset);
        }
      if (out != NULL)
        g_string_append (out, "\xef\xbf\xbd");
      state->decoded += 3;
      p = valid_end + 1;
    }
  return 0;
}

/* Reads the whole file once, before any row: refuses UTF-16 and binary
 * files, decides between UTF-8 and Windows-1252, notes the stray bytes of
 * a UTF-8 file, and takes the file's SHA-256. */
static gboolean
scan (CspCsvReader *self, goffset size, GError **error)
{
  g_autoptr (GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  guchar head[3] = { 0 };
  gsize n_head = 0, n_carried = 0, n = 0;
  goffset at = 0, first_undefined = -1;
  gboolean valid = TRUE, multibyte = FALSE;
  gsize n_high = 0, n_high_before = 0, n_c1 = 0;

  if (!read_source (self, head, MIN (size, 3), &n_head, error))
    return FALSE;
  if (n_head >= 2 && ((head[0] == 0xff && head[1] == 0xfe) || (head[0] == 0xfe && head[1] == 0xff)))
    {
      g_set_error (error, CSP_CSV_ERROR, CSP_CSV_ERROR_ENCODING,
                   _ ("“%s” is UTF-16 text (“Unicode text”). Save it as “CSV UTF-8” and import "
                      "that"),
                   self->display_name);
      return FALSE;
    }
  if (n_head >= 3 && head[0] == 0xef && head[1] == 0xbb && head[2] == 0xbf)
    {
      self->has_bom = TRUE;
      self->raw_start = 3;
    }
  self->raw_end = size;
  /* A DOS end-of-file mark is not data. */
  if (size > self->raw_start)
    {
      guchar last = 0;

      if (!seek_source (self, size - 1, error) || !read_source (self, &last, 1, &n, error))
        return FALSE;
      if (last == 0x1a)
        self->raw_end = size - 1;
    }

  if (!seek_source (self, 0, error))
    return FALSE;
  while (at < size)
    {
      guchar *data = self->chunk + n_carried;
      gsize from, to;

      if (!read_source (self, data, CHUNK_SIZE, &n, error))
        return FALSE;
      if (n == 0)
        break;
      g_checksum_update (checksum, data, (gssize) n);
      from = at < self->raw_start ? (gsize) (self->raw_start - at) : 0;
      to = at + (goffset) n > self->raw_end ? (gsize) MAX (self->raw_end - at, 0) : n;
      n_high_before = n_high;
      for (gsize i = from; i < to; i++)
        if (data[i] >= 0x80)
          {
            n_high++;
            if (data[i] < 0xa0)
              n_c1++;
            if (first_undefined < 0 && (data[i] == 0x81 || data[i] == 0x8d || data[i] == 0x8f ||
                                        data[i] == 0x90 || data[i] == 0x9d))
              first_undefined = at + (goffset) i;
          }
        else if (is_control (data[i]))
          {
            g_set_error (error, CSP_CSV_ERROR, CSP_CSV_ERROR_BINARY,
                         _ ("“%s”, line %u: control character 0x%02x found. This is not a CSV "
                            "text file (is it a spreadsheet or another binary file? Save it as "
                            "CSV first)"),
                         self->display_name, line_of_offset (self, at + (goffset) i), data[i]);
            return FALSE;
          }
      if (from < to)
        {
          /* The bytes carried come before the chunk. */
          const char *text = (const char *) self->chunk + (from == 0 ? 0 : n_carried + from);
          gsize length = (from == 0 ? n_carried : 0) + to - from;
          const char *valid_end = NULL;
          gboolean last = at + (goffset) n >= self->raw_end;

          /* The end of a chunk may hold the start of a character: it is
           * carried to the next. */
          n_carried = 0;
          if (valid)
            {
              g_utf8_validate_len (text, length, &valid_end);
              if (valid_end < text + length)
                {
                  if (!last && text + length - valid_end < 4 &&
                      g_utf8_get_char_validated (valid_end, text + length - valid_end) ==
                          (gunichar) -2)
                    n_carried = (gsize) (text + length - valid_end);
                  else
                    valid = FALSE;
                }
            }
          /* Only text with bytes over 0x7f can hold a character of several. */
          if (!multibyte && n_high > n_high_before)
            multibyte = has_multibyte_utf8 ((const guchar *) text, length);
          if (!valid)
            n_carried = MIN (length, (gsize) 3);
          memmove (self->chunk, text + length - n_carried, n_carried);
        }
      at += (goffset) n;
    }
  self->sha256 = g_strdup (g_checksum_get_string (checksum));
  self->text_length = (gsize) (self->raw_end - self->raw_start);

  if (valid)
    {
      self->encoding = "UTF-8";
      return TRUE;
    }
  /* Read as Windows-1252, a file that is mostly UTF-8 would have every
   * character of more than one byte garbled ("Café" as "CafÃ©") for the
   * sake of a few bad bytes, without a word. */
  if (self->has_bom || multibyte)
    {
      FixState state = { 1, 0, 0 };
      gsize kept = 0;

      self->encoding = "UTF-8";
      self->bad_utf8 = TRUE;
      if (!seek_source (self, self->raw_start, error))
        return FALSE;
      for (at = self->raw_start; at < self->raw_end;)
        {
          gsize want = (gsize) MIN (self->raw_end - at, CHUNK_SIZE);

          if (!read_source (self, self->chunk + kept, want, &n, error))
            return FALSE;
          if (n == 0)
            break;
          at += (goffset) n;
          n += kept;
          kept = fix_utf8 (self, &state, self->chunk, n, at >= self->raw_end, NULL, TRUE);
          memmove (self->chunk, self->chunk + n - kept, kept);
        }
      self->text_length = state.decoded;
      return TRUE;
    }
  if (first_undefined >= 0)
    {
      g_set_error (error, CSP_CSV_ERROR, CSP_CSV_ERROR_ENCODING,
                   _ ("“%s”, line %u: the text is neither UTF-8 nor Windows-1252. Save it as "
                      "“CSV UTF-8” and import that"),
                   self->display_name, line_of_offset (self, first_undefined));
      return FALSE;
    }
  self->encoding = "Windows-1252";
  /* Most characters above 0x7f take two bytes in UTF-8, those below 0xa0 three. */
  self->text_length += n_high + n_c1;
  return TRUE;
}

/* Decodes the next chunk of the file onto the window. */
static gboolean
fill (CspCsvReader *self, GError **error)
{
  gsize want = (gsize) MIN (self->raw_end - self->raw_pos, CHUNK_SIZE);
  gsize n = 0;
  gboolean last;

  if (!read_source (self, self->chunk + self->n_carried, want, &n, error))
    return FALSE;
  self->raw_pos += (goffset) n;
  /* A file that shrank since it was read is at its end. */
  last = self->raw_pos >= self->raw_end || n < want;
  if (last)
    self->raw_end = self->raw_pos;
  if (self->bad_utf8)
    {
      FixState state = { 1, 0, 0 };
      gsize total = self->n_carried + n;

      self->n_carried = fix_utf8 (self, &state, self->chunk, total, last, self->window, FALSE);
      memmove (self->chunk, self->chunk + total - self->n_carried, self->n_carried);
    }
  else if (g_str_equal (self->encoding, "UTF-8"))
    g_string_append_len (self->window, (const char *) self->chunk, (gssize) n);
  else if (n > 0)
    {
      g_autoptr (GError) convert_error = NULL;
      gsize bytes_read = 0, bytes_written = 0;
      g_autofree char *converted =
          g_convert ((const char *) self->chunk, (gssize) n, "UTF-8", "WINDOWS-1252", &bytes_read,
                     &bytes_written, &convert_error);

      /* Only when the file changed since it was first read. */
      if (converted == NULL)
        {
          g_set_error (error, CSP_CSV_ERROR, CSP_CSV_ERROR_ENCODING,
                       _ ("“%s”, line %u: the text is neither UTF-8 nor Windows-1252. Save it "
                          "as “CSV UTF-8” and import that"),
                       self->display_name,
                       line_of_offset (self, self->raw_pos - (goffset) n + (goffset) bytes_read));
          return FALSE;
        }
      g_string_append_len (self->window, converted, (gssize) bytes_written);
    }
  return TRUE;
}

/* The decoded text at @offset, which the window holds. */
static inline const char *
text_at (CspCsvReader *self, gsize offset)
{
  g_assert (offset >= self->window_start && offset <= self->window_start + self->window->len);
  return self->window->str + (offset - self->window_start);
}

static inline gsize
window_end (CspCsvReader *self)
{
  return self->window_start + self->window->len;
}

static inline gboolean
source_done (CspCsvReader *self)
{
  return self->raw_pos >= self->raw_end && self->n_carried == 0;
}

/* Makes the window hold the whole line at pos: *@end is where it ends,
 * pos when the file has ended. The text before pos is let go. */
static gboolean
ensure_line (CspCsvReader *self, gsize *end, GError **error)
{
  gsize from = self->pos;

  for (;;)
    {
      gsize limit = window_end (self);
      const char *text = text_at (self, from);
      const char *found = NULL;

      for (const char *c = text; c < text + (limit - from); c++)
        if (*c == '\n' || *c == '\r')
          {
            found = c;
            break;
          }
      if (found != NULL)
        {
          gsize at = from + (gsize) (found - text);

          if (*found == '\n')
            {
              *end = at + 1;
              return TRUE;
            }
          if (at + 1 < limit)
            {
              *end = found[1] == '\n' ? at + 2 : at + 1;
              return TRUE;
            }
          if (source_done (self))
            {
              *end = at + 1;
              return TRUE;
            }
          from = at;
        }
      else if (source_done (self))
        {
          *end = limit;
          return TRUE;
        }
      else
        from = limit;
      if (self->pos > self->window_start)
        {
          g_string_erase (self->window, 0, (gssize) (self->pos - self->window_start));
          self->window_start = self->pos;
        }
      if (!fill (self, error))
        return FALSE;
    }
}

/* Reads from the start of the text again. */
static gboolean
restart_source (CspCsvReader *self, GError **error)
{
  g_string_truncate (self->window, 0);
  self->window_start = 0;
  self->n_carried = 0;
  self->raw_pos = self->raw_start;
  return seek_source (self, self->raw_start, error);
}

/* Whether the row starting at @text is a comment line, as an analytics
 * export writes above its header: "# Start date: 20210601". */
static gboolean
is_comment (const char *text)
{
  while (*text == ' ' || *text == '\t')
    text++;
  return *text == '#';
}

/* The separators outside quotes on the line at @text, up to @end. */
static void
count_separators (const char *text, const char *end, guint *commas, guint *semicolons, guint *tabs)
{
  gboolean quoted = FALSE;

  *commas = *semicolons = *tabs = 0;
  for (const char *p = text; p < end && (quoted || (*p != '\n' && *p != '\r')); p++)
    {
      if (*p == '"')
        quoted = !quoted;
      else if (quoted)
        continue;
      else if (*p == ',')
        (*commas)++;
      else if (*p == ';')
        (*semicolons)++;
      else if (*p == '\t')
        (*tabs)++;
    }
}

static guint
n_separators (const char *text, const char *end)
{
  guint commas, semicolons, tabs;

  count_separators (text, end, &commas, &semicolons, &tabs);
  return commas + semicolons + tabs;
}

/* The separator that occurs most often outside quotes on the line at
 * @text; a comma when there is none. */
static char
detect_separator (const char *text, const char *end)
{
  guint commas, semicolons, tabs;

  count_separators (text, end, &commas, &semicolons, &tabs);
  if (semicolons > commas && semicolons >= tabs)
    return ';';
  if (tabs > commas && tabs > semicolons)
    return '\t';
  return ',';
}

/* The start of the next line that is not blank, or @end. */
static const char *
next_line (const char *text, const char *end)
{
  const char *p = memchr (text, '\n', (gsize) (end - text));

  for (p = p != NULL ? p + 1 : end; p < end; p++)
    if (*p != '\n' && *p != '\r' && *p != ' ')
      {
        while (p > text && p[-1] != '\n')
          p--;
        return p;
      }
  return end;
}

/* The rows above the header that are no part of the table, in the text
 * from @text to @end: comment lines ("# Start date: 20210601", as Google
 * Analytics writes them), Excel's "sep=," line, and a title of one cell
 * above the header (the metric's name, as Meta Business Suite writes it).
 * Sets *@header to the header's line, and *@separator to the one a "sep="
 * line names (else leaves it). */
static guint
count_preamble (const char *text, const char *end, const char **header, char *separator)
{
  const char *line = text;
  guint n_rows = 0;
  gboolean titled = FALSE;

  while (line < end && (*line == '\n' || *line == '\r' || *line == ' '))
    line++;
  for (; line < end; line = next_line (line, end))
    {
      const char *next = next_line (line, end);
      const char *bare = line[0] == '"' ? line + 1 : line;

      if (is_comment (line))
        {
          n_rows++;
          continue;
        }
      if (n_rows == 0 && g_ascii_strncasecmp (bare, "sep=", 4) == 0 && bare + 4 < end &&
          strchr (",;\t", bare[4]) != NULL && bare[4] != '\0')
        {
          *separator = bare[4];
          n_rows++;
          continue;
        }
      /* A title: one cell, then a table of rows of more (as many as its
       * header's). */
      if (!titled && next < end && n_separators (line, end) == 0 && n_separators (next, end) > 0 &&
          n_separators (next, end) == n_separators (next_line (next, end), end))
        {
          titled = TRUE;
          n_rows++;
          continue;
        }
      break;
    }
  *header = MIN (line, end);
  return n_rows;
}

static void
append_field (GString *row, GArray *offsets, const char *field, gsize length)
{
  gsize offset = row->len;

  g_array_append_val (offsets, offset);
  if (memchr (field, '\r', length) == NULL)
    g_string_append_len (row, field, (gssize) length);
  else
    {
      /* Line breaks inside a value are kept as plain newlines. */
      for (gsize i = 0; i < length; i++)
        {
          if (field[i] != '\r')
            g_string_append_c (row, field[i]);
          else if (i + 1 >= length || field[i + 1] != '\n')
            g_string_append_c (row, '\n');
        }
    }
  g_string_append_c (row, '\0');
}

static void
field_cb (void *field, size_t length, void *data)
{
  CspCsvReader *self = data;

  append_field (self->building, self->building_offsets, field != NULL ? field : "", length);
}

static void
row_cb (int terminator, void *data)
{
  CspCsvReader *self = data;
  GString *row = self->current;
  GArray *offsets = self->current_offsets;

  /* Rows end at line ends and each call gets one line. */
  g_assert (!self->row_ready);

  self->current = self->building;
  self->current_offsets = self->building_offsets;
  self->building = row;
  self->building_offsets = offsets;
  g_string_truncate (self->building, 0);
  g_array_set_size (self->building_offsets, 0);

  self->current_line = self->in_row ? self->row_start_line : self->line;
  self->current_start = self->in_row ? self->row_start_pos : self->pos;
  self->current_end = 0; /* set once the line is parsed */
  self->in_row = FALSE;
  self->row_ready = TRUE;
}

/* What libcsv skips between rows. */
static gboolean
is_blank (CspCsvReader *self, gsize start, gsize end)
{
  const char *text = text_at (self, start);

  for (gsize i = 0; i < end - start; i++)
    {
      char c = text[i];
      if (c != '\n' && c != '\r' && c != ' ' && (c != '\t' || self->separator == '\t'))
        return FALSE;
    }
  return TRUE;
}

static gboolean fail (CspCsvReader *self, GError **error, CspCsvError code, const char *format, ...)
    G_GNUC_PRINTF (4, 5);

static gboolean
fail (CspCsvReader *self, GError **error, CspCsvError code, const char *format, ...)
{
  va_list args;

  va_start (args, format);
  g_clear_error (&self->failure);
  self->failure = g_error_new_valist (CSP_CSV_ERROR, code, format, args);
  va_end (args);
  g_propagate_error (error, g_error_copy (self->failure));
  return FALSE;
}

static void
reset_parser (CspCsvReader *self)
{
  csv_free (&self->parser);
  csv_init (&self->parser, PARSER_OPTIONS);
  csv_set_delim (&self->parser, (unsigned char) self->separator);
}

/* A quote out of place spoils its own row only: the row ends with the
 * line the quote is on, holding the values before it, and the parser
 * starts again on the next line. (A quote never closed is another
 * matter: it takes the rest of the file into one value.) */
static void
end_row_at_bad_quote (CspCsvReader *self, gsize end)
{
  GString *row = self->current;
  GArray *offsets = self->current_offsets;

  self->bad_quote_column = self->building_offsets->len + 1;
  self->bad_quote_line = self->line;
  self->current = self->building;
  self->current_offsets = self->building_offsets;
  self->building = row;
  self->building_offsets = offsets;
  g_string_truncate (self->building, 0);
  g_array_set_size (self->building_offsets, 0);

  self->current_line = self->in_row ? self->row_start_line : self->line;
  self->current_start = self->in_row ? self->row_start_pos : self->pos;
  self->current_end = end;
  self->in_row = FALSE;
  self->row_ready = TRUE;
  reset_parser (self);
}

/* The next row as libcsv sees it, blank or not. */
static gboolean
next_raw_row (CspCsvReader *self, gboolean *has_row, GError **error)
{
  self->row_ready = FALSE;
  self->bad_quote_column = 0;
  while (!self->row_ready)
    {
      g_autoptr (GError) read_error = NULL;
      gsize end = 0;

      if (!ensure_line (self, &end, &read_error))
        {
          g_clear_error (&self->failure);
          self->failure = g_error_copy (read_error);
          g_propagate_error (error, g_steal_pointer (&read_error));
          return FALSE;
        }
      if (end == self->pos)
        {
          if (self->finished)
            break;
          self->finished = TRUE;
          if (csv_fini (&self->parser, field_cb, row_cb, self) != 0)
            {
              guint n_fields = self->building_offsets->len + 1;
              return fail (self, error, CSP_CSV_ERROR_UNTERMINATED_QUOTE,
                           _ ("“%s”, line %u: the quoted value in column %u is never closed "
                              "(a closing \" is missing)"),
                           self->display_name, self->row_start_line, n_fields);
            }
          break;
        }

      /* libcsv grows its buffer for a field by a fixed step, copying it
       * each time: a step of the line's length (or the buffer's) makes a
       * field of megabytes cost a few copies rather than tens of thousands. */
      csv_set_blk_size (&self->parser,
                        MAX (MAX (end - self->pos, csv_get_buffer_size (&self->parser)), 128));
      if (!self->in_row && !is_blank (self, self->pos, end))
        {
          self->in_row = TRUE;
          self->row_start_line = self->line;
          self->row_start_pos = self->pos;
        }
      if (csv_parse (&self->parser, text_at (self, self->pos), end - self->pos, field_cb, row_cb,
                     self) != end - self->pos)
        {
          if (csv_error (&self->parser) == CSV_EPARSE)
            end_row_at_bad_quote (self, end);
          else
            return fail (self, error, CSP_CSV_ERROR_TOO_LARGE, _ ("“%s”, line %u: %s"),
                         self->display_name, self->line, csv_strerror (csv_error (&self->parser)));
        }
      if (self->row_ready)
        self->current_end = end;
      if (*text_at (self, end - 1) == '\n' || *text_at (self, end - 1) == '\r')
        self->line++;
      self->pos = end;
    }
  *has_row = self->row_ready;
  return TRUE;
}

static gboolean
current_row_is_empty (CspCsvReader *self)
{
  for (guint i = 0; i < self->current_offsets->len; i++)
    if (self->current->str[g_array_index (self->current_offsets, gsize, i)] != '\0')
      return FALSE;
  return TRUE;
}

/* Whether @text is a whole number of one to three digits, perhaps with a
 * currency sign or a minus: the start of a number written with
 * thousands separators. */
static gboolean
is_number_start (const char *text)
{
  guint digits = 0;

  if (g_str_has_prefix (text, "£"))
    text += strlen ("£");
  else if (*text == '$' || *text == '-')
    text++;
  for (; g_ascii_isdigit (*text); text++)
    digits++;
  return digits >= 1 && digits <= 3 && *text == '\0';
}

/* Whether @text is three digits, perhaps with decimals: the rest of a
 * number after a thousands separator. */
static gboolean
is_number_rest (const char *text)
{
  for (guint i = 0; i < 3; i++)
    if (!g_ascii_isdigit (text[i]))
      return FALSE;
  text += 3;
  if (*text == '.')
    for (text++; g_ascii_isdigit (*text); text++)
      ;
  return *text == '\0';
}

static const char *
row_field (CspCsvReader *self, guint i)
{
  return self->current->str + g_array_index (self->current_offsets, gsize, i);
}

/* Why a row with more values than the header names columns cannot be
 * read: most often a number like 1,200 written without quotes, which a
 * comma-separated file splits in two. */
static char *
describe_extra_fields (CspCsvReader *self, guint n_fields)
{
  if (self->separator == ',')
    for (guint i = 0; i + 1 < n_fields && i < self->n_columns; i++)
      if (is_number_start (row_field (self, i)) && is_number_rest (row_field (self, i + 1)))
        {
          g_autofree char *header = csp_text_dup_excerpt (g_ptr_array_index (self->headers, i));

          return g_strdup_printf (
              /* Translators: a row of a CSV file split a number such as 1,200
             * at its comma: the two parts, the column the first is under,
             * then the number as the file meant it (twice) */
              _ ("“%s” under “%s” and the “%s” after it look like one number, %s,%s, split at its "
                 "comma. Write the number without the comma, or in quotes (\"%s,%s\")"),
              row_field (self, i), header, row_field (self, i + 1), row_field (self, i),
              row_field (self, i + 1), row_field (self, i), row_field (self, i + 1));
        }
  switch (self->separator)
    {
    case ';':
      return g_strdup (_ ("a value holding a semicolon needs quotes around it, e.g. "
                          "\"Hatfield; Welwyn\""));
    case '\t':
      return g_strdup (_ ("a value holding a tab needs quotes around it"));
    default:
      return g_strdup (_ ("a value holding a comma, such as the number 1,200 or “Hatfield, "
                          "Herts”, needs quotes around it (\"1,200\")"));
    }
}

/* Fits the current row to the header's width, noting why it cannot be
 * read when it has more or fewer values: such a row is rejected by its
 * line, and the rows around it are read as usual. */
static void
fit_width (CspCsvReader *self)
{
  guint n_fields = self->current_offsets->len;
  g_autofree char *fields = NULL;
  g_autofree char *columns = NULL;
  g_autofree char *advice = NULL;

  g_clear_pointer (&self->row_problem, g_free);
  /* Spreadsheets often leave empty cells after the last column. */
  while (n_fields > self->n_columns && *row_field (self, n_fields - 1) == '\0')
    n_fields--;
  self->row_n_fields = n_fields;
  if (n_fields != self->n_columns)
    {
      fields = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u value", "%u values", n_fields),
                                n_fields);
      columns = g_strdup_printf (
          g_dngettext (GETTEXT_PACKAGE, "%u column", "%u columns", self->n_columns),
          self->n_columns);
      advice = n_fields > self->n_columns
                   ? describe_extra_fields (self, n_fields)
                   : g_strdup (_ ("check for a missing separator, or a line break inside a value "
                                  "without quotes around it"));
      /* Translators: e.g. "this row has 13 values where the header row has
       * 12 columns: ", then what is likely wrong */
      self->row_problem = g_strdup_printf (_ ("this row has %s where the header row has %s: %s"),
                                           fields, columns, advice);
    }
  if (self->current_offsets->len > self->n_columns)
    g_array_set_size (self->current_offsets, self->n_columns);
  /* Missing values read as empty. */
  while (self->current_offsets->len < self->n_columns)
    {
      gsize offset = self->current->len;

      g_string_append_c (self->current, '\0');
      g_array_append_val (self->current_offsets, offset);
    }
}

/* A row with a quote out of place: its values after the quote cannot be
 * known, whatever their number. */
static void
note_bad_quote (CspCsvReader *self)
{
  g_autofree char *where = NULL;

  g_clear_pointer (&self->row_problem, g_free);
  if (self->bad_quote_column <= self->n_columns)
    {
      g_autofree char *header =
          csp_text_dup_excerpt (g_ptr_array_index (self->headers, self->bad_quote_column - 1));

      /* Translators: a column of a CSV file: its number, then its name */
      where = g_strdup_printf (_ ("column %u, “%s”,"), self->bad_quote_column, header);
    }
  else
    /* Translators: a column of a CSV file beyond those the header names */
    where = g_strdup_printf (_ ("column %u"), self->bad_quote_column);
  if (self->bad_quote_line != self->current_line)
    /* Translators: the line of the file (the row started on an earlier
     * one), then where in it */
    self->row_problem = g_strdup_printf (
        _ ("line %u: a quote (\") in %s is in the middle of a value, or text follows a closing "
           "quote. Put the whole value in quotes, and write each quote inside it twice (\"\")"),
        self->bad_quote_line, where);
  else
    self->row_problem = g_strdup_printf (
        _ ("a quote (\") in %s is in the middle of a value, or text follows a closing quote. Put "
           "the whole value in quotes, and write each quote inside it twice (\"\")"),
        where);
}

/**
 * csp_csv_reader_read_row:
 * @has_row: (out): %TRUE when a row is ready, %FALSE at the end of the file
 *
 * Moves to the next data row. Rows whose values are all empty are passed
 * over. A row with more or fewer values than the header names columns, or
 * with a quote out of place, is read all the same as far as it can be
 * (csp_csv_reader_get_row_problem() says what is wrong with it). A
 * malformed file (a quoted value never closed) fails here, naming the
 * line, and keeps failing.
 *
 * Returns: %FALSE on a malformed file, which is distinct from the end
 */
gboolean
csp_csv_reader_read_row (CspCsvReader *self, gboolean *has_row, GError **error)
{
  g_return_val_if_fail (CSP_IS_CSV_READER (self), FALSE);
  g_return_val_if_fail (has_row != NULL, FALSE);

  *has_row = FALSE;
  if (self->failure != NULL)
    {
      g_propagate_error (error, g_error_copy (self->failure));
      return FALSE;
    }
  for (;;)
    {
      if (!next_raw_row (self, has_row, error))
        return FALSE;
      if (!*has_row)
        return TRUE;
      if (self->bad_quote_column == 0 && current_row_is_empty (self))
        continue;
      if (self->n_columns > 0)
        fit_width (self);
      if (self->n_columns > 0 && self->bad_quote_column > 0)
        note_bad_quote (self);
      return TRUE;
    }
}

/* Whether a header cell reads as a figure or a date: data, not a name. */
static gboolean
looks_like_data (const char *cell)
{
  gboolean digit = FALSE;

  for (const char *p = cell; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        digit = TRUE;
      else if (strchr (".,/-: +£$%", *p) == NULL)
        return FALSE;
    }
  return digit;
}

static gboolean
read_header (CspCsvReader *self, GError **error)
{
  gboolean has_row = FALSE;
  guint n_fields, n_cells = 0, n_data = 0;
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  /* A name as written -> its first column and the copy number to try next */
  g_autoptr (GHashTable) first_of = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GHashTable) next_copy = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  /* The rows above the header, then the header. */
  for (guint i = 0; i <= self->n_preamble; i++)
    {
      if (!csp_csv_reader_read_row (self, &has_row, error))
        return FALSE;
      if (!has_row)
        {
          g_set_error (error, CSP_CSV_ERROR, CSP_CSV_ERROR_EMPTY,
                       self->n_preamble > 0 ? _ ("“%s” has only comment lines: it has no rows")
                                            : _ ("“%s” is empty: it has no rows"),
                       self->display_name);
          return FALSE;
        }
    }
  /* The header names the columns: without it no row can be read. */
  if (self->bad_quote_column > 0)
    {
      g_set_error (error, CSP_CSV_ERROR, CSP_CSV_ERROR_BAD_QUOTE,
                   _ ("“%s”, line %u: a quote (\") in column %u is in the middle of a value, or "
                      "text follows a closing quote. Put the whole value in quotes, and write "
                      "each quote inside it twice (\"\")"),
                   self->display_name, self->bad_quote_line, self->bad_quote_column);
      return FALSE;
    }

  n_fields = self->current_offsets->len;
  while (n_fields > 1 && *csp_csv_reader_get_field (self, n_fields - 1) == '\0')
    n_fields--;

  self->headers = g_ptr_array_new_with_free_func (g_free);
  self->duplicate_of = g_new (int, MAX (n_fields, 1));
  for (guint i = 0; i < n_fields; i++)
    {
      g_autofree char *name = g_strstrip (g_strdup (csp_csv_reader_get_field (self, i)));
      gpointer first = NULL;

      self->duplicate_of[i] = -1;
      if (*name != '\0')
        {
          n_cells++;
          if (looks_like_data (name))
            n_data++;
          if (g_hash_table_lookup_extended (first_of, name, NULL, &first))
            self->duplicate_of[i] = GPOINTER_TO_INT (first);
          else
            g_hash_table_insert (first_of, g_strdup (name), GINT_TO_POINTER (i));
        }
      else
        {
          g_free (name);
          /* TRANSLATORS: a CSV column that has no name in the header row */
          name = g_strdup_printf (_ ("Column %u"), i + 1);
        }
      /* Columns are chosen by name, so each name must be unique. The next
       * copy number of each name is kept: a file may repeat one name in
       * thousands of columns. */
      if (g_hash_table_contains (seen, name))
        {
          g_autofree char *base = g_strdup (name);
          guint copy = GPOINTER_TO_UINT (g_hash_table_lookup (next_copy, base));

          for (copy = MAX (copy, 2); g_hash_table_contains (seen, name); copy++)
            {
              g_free (name);
              name = g_strdup_printf ("%s (%u)", base, copy);
            }
          g_hash_table_insert (next_copy, g_steal_pointer (&base), GUINT_TO_POINTER (copy));
        }
      g_hash_table_add (seen, name);
      g_ptr_array_add (self->headers, g_steal_pointer (&name));
    }
  g_ptr_array_add (self->headers, NULL);

  if (self->bad_bytes->len > 0 && g_array_index (self->bad_offsets, gsize, 0) < self->pos)
    {
      const CspCsvBadByte *bad = &g_array_index (self->bad_bytes, CspCsvBadByte, 0);

      g_set_error (error, CSP_CSV_ERROR, CSP_CSV_ERROR_ENCODING,
                   _ ("“%s”, line %u, character %u: the byte 0x%02X is not UTF-8 text, and this "
                      "is the header row, which names the columns. Correct it in the file, or "
                      "save the file again as “CSV UTF-8”"),
                   self->display_name, bad->line, bad->column, bad->byte);
      return FALSE;
    }

  if (n_data > 0 && n_data * 2 >= n_cells)
    {
      g_set_error (error, CSP_CSV_ERROR, CSP_CSV_ERROR_NO_HEADER,
                   _ ("“%s”, line %u: the first row holds figures or dates, not column names. "
                      "The file needs a header row naming its columns"),
                   self->display_name, self->current_line);
      return FALSE;
    }

  self->n_columns = n_fields;
  self->header_line = self->current_line;
  self->data_start = self->pos;
  self->data_start_line = self->line;
  self->data_start_finished = self->finished;
  return TRUE;
}

/**
 * csp_csv_reader_new:
 * @contents: the file's bytes
 * @display_name: the file as messages name it (its path)
 * @separator: ',', ';' or '\t'; 0 to detect it from the header row
 *
 * Decodes the file and reads its header row.
 *
 * Returns: (transfer full): the reader, at the first data row, or %NULL
 *   with @error set (%CSP_CSV_ERROR)
 */
/* A UTF-16 file (as Meta Business Suite exports its insights) is read
 * whole and turned into UTF-8, which the reader then reads as any other;
 * its SHA-256 stays the file's own. Returns the UTF-8 text as a stream,
 * the stream itself when it is no UTF-16, or %NULL with @error set. */
static GInputStream *
decode_utf16 (CspCsvReader *self, GInputStream *source, goffset *size, GError **error)
{
  guchar head[2] = { 0 };
  gsize n = 0;
  g_autofree guchar *data = NULL;
  g_autofree char *text = NULL;
  g_autoptr (GError) convert_error = NULL;
  gsize n_text = 0;

  if (!read_source (self, head, MIN (*size, 2), &n, error))
    return NULL;
  if (!g_seekable_seek (G_SEEKABLE (source), 0, G_SEEK_SET, NULL, error))
    return NULL;
  if (n < 2 || !((head[0] == 0xff && head[1] == 0xfe) || (head[0] == 0xfe && head[1] == 0xff)))
    return g_object_ref (source);
  if (*size > CSP_CSV_MAX_SIZE)
    {
      g_autofree char *most = g_format_size (CSP_CSV_MAX_SIZE);

      g_set_error (error, CSP_CSV_ERROR, CSP_CSV_ERROR_TOO_LARGE,
                   _ ("“%s” is UTF-16 text (“Unicode text”) larger than %s. Save it as “CSV "
                      "UTF-8” and import that"),
                   self->display_name, most);
      return NULL;
    }
  data = g_malloc ((gsize) *size);
  if (!g_input_stream_read_all (source, data, (gsize) *size, &n, NULL, error))
    return NULL;
  text =
      g_convert ((const char *) data, (gssize) n, "UTF-8", "UTF-16", NULL, &n_text, &convert_error);
  if (text == NULL)
    {
      g_set_error (error, CSP_CSV_ERROR, CSP_CSV_ERROR_ENCODING,
                   _ ("“%s” is UTF-16 text (“Unicode text”) that cannot be read: %s. Save it "
                      "as “CSV UTF-8” and import that"),
                   self->display_name, convert_error->message);
      return NULL;
    }
  self->utf16_sha256 = g_compute_checksum_for_data (G_CHECKSUM_SHA256, data, n);
  *size = (goffset) n_text;
  return g_memory_input_stream_new_from_data (g_steal_pointer (&text), (gssize) n_text, g_free);
}

/* Reads the file once through and its header row. */
static gboolean
open_source (CspCsvReader *self, GInputStream *source, goffset size, goffset limit, char separator,
             GError **error)
{
  g_autoptr (GInputStream) decoded = NULL;
  gsize end = 0;
  const char *text, *text_end, *header = NULL;
  char named_separator = 0;

  if (size > limit)
    {
      g_autofree char *actual = g_format_size ((guint64) size);
      g_autofree char *most = g_format_size ((guint64) limit);

      g_set_error (error, CSP_CSV_ERROR, CSP_CSV_ERROR_TOO_LARGE,
                   _ ("“%s” is too large to import (%s; the limit is %s)"), self->display_name,
                   actual, most);
      return FALSE;
    }
  self->source = g_object_ref (source);
  decoded = decode_utf16 (self, source, &size, error);
  if (decoded == NULL)
    return FALSE;
  g_set_object (&self->source, decoded);
  if (!scan (self, size, error) || !restart_source (self, error))
    return FALSE;
  if (self->utf16_sha256 != NULL)
    {
      g_free (self->sha256);
      self->sha256 = g_steal_pointer (&self->utf16_sha256);
      self->utf16 = TRUE;
    }

  self->pos = 0;
  if (!ensure_line (self, &end, error))
    return FALSE;
  text = text_at (self, 0);
  text_end = text + MAX (end, self->window->len);
  self->n_preamble = count_preamble (text, text_end, &header, &named_separator);
  self->separator = separator != 0         ? separator
                    : named_separator != 0 ? named_separator
                                           : detect_separator (header, text_end);
  csv_set_delim (&self->parser, (unsigned char) self->separator);
  return read_header (self, error);
}

/**
 * csp_csv_reader_new:
 * @contents: the file's bytes
 * @display_name: the file as messages name it (its path)
 * @separator: ',', ';' or '\t'; 0 to detect it from the header row
 *
 * Decodes the file and reads its header row.
 *
 * Returns: (transfer full): the reader, at the first data row, or %NULL
 *   with @error set (%CSP_CSV_ERROR)
 */
CspCsvReader *
csp_csv_reader_new (GBytes *contents, const char *display_name, char separator, GError **error)
{
  g_autoptr (CspCsvReader) self = NULL;
  g_autoptr (GInputStream) source = NULL;

  g_return_val_if_fail (contents != NULL, NULL);
  g_return_val_if_fail (display_name != NULL, NULL);
  g_return_val_if_fail (separator == 0 || separator == ',' || separator == ';' || separator == '\t',
                        NULL);

  self = g_object_new (CSP_TYPE_CSV_READER, NULL);
  self->display_name = g_strdup (display_name);
  source = g_memory_input_stream_new_from_bytes (contents);
  if (!open_source (self, source, (goffset) g_bytes_get_size (contents), CSP_CSV_MAX_SIZE,
                    separator, error))
    return NULL;
  return g_steal_pointer (&self);
}

/**
 * csp_csv_load_file:
 * @display_name: (out) (transfer full): how messages name the file
 *
 * Reads a whole file into memory, refusing one over CSP_CSV_MAX_SIZE
 * before reading it. (csp_csv_reader_new_for_file() reads a file of any
 * size in chunks.)
 *
 * Returns: (transfer full): the file's bytes, or %NULL with @error set
 */
GBytes *
csp_csv_load_file (GFile *file, char **display_name, GCancellable *cancellable, GError **error)
{
  g_autoptr (GFileInfo) info = NULL;
  g_autofree char *name = NULL;
  GBytes *contents;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (display_name != NULL, NULL);

  name = g_file_get_parse_name (file);
  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE,
                            cancellable, error);
  if (info == NULL)
    return NULL;
  if (g_file_info_get_size (info) > CSP_CSV_MAX_SIZE)
    {
      g_autofree char *actual = g_format_size ((guint64) g_file_info_get_size (info));
      g_autofree char *limit = g_format_size (CSP_CSV_MAX_SIZE);

      g_set_error (error, CSP_CSV_ERROR, CSP_CSV_ERROR_TOO_LARGE,
                   _ ("“%s” is too large to import (%s; the limit is %s)"), name, actual, limit);
      return NULL;
    }
  contents = g_file_load_bytes (file, cancellable, NULL, error);
  if (contents != NULL)
    *display_name = g_steal_pointer (&name);
  return contents;
}

/**
 * csp_csv_reader_new_for_file:
 * @separator: ',', ';' or '\t'; 0 to detect it
 *
 * Reads @file in chunks as rows are read, so that memory does not grow
 * with its size (up to CSP_CSV_MAX_STREAM_SIZE). The file is read once
 * through first (csp_csv_reader_get_sha256()), and again from the first
 * data row by csp_csv_reader_rewind().
 *
 * Returns: (transfer full): the reader, or %NULL with @error set
 */
CspCsvReader *
csp_csv_reader_new_for_file (GFile *file, char separator, GCancellable *cancellable, GError **error)
{
  g_autoptr (CspCsvReader) self = NULL;
  g_autoptr (GFileInputStream) source = NULL;
  g_autoptr (GFileInfo) info = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (separator == 0 || separator == ',' || separator == ';' || separator == '\t',
                        NULL);

  source = g_file_read (file, cancellable, error);
  if (source == NULL)
    return NULL;
  info =
      g_file_input_stream_query_info (source, G_FILE_ATTRIBUTE_STANDARD_SIZE, cancellable, error);
  if (info == NULL)
    return NULL;
  self = g_object_new (CSP_TYPE_CSV_READER, NULL);
  self->display_name = g_file_get_parse_name (file);
  if (!open_source (self, G_INPUT_STREAM (source), g_file_info_get_size (info),
                    CSP_CSV_MAX_STREAM_SIZE, separator, error))
    return NULL;
  return g_steal_pointer (&self);
}

/**
 * csp_csv_reader_get_sha256:
 *
 * Returns: the SHA-256 of the file's bytes, as hexadecimal
 */
const char *
csp_csv_reader_get_sha256 (CspCsvReader *self)
{
  g_return_val_if_fail (CSP_IS_CSV_READER (self), NULL);
  return self->sha256;
}

/**
 * csp_csv_reader_rewind:
 *
 * Goes back to before the first data row, e.g. for a second pass.
 */
void
csp_csv_reader_rewind (CspCsvReader *self)
{
  g_return_if_fail (CSP_IS_CSV_READER (self));

  reset_parser (self);
  g_string_truncate (self->building, 0);
  g_array_set_size (self->building_offsets, 0);
  g_string_truncate (self->current, 0);
  g_array_set_size (self->current_offsets, 0);
  g_clear_error (&self->failure);
  self->line = self->data_start_line;
  self->finished = self->data_start_finished;
  self->in_row = FALSE;
  self->row_ready = FALSE;
  self->current_line = 0;
  self->row_n_fields = 0;
  self->bad_quote_column = 0;
  g_clear_pointer (&self->row_problem, g_free);
  /* Again from the start of the text, up to the first data row; a file
   * that cannot be read again fails at the next row. */
  if (!restart_source (self, &self->failure))
    return;
  while (window_end (self) < self->data_start && !source_done (self))
    if (!fill (self, &self->failure))
      return;
  self->pos = MIN (self->data_start, window_end (self));
  g_string_erase (self->window, 0, (gssize) self->pos);
  self->window_start = self->pos;
}

const char *
csp_csv_reader_get_display_name (CspCsvReader *self)
{
  g_return_val_if_fail (CSP_IS_CSV_READER (self), NULL);
  return self->display_name;
}

/**
 * csp_csv_reader_get_encoding:
 *
 * Returns: "UTF-8" or "Windows-1252", as found in the file. A UTF-8 file
 *   may still hold bytes that are not (csp_csv_reader_get_bad_bytes()).
 */
const char *
csp_csv_reader_get_encoding (CspCsvReader *self)
{
  g_return_val_if_fail (CSP_IS_CSV_READER (self), NULL);
  return self->utf16 ? "UTF-16" : self->encoding;
}

gboolean
csp_csv_reader_get_has_bom (CspCsvReader *self)
{
  g_return_val_if_fail (CSP_IS_CSV_READER (self), FALSE);
  return self->has_bom;
}

char
csp_csv_reader_get_separator (CspCsvReader *self)
{
  g_return_val_if_fail (CSP_IS_CSV_READER (self), ',');
  return self->separator;
}

guint
csp_csv_reader_get_n_columns (CspCsvReader *self)
{
  g_return_val_if_fail (CSP_IS_CSV_READER (self), 0);
  return self->n_columns;
}

/**
 * csp_csv_reader_get_headers:
 *
 * The column names, trimmed. A column without a name is called "Column N",
 * and a repeated name gets " (2)", " (3)" ..., so that each is unique.
 *
 * Returns: (transfer none) (array zero-terminated=1): the column names
 */
const char *const *
csp_csv_reader_get_headers (CspCsvReader *self)
{
  g_return_val_if_fail (CSP_IS_CSV_READER (self), NULL);
  return (const char *const *) self->headers->pdata;
}

/**
 * csp_csv_reader_get_n_comment_lines:
 *
 * Returns: how many lines above the header row were passed over: comment
 *   lines ("# ..."), a "sep=," line and a title of one cell
 */
guint
csp_csv_reader_get_n_comment_lines (CspCsvReader *self)
{
  g_return_val_if_fail (CSP_IS_CSV_READER (self), 0);
  return self->n_preamble;
}

guint
csp_csv_reader_get_header_line (CspCsvReader *self)
{
  g_return_val_if_fail (CSP_IS_CSV_READER (self), 0);
  return self->header_line;
}

/**
 * csp_csv_reader_get_duplicate_of:
 * @column: less than csp_csv_reader_get_n_columns()
 *
 * Returns: the first column whose header row names it as @column's does
 *   (before " (2)" made its name unique), or -1 when @column's name is its own
 */
int
csp_csv_reader_get_duplicate_of (CspCsvReader *self, guint column)
{
  g_return_val_if_fail (CSP_IS_CSV_READER (self), -1);
  g_return_val_if_fail (column < self->n_columns, -1);
  return self->duplicate_of[column];
}

/**
 * csp_csv_reader_get_bad_bytes:
 * @n_bad_bytes: (out): how many
 *
 * The bytes of a UTF-8 file that are not UTF-8. A file that holds any
 * character of several bytes as UTF-8 writes it is read as UTF-8 (with a
 * byte order mark, always); only a file with none is read as
 * Windows-1252. So a few stray bytes in a UTF-8 file are found here,
 * rather than garbling every other accent in it.
 *
 * Returns: (transfer none) (array length=n_bad_bytes): in the order of the file
 */
const CspCsvBadByte *
csp_csv_reader_get_bad_bytes (CspCsvReader *self, guint *n_bad_bytes)
{
  g_return_val_if_fail (CSP_IS_CSV_READER (self), NULL);
  g_return_val_if_fail (n_bad_bytes != NULL, NULL);

  *n_bad_bytes = self->bad_bytes->len;
  return (const CspCsvBadByte *) (gpointer) self->bad_bytes->data;
}

/**
 * csp_csv_reader_get_line:
 *
 * Returns: the 1-based line of the file on which the current row starts
 */
guint
csp_csv_reader_get_line (CspCsvReader *self)
{
  g_return_val_if_fail (CSP_IS_CSV_READER (self), 0);
  return self->current_line;
}

/**
 * csp_csv_reader_get_field:
 * @column: less than csp_csv_reader_get_n_columns()
 *
 * Returns: (transfer none): the current row's value in @column, UTF-8,
 *   with line breaks as "\n"; "" when empty
 */
const char *
csp_csv_reader_get_field (CspCsvReader *self, guint column)
{
  g_return_val_if_fail (CSP_IS_CSV_READER (self), NULL);
  g_return_val_if_fail (column < self->current_offsets->len, NULL);

  return self->current->str + g_array_index (self->current_offsets, gsize, column);
}

/**
 * csp_csv_reader_get_row_n_fields:
 *
 * Returns: how many values the current row has in the file (empty ones
 *   after the header's last column not counted); csp_csv_reader_get_field()
 *   gives the first csp_csv_reader_get_n_columns() of them, and "" for
 *   those it lacks
 */
guint
csp_csv_reader_get_row_n_fields (CspCsvReader *self)
{
  g_return_val_if_fail (CSP_IS_CSV_READER (self), 0);
  return self->row_n_fields;
}

/**
 * csp_csv_reader_get_row_problem:
 *
 * Returns: (transfer none) (nullable): why the current row cannot be read
 *   as the header row describes it: it has more or fewer values than the
 *   header names columns ("this row has 13 values where the header row has
 *   12 columns: ..."), or a quote out of place ("a quote (") in column 5,
 *   “Attendees”, is in the middle of a value ..."); %NULL when it can
 */
const char *
csp_csv_reader_get_row_problem (CspCsvReader *self)
{
  g_return_val_if_fail (CSP_IS_CSV_READER (self), NULL);
  return self->row_problem;
}

/**
 * csp_csv_reader_get_row_bad_bytes:
 * @n_bad_bytes: (out): how many
 *
 * Returns: (transfer none) (array length=n_bad_bytes): the bytes of the
 *   current row that are not UTF-8 (see csp_csv_reader_get_bad_bytes()),
 *   or %NULL when there are none
 */
const CspCsvBadByte *
csp_csv_reader_get_row_bad_bytes (CspCsvReader *self, guint *n_bad_bytes)
{
  guint low = 0, high;

  g_return_val_if_fail (CSP_IS_CSV_READER (self), NULL);
  g_return_val_if_fail (n_bad_bytes != NULL, NULL);

  /* The first at or after the row's start, then those before its end. */
  high = self->bad_offsets->len;
  while (low < high)
    {
      guint middle = low + (high - low) / 2;

      if (g_array_index (self->bad_offsets, gsize, middle) < self->current_start)
        low = middle + 1;
      else
        high = middle;
    }
  for (high = low; high < self->bad_offsets->len &&
                   g_array_index (self->bad_offsets, gsize, high) < self->current_end;
       high++)
    ;
  *n_bad_bytes = high - low;
  /* An empty array has no data to point into. */
  return high > low ? &g_array_index (self->bad_bytes, CspCsvBadByte, low) : NULL;
}

/**
 * csp_csv_reader_get_fraction:
 *
 * Returns: how much of the file has been read, from 0 to 1, for progress
 */
double
csp_csv_reader_get_fraction (CspCsvReader *self)
{
  g_return_val_if_fail (CSP_IS_CSV_READER (self), 0.0);
  return self->text_length > 0 ? MIN ((double) self->pos / (double) self->text_length, 1.0) : 1.0;
}
