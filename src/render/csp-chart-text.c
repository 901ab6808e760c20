/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "csp-chart-text"

#include "config.h"

#include <math.h>
#include <pango/pangocairo.h>

#include "csp-chart-text.h"

/* A chart's text through Pango: one context and one PangoLayout reused for
 * every label, a font per role. Metrics are not hinted, so that a label
 * measures the same at every scale factor and on every surface, and the
 * layout made once fits wherever it is drawn. Sizes are in the user
 * units the chart is laid out in, not in points. */

struct _CspChartText
{
  PangoContext *context;
  /* A layout per role, so that only the text changes from one label to
   * the next: setting a font costs a fresh lookup. */
  PangoLayout *layouts[CSP_CHART_TEXT_N_ROLES];
  double line_heights[CSP_CHART_TEXT_N_ROLES];
};

static const struct
{
  double scale;
  PangoWeight weight;
} roles[CSP_CHART_TEXT_N_ROLES] = {
  [CSP_CHART_TEXT_TITLE] = { 1.4, PANGO_WEIGHT_BOLD },
  [CSP_CHART_TEXT_SUBTITLE] = { 1.0, PANGO_WEIGHT_NORMAL },
  [CSP_CHART_TEXT_AXIS] = { 0.92, PANGO_WEIGHT_NORMAL },
  [CSP_CHART_TEXT_AXIS_TITLE] = { 0.92, PANGO_WEIGHT_NORMAL },
  [CSP_CHART_TEXT_LEGEND] = { 1.0, PANGO_WEIGHT_NORMAL },
  [CSP_CHART_TEXT_VALUE] = { 0.92, PANGO_WEIGHT_NORMAL },
  [CSP_CHART_TEXT_ANNOTATION] = { 0.85, PANGO_WEIGHT_NORMAL },
  [CSP_CHART_TEXT_MESSAGE] = { 1.25, PANGO_WEIGHT_NORMAL },
  [CSP_CHART_TEXT_TOTAL] = { 2.2, PANGO_WEIGHT_BOLD },
};

/**
 * csp_chart_text_new:
 * @family: (nullable): a comma-separated list of font families;
 *   %CSP_CHART_DEFAULT_FONT when %NULL
 * @size: the body text's size in user units; 12 when 0
 *
 * Returns: (transfer full): the fonts and the means to measure and draw
 */
CspChartText *
csp_chart_text_new (const char *family, double size)
{
  CspChartText *self = g_new0 (CspChartText, 1);
  cairo_font_options_t *options = cairo_font_options_create ();

  if (family == NULL)
    family = CSP_CHART_DEFAULT_FONT;
  if (size <= 0)
    size = 12;

  self->context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  pango_cairo_context_set_font_options (self->context, options);
  cairo_font_options_destroy (options);
  for (guint i = 0; i < CSP_CHART_TEXT_N_ROLES; i++)
    {
      PangoFontDescription *font = pango_font_description_from_string (family);
      PangoRectangle logical;

      pango_font_description_set_absolute_size (font, size * roles[i].scale * PANGO_SCALE);
      pango_font_description_set_weight (font, roles[i].weight);
      self->layouts[i] = pango_layout_new (self->context);
      pango_layout_set_font_description (self->layouts[i], font);
      pango_layout_set_ellipsize (self->layouts[i], PANGO_ELLIPSIZE_END);
      pango_font_description_free (font);
      pango_layout_set_text (self->layouts[i], "Ag", -1);
      pango_layout_get_extents (self->layouts[i], NULL, &logical);
      self->line_heights[i] = (double) logical.height / PANGO_SCALE;
    }
  return self;
}

void
csp_chart_text_free (CspChartText *self)
{
  if (self == NULL)
    return;
  for (guint i = 0; i < CSP_CHART_TEXT_N_ROLES; i++)
    g_object_unref (self->layouts[i]);
  g_object_unref (self->context);
  g_free (self);
}

/**
 * csp_chart_text_get_line_height:
 *
 * Returns: the height of one line of text in @role
 */
double
csp_chart_text_get_line_height (CspChartText *self, CspChartTextRole role)
{
  g_return_val_if_fail (self != NULL, 0.0);
  g_return_val_if_fail (role < CSP_CHART_TEXT_N_ROLES, 0.0);
  return self->line_heights[role];
}

static PangoLayout *
prepare (CspChartText *self, CspChartTextRole role, const char *text, double max_width)
{
  PangoLayout *layout = self->layouts[role];

  /* Rounded up, so that text measured at its natural width is not
   * ellipsized by a rounding error when it is given that width. */
  pango_layout_set_width (layout, max_width > 0 ? (int) ceil (max_width * PANGO_SCALE - 0.01) : -1);
  pango_layout_set_text (layout, text, -1);
  return layout;
}

/**
 * csp_chart_text_measure:
 * @max_width: the widest the text may be; longer text is ellipsized. 0 for no limit
 * @width: (out) (optional): its width
 * @height: (out) (optional): its height
 */
void
csp_chart_text_measure (CspChartText *self, CspChartTextRole role, const char *text,
                        double max_width, double *width, double *height)
{
  PangoRectangle logical;

  g_return_if_fail (self != NULL);
  g_return_if_fail (role < CSP_CHART_TEXT_N_ROLES);
  g_return_if_fail (text != NULL);

  pango_layout_get_extents (prepare (self, role, text, max_width), NULL, &logical);
  if (width != NULL)
    *width = (double) logical.width / PANGO_SCALE;
  if (height != NULL)
    *height = (double) logical.height / PANGO_SCALE;
}

/**
 * csp_chart_text_begin:
 *
 * Makes the text ready to be drawn on @cr, whose transformation and
 * surface may differ from those of the last drawing.
 */
void
csp_chart_text_begin (CspChartText *self, cairo_t *cr)
{
  g_return_if_fail (self != NULL);

  pango_cairo_update_context (cr, self->context);
  for (guint i = 0; i < CSP_CHART_TEXT_N_ROLES; i++)
    pango_layout_context_changed (self->layouts[i]);
}

/**
 * csp_chart_text_show:
 * @x: the left of the text
 * @y: the top of its first line
 * @max_width: as for csp_chart_text_measure()
 *
 * Draws @text in the source colour of @cr, after csp_chart_text_begin().
 */
void
csp_chart_text_show (CspChartText *self, cairo_t *cr, CspChartTextRole role, const char *text,
                     double x, double y, double max_width)
{
  PangoLayout *layout;

  g_return_if_fail (self != NULL);
  g_return_if_fail (role < CSP_CHART_TEXT_N_ROLES);
  g_return_if_fail (text != NULL);

  layout = prepare (self, role, text, max_width);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
}
