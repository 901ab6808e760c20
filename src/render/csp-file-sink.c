/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "csp-file-sink"

#include "config.h"

#include "csp-file-sink.h"

/**
 * csp_file_sink_write_cb:
 * @closure: a #CspFileSink
 *
 * Writes what cairo streams out to the sink's file; after a failure,
 * nothing more.
 *
 * Returns: %CAIRO_STATUS_WRITE_ERROR once writing has failed
 */
cairo_status_t
csp_file_sink_write_cb (void *closure, const unsigned char *data, unsigned int length)
{
  CspFileSink *sink = closure;

  if (sink->error == NULL && csp_file_writer_write (sink->writer, data, length, &sink->error))
    return CAIRO_STATUS_SUCCESS;
  return CAIRO_STATUS_WRITE_ERROR;
}
