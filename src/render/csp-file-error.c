/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "csp-file-error"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "csp-file-error.h"

/**
 * csp_file_error_reason:
 * @error: a #G_FILE_ERROR from writing an output file
 *
 * Why writing a file failed, in words for a message that names the file
 * (GLib's own message names the temporary file of an atomic write).
 *
 * Returns: (transfer none): the reason
 */
const char *
csp_file_error_reason (const GError *error)
{
  if (error->domain != G_FILE_ERROR)
    return error->message;
  switch (error->code)
    {
    case G_FILE_ERROR_NOENT:
    case G_FILE_ERROR_NOTDIR:
      return _ ("its folder does not exist");
    case G_FILE_ERROR_ACCES:
    case G_FILE_ERROR_PERM:
      return _ ("permission denied: choose a folder you can write to");
    case G_FILE_ERROR_ROFS:
      return _ ("the disk is read-only");
    case G_FILE_ERROR_NOSPC:
      return _ ("the disk is full");
    case G_FILE_ERROR_ISDIR:
      return _ ("it is a folder");
    default:
      return error->message;
    }
}
