// Internal: the decision-boundary picture as plain data, prepared by decision_plot.cpp, and the
// PLplot code that draws it (decision_draw.cpp). Drawing runs under PlplotStream::draw,
// where nothing with a destructor may be created: everything here is computed beforehand and
// only read while drawing.
#pragma once

#include <plplot.h>

#include <cstddef>
#include <vector>

#include "plot/axes.hpp"

namespace rbfsvm::detail {

// Classes with colours (and marker shapes) of their own.
constexpr std::size_t kMaxClasses = 10;

// Colours added to the stream's colour map 0 (PlplotColor stops at 12).
constexpr PLINT kClassFill = 13;                                                // the classes
constexpr PLINT kClassTint = kClassFill + static_cast<PLINT>(kMaxClasses);     // light, regions
constexpr PLINT kMarkerEdge = kClassTint + static_cast<PLINT>(kMaxClasses);    // marker outlines
constexpr PLINT kDecisionColours = kMarkerEdge + 1;

// Shade bands of f: at most 11 on the larger side of 0 (nice_step's step is at least 1/1.75 of
// the one asked for, a sixth of the side) and 7 on the smaller.
constexpr int kMaxBands = 32;

// Closed polygons or polylines, back to back: polygon k has count[k] points of x and y (world
// units), the last equal to the first, and fill colour colour[k] (a colour map 0 index).
struct Polylines {
  std::vector<double> x, y;
  std::vector<PLINT> count;
  std::vector<PLINT> colour;
};

// A line sample in the legend: from (x[0], y[0]) to (x[1], y[1]).
struct LegendLine {
  double x[2], y[2];
  bool dashed;
};

struct DecisionDrawing {
  const PLINT* extra_colours;  // r, g, b of colour map 0 entries kClassFill .. kDecisionColours-1
  double font_mm;              // character height
  double line_width;           // the basic pen width
  double ring_width;           // support-vector rings
  double viewport[4];          // the plot: xmin, xmax, ymin, ymax in normalized page units
  double window[4];            // world units: xmin, xmax, ymin, ymax
  TickFormat x_ticks, y_ticks;
  double y_label_distance;  // from the plot's left edge, character heights
  const char* title;        // empty for none
  const char* x_label;
  const char* y_label;

  // The grid: the function drawn, at grid_x[i], grid_y[j] (world units), held as columns:
  // columns[i][j].
  PLINT n_grid;
  const double* grid_x;
  const double* grid_y;

  // Two classes or one class: f in shade bands between levels[k] and levels[k + 1], band k in
  // colour band_colours[3k .. 3k + 2]; contours f = 0 and, with margins, f = -1 and f = +1.
  const double* const* f_columns;  // null for several classes
  const double* levels;
  PLINT n_levels;
  const PLINT* band_colours;
  bool margins;
  // Its colorbar, beside the plot: the levels divided by value_ticks.scale.
  const double* colorbar_levels;
  TickFormat value_ticks;
  double colorbar_offset, colorbar_width;  // the plot's normalized viewport units
  const char* colorbar_label;

  // Several classes: each class's smoothed indicator (columns), filled in its tint, its border
  // the 1/2 contour.
  const double* const* const* region_columns;
  PLINT n_regions;

  const Polylines* markers;  // the points, filled in their class colours
  const Polylines* rings;    // around the support vectors

  // The legend, in its own viewport whose window counts pixels (y up); no legend when
  // legend_entries is 0.
  PLINT legend_entries;
  double legend_viewport[4];
  double legend_size[2];  // width, height in pixels
  const Polylines* legend_markers;
  const Polylines* legend_rings;
  const LegendLine* legend_lines;
  PLINT n_legend_lines;
  const double* legend_text_x;  // one per entry: the left end of its text, vertically centred
  const double* legend_text_y;
  const char* const* legend_text;
};

// Draws one picture (or one panel of several) on the page, which pladv(0) has begun.
void draw_decision(const DecisionDrawing& drawing);

}  // namespace rbfsvm::detail
