// The decision-boundary picture: what a trained classifier does in the plane. The one part of
// the plotting component that knows the SVM model.
#pragma once

#include <Eigen/Core>
#include <string>
#include <vector>

#include "rbfsvm/core/types.hpp"
#include "rbfsvm/svm/model.hpp"

namespace rbfsvm {

struct DecisionPlotOptions {
  std::string title;
  std::string x_label = "x1";
  std::string y_label = "x2";
  // Legend names of the classes, indexed by label value when the labels are 0, 1, ...
  // (Dataset::class_names, ModelData::class_names); else "class LABEL".
  std::vector<std::string> class_names;
  int width = 800;   // pixels
  int height = 760;  // pixels
  // The decision function is sampled on resolution x resolution points over the plotted area.
  int resolution = 200;
  // Room around the data on each side, as a fraction of its extent along that axis.
  double padding = 0.08;
  // One data unit takes the same length across as up (circles stay circles), for features in
  // the same units; otherwise each axis fills the space.
  bool equal_aspect = false;
  // Ring the model's support vectors.
  bool show_support_vectors = true;
};

// Draws what a classifier does in the plane: the model's decision function f evaluated on a
// grid over the points X2d (n x 2, in the training data's units: the model's scaling, if any,
// is applied to the grid as to any input), the points coloured and shaped by labels[i], and
// the model's support vectors ringed in black. A legend below the plot names everything.
// - Two classes (C-SVC, nu-SVC): f as filled contours (bands a round step apart) in a
//   diverging blue-white-red colour map centred at f = 0, with a colorbar; blue where f > 0,
//   the side of the model's first class (ModelData::labels[0]), red for the second class. Each
//   side of 0 darkens to its full colour at its own largest |f| (its steps may differ from the
//   other side's). The decision boundary f = 0 is a solid black line, the margins f = -1 and
//   f = +1 dashed lines (the support vectors with 0 < alpha < C lie on them).
// - More classes (one-vs-one): the predicted class of every grid point as a light tint of the
//   class's colour, class borders as black lines (traced on the grid's predictions smoothed
//   over about one grid step), no colorbar.
// - One-class: f as for two classes (blue inside, where f > 0), the boundary f = 0, no margins.
// Class colours follow the model's class order (blue, red, green, orange, purple, ...); points
// whose label is not one of the model's classes take the next colours. The image is width x
// height pixels on a white background, written atomically: on failure `path` is left as it
// was. Throws InvalidArgument when the model is a regression model or has a precomputed
// kernel, when X2d or the model is not 2-dimensional, for no points, labels not one per point,
// non-finite coordinates or labels, more than 10 distinct labels, a size outside 16..10000
// pixels, a resolution outside 10..2000, a padding outside 0..10 or a plotted range that
// overflows a double; IoError when the file cannot be written; Error when PLplot fails.
// Thread-safe; plots are drawn one at a time in the process.
void write_decision_boundary_png(const Model& model, const Eigen::Ref<const RowMatrix<double>>& X2d,
                                 const std::vector<double>& labels, const std::string& path,
                                 const DecisionPlotOptions& options = {});

// Several models over the same points, side by side, left to right (to compare, say, sigma and
// C): panel k is drawn as write_decision_boundary_png draws models[k] in a width / n x height
// picture, titled titles[k] (titles may be empty: every panel takes options.title); width and
// height are those of the whole image. Throws what write_decision_boundary_png throws for any
// model, and InvalidArgument for no models, more than 16, or a title count that is neither 0
// nor the model count. Written atomically.
void write_decision_boundaries_png(const std::vector<Model>& models,
                                   const std::vector<std::string>& titles,
                                   const Eigen::Ref<const RowMatrix<double>>& X2d,
                                   const std::vector<double>& labels, const std::string& path,
                                   const DecisionPlotOptions& options = {});

}  // namespace rbfsvm
