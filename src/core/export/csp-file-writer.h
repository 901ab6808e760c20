/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/**
 * CspFileWriterFlags:
 * @CSP_FILE_WRITER_NONE: a document: a new file gets the usual mode (0666
 *   less the umask), a file it replaces keeps its own mode
 * @CSP_FILE_WRITER_PRIVATE: readable by its owner only (0600) whatever was
 *   there, as a copy of the database must be
 * @CSP_FILE_WRITER_NAMED: the new contents need a name in the folder from
 *   the start, for a library that keeps files beside what it writes
 *   (SQLite's journal)
 */
typedef enum
{
  CSP_FILE_WRITER_NONE = 0,
  CSP_FILE_WRITER_PRIVATE = 1 << 0,
  CSP_FILE_WRITER_NAMED = 1 << 1,
} CspFileWriterFlags;

/* Every file CSP Engage writes (CSV, XLSX, PDF, PNG, SVG, backups) goes
 * through one of these: the new contents go to a temporary file in the
 * target's folder, which replaces the target in one step once complete. */
typedef struct _CspFileWriter CspFileWriter;

CspFileWriter *csp_file_writer_new (const char *path, CspFileWriterFlags flags, GError **error);
const char *csp_file_writer_get_path (CspFileWriter *self);
const char *csp_file_writer_get_temporary_path (CspFileWriter *self);
int csp_file_writer_get_fd (CspFileWriter *self);
gboolean csp_file_writer_write (CspFileWriter *self, const void *data, gsize size, GError **error);
void csp_file_writer_fail (CspFileWriter *self, const char *reason, GError **error);
gboolean csp_file_writer_commit (CspFileWriter *self, GError **error);
void csp_file_writer_abort (CspFileWriter *self);
void csp_file_writer_free (CspFileWriter *self);

gboolean csp_file_writer_set_contents (const char *path, const void *data, gsize size,
                                       CspFileWriterFlags flags, GError **error);
gboolean csp_file_writer_is_temporary_name (const char *name);
const char *csp_file_writer_describe_errno (int errno_value);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CspFileWriter, csp_file_writer_free)

G_END_DECLS
