// Draws a prepared decision-boundary picture with PLplot (see decision_drawing.hpp).
#include <plplot.h>

#include <cmath>

#include "plot/decision/decision_drawing.hpp"
#include "plot/frame.hpp"
#include "plot/plplot_stream.hpp"

namespace rbfsvm::detail {
namespace {

// plshades / plshade / plcont: grid indices to world coordinates (an evenly spaced grid).
void grid_to_world(PLFLT i, PLFLT j, PLFLT* x, PLFLT* y, PLPointer drawing) {
  const DecisionDrawing& d = *static_cast<const DecisionDrawing*>(drawing);
  const PLINT last = d.n_grid - 1;
  *x = d.grid_x[0] + i * (d.grid_x[last] - d.grid_x[0]) / last;
  *y = d.grid_y[0] + j * (d.grid_y[last] - d.grid_y[0]) / last;
}

// plshades' and plshade's fill: the polygon, then its outline in the same colour. PLplot fills
// a shade region cell by cell, and cairo's anti-aliasing leaves faint seams between the cells
// (invisible, but they make the PNG several times larger); an outline two pixels wide covers
// a seam pixel wholly wherever the edge falls, spilling a pixel into the neighbouring band
// where two bands meet.
void fill_without_seams(PLINT n, const PLFLT* x, const PLFLT* y) {
  plwidth(2.0);
  plfill(n, x, y);
  plline(n, x, y);
  pljoin(x[n - 1], y[n - 1], x[0], y[0]);
}

// Each polygon filled in its colour (when `fill`) and outlined in `edge`.
void draw_polylines(const Polylines& lines, bool fill, PLINT edge) {
  std::size_t start = 0;
  for (std::size_t k = 0; k < lines.count.size(); ++k) {
    const PLINT n = lines.count[k];
    if (fill) {
      plcol0(lines.colour[k]);
      plfill(n - 1, lines.x.data() + start, lines.y.data() + start);
    }
    plcol0(edge);
    plline(n, lines.x.data() + start, lines.y.data() + start);
    start += static_cast<std::size_t>(n);
  }
}

// Dashes 0.9 character heights long with gaps of 0.55 (PLplot counts micrometres), or solid.
void dashed(double font_mm, bool on) {
  const PLINT mark[] = {static_cast<PLINT>(std::lround(1000 * 0.9 * font_mm))};
  const PLINT space[] = {static_cast<PLINT>(std::lround(1000 * 0.55 * font_mm))};
  plstyl(on ? 1 : 0, mark, space);
}

void draw_bands(const DecisionDrawing& d) {
  // Colour map 1 holds exactly one colour per band: plshades (and plcolorbar) give band k the
  // position k / (bands - 1), which plcol1 maps to entry k.
  PLINT r[kMaxBands], g[kMaxBands], b[kMaxBands];
  const PLINT bands = d.n_levels - 1;
  for (PLINT k = 0; k < bands; ++k) {
    r[k] = d.band_colours[3 * k];
    g[k] = d.band_colours[3 * k + 1];
    b[k] = d.band_colours[3 * k + 2];
  }
  plscmap1(r, g, b, bands);
  PLPointer self = const_cast<DecisionDrawing*>(&d);
  plshades(d.f_columns, d.n_grid, d.n_grid, nullptr, d.window[0], d.window[1], d.window[2],
           d.window[3], d.levels, d.n_levels, 1.0, 0, 0.0, fill_without_seams, 1, grid_to_world,
           self);
  // The margins dashed, then the boundary solid and heavier.
  plcol0(kForeground);
  if (d.margins) {
    const PLFLT margins[] = {-1.0, 1.0};
    dashed(d.font_mm, true);
    plwidth(1.3 * d.line_width);
    plcont(d.f_columns, d.n_grid, d.n_grid, 1, d.n_grid, 1, d.n_grid, margins, 2, grid_to_world,
           self);
    dashed(d.font_mm, false);
  }
  const PLFLT boundary[] = {0.0};
  plwidth(2.4 * d.line_width);
  plcont(d.f_columns, d.n_grid, d.n_grid, 1, d.n_grid, 1, d.n_grid, boundary, 1, grid_to_world,
         self);
}

void draw_regions(const DecisionDrawing& d) {
  // Each region is filled a little beyond its border, from 1/3 rather than 1/2 (where three
  // smoothed indicators meet, one of them is at least 1/3, so no gap stays white); the borders
  // drawn on top are the 1/2 contours.
  PLPointer self = const_cast<DecisionDrawing*>(&d);
  for (PLINT c = 0; c < d.n_regions; ++c) {
    plshade(d.region_columns[c], d.n_grid, d.n_grid, nullptr, d.window[0], d.window[1],
            d.window[2], d.window[3], 1.0 / 3.0, 1.5, 0, kClassTint + c, 1.0, 0, 0.0, 0, 0.0,
            fill_without_seams, 1, grid_to_world, self);
  }
  plcol0(kForeground);
  plwidth(2.0 * d.line_width);
  const PLFLT half[] = {0.5};
  for (PLINT c = 0; c < d.n_regions; ++c) {
    plcont(d.region_columns[c], d.n_grid, d.n_grid, 1, d.n_grid, 1, d.n_grid, half, 1,
           grid_to_world, self);
  }
}

void draw_axes(const DecisionDrawing& d) {
  plwidth(d.line_width);
  plcol0(kForeground);
  plbox("bc", 0.0, 0, "bc", 0.0, 0);
  plslabelfunc(label_tick, const_cast<TickFormat*>(&d.x_ticks));
  plbox("binto", d.x_ticks.step / d.x_ticks.scale, 0, "", 0.0, 0);
  plslabelfunc(label_tick, const_cast<TickFormat*>(&d.y_ticks));
  plbox("", 0.0, 0, "binvto", d.y_ticks.step / d.y_ticks.scale, 0);
  plslabelfunc(nullptr, nullptr);
  draw_axis_labels(d.x_label, d.y_label, d.y_label_distance, d.title, d.font_mm);
}

void draw_colorbar(const DecisionDrawing& d) {
  const PLINT label_options[] = {PL_COLORBAR_LABEL_RIGHT};
  const char* labels[] = {d.colorbar_label};
  const char* axis_options[] = {"bcvimto"};  // b, c: box; v, m: upright labels on the right
  const PLFLT ticks[] = {d.value_ticks.step / d.value_ticks.scale};
  const PLINT sub_ticks[] = {0};
  const PLINT value_counts[] = {d.n_levels};
  const PLFLT* value_arrays[] = {d.colorbar_levels};
  PLFLT bar_width = 0, bar_height = 0;
  plslabelfunc(label_tick, const_cast<TickFormat*>(&d.value_ticks));
  plcolorbar(&bar_width, &bar_height, PL_COLORBAR_SHADE | PL_COLORBAR_LABEL_RIGHT,
             PL_POSITION_RIGHT | PL_POSITION_OUTSIDE | PL_POSITION_VIEWPORT, d.colorbar_offset,
             0.0, d.colorbar_width, 1.0, kBackground, kForeground, 1, 0.0, 1.0, 0, 0.0, 1,
             label_options, labels, 1, axis_options, ticks, sub_ticks, value_counts,
             value_arrays);
  plslabelfunc(nullptr, nullptr);
}

void draw_legend(const DecisionDrawing& d) {
  plvpor(d.legend_viewport[0], d.legend_viewport[1], d.legend_viewport[2], d.legend_viewport[3]);
  plwind(0.0, d.legend_size[0], 0.0, d.legend_size[1]);
  plwidth(0.8 * d.line_width);
  draw_polylines(*d.legend_markers, true, kMarkerEdge);
  plwidth(d.ring_width);
  draw_polylines(*d.legend_rings, false, kForeground);
  plcol0(kForeground);
  for (PLINT k = 0; k < d.n_legend_lines; ++k) {
    const LegendLine& line = d.legend_lines[k];
    dashed(d.font_mm, line.dashed);
    plwidth((line.dashed ? 1.3 : 2.4) * d.line_width);
    plline(2, line.x, line.y);
  }
  dashed(d.font_mm, false);
  for (PLINT e = 0; e < d.legend_entries; ++e) {
    plptex(d.legend_text_x[e], d.legend_text_y[e], 1.0, 0.0, 0.0, d.legend_text[e]);
  }
}

}  // namespace

void draw_decision(const DecisionDrawing& d) {
  plscmap0n(kDecisionColours);
  for (PLINT c = kClassFill; c < kDecisionColours; ++c) {
    const PLINT* rgb = d.extra_colours + 3 * (c - kClassFill);
    plscol0(c, rgb[0], rgb[1], rgb[2]);
  }
  detail::set_character_size(d.font_mm);
  plvpor(d.viewport[0], d.viewport[1], d.viewport[2], d.viewport[3]);
  plwind(d.window[0], d.window[1], d.window[2], d.window[3]);

  if (d.f_columns != nullptr) {
    draw_bands(d);
  } else {
    draw_regions(d);
  }
  plwidth(0.8 * d.line_width);
  draw_polylines(*d.markers, true, kMarkerEdge);
  plwidth(d.ring_width);
  draw_polylines(*d.rings, false, kForeground);
  draw_axes(d);
  if (d.f_columns != nullptr) draw_colorbar(d);
  if (d.legend_entries > 0) draw_legend(d);
}

}  // namespace rbfsvm::detail
