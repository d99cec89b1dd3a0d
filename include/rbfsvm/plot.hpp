// Plots written as PNG files with PLplot (cairo driver): axes, ticks, labels, title, colorbar.
#pragma once

#include <Eigen/Core>
#include <string>

namespace rbfsvm {

// The viridis colour map (van der Walt & Smith, 2015; matplotlib's default): maps t in [0, 1]
// to an RGB colour with components in [0, 1], from dark purple (0.267, 0.005, 0.329) at 0
// through teal to yellow (0.993, 0.906, 0.144) at 1, with lightness increasing steadily so
// that it reads correctly in grey and for colour-blind viewers. Linear interpolation in
// matplotlib's 256-entry table; t outside [0, 1] is clamped. Throws InvalidArgument for NaN.
Eigen::Vector3d viridis(double t);

struct HeatmapOptions {
  std::string title;
  std::string x_label = "column";
  std::string y_label = "row";
  std::string colorbar_label = "value";
  int width = 800;   // pixels
  int height = 700;  // pixels
};

// Draws `values` as a heatmap in the viridis colour map, row 0 at the top (as a matrix is
// printed), cell (i, j) centred on tick j across and tick i down, with a colorbar giving the
// scale from min to max. Every cell is labelled up to 20 cells along an axis; past that, ticks
// are spaced 2, 5, 10, ... cells apart. A constant matrix (min == max) is drawn in the middle
// colour of a range padded around its value. The image is width x height pixels on a white
// background. Written atomically: on failure `path` is left as it was. Throws InvalidArgument
// for an empty matrix, non-finite values, values whose range overflows a double, or a size
// outside 16..10000 pixels, IoError when the file cannot be written, Error when PLplot fails.
// Thread-safe, but plots are drawn one at a time in the process (PLplot has global state).
void write_heatmap_png(const Eigen::Ref<const Eigen::MatrixXd>& values, const std::string& path,
                       const HeatmapOptions& options = {});

}  // namespace rbfsvm
