/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-chart-layout"

#include "config.h"

#include <locale.h>
#include <math.h>
#include <string.h>

#include "chart-fixtures.h"
#include "csp-chart-hit.h"
#include "csp-chart-layout.h"
#include "csp-chart-risk-matrix.h"
#include "csp-chart-table.h"

/* Layouts as rectangles: everything inside the chart, nothing on top of
 * anything else, labels thinned out when crowded; hit-testing and the
 * table read from the same layout and data. */

static const CspChartKind all_kinds[] = {
  CSP_CHART_LINE,
  CSP_CHART_STACKED_BAR,
  CSP_CHART_HORIZONTAL_BAR,
  CSP_CHART_DONUT,
};

static gboolean
rects_overlap (const CspRect *a, const CspRect *b)
{
  /* Touching is not overlapping: allow a hundredth of a unit. */
  CspRect shrunk = { a->x + 0.01, a->y + 0.01, a->width - 0.02, a->height - 0.02 };

  return csp_rect_intersects (&shrunk, b);
}

static void
assert_inside (CspChartLayout *layout, const CspRect *rect, const char *what)
{
  if (!csp_rect_contains_rect (&layout->bounds, rect))
    g_error ("%s at %g,%g %gx%g is outside the chart of %gx%g", what, rect->x, rect->y, rect->width,
             rect->height, layout->bounds.width, layout->bounds.height);
}

/* Labels of one role must not overlap one another, and no label may lie
 * outside the chart. */
static void
assert_labels_clear (CspChartLayout *layout)
{
  for (guint i = 0; i < layout->labels->len; i++)
    {
      const CspChartLabel *a = csp_chart_layout_get_label (layout, i);

      assert_inside (layout, &a->rect, a->text);
      for (guint j = i + 1; j < layout->labels->len; j++)
        {
          const CspChartLabel *b = csp_chart_layout_get_label (layout, j);

          if (a->role == b->role && rects_overlap (&a->rect, &b->rect))
            g_error ("“%s” overlaps “%s”", a->text, b->text);
        }
    }
}

static void
assert_legend_clear (CspChartLayout *layout)
{
  for (guint i = 0; i < layout->legend->len; i++)
    {
      const CspChartLegendItem *a = &g_array_index (layout->legend, CspChartLegendItem, i);

      assert_inside (layout, &a->rect, "a legend entry");
      g_assert_true (csp_rect_contains_rect (&a->rect, &a->swatch));
      g_assert_false (rects_overlap (&a->rect, &layout->plot));
      for (guint j = i + 1; j < layout->legend->len; j++)
        g_assert_false (
            rects_overlap (&a->rect, &g_array_index (layout->legend, CspChartLegendItem, j).rect));
    }
}

static void
test_rects (void)
{
  const double sizes[][2] = { { 1200, 700 }, { 1600, 900 }, { 640, 400 }, { 360, 640 } };

  for (guint k = 0; k < G_N_ELEMENTS (all_kinds); k++)
    for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
      {
        guint n_items = all_kinds[k] == CSP_CHART_DONUT ? 5 : 27;
        g_autoptr (CspChart) chart = fixture_chart (all_kinds[k], 3, n_items);
        g_autoptr (CspChartLayout) layout =
            csp_chart_layout_new (chart, NULL, sizes[s][0], sizes[s][1]);
        const CspChartLabel *title = csp_chart_layout_find_label (layout, CSP_CHART_TEXT_TITLE, 0);
        const CspChartLabel *subtitle =
            csp_chart_layout_find_label (layout, CSP_CHART_TEXT_SUBTITLE, 0);

        g_test_message ("kind %d at %gx%g", all_kinds[k], sizes[s][0], sizes[s][1]);
        g_assert_false (layout->empty);
        g_assert_cmpuint (layout->marks->len, ==, layout->n_series * n_items);
        assert_inside (layout, &layout->plot, "the plot");
        g_assert_nonnull (title);
        g_assert_nonnull (subtitle);
        /* Title, then subtitle, then the plot, top to bottom. */
        g_assert_cmpfloat (title->rect.y + title->rect.height, <=, subtitle->rect.y);
        g_assert_cmpfloat (subtitle->rect.y + subtitle->rect.height, <=, layout->plot.y);
        assert_labels_clear (layout);
        assert_legend_clear (layout);
        for (guint i = 0; i < layout->marks->len; i++)
          {
            const CspChartMark *mark = &g_array_index (layout->marks, CspChartMark, i);
            CspRect grown = { layout->plot.x - 1, layout->plot.y - 1, layout->plot.width + 2,
                              layout->plot.height + 2 };

            g_assert_true (csp_rect_contains_rect (&grown, &mark->rect) ||
                           all_kinds[k] == CSP_CHART_LINE);
          }
      }
}

