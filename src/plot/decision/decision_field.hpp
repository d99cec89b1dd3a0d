// Internal: the model's decision function on the picture's grid (decision_field.cpp), shaded
// in bands (two classes, one class) or as smoothed class regions (several classes).
#pragma once

#include <plplot.h>

#include <vector>

#include "plot/axes.hpp"
#include "rbfsvm/core/types.hpp"

namespace rbfsvm {
class Model;
}

namespace rbfsvm::detail {

// The grid's points, x outer and y inner: point i n + j is (xs[i], ys[j]).
RowMatrix<double> grid_points(const std::vector<double>& xs, const std::vector<double>& ys);

// f on the grid and its shade bands: band k lies between levels[k] and levels[k + 1] in colour
// band_colours[3k .. 3k + 2]; the colorbar shows the levels divided by value_ticks.scale.
struct ShadeBands {
  std::vector<double> f, levels, colorbar_levels;
  std::vector<PLINT> band_colours;
  TickFormat value_ticks;
  double widest_label;  // of the colorbar's ticks, character heights
};

// Two classes or one class: f on the grid, shaded in bands a round step apart on each side of
// 0 (so that 0, and +-1 when the step divides 1, fall on band edges). Each side has its own
// half of the colour map (as matplotlib's TwoSlopeNorm): the bands darken from white at f = 0 to
// the full colour at the largest |f| on that side, so a side that f barely reaches, as inside
// a one-class boundary, still shows its colour. Throws InvalidArgument when f is not finite.
ShadeBands shade_bands(const Model& model, const RowMatrix<double>& grid);

// Several classes: each class's region on the n x n grid as an indicator (1 where it is
// predicted), smoothed over about a grid cell so that its 1/2 contour, the class border, is a
// smooth curve rather than a staircase along the grid.
std::vector<std::vector<double>> class_regions(const Model& model, const RowMatrix<double>& grid,
                                               int n);

}  // namespace rbfsvm::detail
