/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "csp-chart-text.h"
#include "csp-chart.h"
#include "csp-palette.h"
#include "csp-scale.h"

G_BEGIN_DECLS

/**
 * CspRect:
 *
 * A rectangle in the chart's user units, from its top left corner.
 */
typedef struct
{
  double x;
  double y;
  double width;
  double height;
} CspRect;

gboolean csp_rect_contains (const CspRect *rect, double x, double y);
gboolean csp_rect_intersects (const CspRect *a, const CspRect *b);
gboolean csp_rect_contains_rect (const CspRect *outer, const CspRect *inner);

/**
 * CspChartStyle:
 * @variant: light, or the dark style's colours
 * @font_family: (nullable): font families, %CSP_CHART_DEFAULT_FONT when %NULL
 * @font_size: body text size in user units; 12 when 0
 * @transparent: leave the background unpainted (a widget paints its own)
 *
 * How a chart looks, apart from what it shows.
 */
typedef struct
{
  CspPaletteVariant variant;
  const char *font_family;
  double font_size;
  gboolean transparent;
} CspChartStyle;

/**
 * CspChartLabel:
 * @role: which font it takes
 * @text: the text as drawn (before any ellipsis)
 * @rect: where it goes: the top left of its first line and its size
 * @max_width: the width past which it is ellipsized, 0 for none
 * @backdrop: drawn on a patch of background, over the plot
 * @mark: the mark it is drawn on (in a colour that shows on it), or -1
 */
typedef struct
{
  CspChartTextRole role;
  char *text;
  CspRect rect;
  double max_width;
  gboolean backdrop;
  int mark;
} CspChartLabel;

/**
 * CspChartMark:
 * @series: the series it belongs to (0 for a donut)
 * @item: the category it stands for
 * @missing: the data has no value for it (a month without a figure):
 *   nothing is drawn for it and nothing hits it; @rect is empty, at the
 *   category's centre on the axis
 * @value: its value; NAN when @missing
 * @rect: a bar or segment; the box around a point's marker; a slice's
 *   bounding box
 * @x: a point's centre, or the donut's
 * @y: a point's centre, or the donut's
 * @inner_radius: a slice's inner radius
 * @outer_radius: a slice's outer radius
 * @start_angle: a slice's first angle, in radians clockwise from three o'clock
 * @end_angle: its last angle
 * @color: its colour
 * @hatch: the lines over its colour
 * @cue: its series' index for dashes and markers
 *
 * One value drawn: a point, a bar (segment) or a slice. A layout has
 * n_series × n_items of them, series by series, in the order of the data.
 */
typedef struct
{
  guint series;
  guint item;
  gboolean missing;
  double value;
  CspRect rect;
  double x;
  double y;
  double inner_radius;
  double outer_radius;
  double start_angle;
  double end_angle;
  CspColor color;
  CspHatch hatch;
  guint cue;
} CspChartMark;

/**
 * CspChartLegendItem:
 * @index: the series, or a donut's category
 * @rect: the whole entry
 * @swatch: the sample of line, marker or fill
 * @label: the index of its text in the layout's labels
 * @line: the swatch is a line with a marker, not a box
 * @color: as the marks
 * @hatch: as the marks
 * @cue: as the marks
 */
typedef struct
{
  guint index;
  CspRect rect;
  CspRect swatch;
  guint label;
  gboolean line;
  CspColor color;
  CspHatch hatch;
  guint cue;
} CspChartLegendItem;

/**
 * CspChartLine:
 *
 * A straight line from (x0, y0) to (x1, y1).
 */
typedef struct
{
  double x0;
  double y0;
  double x1;
  double y1;
} CspChartLine;

/**
 * CspChartReferenceLine:
 * @kind: baseline or target
 * @value: its value
 * @line: where it is drawn
 * @label: the index of its text in the layout's labels
 */
typedef struct
{
  CspChartReferenceKind kind;
  double value;
  CspChartLine line;
  guint label;
} CspChartReferenceLine;

/**
 * CspChartLayout:
 * @chart: the chart laid out
 * @data: (nullable): its data
 * @kind: its kind, as it was
 * @style: how it looks; @font_family points into the layout
 * @text: fonts, for measuring and drawing
 * @bounds: the whole chart
 * @plot: where the marks go; for a donut, the square around the ring
 * @empty: there is nothing to draw: the "No data" message is shown instead
 * @labels: (element-type CspChartLabel): every text
 * @marks: (element-type CspChartMark): n_series × n_items marks
 * @legend: (element-type CspChartLegendItem): the legend's entries
 * @legend_rect: the legend's bounds (0 wide when there is none)
 * @gridlines: (element-type CspChartLine): light lines at the value ticks
 * @ticks: (element-type CspChartLine): tick marks along the axes
 * @axes: (element-type CspChartLine): the axis lines
 * @references: (element-type CspChartReferenceLine): baseline and target, as set
 * @events: (element-type CspChartLine): annotated events' lines
 * @n_series: series
 * @n_items: items per series (categories)
 * @value_ticks: the value axis' ticks, when there is one
 * @value_low: the value at the axis' start
 * @value_high: the value at its end
 * @time_unit: how a time axis was divided
 * @time_step: every how many of those a label went
 * @band: the width (height, across) of one category
 * @line_width: a series line's width
 * @marker_size: a marker's size; every point of a line has one
 *
 * Where every part of a chart goes, for a size. The fields are read by the
 * drawing and hit-testing code and by tests; treat them as read-only.
 */
typedef struct
{
  CspChart *chart;
  CspChartData *data;
  CspChartKind kind;
  CspChartStyle style;
  CspChartText *text;
  CspRect bounds;
  CspRect plot;
  gboolean empty;
  GArray *labels;
  GArray *marks;
  GArray *legend;
  CspRect legend_rect;
  GArray *gridlines;
  GArray *ticks;
  GArray *axes;
  GArray *references;
  GArray *events;
  guint n_series;
  guint n_items;
  CspTicks value_ticks;
  double value_low;
  double value_high;
  CspTimeUnit time_unit;
  guint time_step;
  double band;
  double line_width;
  double marker_size;

  /*< private >*/
  char *font_family;
} CspChartLayout;

void csp_chart_style_init (CspChartStyle *style);

CspChartLayout *csp_chart_layout_new (CspChart *chart, const CspChartStyle *style, double width,
                                      double height);
void csp_chart_layout_free (CspChartLayout *self);

const CspChartLabel *csp_chart_layout_get_label (CspChartLayout *self, guint index);
const CspChartLabel *csp_chart_layout_find_label (CspChartLayout *self, CspChartTextRole role,
                                                  guint nth);
const CspChartMark *csp_chart_layout_get_mark (CspChartLayout *self, guint series, guint item);
double csp_chart_layout_value_to_position (CspChartLayout *self, double value);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CspChartLayout, csp_chart_layout_free)

G_END_DECLS
