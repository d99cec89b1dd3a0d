// Plots written as PNG files with PLplot (cairo driver): axes, ticks, labels, title, colorbar.
#pragma once

#include <Eigen/Core>
#include <limits>
#include <string>
#include <vector>

#include "rbfsvm/core/types.hpp"

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
  // Optional coordinates of the column centres (x_values, one per column) and of the row
  // centres (y_values, one per row), e.g. the grid a function was sampled on: the axis is then
  // labelled with these values at round numbers, and cell edges fall halfway between
  // neighbouring centres. Each must be finite and strictly increasing or strictly decreasing.
  // Empty: ticks are cell indices 0, 1, 2, ...
  std::vector<double> x_values;
  std::vector<double> y_values;
};

// Draws `values` as a heatmap in the viridis colour map, row 0 at the top (as a matrix is
// printed), cell (i, j) centred on tick j across and tick i down, with a colorbar giving the
// scale from min to max. Every cell is labelled up to 20 cells along an axis; past that, ticks
// are spaced 2, 5, 10, ... cells apart; with options.x_values / y_values, ticks are round
// values of those coordinates instead (give y_values decreasing to have y grow upwards, as in
// a graph). A constant matrix (min == max) is drawn in the middle colour of a range padded
// around its value. The image is width x height pixels on a white background. Written atomically:
// on failure `path` is left as it was. Throws InvalidArgument for an empty matrix, non-finite
// values, values whose range overflows a double, a size outside 16..10000 pixels, x_values /
// y_values of the wrong length, not finite, not strictly monotonic, or spanning too little for
// their magnitude to label (under 1e-9 of it), IoError when the file cannot be written, Error when
// PLplot fails. Thread-safe, but plots are drawn one at a time in the process (PLplot has global
// state).
void write_heatmap_png(const Eigen::Ref<const Eigen::MatrixXd>& values, const std::string& path,
                       const HeatmapOptions& options = {});

// Draws several matrices as heatmaps side by side, left to right, on ONE colour scale (from the
// smallest to the largest value of them all) with one colorbar right of the last panel, so that
// equal colours mean equal values across panels: for comparing, say, a kernel at several widths.
// titles[k] goes above panel k (titles may be empty: no panel titles); options.title above them
// all; options.x_label under every panel, options.y_label left of the first; options.x_values /
// y_values, when given, label every panel and must fit each. The cells are square and the same
// size in every panel where the space allows. options.width and height are those of the whole
// image (give room: about 300 pixels a panel). Each panel is drawn as write_heatmap_png draws
// its matrix. Throws what write_heatmap_png throws (naming the matrix by its index), and
// InvalidArgument for no matrices, more than 16, or a title count that is neither 0 nor the
// matrix count. Written atomically.
void write_heatmaps_png(const std::vector<Eigen::MatrixXd>& matrices,
                        const std::vector<std::string>& titles, const std::string& path,
                        const HeatmapOptions& options = {});

// One curve of a line plot: y[k] at x[k], drawn in order, named in the legend.
struct Curve {
  std::string label;
  std::vector<double> x;
  std::vector<double> y;
};

struct DensityPlotOptions {
  std::string title;
  std::string x_label = "x";
  std::string y_label = "density";
  std::string sample_label = "sample";  // the histogram's legend entry
  // Histogram bins over [min, max] of the sample; 0 chooses numpy's "auto" rule: the narrower
  // of the Freedman-Diaconis width 2 IQR n^(-1/3) and the Sturges width range / (log2 n + 1)
  // (Sturges alone when the IQR is 0), at most 200 bins.
  int bins = 0;
  int width = 900;   // pixels
  int height = 600;  // pixels
};

// Draws a 1-D sample as a histogram normalized to area 1 (a density, so that it compares with
// density curves: bar height = count / (n * bin width)), with up to 10 curves on top, each in
// its own colour (matplotlib's tab10) and named in a legend at the upper right, axis labels
// and a title. The x range covers the sample and every curve; the y axis starts at 0 (lower
// only for a curve that goes negative). The image is width x height pixels on a white
// background, written atomically: on failure `path` is left as it was.
// Throws InvalidArgument for an empty sample, non-finite sample values or curve points,
// a curve whose x and y differ in length or have fewer than 2 points, more than 10 curves,
// bins outside 0..1000, a size outside 16..10000 pixels, or values whose range overflows a
// double; IoError when the file cannot be written; Error when PLplot fails. Thread-safe; plots
// are drawn one at a time in the process.
void write_density_plot_png(const Eigen::Ref<const Eigen::VectorXd>& sample,
                            const std::vector<Curve>& curves, const std::string& path,
                            const DensityPlotOptions& options = {});

// One series of a bar chart: values[k] is its bar in category k, named in the legend.
struct BarSeries {
  std::string label;
  std::vector<double> values;
};

struct BarChartOptions {
  std::string title;
  std::string x_label;
  std::string y_label = "value";
  int width = 900;   // pixels
  int height = 600;  // pixels
  // A dashed horizontal line at this value (a speed-up of 1, say); NaN for none.
  double reference_line = std::numeric_limits<double>::quiet_NaN();
  // Print each bar's value (3 significant digits) above it.
  bool show_values = true;
};

// Draws grouped bars: one group per category, named under the x axis, with one bar per series
// side by side in the series' colour (matplotlib's tab10), a legend at the upper left naming the
// series when there are several, axis labels and a title. The y axis covers 0 and every value;
// a NaN value leaves its bar out (a measurement that was not made). The image is width x height
// pixels on a white background, written atomically: on failure `path` is left as it was. Throws
// InvalidArgument for no categories or more than 100, no series or more than 10, a series whose
// value count differs from the category count, infinite values, no finite value at all, a
// non-finite reference line other than NaN, a size outside 16..10000 pixels or values whose
// range overflows a double; IoError when the file cannot be written; Error when PLplot fails.
// Thread-safe; plots are drawn one at a time in the process.
void write_bar_chart_png(const std::vector<std::string>& categories,
                         const std::vector<BarSeries>& series, const std::string& path,
                         const BarChartOptions& options = {});

}  // namespace rbfsvm
