/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <pango/pango.h>

G_BEGIN_DECLS

typedef struct _CspTextBreaks CspTextBreaks;

PangoLogAttr *csp_text_breaks_find (const char *text, PangoLanguage *language);
char *csp_text_breaks_tame (const char *text, const PangoLogAttr *attrs, PangoLanguage *language,
                            guint max_chars);

CspTextBreaks *csp_text_breaks_new (GPtrArray *texts, PangoLanguage *language);
const PangoLogAttr *csp_text_breaks_get (CspTextBreaks *self, guint index);
void csp_text_breaks_free (CspTextBreaks *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CspTextBreaks, csp_text_breaks_free)

G_END_DECLS
