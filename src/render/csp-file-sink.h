/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>

#include "csp-file-writer.h"

G_BEGIN_DECLS

/**
 * CspFileSink:
 * @writer: the file being written
 * @error: why writing to it failed, once it has
 *
 * A #CspFileWriter as a cairo stream (csp_file_sink_write_cb(), with the
 * sink as the closure). cairo only knows that writing failed; the sink
 * keeps the writer's reason, to be reported instead of cairo's.
 */
typedef struct
{
  CspFileWriter *writer;
  GError *error;
} CspFileSink;

cairo_status_t csp_file_sink_write_cb (void *closure, const unsigned char *data,
                                       unsigned int length);

G_END_DECLS