static void
test_legend_wraps (void)
{
  g_autoptr (CspChart) chart = fixture_chart (CSP_CHART_LINE, 8, 24);
  g_autoptr (CspChartLayout) wide = csp_chart_layout_new (chart, NULL, 1600, 900);
  g_autoptr (CspChartLayout) narrow = csp_chart_layout_new (chart, NULL, 420, 700);
  const CspChartLegendItem *first, *last;

  /* One row when wide. */
  g_assert_cmpuint (wide->legend->len, ==, 8);
  first = &g_array_index (wide->legend, CspChartLegendItem, 0);
  last = &g_array_index (wide->legend, CspChartLegendItem, 7);
  g_assert_cmpfloat (first->rect.y, ==, last->rect.y);

  /* Rows when narrow, every entry kept, inside and clear of each other. */
  g_assert_cmpuint (narrow->legend->len, ==, 8);
  first = &g_array_index (narrow->legend, CspChartLegendItem, 0);
  last = &g_array_index (narrow->legend, CspChartLegendItem, 7);
  g_assert_cmpfloat (last->rect.y, >, first->rect.y + first->rect.height);
  g_assert_cmpfloat (narrow->legend_rect.height, >, 2 * first->rect.height);
  g_assert_cmpfloat (narrow->legend_rect.y + narrow->legend_rect.height, <=, narrow->plot.y);
  assert_legend_clear (narrow);
  assert_labels_clear (narrow);
  /* Line charts show their dash and marker in the legend. */
  g_assert_true (first->line);
  g_assert_cmpuint (first->cue, !=, last->cue);
}

static guint
count_labels (CspChartLayout *layout, CspChartTextRole role)
{
  guint n = 0;

  while (csp_chart_layout_find_label (layout, role, n) != NULL)
    n++;
  return n;
}

/* The axis labels' texts, left to right. */
static GPtrArray *
axis_texts (CspChartLayout *layout)
{
  GPtrArray *texts = g_ptr_array_new ();
  const double bottom = layout->plot.y + layout->plot.height;

  for (guint i = 0; i < layout->labels->len; i++)
    {
      const CspChartLabel *label = csp_chart_layout_get_label (layout, i);

      if (label->role == CSP_CHART_TEXT_AXIS && label->rect.y > bottom)
        g_ptr_array_add (texts, label->text);
    }
  return texts;
}

