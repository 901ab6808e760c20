/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Which build a benchmark measures, said before its figures: those of a
 * debug or sanitized build are not what people who install the
 * application get. */
void bench_build_print (void);

G_END_DECLS
