/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "csp-zip-package"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <zip.h>

#include "csp-file-writer.h"
#include "csp-zip-package.h"

/* Packages are read and made whole in memory with libzip: a document's
 * parts are small, and the file is then written in one step through a
 * #CspFileWriter, so that a failure never leaves half a file. */

/* A template's part, or all its parts, larger than this is no document. */
#define MAX_PACKAGE_SIZE (64 * 1024 * 1024)

G_DEFINE_QUARK (csp - zip - package - error - quark, csp_zip_package_error)

typedef struct
{
  char *name;
  GBytes *contents;
} Part;

struct _CspZipPackage
{
  GArray *parts; /* Part, in order */
};

static void
part_clear (gpointer data)
{
  Part *part = data;

  g_free (part->name);
  g_bytes_unref (part->contents);
}

/**
 * csp_zip_package_new:
 *
 * Returns: (transfer full): an empty package
 */
CspZipPackage *
csp_zip_package_new (void)
{
  CspZipPackage *self = g_new0 (CspZipPackage, 1);

  self->parts = g_array_new (FALSE, TRUE, sizeof (Part));
  g_array_set_clear_func (self->parts, part_clear);
  return self;
}

void
csp_zip_package_free (CspZipPackage *self)
{
  if (self == NULL)
    return;
  g_array_unref (self->parts);
  g_free (self);
}

static void
set_invalid (GError **error, const char *path)
{
  g_autofree char *name = g_filename_display_name (path);

  g_set_error (error, CSP_ZIP_PACKAGE_ERROR, CSP_ZIP_PACKAGE_ERROR_INVALID,
               _ ("“%s” is not a document package that can be read"), name);
}

static gboolean
read_part (zip_t *archive, zip_uint64_t index, const zip_stat_t *stat, gsize *total,
           CspZipPackage *self)
{
  g_autofree guint8 *data = NULL;
  zip_file_t *file;
  zip_int64_t n;

  *total += stat->size;
  if (stat->size > MAX_PACKAGE_SIZE || *total > MAX_PACKAGE_SIZE)
    return FALSE;
  file = zip_fopen_index (archive, index, 0);
  if (file == NULL)
    return FALSE;
  data = g_malloc (MAX (stat->size, 1));
  n = zip_fread (file, data, stat->size);
  zip_fclose (file);
  if (n < 0 || (zip_uint64_t) n != stat->size)
    return FALSE;
  csp_zip_package_set (self, stat->name,
                       g_bytes_new_take (g_steal_pointer (&data), (gsize) stat->size));
  return TRUE;
}

/**
 * csp_zip_package_new_from_file:
 * @path: a ZIP file, such as a Word template
 *
 * Returns: (transfer full): its parts (folders left out), or %NULL with
 *   @error set
 */
CspZipPackage *
csp_zip_package_new_from_file (const char *path, GError **error)
{
  g_autoptr (CspZipPackage) self = csp_zip_package_new ();
  zip_t *archive;
  zip_int64_t n_entries;
  gsize total = 0;
  int code = 0;

  g_return_val_if_fail (path != NULL, NULL);

  archive = zip_open (path, ZIP_RDONLY, &code);
  if (archive == NULL)
    {
      if (code == ZIP_ER_OPEN || code == ZIP_ER_NOENT || code == ZIP_ER_READ)
        {
          g_autofree char *name = g_filename_display_name (path);
          g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED, _ ("“%s” could not be read"),
                       name);
        }
      else
        set_invalid (error, path);
      return NULL;
    }
  n_entries = zip_get_num_entries (archive, 0);
  for (zip_int64_t i = 0; i < n_entries; i++)
    {
      zip_stat_t stat;

      if (zip_stat_index (archive, (zip_uint64_t) i, 0, &stat) != 0 || stat.name == NULL ||
          !(stat.valid & ZIP_STAT_SIZE))
        continue;
      if (g_str_has_suffix (stat.name, "/"))
        continue;
      if (!read_part (archive, (zip_uint64_t) i, &stat, &total, self))
        {
          zip_discard (archive);
          set_invalid (error, path);
          return NULL;
        }
    }
  zip_discard (archive);
  return g_steal_pointer (&self);
}

static Part *
find_part (CspZipPackage *self, const char *name)
{
  for (guint i = 0; i < self->parts->len; i++)
    {
      Part *part = &g_array_index (self->parts, Part, i);

      if (g_str_equal (part->name, name))
        return part;
    }
  return NULL;
}

/**
 * csp_zip_package_get:
 * @name: the part's name, "word/document.xml"
 *
 * Returns: (transfer none) (nullable): its contents
 */
GBytes *
csp_zip_package_get (CspZipPackage *self, const char *name)
{
  Part *part;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  part = find_part (self, name);
  return part != NULL ? part->contents : NULL;
}

/**
 * csp_zip_package_set:
 * @name: the part's name
 * @contents: its contents, in place of any it had
 */
