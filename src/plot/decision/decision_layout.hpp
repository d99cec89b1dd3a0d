// Internal: where a decision-boundary picture's plot goes (decision_layout.cpp): the plotted
// range in data units and the margins in pixels, for decision_plot.cpp.
#pragma once

#include "plot/axes.hpp"
#include "rbfsvm/core/types.hpp"

namespace rbfsvm::detail {

// The plotted area in data units.
struct PlotRange {
  double x_low, x_high, y_low, y_high;
};

// The points and the support vectors (both 2 columns), each axis padded by `padding` times its
// extent (widened instead when it has almost none). Throws InvalidArgument when a span
// overflows a double.
PlotRange plotted_range(const Eigen::Ref<const RowMatrix<double>>& X,
                        const RowMatrix<double>& support_vectors, double padding);

// Layout, in pixels from the top left of the image.
struct DecisionLayout {
  double font;                      // character height
  double left, right, top, bottom;  // the plot area's edges
  double y_label_distance;          // from the plot's left edge, character heights
  TickFormat x_ticks, y_ticks;
};

// Sized like the density plot's: the font follows the image size; a colorbar on the right for
// f whose widest tick label is `widest_value_label` character heights, a legend of
// `legend_rows` rows below the x label.
DecisionLayout decision_layout(double width, double height, bool has_title, bool has_colorbar,
                               double widest_value_label, int legend_rows, const PlotRange& range);

// Widens one axis of `range` so that a data unit is as long across the plot as up it.
PlotRange with_equal_aspect(PlotRange range, double plot_width, double plot_height);

// Shrinks the plot of `layout` about its centre so that a data unit of `range` is as long across
// as up (the colour scale's labels may have narrowed the plot since the range was widened).
void shrink_to_equal_aspect(const PlotRange& range, DecisionLayout& layout);

}  // namespace rbfsvm::detail