static void
test_time_axis_thins (void)
{
  g_autoptr (CspChart) chart = fixture_chart (CSP_CHART_LINE, 2, 120);
  g_autoptr (CspChart) year = fixture_chart (CSP_CHART_LINE, 2, 12);
  const struct
  {
    CspChart *chart;
    double width;
    CspTimeUnit unit;
    guint step;
    const char *first;
  } cases[] = {
    /* A year of months, each labelled when there is room. */
    { year, 1200, CSP_TIME_UNIT_MONTH, 1, "Apr 2016" },
    { year, 500, CSP_TIME_UNIT_MONTH, 3, "Apr 2016" },
    /* Ten years: by financial year, every one, then every second. */
    { chart, 1600, CSP_TIME_UNIT_YEAR, 1, "2016-17" },
    { chart, 900, CSP_TIME_UNIT_YEAR, 1, "2016-17" },
    { chart, 420, CSP_TIME_UNIT_YEAR, 2, "2016-17" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (CspChartLayout) layout =
          csp_chart_layout_new (cases[i].chart, NULL, cases[i].width, 500);
      g_autoptr (GPtrArray) texts = axis_texts (layout);

      g_test_message ("case %u: unit %d step %u", i, layout->time_unit, layout->time_step);
      g_assert_cmpint (layout->time_unit, ==, cases[i].unit);
      g_assert_cmpuint (layout->time_step, ==, cases[i].step);
      g_assert_cmpuint (texts->len, >, 1);
      g_assert_cmpstr (texts->pdata[0], ==, cases[i].first);
      assert_labels_clear (layout);
    }

  /* Asked for quarters, quarters it is. */
  csp_chart_set_time_unit (year, CSP_TIME_UNIT_QUARTER);
  {
    g_autoptr (CspChartLayout) layout = csp_chart_layout_new (year, NULL, 1200, 500);
    g_autoptr (GPtrArray) texts = axis_texts (layout);

    g_assert_cmpuint (texts->len, ==, 4);
    g_assert_cmpstr (texts->pdata[0], ==, "Q1 2016-17");
    g_assert_cmpstr (texts->pdata[3], ==, "Q4 2016-17");
  }
  /* A financial year from January is a calendar year. */
  csp_chart_set_time_unit (chart, CSP_TIME_UNIT_YEAR);
  csp_chart_set_year_start_month (chart, 1);
  {
    g_autoptr (CspChartLayout) layout = csp_chart_layout_new (chart, NULL, 1600, 500);
    g_autoptr (GPtrArray) texts = axis_texts (layout);

    /* April to December 2016 is enough of a year for its label. */
    g_assert_cmpstr (texts->pdata[0], ==, "2016");
    g_assert_cmpstr (texts->pdata[1], ==, "2017");
  }
}

static void
test_value_axis (void)
{
  g_autoptr (CspChart) chart = fixture_chart (CSP_CHART_LINE, 1, 12);
  g_autoptr (CspChartLayout) layout = NULL;
  double high = 0;
  gboolean found_thousands = FALSE;

  for (guint i = 0; i < 12; i++)
    high = MAX (high, fixture_value (0, i));
  layout = csp_chart_layout_new (chart, NULL, 1200, 700);
  g_assert_cmpfloat (layout->value_low, ==, 0);
  g_assert_cmpfloat (layout->value_high, >=, high);
  g_assert_cmpuint (layout->gridlines->len, ==, layout->value_ticks.count);
  for (guint i = 0; i < layout->gridlines->len; i++)
    {
      const CspChartLine *line = &g_array_index (layout->gridlines, CspChartLine, i);
      double value = csp_ticks_get (&layout->value_ticks, i);

      g_assert_cmpfloat_with_epsilon (line->y0, csp_chart_layout_value_to_position (layout, value),
                                      1e-9);
    }
  /* The bottom gridline is the plot's bottom, the top one its top. */
  g_assert_cmpfloat_with_epsilon (g_array_index (layout->gridlines, CspChartLine, 0).y0,
                                  layout->plot.y + layout->plot.height, 1e-9);
  g_assert_cmpfloat_with_epsilon (
      g_array_index (layout->gridlines, CspChartLine, layout->gridlines->len - 1).y0,
      layout->plot.y, 1e-9);
  for (guint i = 0; i < layout->labels->len; i++)
    if (g_str_equal (csp_chart_layout_get_label (layout, i)->text, "2,000"))
      found_thousands = TRUE;
  g_assert_true (found_thousands);
}

static void
test_points (void)
{
  g_autoptr (CspChart) chart = fixture_chart (CSP_CHART_LINE, 3, 12);
  g_autoptr (CspChartLayout) layout = csp_chart_layout_new (chart, NULL, 1200, 700);

  for (guint j = 0; j < 3; j++)
    for (guint i = 0; i < 12; i++)
      {
        const CspChartMark *mark = csp_chart_layout_get_mark (layout, j, i);

        g_assert_cmpuint (mark->series, ==, j);
        g_assert_cmpuint (mark->item, ==, i);
        g_assert_cmpfloat (mark->value, ==, fixture_value (j, i));
        g_assert_cmpfloat_with_epsilon (mark->x, layout->plot.x + (i + 0.5) * layout->band, 1e-9);
        g_assert_cmpfloat_with_epsilon (
            mark->y, csp_chart_layout_value_to_position (layout, mark->value), 1e-9);
      }
}

static void
test_stacked (void)
{
  g_autoptr (CspChart) chart = fixture_chart (CSP_CHART_STACKED_BAR, 3, 6);
  g_autoptr (CspChartLayout) layout = csp_chart_layout_new (chart, NULL, 1200, 700);
  double per_unit = layout->plot.height / (layout->value_high - layout->value_low);

  for (guint i = 0; i < 6; i++)
    {
      double bottom = layout->plot.y + layout->plot.height;

      for (guint j = 0; j < 3; j++)
        {
          const CspChartMark *mark = csp_chart_layout_get_mark (layout, j, i);

          /* Each segment sits on the one below, as tall as its value. */
          g_assert_cmpfloat_with_epsilon (mark->rect.y + mark->rect.height, bottom, 1e-6);
          g_assert_cmpfloat_with_epsilon (mark->rect.height, mark->value * per_unit, 1e-6);
          bottom = mark->rect.y;
        }
    }
  /* Totals over the bars, which fit at this size. */
  g_assert_cmpuint (count_labels (layout, CSP_CHART_TEXT_VALUE), ==, 6);
}

static void
test_horizontal (void)
{
  g_autoptr (CspChart) chart = fixture_chart (CSP_CHART_HORIZONTAL_BAR, 1, 8);
  g_autoptr (CspChartLayout) layout = csp_chart_layout_new (chart, NULL, 1000, 600);
  double per_unit = layout->plot.width / (layout->value_high - layout->value_low);

  for (guint i = 0; i < 8; i++)
    {
      const CspChartMark *mark = csp_chart_layout_get_mark (layout, 0, i);

      g_assert_cmpfloat_with_epsilon (mark->rect.x, layout->plot.x, 1e-6);
      g_assert_cmpfloat_with_epsilon (mark->rect.width, mark->value * per_unit, 1e-6);
      /* First category at the top. */
      g_assert_cmpfloat (mark->rect.y, >=, layout->plot.y + i * layout->band);
      g_assert_cmpfloat (mark->rect.y + mark->rect.height, <=,
                         layout->plot.y + (i + 1) * layout->band);
    }
  /* A category label and a value per bar; one series, no legend. */
  g_assert_cmpuint (count_labels (layout, CSP_CHART_TEXT_VALUE), ==, 8);
  g_assert_cmpuint (layout->legend->len, ==, 0);
}

static void
test_donut (void)
{
  g_autoptr (CspChart) chart = fixture_chart (CSP_CHART_DONUT, 1, 5);
  g_autoptr (CspChartLayout) layout = csp_chart_layout_new (chart, NULL, 1200, 700);
  double total = 0, angle = -G_PI / 2;

  for (guint i = 0; i < 5; i++)
    total += fixture_value (0, i);
  for (guint i = 0; i < 5; i++)
    {
      const CspChartMark *mark = csp_chart_layout_get_mark (layout, 0, i);

      g_assert_cmpfloat_with_epsilon (mark->start_angle, angle, 1e-9);
      g_assert_cmpfloat_with_epsilon (mark->end_angle - mark->start_angle,
                                      2 * G_PI * mark->value / total, 1e-9);
      g_assert_cmpfloat (mark->inner_radius, <, mark->outer_radius);
      angle = mark->end_angle;
    }
  g_assert_cmpfloat_with_epsilon (angle, 3 * G_PI / 2, 1e-9);
  /* A legend entry per slice, beside the ring. */
  g_assert_cmpuint (layout->legend->len, ==, 5);
  g_assert_cmpfloat (layout->legend_rect.x, >=, layout->plot.x + layout->plot.width);
  g_assert_nonnull (csp_chart_layout_find_label (layout, CSP_CHART_TEXT_TOTAL, 0));
}

static void
test_empty (void)
{
  g_autoptr (CspChart) chart = csp_chart_new (CSP_CHART_LINE);
  g_autoptr (CspChartData) zeros = fixture_monthly_data (2, 12, "2020-04");
  const CspChartLabel *message;

  csp_chart_set_title (chart, "Nothing yet");
  for (guint k = 0; k < 2; k++)
    {
      g_autoptr (CspChartLayout) layout = csp_chart_layout_new (chart, NULL, 800, 500);
      CspChartHit hit;

      g_assert_true (layout->empty);
      g_assert_cmpuint (layout->marks->len, ==, 0);
      message = csp_chart_layout_find_label (layout, CSP_CHART_TEXT_MESSAGE, 0);
      g_assert_nonnull (message);
      g_assert_cmpstr (message->text, ==, "No data for this period");
      /* In the middle of the space under the title. */
      g_assert_cmpfloat_with_epsilon (message->rect.x + message->rect.width / 2, 400, 1);
      g_assert_true (csp_rect_contains_rect (&layout->plot, &message->rect));
      g_assert_false (csp_chart_layout_hit (layout, 400, 250, &hit));
      g_assert_cmpint (hit.part, ==, CSP_CHART_HIT_NONE);

      /* Data of nothing but zeros is no data either. */
      for (guint j = 0; j < 2; j++)
        for (guint i = 0; i < 12; i++)
          csp_chart_data_set_value (zeros, j, i, 0);
      csp_chart_set_data (chart, zeros);
    }
}

static void
test_tiny (void)
{
  /* Any size lays out without warnings, down to nothing to draw in. */
  const double sizes[][2] = { { 1, 1 }, { 30, 20 }, { 120, 60 }, { 5000, 40 }, { 40, 3000 } };

  for (guint k = 0; k < G_N_ELEMENTS (all_kinds); k++)
    for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
      {
        g_autoptr (CspChart) chart = fixture_chart (all_kinds[k], 4, 40);
        g_autoptr (CspChartLayout) layout =
            csp_chart_layout_new (chart, NULL, sizes[s][0], sizes[s][1]);

        g_assert_nonnull (layout);
      }
}

static void
test_references_events (void)
{
  g_autoptr (CspChart) chart = fixture_chart (CSP_CHART_LINE, 2, 24);
  g_autoptr (CspChartLayout) layout = NULL;
  const CspChartReferenceLine *target;
  const CspChartLine *event;
  guint n_annotations;

  csp_chart_set_reference (chart, CSP_CHART_BASELINE, 1500, NULL);
  csp_chart_set_reference (chart, CSP_CHART_TARGET, 9000, NULL);
  csp_chart_add_event (chart, "2016-09", "Something happened");
  csp_chart_add_event (chart, "2016-10", "Then something else");
  csp_chart_add_event (chart, "2030-01", "Outside the period");
  layout = csp_chart_layout_new (chart, NULL, 1200, 700);

  /* The target is above every value, and the axis reaches up to it. */
  g_assert_cmpfloat (layout->value_high, >=, 9000);
  g_assert_cmpuint (layout->references->len, ==, 2);
  target = &g_array_index (layout->references, CspChartReferenceLine, 1);
  g_assert_cmpint (target->kind, ==, CSP_CHART_TARGET);
  g_assert_cmpfloat_with_epsilon (target->line.y0,
                                  csp_chart_layout_value_to_position (layout, 9000), 1e-9);
  g_assert_cmpstr (csp_chart_layout_get_label (layout, target->label)->text, ==, "Target: 9,000");

  g_assert_cmpuint (layout->events->len, ==, 2);
  event = &g_array_index (layout->events, CspChartLine, 0);
  g_assert_cmpfloat_with_epsilon (event->x0, layout->plot.x + 5.5 * layout->band, 1e-9);
  /* Two labels a month apart do not overlap: one goes below the other. */
  n_annotations = count_labels (layout, CSP_CHART_TEXT_ANNOTATION);
  g_assert_cmpuint (n_annotations, ==, 4);
  assert_labels_clear (layout);
}

static void
test_hit (void)
{
  g_autoptr (CspChart) line = fixture_chart (CSP_CHART_LINE, 3, 12);
  g_autoptr (CspChart) bars = fixture_chart (CSP_CHART_STACKED_BAR, 3, 12);
  g_autoptr (CspChart) across = fixture_chart (CSP_CHART_HORIZONTAL_BAR, 2, 6);
  g_autoptr (CspChart) donut = fixture_chart (CSP_CHART_DONUT, 1, 5);
  CspChart *charts[] = { line, bars, across, donut };
  CspChartHit hit;

  for (guint k = 0; k < G_N_ELEMENTS (charts); k++)
    {
      g_autoptr (CspChartLayout) layout = csp_chart_layout_new (charts[k], NULL, 1200, 700);
      CspChartData *data = csp_chart_get_data (charts[k]);

      /* The middle of every mark hits that mark, with its keys. */
      for (guint m = 0; m < layout->marks->len; m++)
        {
          const CspChartMark *mark = &g_array_index (layout->marks, CspChartMark, m);
          double x = mark->rect.x + mark->rect.width / 2;
          double y = mark->rect.y + mark->rect.height / 2;

          if (layout->kind == CSP_CHART_DONUT)
            {
              double middle = (mark->start_angle + mark->end_angle) / 2;
              double radius = (mark->inner_radius + mark->outer_radius) / 2;

              x = mark->x + radius * cos (middle);
              y = mark->y + radius * sin (middle);
            }
          else if (layout->kind == CSP_CHART_LINE)
            {
              x = mark->x;
              y = mark->y;
            }
          g_assert_true (csp_chart_layout_hit (layout, x, y, &hit));
          g_assert_cmpint (hit.part, ==, CSP_CHART_HIT_MARK);
          g_assert_cmpuint (hit.series, ==, mark->series);
          g_assert_cmpuint (hit.item, ==, mark->item);
          g_assert_cmpfloat (hit.value, ==, mark->value);
          g_assert_cmpstr (hit.category_key, ==,
                           csp_chart_data_get_category_key (data, mark->item));
          g_assert_cmpstr (hit.series_key, ==, csp_chart_data_get_series_key (data, mark->series));
        }
      /* The title is not a mark. */
      g_assert_false (csp_chart_layout_hit (layout, 20, 10, &hit));

      /* Legend entries hit as such. */
      for (guint i = 0; i < layout->legend->len; i++)
        {
          const CspChartLegendItem *item = &g_array_index (layout->legend, CspChartLegendItem, i);

          g_assert_true (csp_chart_layout_hit (layout, item->rect.x + 1, item->rect.y + 1, &hit));
          g_assert_cmpint (hit.part, ==, CSP_CHART_HIT_LEGEND);
          if (layout->kind == CSP_CHART_DONUT)
            g_assert_cmpuint (hit.item, ==, i);
          else
            g_assert_cmpuint (hit.series, ==, i);
        }
    }

  /* A line's point is found from anywhere in its month, near its height;
   * the month key says which records it stands for. */
  {
    g_autoptr (CspChartLayout) layout = csp_chart_layout_new (line, NULL, 1200, 700);
    const CspChartMark *mark = csp_chart_layout_get_mark (layout, 2, 4);

    g_assert_true (csp_chart_layout_hit (layout, mark->x + layout->band * 0.4, mark->y + 3, &hit));
    g_assert_cmpuint (hit.series, ==, 2);
    g_assert_cmpuint (hit.item, ==, 4);
    g_assert_cmpstr (hit.category_key, ==, "2016-08");
    g_assert_cmpstr (hit.category_label, ==, "Aug 2016");
    g_assert_false (
        csp_chart_layout_hit (layout, mark->x, layout->plot.y + layout->plot.height + 40, &hit));
  }
  /* The donut's hole is not a slice. */
  {
    g_autoptr (CspChartLayout) layout = csp_chart_layout_new (donut, NULL, 1200, 700);
    const CspChartMark *mark = csp_chart_layout_get_mark (layout, 0, 0);

    g_assert_false (csp_chart_layout_hit (layout, mark->x, mark->y, &hit));
  }
}

static void
test_table (void)
{
  g_autoptr (CspChart) chart = fixture_chart (CSP_CHART_STACKED_BAR, 2, 3);
  g_autoptr (CspChartTable) table = csp_chart_table_new (chart);
  g_autoptr (CspChart) donut = fixture_chart (CSP_CHART_DONUT, 1, 2);
  g_autoptr (CspChartTable) shares = csp_chart_table_new (donut);
  g_autoptr (CspChart) empty = csp_chart_new (CSP_CHART_LINE);
  g_autoptr (CspChartTable) header_only = csp_chart_table_new (empty);
  g_autofree char *first = csp_format_number (fixture_value (0, 0));
  g_autofree char *total = csp_format_number (fixture_value (0, 2) + fixture_value (1, 2));
  double donut_total = fixture_value (0, 0) + fixture_value (0, 1);
  g_autofree char *share = g_strdup_printf ("%.0f%%", 100 * fixture_value (0, 1) / donut_total);

  g_autofree char *series_total =
      csp_format_number (fixture_value (0, 0) + fixture_value (0, 1) + fixture_value (0, 2));

  /* The header, a row per month, then the totals. */
  g_assert_cmpuint (table->n_rows, ==, 5);
  g_assert_true (table->has_totals);
  g_assert_cmpuint (table->n_columns, ==, 4);
  g_assert_cmpstr (csp_chart_table_get (table, 0, 0), ==, "Month");
  g_assert_cmpstr (csp_chart_table_get (table, 0, 1), ==, "Channel number 1");
  g_assert_cmpstr (csp_chart_table_get (table, 0, 3), ==, "Total");
  g_assert_cmpstr (csp_chart_table_get (table, 1, 0), ==, "Apr 2016");
  g_assert_cmpstr (csp_chart_table_get (table, 1, 1), ==, first);
  g_assert_cmpstr (csp_chart_table_get (table, 3, 3), ==, total);
  g_assert_nonnull (strchr (total, ','));
  g_assert_cmpstr (csp_chart_table_get (table, 4, 0), ==, "Total");
  g_assert_cmpstr (csp_chart_table_get (table, 4, 1), ==, series_total);

  g_assert_cmpuint (shares->n_columns, ==, 3);
  g_assert_cmpstr (csp_chart_table_get (shares, 3, 2), ==, "100%");
  g_assert_cmpstr (csp_chart_table_get (shares, 0, 0), ==, "Lead partner");
  g_assert_cmpstr (csp_chart_table_get (shares, 0, 2), ==, "Share");
  g_assert_cmpstr (csp_chart_table_get (shares, 2, 2), ==, share);

  g_assert_cmpuint (header_only->n_rows, ==, 1);
}

/* A month without a figure: no mark to draw or hit, nothing on the value
 * axis, an empty cell in the table; the totals add what there is. */
static void
test_gap (void)
{
  const double values[] = { 61200, NAN, 58000 };
  g_autoptr (CspChartData) data = fixture_monthly_series (values, 3, "2021-05");
  g_autoptr (CspChart) chart = csp_chart_new (CSP_CHART_LINE);
  g_autoptr (CspChartLayout) layout = NULL;
  g_autoptr (CspChartTable) table = NULL;
  g_autoptr (CspChartTable) plain = NULL;
  const CspChartMark *gap, *before;
  CspChartHit hit;

  csp_chart_set_data (chart, data);
  layout = csp_chart_layout_new (chart, NULL, 800, 500);
  gap = csp_chart_layout_get_mark (layout, 0, 1);
  before = csp_chart_layout_get_mark (layout, 0, 0);
  g_assert_true (gap->missing);
  g_assert_false (before->missing);
  g_assert_cmpfloat (before->value, ==, 61200);
  /* The axis is fitted to the figures there are. */
  g_assert_cmpfloat (layout->value_high, >=, 61200);
  /* Nothing to hit where the point would be at 0, nor anywhere up its month. */
  for (double y = layout->plot.y; y <= layout->plot.y + layout->plot.height; y += 5)
    g_assert_false (csp_chart_layout_hit (layout, gap->x, y, &hit));
  g_assert_true (csp_chart_layout_hit (layout, before->x, before->y, &hit));

  table = csp_chart_table_new (chart);
  g_assert_cmpstr (csp_chart_table_get (table, 2, 0), ==, "Jun 2021");
  g_assert_cmpstr (csp_chart_table_get (table, 2, 1), ==, "");
  g_assert_cmpstr (csp_chart_table_get (table, 4, 1), ==, "119,200");
  plain = csp_chart_table_new_full (chart, CSP_CHART_TABLE_PLAIN);
  g_assert_cmpstr (csp_chart_table_get (plain, 1, 1), ==, "61200");
  g_assert_cmpstr (csp_chart_table_get (plain, 2, 1), ==, "");
}

/* The RAG donut's legend gives shares that add up to 100. */
static void
test_donut_shares (void)
{
  const char *rags[] = { "red", "amber", "green", "complete" };
  const double counts[] = { 2, 4, 14, 1 };
  const char *expected[] = { "Red: 2 (9%)", "Amber: 4 (19%)", "Green: 14 (67%)",
                             "Complete: 1 (5%)" };
  g_autoptr (CspChartData) data = csp_chart_data_new (CSP_CHART_CATEGORY_RAG);
  g_autoptr (CspChart) chart = csp_chart_new (CSP_CHART_DONUT);
  g_autoptr (CspChartLayout) layout = NULL;
  g_autoptr (CspChartTable) table = NULL;

  csp_chart_data_add_series (data, "actions", "Actions");
  for (guint i = 0; i < G_N_ELEMENTS (rags); i++)
    {
      g_autofree char *label = g_strdup_printf ("%c%s", g_ascii_toupper (rags[i][0]), rags[i] + 1);
      csp_chart_data_set_value (data, 0, csp_chart_data_add_category (data, rags[i], label),
                                counts[i]);
    }
  csp_chart_set_colors (chart, CSP_CHART_COLORS_RAG);
  csp_chart_set_data (chart, data);
  layout = csp_chart_layout_new (chart, NULL, 1000, 600);
  g_assert_cmpuint (layout->legend->len, ==, G_N_ELEMENTS (rags));
  for (guint i = 0; i < layout->legend->len; i++)
    {
      const CspChartLegendItem *item = &g_array_index (layout->legend, CspChartLegendItem, i);
      g_assert_cmpstr (csp_chart_layout_get_label (layout, item->label)->text, ==, expected[i]);
    }
  table = csp_chart_table_new (chart);
  g_assert_cmpstr (csp_chart_table_get (table, 1, 2), ==, "9%");
  g_assert_cmpstr (csp_chart_table_get (table, 5, 1), ==, "21");
  g_assert_cmpstr (csp_chart_table_get (table, 5, 2), ==, "100%");
}

/* An event's line runs between a bar chart's months, so that no total
 * over a bar sits on it; its label keeps clear of the totals. */
static void
test_events_clear_of_bar_totals (void)
{
  g_autoptr (CspChart) chart = fixture_chart (CSP_CHART_STACKED_BAR, 2, 27);
  g_autoptr (CspChartLayout) layout = NULL;
  guint n_totals = 0;

  csp_chart_add_event (chart, "2016-06", "First national lockdown");
  csp_chart_add_event (chart, "2017-01", "Second national lockdown");
  csp_chart_add_event (chart, "2017-03", "Third national lockdown");
  layout = csp_chart_layout_new (chart, NULL, 1000, 560);
  g_assert_cmpuint (layout->events->len, ==, 3);
  g_assert_cmpfloat_with_epsilon (g_array_index (layout->events, CspChartLine, 0).x0,
                                  layout->plot.x + 2 * layout->band, 1e-9);
  for (guint i = 0; i < layout->labels->len; i++)
    {
      const CspChartLabel *label = csp_chart_layout_get_label (layout, i);

      if (label->role != CSP_CHART_TEXT_VALUE)
        continue;
      n_totals++;
      for (guint k = 0; k < layout->events->len; k++)
        {
          double x = g_array_index (layout->events, CspChartLine, k).x0;
          g_assert_false (x > label->rect.x && x < label->rect.x + label->rect.width);
        }
    }
  g_assert_cmpuint (n_totals, ==, 27);
  g_assert_cmpuint (count_labels (layout, CSP_CHART_TEXT_ANNOTATION), ==, 3);
  for (guint i = 0; i < layout->labels->len; i++)
    for (guint j = 0; j < layout->labels->len; j++)
      {
        const CspChartLabel *a = csp_chart_layout_get_label (layout, i);
        const CspChartLabel *b = csp_chart_layout_get_label (layout, j);

        if (a->role == CSP_CHART_TEXT_ANNOTATION && b->role == CSP_CHART_TEXT_VALUE &&
            rects_overlap (&a->rect, &b->rect))
          g_error ("“%s” is on the total “%s”", a->text, b->text);
      }
  assert_labels_clear (layout);
}

static void
count_change_cb (CspChart *chart, guint *n_changes)
{
  (*n_changes)++;
}

static void
test_changed (void)
{
  g_autoptr (CspChart) chart = csp_chart_new (CSP_CHART_LINE);
  guint n_changes = 0;

  g_signal_connect (chart, "changed", G_CALLBACK (count_change_cb), &n_changes);
  csp_chart_set_title (chart, "A");
  csp_chart_set_title (chart, "A");
  csp_chart_set_kind (chart, CSP_CHART_DONUT);
  csp_chart_add_event (chart, "2020-03", "Lockdown");
  csp_chart_set_reference (chart, CSP_CHART_TARGET, 10, NULL);
  csp_chart_unset_reference (chart, CSP_CHART_BASELINE);
  g_assert_cmpuint (n_changes, ==, 4);
}

static const CspChartMark *
risk_cell (CspChartLayout *layout, const char *key)
{
  int item = csp_chart_data_find_category (layout->data, key);

  g_assert_cmpint (item, >=, 0);
  return csp_chart_layout_get_mark (layout, 0, (guint) item);
}

/* The number of labels with @text inside @rect. */
static guint
count_labels_in (CspChartLayout *layout, const char *text, const CspRect *rect)
{
  guint n = 0;

  for (guint i = 0; i < layout->labels->len; i++)
    {
      const CspChartLabel *label = csp_chart_layout_get_label (layout, i);

      if (g_str_equal (label->text, text) && csp_rect_contains_rect (rect, &label->rect))
        n++;
    }
  return n;
}

/* Likelihood up, impact across: a risk of likelihood 4 and impact 5 is
 * in the second row from the top, the last column, with the very high
 * band's colour, its score and its count written in it. */
static void
test_risk_matrix (void)
{
  g_autoptr (CspChart) chart = fixture_risk_matrix ();
  g_autoptr (CspChartLayout) layout = csp_chart_layout_new (chart, NULL, 900, 700);
  const CspChartMark *high = risk_cell (layout, "4-5");
  const CspChartMark *low = risk_cell (layout, "1-1");
  const CspChartMark *middle = risk_cell (layout, "3-3");
  double cell = layout->band;
  guint n_risks = 0, n_circles = 0;
  CspColor very_high, green;
  CspChartHit hit;

  g_assert_false (layout->empty);
  g_assert_cmpuint (layout->marks->len, ==, 25);
  g_assert_cmpfloat (cell, >, 0);
  g_assert_cmpfloat_with_epsilon (layout->plot.width, 5 * cell, 1e-9);
  g_assert_cmpfloat_with_epsilon (layout->plot.height, 5 * cell, 1e-9);
  g_assert_true (csp_rect_contains_rect (&layout->bounds, &layout->plot));

  g_assert_cmpfloat_with_epsilon (high->rect.x, layout->plot.x + 4 * cell, 1e-9);
  g_assert_cmpfloat_with_epsilon (high->rect.y, layout->plot.y + 1 * cell, 1e-9);
  g_assert_cmpfloat_with_epsilon (low->rect.x, layout->plot.x, 1e-9);
  g_assert_cmpfloat_with_epsilon (low->rect.y, layout->plot.y + 4 * cell, 1e-9);
  g_assert_cmpfloat (high->value, ==, 2);
  g_assert_cmpfloat (middle->value, ==, 1);
  g_assert_cmpfloat (low->value, ==, 0);

  /* The bands: 20 very high, 1 low. */
  csp_palette_risk_color (CSP_PALETTE_LIGHT, 3, &very_high);
  csp_palette_risk_color (CSP_PALETTE_LIGHT, 0, &green);
  g_assert_cmpuint (csp_chart_risk_matrix_band (20), ==, 3);
  g_assert_cmpuint (csp_chart_risk_matrix_band (16), ==, 2);
  g_assert_cmpuint (csp_chart_risk_matrix_band (9), ==, 1);
  g_assert_cmpuint (csp_chart_risk_matrix_band (4), ==, 0);
  g_assert_true (memcmp (&high->color, &very_high, sizeof very_high) == 0);
  g_assert_true (memcmp (&low->color, &green, sizeof green) == 0);

  /* Every cell says its score; the cells with risks their count, in a
   * circle inside the cell. */
  g_assert_cmpuint (count_labels_in (layout, "Score 20", &high->rect), ==, 1);
  g_assert_cmpuint (count_labels_in (layout, "Score 1", &low->rect), ==, 1);
  g_assert_cmpuint (count_labels_in (layout, "2", &high->rect), ==, 1);
  for (guint i = 0; i < layout->marks->len; i++)
    {
      const CspChartMark *mark = &g_array_index (layout->marks, CspChartMark, i);

      n_risks += (guint) mark->value;
      if (mark->outer_radius > 0)
        {
          CspRect circle = { mark->x - mark->outer_radius, mark->y - mark->outer_radius,
                             2 * mark->outer_radius, 2 * mark->outer_radius };

          g_assert_true (csp_rect_contains_rect (&mark->rect, &circle));
          n_circles++;
        }
    }
  g_assert_cmpuint (n_risks, ==, 3);
  g_assert_cmpuint (n_circles, ==, 2);
  g_assert_cmpfloat (low->outer_radius, ==, 0);

  /* The bands' legend, in their colours. */
  g_assert_cmpuint (layout->legend->len, ==, CSP_PALETTE_N_RISK_BANDS);
  g_assert_true (memcmp (&g_array_index (layout->legend, CspChartLegendItem, 3).color, &very_high,
                         sizeof very_high) == 0);

  /* Any cell is hit, its key naming its likelihood and impact. */
  g_assert_true (
      csp_chart_layout_hit (layout, high->rect.x + cell / 2, high->rect.y + cell - 1, &hit));
  g_assert_cmpint (hit.part, ==, CSP_CHART_HIT_MARK);
  g_assert_cmpstr (hit.category_key, ==, "4-5");
  g_assert_cmpfloat (hit.value, ==, 2);
  g_assert_true (csp_chart_layout_hit (layout, low->rect.x + 1, low->rect.y + 1, &hit));
  g_assert_cmpstr (hit.category_key, ==, "1-1");
  g_assert_false (csp_chart_layout_hit (layout, layout->plot.x - 2, layout->plot.y + 5, &hit));
}

/* With no open risks the matrix is still drawn, every cell empty. Its
 * table has a row per cell, in the data's order, and the total. */
static void
test_risk_matrix_empty (void)
{
  g_autoptr (CspChart) chart = csp_chart_new (CSP_CHART_RISK_MATRIX);
  g_autoptr (CspChart) full = fixture_risk_matrix ();
  g_autoptr (CspChartData) data = csp_chart_data_new (CSP_CHART_CATEGORY_RISK_CELL);
  g_autoptr (CspChartLayout) layout = NULL;
  g_autoptr (CspChartTable) table = NULL;
  guint row = 1 + (guint) csp_chart_data_find_category (csp_chart_get_data (full), "4-5");

  csp_chart_data_add_series (data, "risks", "Open risks");
  csp_chart_data_set_value (data, 0, csp_chart_data_add_category (data, "5-5", "L5 I5"), 0);
  csp_chart_set_data (chart, data);
  layout = csp_chart_layout_new (chart, NULL, 600, 400);
  g_assert_false (layout->empty);
  g_assert_cmpuint (layout->marks->len, ==, 1);
  g_assert_cmpfloat (risk_cell (layout, "5-5")->outer_radius, ==, 0);

  table = csp_chart_table_new (full);
  g_assert_cmpuint (table->n_rows, ==, 1 + 25 + 1);
  g_assert_cmpstr (csp_chart_table_get (table, 0, 2), ==, "Score");
  g_assert_cmpstr (csp_chart_table_get (table, row, 0), ==, "4");
  g_assert_cmpstr (csp_chart_table_get (table, row, 1), ==, "5");
  g_assert_cmpstr (csp_chart_table_get (table, row, 2), ==, "20");
  g_assert_cmpstr (csp_chart_table_get (table, row, 3), ==, "2");
  g_assert_cmpstr (csp_chart_table_get (table, row, 4), ==, "Funding ends; Venue lost");
  g_assert_cmpstr (csp_chart_table_get (table, 26, 0), ==, "Total");
  g_assert_cmpstr (csp_chart_table_get (table, 26, 3), ==, "3");
}

int
main (int argc, char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/chart/layout/rects", test_rects);
  g_test_add_func ("/chart/layout/legend-wraps", test_legend_wraps);
  g_test_add_func ("/chart/layout/time-axis-thins", test_time_axis_thins);
  g_test_add_func ("/chart/layout/value-axis", test_value_axis);
  g_test_add_func ("/chart/layout/points", test_points);
  g_test_add_func ("/chart/layout/stacked", test_stacked);
  g_test_add_func ("/chart/layout/horizontal", test_horizontal);
  g_test_add_func ("/chart/layout/donut", test_donut);
  g_test_add_func ("/chart/layout/empty", test_empty);
  g_test_add_func ("/chart/layout/any-size", test_tiny);
  g_test_add_func ("/chart/layout/references-events", test_references_events);
  g_test_add_func ("/chart/layout/hit", test_hit);
  g_test_add_func ("/chart/layout/table", test_table);
  g_test_add_func ("/chart/layout/gap", test_gap);
  g_test_add_func ("/chart/layout/donut-shares", test_donut_shares);
  g_test_add_func ("/chart/layout/events-clear-of-bar-totals", test_events_clear_of_bar_totals);
  g_test_add_func ("/chart/layout/changed", test_changed);
  g_test_add_func ("/chart/layout/risk-matrix", test_risk_matrix);
  g_test_add_func ("/chart/layout/risk-matrix-empty", test_risk_matrix_empty);
  return g_test_run ();
}
