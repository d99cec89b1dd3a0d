// Heatmaps: matrices as grids of cells in the viridis colour map, side by side on one colour
// scale with a colorbar (write_heatmap_png, write_heatmaps_png).
#include <plplot.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "plot/axes.hpp"
#include "plot/frame.hpp"
#include "plot/plplot_stream.hpp"
#include "rbfsvm/core/atomic_file.hpp"
#include "rbfsvm/core/error.hpp"
#include "rbfsvm/plot/plot.hpp"

namespace rbfsvm {
namespace {

using detail::format_value;
using detail::label_tick;
using detail::nice_step;
using detail::tick_labels;
using detail::TickFormat;
using detail::widest_label;

// Up to this many cells along an axis, every cell gets a tick and a label.
constexpr Eigen::Index kMaxCellsLabelledEach = 20;
// Panels side by side in one write_heatmaps_png picture.
constexpr std::size_t kMaxPanels = 16;

// `what` names the matrix in messages ("write_heatmap_png" or "write_heatmaps_png: matrix 2").
void validate_values(const Eigen::Ref<const Eigen::MatrixXd>& values, const std::string& what) {
  if (values.size() == 0) {
    throw InvalidArgument(what + ": the matrix is empty (" + std::to_string(values.rows()) +
                          " x " + std::to_string(values.cols()) + ")");
  }
  for (Eigen::Index j = 0; j < values.cols(); ++j) {
    for (Eigen::Index i = 0; i < values.rows(); ++i) {
      if (!std::isfinite(values(i, j))) {
        throw InvalidArgument(what + ": value " + format_value(values(i, j)) + " at row " +
                              std::to_string(i) + ", column " + std::to_string(j) +
                              " is not finite");
      }
    }
  }
}

// The n + 1 cell edges of an axis whose n cell centres are `centres` (validated here): halfway
// between neighbours, and half a neighbour spacing beyond the first and last centres. A single
// cell gets a width of max(1, 10% of its value).
std::vector<double> cell_edges(const std::vector<double>& centres, Eigen::Index cells,
                               const std::string& what) {
  if (static_cast<Eigen::Index>(centres.size()) != cells) {
    throw InvalidArgument(what + " has " + std::to_string(centres.size()) + " values for " +
                          std::to_string(cells) + " cells");
  }
  for (std::size_t k = 0; k < centres.size(); ++k) {
    if (!std::isfinite(centres[k])) {
      throw InvalidArgument(what + "[" + std::to_string(k) + "] = " + format_value(centres[k]) +
                            " is not finite");
    }
  }
  std::vector<double> edges;
  if (centres.size() == 1) {
    const double half = std::max(0.5, 0.05 * std::abs(centres[0]));
    edges = {centres[0] - half, centres[0] + half};
  } else {
    const double direction = centres[1] > centres[0] ? 1.0 : -1.0;
    for (std::size_t k = 1; k < centres.size(); ++k) {
      if (!((centres[k] - centres[k - 1]) * direction > 0)) {
        throw InvalidArgument(what + " must be strictly increasing or strictly decreasing: " +
                              format_value(centres[k - 1]) + " is followed by " +
                              format_value(centres[k]) + " at " + std::to_string(k));
      }
    }
    edges.push_back(centres[0] - (centres[1] - centres[0]) / 2);
    for (std::size_t k = 1; k < centres.size(); ++k) {
      edges.push_back(centres[k - 1] + (centres[k] - centres[k - 1]) / 2);
    }
    const std::size_t last = centres.size() - 1;
    edges.push_back(centres[last] + (centres[last] - centres[last - 1]) / 2);
  }
  const double low = std::min(edges.front(), edges.back());
  const double high = std::max(edges.front(), edges.back());
  const double magnitude = std::max(std::abs(low), std::abs(high));
  if (!std::isfinite(high - low)) {
    throw InvalidArgument(what + " spans " + format_value(centres.front()) + " to " +
                          format_value(centres.back()) + ", a range that overflows a double");
  }
  if (!(high - low > 1e-9 * magnitude) || !(high - low > 1e-300)) {
    throw InvalidArgument(what + " spans " + format_value(centres.front()) + " to " +
                          format_value(centres.back()) +
                          ", too little for their magnitude to label the axis");
  }
  return edges;
}

// The colour scale [low, high]. A constant matrix, or one whose spread is too small for tick
// labels to show, gets a range padded around its centre so that it still draws (in the middle
// colour) with a readable scale.
struct ColourRange {
  double low;
  double high;
};

ColourRange colour_range(double min, double max) {
  const double magnitude = std::max(std::abs(min), std::abs(max));
  if (max - min > 1e-9 * magnitude && max - min > 1e-305) return {min, max};
  const double centre = min + (max - min) / 2;
  const double half_width = std::abs(centre) > 1e-300 ? 0.05 * std::abs(centre) : 0.5;
  constexpr double kLargest = std::numeric_limits<double>::max();
  return {std::max(centre - half_width, -kLargest), std::min(centre + half_width, kLargest)};
}

double cell_tick_step(Eigen::Index cells) {
  if (cells <= kMaxCellsLabelledEach) return 1.0;
  return std::max(1.0, nice_step(static_cast<double>(cells), 8.0));
}

// How an axis's ticks are labelled: PLplot's coordinate v stands for the value
// v * format.scale + offset (the offset puts ticks, at multiples of the step in PLplot's
// coordinates, on cell centres that are not multiples of it). PLplot hands it to label_axis.
struct AxisTicks {
  TickFormat format;
  double offset;
};

void label_axis(PLINT, PLFLT value, char* text, PLINT size, PLPointer axis) {
  const AxisTicks& ticks = *static_cast<const AxisTicks*>(axis);
  detail::format_tick(value * ticks.format.scale + ticks.offset, ticks.format, text,
                      static_cast<std::size_t>(size));
}

// Ticks on the centres of evenly spaced cells (every cell up to 12, else every other), when
// there are few enough to label that way and fixed-point labels show them exactly: a grid of
// log2 C = -5, -3, ..., 15 is labelled -5, -3, ..., not at the round numbers between cells.
// Returns false (and leaves `axis` alone) otherwise.
bool centre_ticks(const std::vector<double>& centres, double low, double high, AxisTicks& axis,
                  std::vector<std::string>& labels) {
  const std::size_t cells = centres.size();
  if (cells < 2 || cells > static_cast<std::size_t>(kMaxCellsLabelledEach)) return false;
  const double spacing = std::abs(centres[1] - centres[0]);
  for (std::size_t k = 1; k < cells; ++k) {
    if (std::abs(std::abs(centres[k] - centres[k - 1]) - spacing) > 1e-9 * spacing) return false;
  }
  TickFormat format = detail::value_ticks(low, high, 6.0);
  if (format.scientific) return false;
  const std::size_t stride = cells <= 12 ? 1 : 2;
  format.step = spacing * static_cast<double>(stride);
  // The fewest decimals that print every labelled centre exactly (to 1e-9 of the spacing).
  int precision = 0;
  for (; precision <= 12; ++precision) {
    const double unit = std::pow(10.0, -precision);
    bool exact = true;
    for (std::size_t k = 0; k < cells; k += stride) {
      exact = exact && std::abs(centres[k] - std::round(centres[k] / unit) * unit) <=
                           1e-9 * spacing;
    }
    if (exact) break;
  }
  if (precision > 12) return false;
  format.precision = precision;
  axis = {format, centres[0]};
  labels.clear();
  for (std::size_t k = 0; k < cells; k += stride) {
    char text[512];
    detail::format_tick(centres[k], format, text, sizeof text);
    labels.emplace_back(text);
  }
  return true;
}

// One axis of a heatmap in PLplot's world coordinates: the cell edges, and how its ticks are
// placed and labelled. Without coordinate values the world is index space (cell k centred on
// k); with them it is (value - ticks.offset) / ticks.format.scale.
struct HeatmapAxis {
  std::vector<double> edges;  // cells + 1
  AxisTicks ticks;
  std::vector<std::string> labels;  // as they will be printed, for the layout
};

HeatmapAxis heatmap_axis(Eigen::Index cells, const std::vector<double>& centres,
                         const std::string& what) {
  HeatmapAxis axis;
  if (centres.empty()) {
    axis.ticks = {TickFormat{cell_tick_step(cells), 1.0, false, 0}, 0.0};
    for (Eigen::Index k = 0; k <= cells; ++k) axis.edges.push_back(static_cast<double>(k) - 0.5);
    axis.labels = tick_labels(0.0, static_cast<double>(cells - 1), axis.ticks.format);
    return axis;
  }
  axis.edges = cell_edges(centres, cells, what);
  const double low = std::min(axis.edges.front(), axis.edges.back());
  const double high = std::max(axis.edges.front(), axis.edges.back());
  if (!centre_ticks(centres, low, high, axis.ticks, axis.labels)) {
    axis.ticks = {detail::value_ticks(low, high, 6.0), 0.0};
    axis.labels = tick_labels(low, high, axis.ticks.format);
  }
  for (double& edge : axis.edges) edge = (edge - axis.ticks.offset) / axis.ticks.format.scale;
  return axis;
}

// The size of one panel, in cells, and the room its row tick labels need.
struct PanelShape {
  Eigen::Index rows, cols;
  double widest_row_label;  // character heights
};

// Where everything goes, in PLplot's units, computed before drawing.
struct HeatmapLayout {
  double font_mm;                          // character height
  std::vector<std::array<double, 4>> viewports;  // per panel: xmin, xmax, ymin, ymax (page units)
  double colorbar_offset;          // gap between the last panel and the colorbar, its viewport units
  double colorbar_width;           // the last panel's normalized viewport units
  double row_axis_label_distance;  // from the left edge of the first panel, character heights
};

// The font follows the image size (smaller if the margins would crowd out the cells); the
// cells are square where that leaves each panel at least half the free space each way, and the
// same size in every panel. Distances are in character heights, as PLplot places text: tick
// labels sit about one out from the axis (outward ticks), axis labels one beyond them, a panel
// after the first leaves room for its own row labels, and the colorbar right of the last panel
// has a gap, the bar, its tick labels and its label. One panel without a panel title is laid
// out exactly as write_heatmap_png always was.
HeatmapLayout heatmap_layout(double width, double height, const std::vector<PanelShape>& panels,
                             double widest_value_label, bool has_title, bool has_panel_titles) {
  const double row_axis_label_distance = 1.0 + panels.front().widest_row_label + 1.3;
  double font = std::clamp(std::min(width, height) / 50.0, 6.0, 48.0);
  double left = 0, right = 0, top = 0, bottom = 0, gaps = 0;
  for (;;) {
    left = font * (row_axis_label_distance + 0.5 + 0.8);
    right = font * (1.2 + 1.1 + 1.0 + widest_value_label + 1.0 + 1.3 + 0.8);
    top = has_title ? font * (1.25 * 2.0 + 0.8) : font * 1.2;
    if (has_panel_titles) top += font * 2.0;
    bottom = font * (2.3 + 1.0 + 1.2 + 0.7);
    gaps = 0;
    for (std::size_t k = 1; k < panels.size(); ++k) {
      gaps += font * (1.0 + panels[k].widest_row_label + 2.5);
    }
    const bool fits = width - left - right - gaps >= 0.4 * width &&
                      height - top - bottom >= 0.4 * height;
    if (fits || font <= 2.0) break;
    font *= 0.85;
  }
  const double free_width = std::max(width - left - right - gaps, 0.2 * width);
  const double free_height = std::max(height - top - bottom, 0.2 * height);
  double total_cols = 0, most_rows = 0;
  for (const PanelShape& panel : panels) {
    total_cols += static_cast<double>(panel.cols);
    most_rows = std::max(most_rows, static_cast<double>(panel.rows));
  }
  const double cell = std::min(free_width / total_cols, free_height / most_rows);
  std::vector<double> panel_widths, panel_heights;
  double used_width = 0;
  for (const PanelShape& panel : panels) {
    const double share = static_cast<double>(panel.cols) / total_cols;
    panel_widths.push_back(
        std::max(cell * static_cast<double>(panel.cols), 0.5 * free_width * share));
    panel_heights.push_back(std::max(cell * static_cast<double>(panel.rows), 0.5 * free_height));
    used_width += panel_widths.back();
  }

  HeatmapLayout layout{};
  layout.font_mm = font / detail::kPixelsPerMm;
  double x = left + (free_width - used_width) / 2;
  for (std::size_t k = 0; k < panels.size(); ++k) {
    if (k > 0) x += font * (1.0 + panels[k].widest_row_label + 2.5);
    const double plot_top = top + (free_height - panel_heights[k]) / 2;
    layout.viewports.push_back({x / width, (x + panel_widths[k]) / width,
                                1.0 - (plot_top + panel_heights[k]) / height,
                                1.0 - plot_top / height});
    x += panel_widths[k];
  }
  layout.colorbar_offset = 1.2 * font / panel_widths.back();
  layout.colorbar_width = 1.1 * font / panel_widths.back();
  layout.row_axis_label_distance = row_axis_label_distance;
  return layout;
}

// One panel's cells and axes, prepared beforehand: drawing runs under PlplotStream::draw,
// where nothing with a destructor may be created.
struct HeatmapPanel {
  const double* const* columns;  // columns[j][i]: row i, column j, divided by value.scale
  PLINT rows, cols;
  const double* column_edges;  // cols + 1, world coordinates
  const double* row_edges;     // rows + 1, world coordinates
  AxisTicks column, row;
  const char* title;  // empty for none
  const double* viewport;
};

struct HeatmapDrawing {
  const HeatmapPanel* panels;
  std::size_t n_panels;
  double low, high;  // the colour range, divided by value.scale
  TickFormat value;
  const char* title;  // empty for none
  const char* x_label;
  const char* y_label;
  const char* colorbar_label;
  double font_mm;
  double colorbar_offset, colorbar_width, row_axis_label_distance;
};

// plimagefr's map from image indices to world coordinates: cell (x, y) spans x..x+1 and y..y+1
// in index space, whose integer corners plimagefr passes here, and column_edges[x] ..
// column_edges[x + 1], row_edges[y] .. row_edges[y + 1] in the world. (Without a map,
// plimagefr stretches the image so that the first corners of the first and last cells meet
// xmin and xmax.)
void map_cell_corner(PLFLT x, PLFLT y, PLFLT* world_x, PLFLT* world_y, PLPointer panel) {
  const HeatmapPanel& p = *static_cast<const HeatmapPanel*>(panel);
  const long column = std::clamp(std::lround(x), 0L, static_cast<long>(p.cols));
  const long row = std::clamp(std::lround(y), 0L, static_cast<long>(p.rows));
  *world_x = p.column_edges[column];
  *world_y = p.row_edges[row];
}

// Sets the viewport and window of a panel; rows run down the page, so the window's y goes from
// the last row (bottom) up to row 0.
void enter_panel(const HeatmapPanel& p) {
  plvpor(p.viewport[0], p.viewport[1], p.viewport[2], p.viewport[3]);
  plwind(p.column_edges[0], p.column_edges[p.cols], p.row_edges[p.rows], p.row_edges[0]);
}

void draw_heatmaps(const HeatmapDrawing& d) {
  pladv(0);
  detail::set_character_size(d.font_mm);
  plwidth(detail::line_width_for(d.font_mm));
  for (std::size_t k = 0; k < d.n_panels; ++k) {
    const HeatmapPanel& p = d.panels[k];
    enter_panel(p);
    plimagefr(p.columns, p.cols, p.rows, p.column_edges[0], p.column_edges[p.cols],
              p.row_edges[0], p.row_edges[p.rows], d.low, d.high, d.low, d.high, map_cell_corner,
              const_cast<HeatmapPanel*>(&p));
    plcol0(detail::kForeground);
    plbox("bc", 0.0, 0, "bc", 0.0, 0);  // the frame; ticks on the bottom and left only
    plslabelfunc(label_axis, const_cast<AxisTicks*>(&p.column));
    plbox("binto", p.column.format.step / p.column.format.scale, 0, "", 0.0, 0);
    plslabelfunc(label_axis, const_cast<AxisTicks*>(&p.row));
    plbox("", 0.0, 0, "binvto", p.row.format.step / p.row.format.scale, 0);
    plslabelfunc(nullptr, nullptr);
    plmtex("b", 3.6, 0.5, 0.5, d.x_label);
    if (k == 0) plmtex("l", d.row_axis_label_distance, 0.5, 0.5, d.y_label);
    if (p.title[0] != '\0') plmtex("t", 0.9, 0.5, 0.5, p.title);
  }
  if (d.title[0] != '\0') {
    // Centred over all the panels, above their own titles.
    const HeatmapPanel& first = d.panels[0];
    const HeatmapPanel& last = d.panels[d.n_panels - 1];
    double top = first.viewport[3];
    for (std::size_t k = 0; k < d.n_panels; ++k) top = std::max(top, d.panels[k].viewport[3]);
    const bool panel_titles = first.title[0] != '\0';
    plvpor(first.viewport[0], last.viewport[1], first.viewport[2], top);
    plschr(d.font_mm, 1.25);
    plmtex("t", panel_titles ? 2.9 : 1.3, 0.5, 0.5, d.title);
    plschr(d.font_mm, 1.0);
  }

  const HeatmapPanel& last = d.panels[d.n_panels - 1];
  enter_panel(last);
  const PLINT label_options[] = {PL_COLORBAR_LABEL_RIGHT};
  const char* labels[] = {d.colorbar_label};
  const char* axis_options[] = {"bcvimto"};  // b, c: box; v, m: upright labels on the right
  const PLFLT ticks[] = {d.value.step / d.value.scale};
  const PLINT sub_ticks[] = {0};
  const PLINT value_counts[] = {2};
  const PLFLT range[] = {d.low, d.high};
  const PLFLT* value_arrays[] = {range};
  PLFLT bar_width = 0, bar_height = 0;
  plslabelfunc(label_tick, const_cast<TickFormat*>(&d.value));
  plcolorbar(&bar_width, &bar_height, PL_COLORBAR_IMAGE | PL_COLORBAR_LABEL_RIGHT,
             PL_POSITION_RIGHT | PL_POSITION_OUTSIDE | PL_POSITION_VIEWPORT, d.colorbar_offset,
             0.0, d.colorbar_width, 1.0, detail::kBackground, detail::kForeground, 1, 0.0, 1.0, 0,
             0.0, 1, label_options, labels, 1, axis_options, ticks, sub_ticks, value_counts,
             value_arrays);
  plslabelfunc(nullptr, nullptr);
}

using Matrices = std::vector<Eigen::Ref<const Eigen::MatrixXd>>;

// How a matrix is named in messages: "write_heatmap_png", or "write_heatmaps_png: matrix 2".
std::string matrix_name(const std::string& function, std::size_t k) {
  return function != "write_heatmap_png" ? function + ": matrix " + std::to_string(k) : function;
}

void validate_panels(const Matrices& matrices, const std::vector<std::string>& panel_titles,
                     const HeatmapOptions& options, const std::string& function) {
  if (matrices.empty()) throw InvalidArgument(function + ": no matrices to draw");
  if (matrices.size() > kMaxPanels) {
    throw InvalidArgument(function + ": " + std::to_string(matrices.size()) +
                          " matrices, more than the " + std::to_string(kMaxPanels) +
                          " panels one picture holds");
  }
  if (!panel_titles.empty() && panel_titles.size() != matrices.size()) {
    throw InvalidArgument(function + ": " + std::to_string(panel_titles.size()) + " titles for " +
                          std::to_string(matrices.size()) + " matrices");
  }
  for (std::size_t k = 0; k < matrices.size(); ++k) {
    validate_values(matrices[k], matrix_name(function, k));
  }
  detail::check_image_size(function, options.width, options.height);
}

// The colour scale over every matrix.
ColourRange common_colour_range(const Matrices& matrices, const std::string& function) {
  double min = matrices[0].minCoeff(), max = matrices[0].maxCoeff();
  for (const auto& values : matrices) {
    min = std::min(min, values.minCoeff());
    max = std::max(max, values.maxCoeff());
  }
  if (!std::isfinite(max - min)) {
    throw InvalidArgument(function + ": values span " + format_value(min) + " to " +
                          format_value(max) + ", a range that overflows a double");
  }
  return colour_range(min, max);
}

// The panels' cells, axes and titles, and the HeatmapPanels that point into them.
struct PreparedPanels {
  std::vector<HeatmapAxis> column_axes, row_axes;
  std::vector<std::vector<double>> cells;
  std::vector<std::vector<const double*>> columns;
  std::vector<std::string> titles;
  std::vector<HeatmapPanel> panels;
};

// The axes of every panel (validating the coordinate values) and their shapes for the layout.
std::vector<PanelShape> panel_axes(const Matrices& matrices, const HeatmapOptions& options,
                                   const std::string& function, PreparedPanels& out) {
  const bool several = function != "write_heatmap_png";
  std::vector<PanelShape> shapes;
  for (std::size_t k = 0; k < matrices.size(); ++k) {
    const std::string prefix = several ? matrix_name(function, k) + ": " : function + ": ";
    out.column_axes.push_back(
        heatmap_axis(matrices[k].cols(), options.x_values, prefix + "x_values"));
    out.row_axes.push_back(heatmap_axis(matrices[k].rows(), options.y_values, prefix + "y_values"));
    shapes.push_back(
        {matrices[k].rows(), matrices[k].cols(), widest_label(out.row_axes[k].labels)});
  }
  return shapes;
}

// plimagefr reads idata[x][y]: x is the column, y the row; values divided by `scale`.
void panel_cells(const Matrices& matrices, const std::vector<std::string>& panel_titles,
                 bool has_panel_titles, double scale, const HeatmapLayout& layout,
                 PreparedPanels& out) {
  out.cells.resize(matrices.size());
  out.columns.resize(matrices.size());
  out.titles.resize(matrices.size());
  for (std::size_t k = 0; k < matrices.size(); ++k) {
    const auto& values = matrices[k];
    const Eigen::Index rows = values.rows(), cols = values.cols();
    out.cells[k].resize(static_cast<std::size_t>(rows * cols));
    for (Eigen::Index j = 0; j < cols; ++j) {
      double* column = out.cells[k].data() + j * rows;
      for (Eigen::Index i = 0; i < rows; ++i) column[i] = values(i, j) / scale;
      out.columns[k].push_back(column);
    }
    if (has_panel_titles) out.titles[k] = detail::plplot_text(panel_titles[k]);
  }
  for (std::size_t k = 0; k < matrices.size(); ++k) {
    out.panels.push_back({out.columns[k].data(), static_cast<PLINT>(matrices[k].rows()),
                          static_cast<PLINT>(matrices[k].cols()), out.column_axes[k].edges.data(),
                          out.row_axes[k].edges.data(), out.column_axes[k].ticks,
                          out.row_axes[k].ticks, out.titles[k].c_str(),
                          layout.viewports[k].data()});
  }
}

// Draws the matrices side by side on one colour scale; `panel_titles` is empty or one each.
// `function` names the caller in messages.
void write_panels(const Matrices& matrices, const std::vector<std::string>& panel_titles,
                  const std::string& path, const HeatmapOptions& options,
                  const std::string& function) {
  validate_panels(matrices, panel_titles, options, function);
  const ColourRange range = common_colour_range(matrices, function);
  const TickFormat value_format = detail::value_ticks(range.low, range.high);
  PreparedPanels prepared;
  const std::vector<PanelShape> shapes = panel_axes(matrices, options, function, prepared);
  const bool has_panel_titles = std::any_of(panel_titles.begin(), panel_titles.end(),
                                            [](const std::string& t) { return !t.empty(); });
  const HeatmapLayout layout =
      heatmap_layout(options.width, options.height, shapes,
                     widest_label(tick_labels(range.low, range.high, value_format)),
                     !options.title.empty(), has_panel_titles);
  panel_cells(matrices, panel_titles, has_panel_titles, value_format.scale, layout, prepared);

  const std::string title = detail::plplot_text(options.title);
  const std::string x_label = detail::plplot_text(options.x_label);
  const std::string y_label = detail::plplot_text(options.y_label);
  const std::string colorbar_label = detail::plplot_text(options.colorbar_label);
  const HeatmapDrawing drawing{prepared.panels.data(),
                               prepared.panels.size(),
                               range.low / value_format.scale,
                               range.high / value_format.scale,
                               value_format,
                               title.c_str(),
                               x_label.c_str(),
                               y_label.c_str(),
                               colorbar_label.c_str(),
                               layout.font_mm,
                               layout.colorbar_offset,
                               layout.colorbar_width,
                               layout.row_axis_label_distance};

  write_file_atomically(path, [&](const std::string& temp) {
    detail::PlplotStream stream(temp, path, options.width, options.height);
    stream.draw([&] { draw_heatmaps(drawing); });
    stream.finish();
  });
}

}  // namespace


void write_heatmap_png(const Eigen::Ref<const Eigen::MatrixXd>& values, const std::string& path,
                       const HeatmapOptions& options) {
  write_panels({values}, {}, path, options, "write_heatmap_png");
}

void write_heatmaps_png(const std::vector<Eigen::MatrixXd>& matrices,
                        const std::vector<std::string>& titles, const std::string& path,
                        const HeatmapOptions& options) {
  Matrices panels;
  for (const Eigen::MatrixXd& values : matrices) panels.emplace_back(values);
  write_panels(panels, titles, path, options, "write_heatmaps_png");
}

}  // namespace rbfsvm
