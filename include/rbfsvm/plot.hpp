// Plots written as PNG files with PLplot (cairo driver): axes, ticks, labels, title, colorbar.
#pragma once

#include <Eigen/Core>
#include <string>

namespace rbfsvm {

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
// scale from min to max. Written atomically. Throws InvalidArgument for an empty matrix,
// non-finite values or a size outside 16..10000 pixels, IoError when the file cannot be written.
void write_heatmap_png(const Eigen::Ref<const Eigen::MatrixXd>& values, const std::string& path,
                       const HeatmapOptions& options = {});

}  // namespace rbfsvm
