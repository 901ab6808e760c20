/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <pango/pango.h>

G_BEGIN_DECLS

typedef struct _CspWordCache CspWordCache;
typedef struct _CspWordText CspWordText;
typedef struct _CspWordBatch CspWordBatch;

CspWordCache *csp_word_cache_new (PangoContext *context, const PangoFontDescription *font);
void csp_word_cache_free (CspWordCache *self);
void csp_word_cache_set_features (PangoLayout *layout);

CspWordText *csp_word_text_new (CspWordCache *cache, const char *text, const PangoLogAttr *breaks,
                                int width);
void csp_word_text_free (CspWordText *self);

double csp_word_text_get_height (const CspWordText *self);
guint csp_word_text_get_n_lines (const CspWordText *self);
void csp_word_text_get_line_yrange (const CspWordText *self, guint line, double *top,
                                    double *bottom);

CspWordBatch *csp_word_batch_new (cairo_t *cr);
void csp_word_text_add_lines (const CspWordText *self, CspWordBatch *batch, double x, double y,
                              double start, double end);
void csp_word_batch_draw (CspWordBatch *self);
void csp_word_batch_free (CspWordBatch *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CspWordCache, csp_word_cache_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CspWordText, csp_word_text_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CspWordBatch, csp_word_batch_free)

G_END_DECLS