void
csp_zip_package_set (CspZipPackage *self, const char *name, GBytes *contents)
{
  Part *part;

  g_return_if_fail (self != NULL);
  g_return_if_fail (name != NULL && contents != NULL);

  part = find_part (self, name);
  if (part != NULL)
    {
      g_bytes_unref (part->contents);
      part->contents = g_bytes_ref (contents);
    }
  else
    {
      Part added = { g_strdup (name), g_bytes_ref (contents) };
      g_array_append_val (self->parts, added);
    }
}

/**
 * csp_zip_package_take:
 * @name: the part's name
 * @contents: (transfer full): its contents, in place of any it had
 *
 * As csp_zip_package_set(), for contents made to be added.
 */
void
csp_zip_package_take (CspZipPackage *self, const char *name, GBytes *contents)
{
  g_return_if_fail (contents != NULL);

  csp_zip_package_set (self, name, contents);
  g_bytes_unref (contents);
}

/* zlib's fastest level: a report's document.xml with a 1,000-row appendix
 * is nearly 2 MB of repetitive XML, which level 1 deflates in a third of
 * the default level's time (5 ms rather than 16), to a part half as large
 * again (120 KB rather than 80) and a document about 15% larger. */
#define DEFLATE_LEVEL 1

/* Pictures are compressed already. An OpenDocument's "mimetype" comes
 * first and is stored as it is, so that its type can be read at a fixed
 * place in the file. */
static gboolean
is_stored (const char *name)
{
  return g_str_has_suffix (name, ".png") || g_str_equal (name, "mimetype");
}

static gboolean
add_parts (CspZipPackage *self, zip_t *archive, GDateTime *modified)
{
  for (guint i = 0; i < self->parts->len; i++)
    {
      Part *part = &g_array_index (self->parts, Part, i);
      gsize size = 0;
      const void *data = g_bytes_get_data (part->contents, &size);
      zip_source_t *source = zip_source_buffer (archive, data, size, 0);
      zip_int64_t index;

      if (source == NULL)
        return FALSE;
      index = zip_file_add (archive, part->name, source, ZIP_FL_ENC_UTF_8);
      if (index < 0)
        {
          zip_source_free (source);
          return FALSE;
        }
      if (zip_set_file_compression (archive, (zip_uint64_t) index,
                                    is_stored (part->name) ? ZIP_CM_STORE : ZIP_CM_DEFLATE,
                                    DEFLATE_LEVEL) != 0 ||
          zip_file_set_mtime (archive, (zip_uint64_t) index,
                              (time_t) g_date_time_to_unix (modified), 0) != 0)
        return FALSE;
    }
  return TRUE;
}

/* Returns: (transfer full): the archive @source holds, or %NULL */
static GBytes *
read_source (zip_source_t *source)
{
  g_autofree guint8 *data = NULL;
  zip_stat_t stat;
  zip_int64_t n;

  if (zip_source_stat (source, &stat) != 0 || !(stat.valid & ZIP_STAT_SIZE) ||
      zip_source_open (source) != 0)
    return NULL;
  data = g_malloc (MAX (stat.size, 1));
  n = zip_source_read (source, data, stat.size);
  zip_source_close (source);
  if (n < 0 || (zip_uint64_t) n != stat.size)
    return NULL;
  return g_bytes_new_take (g_steal_pointer (&data), (gsize) stat.size);
}

/**
 * csp_zip_package_write:
 * @path: the file to write, replaced only once complete
 * @modified: the parts' modification time
 *
 * Returns: whether it was written; a #GFileError naming @path when it
 *   could not be
 */
gboolean
csp_zip_package_write (CspZipPackage *self, const char *path, GDateTime *modified, GError **error)
{
  g_autoptr (GBytes) bytes = NULL;
  zip_source_t *source;
  zip_t *archive;
  zip_error_t zip_error;
  gboolean made;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (modified != NULL, FALSE);

  zip_error_init (&zip_error);
  source = zip_source_buffer_create (NULL, 0, 0, &zip_error);
  archive = source != NULL ? zip_open_from_source (source, ZIP_TRUNCATE, &zip_error) : NULL;
  made = archive != NULL;
  if (made)
    {
      /* The source outlives the archive, to be read once it is closed. */
      zip_source_keep (source);
      made = add_parts (self, archive, modified);
      if (made)
        made = zip_close (archive) == 0;
      else
        zip_discard (archive);
      if (made)
        bytes = read_source (source);
    }
  if (source != NULL)
    zip_source_free (source);
  zip_error_fini (&zip_error);
  if (bytes == NULL)
    {
      g_set_error_literal (error, CSP_ZIP_PACKAGE_ERROR, CSP_ZIP_PACKAGE_ERROR_FAILED,
                           _ ("The document’s package could not be made"));
      return FALSE;
    }
  return csp_file_writer_set_contents (path, g_bytes_get_data (bytes, NULL),
                                       g_bytes_get_size (bytes), CSP_FILE_WRITER_NONE, error);
}
