// The decision function of a classifier in the plane (write_decision_boundary_png and
// write_decision_boundaries_png): everything a picture needs is computed before drawing, as
// plain data (decision_drawing.hpp): the layout (decision_layout.cpp), the function on a grid
// (decision_field.cpp), the markers (decision_markers.cpp) and the legend
// (decision_legend.cpp); decision_draw.cpp draws it.
#include <plplot.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <iterator>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "plot/axes.hpp"
#include "plot/decision/decision_drawing.hpp"
#include "plot/decision/decision_field.hpp"
#include "plot/decision/decision_layout.hpp"
#include "plot/decision/decision_legend.hpp"
#include "plot/decision/decision_markers.hpp"
#include "plot/frame.hpp"
#include "plot/plplot_stream.hpp"
#include "rbfsvm/core/atomic_file.hpp"
#include "rbfsvm/core/error.hpp"
#include "rbfsvm/svm/model.hpp"
#include "rbfsvm/plot/decision_plot.hpp"
#include "rbfsvm/plot/plot.hpp"

namespace rbfsvm {
namespace {

using detail::DecisionDrawing;
using detail::format_value;
using detail::kClassFill;
using detail::DecisionLayout;
using detail::DecisionLegendEntry;
using detail::kMarkerShapes;
using detail::MarkerShape;
using detail::PlotRange;

constexpr std::size_t kMaxPanels = 16;  // write_decision_boundaries_png
constexpr int kMinResolution = 10;
constexpr int kMaxResolution = 2000;

// Colours of the classes, in the model's class order: blue and red first, the ends of the
// diverging map of a two-class picture; then matplotlib's tab10 order for the rest.
constexpr std::array<std::array<PLINT, 3>, detail::kMaxClasses> kClassColours{
    {{33, 102, 172},
     {202, 32, 38},
     {44, 160, 44},
     {255, 127, 14},
     {148, 103, 189},
     {140, 86, 75},
     {227, 119, 194},
     {127, 127, 127},
     {188, 189, 34},
     {23, 190, 207}}};
// A class region's tint: this much of the class colour on white.
constexpr double kTint = 0.3;

[[noreturn]] void refuse(const std::string& message,
                         const char* function = "write_decision_boundary_png") {
  throw InvalidArgument(std::string(function) + ": " + message);
}

enum class Kind { two_classes, several_classes, one_class };

Kind kind_of(const Model& model) {
  if (model.svm_type() == SvmType::one_class) return Kind::one_class;
  if (!is_classification(model.svm_type())) {
    refuse("the model is " + to_string(model.svm_type()) +
           ", a regression model; a decision boundary needs a classifier (c_svc, nu_svc or "
           "one_class)");
  }
  return model.n_classes() == 2 ? Kind::two_classes : Kind::several_classes;
}

void validate(const Model& model, const Eigen::Ref<const RowMatrix<double>>& X,
              const std::vector<double>& labels, const DecisionPlotOptions& options) {
  kind_of(model);
  if (model.kernel().type == KernelType::precomputed) {
    refuse("the model has a precomputed kernel, which cannot be evaluated at new points");
  }
  const ModelData& data = model.data();
  const bool two_dimensional =
      data.n_features > 0 ? data.n_features == 2 : data.support_vectors.cols() <= 2;
  if (!two_dimensional) {
    refuse("the model was trained on " + std::to_string(model.dimension()) +
           " features; only a 2-feature model can be drawn in the plane");
  }
  if (X.cols() != 2) {
    refuse("the points have " + std::to_string(X.cols()) +
           " columns; a decision boundary is drawn for 2-D points only");
  }
  if (X.rows() == 0) refuse("there are no points");
  if (static_cast<Index>(labels.size()) != X.rows()) {
    refuse(std::to_string(labels.size()) + " labels for " + std::to_string(X.rows()) + " points");
  }
  for (Index i = 0; i < X.rows(); ++i) {
    if (!std::isfinite(X(i, 0)) || !std::isfinite(X(i, 1))) {
      refuse("point " + std::to_string(i) + " (" + format_value(X(i, 0)) + ", " +
             format_value(X(i, 1)) + ") is not finite");
    }
    if (!std::isfinite(labels[static_cast<std::size_t>(i)])) {
      refuse("label " + format_value(labels[static_cast<std::size_t>(i)]) + " of point " +
             std::to_string(i) + " is not finite");
    }
  }
  detail::check_image_size("write_decision_boundary_png", options.width, options.height);
  if (options.resolution < kMinResolution || options.resolution > kMaxResolution) {
    refuse("resolution " + std::to_string(options.resolution) + " is outside " +
           std::to_string(kMinResolution) + ".." + std::to_string(kMaxResolution));
  }
  if (!(options.padding >= 0 && options.padding <= 10)) {
    refuse("padding " + format_value(options.padding) + " is outside 0..10");
  }
}

// The distinct labels: the model's classes first, in its order, then any other label of the
// points in order of first appearance.
std::vector<double> class_list(const Model& model, const std::vector<double>& labels) {
  std::vector<double> classes = model.data().labels;
  for (const double label : labels) {
    if (std::find(classes.begin(), classes.end(), label) == classes.end()) {
      classes.push_back(label);
    }
  }
  if (classes.size() > detail::kMaxClasses) {
    refuse(std::to_string(classes.size()) + " distinct labels; at most " +
           std::to_string(detail::kMaxClasses) + " can have colours of their own");
  }
  return classes;
}

std::string class_name(double label, const std::vector<std::string>& names) {
  if (label >= 0 && label == std::floor(label) && label < static_cast<double>(names.size())) {
    return names[static_cast<std::size_t>(label)];
  }
  return "class " + format_value(label);
}

// The support vectors in the units of the points: the model keeps them scaled when it was
// trained with scaling, so the scaling is undone (a feature constant in training, which every
// scaling maps to 0, goes back to its one value).
RowMatrix<double> support_vectors_in_data_units(const ModelData& data) {
  RowMatrix<double> points = RowMatrix<double>::Zero(data.support_vectors.rows(), 2);
  const Index width = std::min<Index>(2, data.support_vectors.cols());
  const PointSet first_two = first_columns(data.support_vectors.ref(), width);
  points.leftCols(width) =
      first_two.is_sparse() ? first_two.sparse().to_dense() : first_two.dense();
  if (!data.scaling) return points;
  const Scaling& scaling = *data.scaling;
  const Index fitted = std::min<Index>(2, static_cast<Index>(scaling.first.size()));
  for (Index f = 0; f < fitted; ++f) {
    const double first = scaling.first[static_cast<std::size_t>(f)];
    const double second = scaling.second[static_cast<std::size_t>(f)];
    for (Index i = 0; i < points.rows(); ++i) {
      double& value = points(i, f);
      if (scaling.kind == ScalingKind::z_score) {
        value = second > 0 ? first + second * value : first;
      } else if (scaling.kind == ScalingKind::max_abs) {
        value = second * value;
      } else {
        value = second == first ? first
                                : first + (value - scaling.lower) * (second - first) /
                                              (scaling.upper - scaling.lower);
      }
    }
  }
  return points;
}

// The legend's entries: the classes, the support vectors' ring, the boundary or borders.
std::vector<DecisionLegendEntry> legend_entries(Kind kind, const std::vector<double>& classes,
                                        bool show_svs, const std::vector<std::string>& names) {
  std::vector<DecisionLegendEntry> entries;
  for (std::size_t c = 0; c < classes.size(); ++c) {
    entries.push_back({DecisionLegendEntry::Sample::marker, kMarkerShapes[c % kMarkerShapes.size()],
                       kClassFill + static_cast<PLINT>(c), class_name(classes[c], names)});
  }
  if (show_svs) entries.push_back({DecisionLegendEntry::Sample::ring, MarkerShape::circle, 0, "support vector"});
  if (kind == Kind::several_classes) {
    entries.push_back({DecisionLegendEntry::Sample::line, MarkerShape::circle, 0, "class border"});
  } else {
    entries.push_back({DecisionLegendEntry::Sample::line, MarkerShape::circle, 0, "boundary f = 0"});
    if (kind == Kind::two_classes) {
      entries.push_back({DecisionLegendEntry::Sample::dashed_line, MarkerShape::circle, 0, "margins f = ±1"});
    }
  }
  return entries;
}

// A picture's drawing and the storage its pointers point into (held by unique_ptr: the drawing
// points at members).
struct Prepared {
  DecisionDrawing drawing{};
  std::vector<PLINT> extra_colours;
  std::vector<double> grid_x, grid_y;  // world units
  detail::ShadeBands bands;            // two classes or one class
  std::vector<std::vector<double>> regions;  // several classes
  std::vector<const double*> f_columns;
  std::vector<std::vector<const double*>> region_column_lists;
  std::vector<const double* const*> region_columns;
  detail::Polylines markers, rings;
  detail::PlacedLegend legend;
  std::vector<std::string> strings;  // title, labels, legend text: plplot_text'ed
  std::vector<const char*> legend_text;
};

// The range and the layout before f is known: first with a guess at the colour scale's labels
// (they depend on f, which depends on the range, which depends on the layout when the aspect
// is kept), and the legend's rows.
struct Plan {
  PlotRange range;
  DecisionLayout layout;
  std::vector<std::vector<std::size_t>> legend_rows;
};

Plan plan(const Eigen::Ref<const RowMatrix<double>>& X, const RowMatrix<double>& support_vectors,
          const std::vector<DecisionLegendEntry>& entries, const DecisionPlotOptions& options,
          double width, double height, bool has_colorbar) {
  const bool has_title = !options.title.empty();
  Plan plan;
  plan.range = detail::plotted_range(X, support_vectors, options.padding);
  plan.layout = detail::decision_layout(width, height, has_title, has_colorbar, 3.0, 1, plan.range);
  plan.legend_rows = detail::legend_rows(entries, plan.layout.font, width - plan.layout.font);
  const int n_rows = static_cast<int>(plan.legend_rows.size());
  plan.layout =
      detail::decision_layout(width, height, has_title, has_colorbar, 3.0, n_rows, plan.range);
  if (options.equal_aspect) {
    plan.range = detail::with_equal_aspect(plan.range, plan.layout.right - plan.layout.left,
                                           plan.layout.bottom - plan.layout.top);
  }
  return plan;
}

// The function on an n x n grid over the range: f in shade bands (then the layout again, with
// the colour scale's real labels) or the class regions; the grid in world units.
void evaluate(const Model& model, int n, bool has_colorbar, const DecisionPlotOptions& options,
              double width, double height, Plan& plan, Prepared& out) {
  const PlotRange& range = plan.range;
  std::vector<double> xs, ys;
  for (int i = 0; i < n; ++i) {
    xs.push_back(range.x_low + (range.x_high - range.x_low) * i / (n - 1));
    ys.push_back(range.y_low + (range.y_high - range.y_low) * i / (n - 1));
  }
  const RowMatrix<double> grid = detail::grid_points(xs, ys);
  if (has_colorbar) {
    out.bands = detail::shade_bands(model, grid);
    plan.layout = detail::decision_layout(width, height, !options.title.empty(), true,
                                          out.bands.widest_label,
                                          static_cast<int>(plan.legend_rows.size()), range);
  } else {
    out.regions = detail::class_regions(model, grid, n);
  }
  if (options.equal_aspect) detail::shrink_to_equal_aspect(range, plan.layout);
  // World units are the values divided by each axis's tick scale (see axes.hpp).
  for (const double x : xs) out.grid_x.push_back(x / plan.layout.x_ticks.scale);
  for (const double y : ys) out.grid_y.push_back(y / plan.layout.y_ticks.scale);
}

// Markers, smaller when there are many points, in their classes' shapes and colours; rings
// round the support vectors.
void place_markers(const Eigen::Ref<const RowMatrix<double>>& X,
                   const std::vector<double>& labels, const std::vector<double>& classes,
                   const RowMatrix<double>& support_vectors, const Plan& plan, Prepared& out) {
  const DecisionLayout& layout = plan.layout;
  const PlotRange& range = plan.range;
  const double x_scale = layout.x_ticks.scale, y_scale = layout.y_ticks.scale;
  const double world_x = (range.x_high - range.x_low) / x_scale / (layout.right - layout.left);
  const double world_y = (range.y_high - range.y_low) / y_scale / (layout.bottom - layout.top);
  const double crowding = std::clamp(std::sqrt(400.0 / static_cast<double>(X.rows())), 0.45, 1.0);
  const double radius = std::max(2.0, detail::kMarkerRadius * layout.font * crowding);
  for (Index i = 0; i < X.rows(); ++i) {
    const std::size_t c = static_cast<std::size_t>(
        std::find(classes.begin(), classes.end(), labels[static_cast<std::size_t>(i)]) -
        classes.begin());
    detail::add_outline(out.markers,
                        detail::marker_outline(kMarkerShapes[c % kMarkerShapes.size()], radius),
                        X(i, 0) / x_scale, X(i, 1) / y_scale, world_x, world_y,
                        kClassFill + static_cast<PLINT>(c));
  }
  const auto ring =
      detail::marker_outline(MarkerShape::circle, detail::kRingRadius * radius + 1.0);
  for (Index s = 0; s < support_vectors.rows(); ++s) {
    detail::add_outline(out.rings, ring, support_vectors(s, 0) / x_scale,
                        support_vectors(s, 1) / y_scale, world_x, world_y, detail::kForeground);
  }
}

// Colour map 0's extra entries: the classes, their tints, the marker edge.
std::vector<PLINT> extra_colours() {
  std::vector<PLINT> colours;
  for (const auto& rgb : kClassColours) colours.insert(colours.end(), rgb.begin(), rgb.end());
  for (const auto& rgb : kClassColours) {
    for (const PLINT channel : rgb) {
      colours.push_back(static_cast<PLINT>(std::lround(kTint * channel + (1 - kTint) * 255)));
    }
  }
  colours.insert(colours.end(), {25, 25, 25});
  return colours;
}

// plshades / plcont read a[i][j] at (grid_x[i], grid_y[j]): column i is f[i n .. i n + n).
void link_columns(int n, bool has_colorbar, Prepared& out) {
  const auto columns_of = [n](const std::vector<double>& values) {
    std::vector<const double*> columns;
    for (int i = 0; i < n; ++i) columns.push_back(values.data() + static_cast<std::size_t>(i) * n);
    return columns;
  };
  if (has_colorbar) out.f_columns = columns_of(out.bands.f);
  for (const std::vector<double>& region : out.regions) {
    out.region_column_lists.push_back(columns_of(region));
  }
  for (const auto& columns : out.region_column_lists) out.region_columns.push_back(columns.data());
}

void set_texts(const DecisionPlotOptions& options, Kind kind,
               const std::vector<DecisionLegendEntry>& entries, Prepared& out) {
  out.strings = {detail::plplot_text(options.title), detail::plplot_text(options.x_label),
                 detail::plplot_text(options.y_label),
                 kind == Kind::one_class ? "f(x)  (inside where f > 0)" : "decision value f(x)"};
  for (const DecisionLegendEntry& entry : entries) {
    out.strings.push_back(detail::plplot_text(entry.text));
  }
  for (std::size_t e = 0; e < entries.size(); ++e) {
    out.legend_text.push_back(out.strings[4 + e].c_str());
  }
}

// Points the drawing at the prepared storage and sets its sizes: the picture `height` pixels
// high, its left edge `page_left` pixels into a page `page_width` wide.
void fill_drawing(const Plan& plan, Kind kind, int n, double height, double page_left,
                  double page_width, Prepared& out) {
  const DecisionLayout& layout = plan.layout;
  const PlotRange& range = plan.range;
  const bool has_colorbar = kind != Kind::several_classes;
  const double font = layout.font;
  const double plot_width = layout.right - layout.left;
  DecisionDrawing& d = out.drawing;
  d.extra_colours = out.extra_colours.data();
  d.font_mm = font / detail::kPixelsPerMm;
  d.line_width = std::max(1.0, font / 14.0);
  d.ring_width = std::max(1.0, font / 9.0);
  d.viewport[0] = (page_left + layout.left) / page_width;
  d.viewport[1] = (page_left + layout.right) / page_width;
  d.viewport[2] = 1.0 - layout.bottom / height;
  d.viewport[3] = 1.0 - layout.top / height;
  d.window[0] = range.x_low / layout.x_ticks.scale;
  d.window[1] = range.x_high / layout.x_ticks.scale;
  d.window[2] = range.y_low / layout.y_ticks.scale;
  d.window[3] = range.y_high / layout.y_ticks.scale;
  d.x_ticks = layout.x_ticks;
  d.y_ticks = layout.y_ticks;
  d.y_label_distance = layout.y_label_distance;
  d.title = out.strings[0].c_str();
  d.x_label = out.strings[1].c_str();
  d.y_label = out.strings[2].c_str();
  d.n_grid = n;
  d.grid_x = out.grid_x.data();
  d.grid_y = out.grid_y.data();
  d.f_columns = has_colorbar ? out.f_columns.data() : nullptr;
  d.levels = out.bands.levels.data();
  d.n_levels = static_cast<PLINT>(out.bands.levels.size());
  d.band_colours = out.bands.band_colours.data();
  d.margins = kind == Kind::two_classes;
  d.colorbar_levels = out.bands.colorbar_levels.data();
  d.value_ticks = out.bands.value_ticks;
  d.colorbar_offset = 1.2 * font / plot_width;
  d.colorbar_width = 1.1 * font / plot_width;
  d.colorbar_label = out.strings[3].c_str();
  d.region_columns = out.region_columns.data();
  d.n_regions = static_cast<PLINT>(out.region_columns.size());
  d.markers = &out.markers;
  d.rings = &out.rings;
  const detail::PlacedLegend& legend = out.legend;
  d.legend_entries = legend.entries;
  std::copy(std::begin(legend.viewport), std::end(legend.viewport), d.legend_viewport);
  std::copy(std::begin(legend.size), std::end(legend.size), d.legend_size);
  d.legend_markers = &legend.markers;
  d.legend_rings = &legend.rings;
  d.legend_lines = legend.lines.data();
  d.n_legend_lines = static_cast<PLINT>(legend.lines.size());
  d.legend_text_x = legend.text_x.data();
  d.legend_text_y = legend.text_y.data();
  d.legend_text = out.legend_text.data();
}

// Computes everything one picture of `width` x `height` pixels needs (validated before), to be
// drawn with its left edge `page_left` pixels into a page `page_width` pixels wide.
std::unique_ptr<Prepared> prepare(const Model& model, const Eigen::Ref<const RowMatrix<double>>& X,
                                  const std::vector<double>& labels,
                                  const DecisionPlotOptions& options, double width, double height,
                                  double page_left, double page_width) {
  auto prepared = std::make_unique<Prepared>();
  Prepared& out = *prepared;
  const Kind kind = kind_of(model);
  const std::vector<double> classes = class_list(model, labels);
  const RowMatrix<double> support_vectors =
      options.show_support_vectors ? support_vectors_in_data_units(model.data())
                                   : RowMatrix<double>(0, 2);
  const std::vector<DecisionLegendEntry> entries =
      legend_entries(kind, classes, support_vectors.rows() > 0, options.class_names);
  const bool has_colorbar = kind != Kind::several_classes;
  const int n = options.resolution;

  Plan picture = plan(X, support_vectors, entries, options, width, height, has_colorbar);
  evaluate(model, n, has_colorbar, options, width, height, picture, out);
  place_markers(X, labels, classes, support_vectors, picture, out);
  out.legend = detail::place_legend(entries, picture.legend_rows, picture.layout, width, height,
                                    page_left, page_width);
  out.extra_colours = extra_colours();
  link_columns(n, has_colorbar, out);
  set_texts(options, kind, entries, out);
  fill_drawing(picture, kind, n, height, page_left, page_width, out);
  return prepared;
}

}  // namespace

void write_decision_boundary_png(const Model& model, const Eigen::Ref<const RowMatrix<double>>& X,
                                 const std::vector<double>& labels, const std::string& path,
                                 const DecisionPlotOptions& options) {
  validate(model, X, labels, options);
  const std::unique_ptr<Prepared> prepared =
      prepare(model, X, labels, options, options.width, options.height, 0.0, options.width);
  const DecisionDrawing& drawing = prepared->drawing;
  write_file_atomically(path, [&](const std::string& temp) {
    detail::PlplotStream stream(temp, path, options.width, options.height);
    stream.draw([&] {
      pladv(0);
      detail::draw_decision(drawing);
    });
    stream.finish();
  });
}

void write_decision_boundaries_png(const std::vector<Model>& models,
                                   const std::vector<std::string>& titles,
                                   const Eigen::Ref<const RowMatrix<double>>& X,
                                   const std::vector<double>& labels, const std::string& path,
                                   const DecisionPlotOptions& options) {
  const char* function = "write_decision_boundaries_png";
  if (models.empty()) refuse("no models to draw", function);
  if (models.size() > kMaxPanels) {
    refuse(std::to_string(models.size()) + " models, more than the " +
               std::to_string(kMaxPanels) + " panels one picture holds",
           function);
  }
  if (!titles.empty() && titles.size() != models.size()) {
    refuse(std::to_string(titles.size()) + " titles for " + std::to_string(models.size()) +
               " models",
           function);
  }
  for (const Model& model : models) validate(model, X, labels, options);
  // Side by side: each panel a share of the width, laid out as a picture of its own.
  const double panel_width = static_cast<double>(options.width) / static_cast<double>(models.size());
  std::vector<std::unique_ptr<Prepared>> panels;
  for (std::size_t k = 0; k < models.size(); ++k) {
    DecisionPlotOptions panel = options;
    if (!titles.empty()) panel.title = titles[k];
    panels.push_back(prepare(models[k], X, labels, panel, panel_width, options.height,
                             panel_width * static_cast<double>(k), options.width));
  }
  std::vector<const DecisionDrawing*> drawings;
  for (const auto& prepared : panels) drawings.push_back(&prepared->drawing);
  write_file_atomically(path, [&](const std::string& temp) {
    detail::PlplotStream stream(temp, path, options.width, options.height);
    stream.draw([&] {
      pladv(0);
      for (const DecisionDrawing* drawing : drawings) detail::draw_decision(*drawing);
    });
    stream.finish();
  });
}

}  // namespace rbfsvm
