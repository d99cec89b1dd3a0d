// Internal: the legend of a decision-boundary picture (decision_legend.cpp): entries side by
// side in rows below the x label, centred under the plot, drawn by decision_draw.cpp in a
// viewport whose window counts pixels.
#pragma once

#include <plplot.h>

#include <cstddef>
#include <string>
#include <vector>

#include "plot/decision/decision_drawing.hpp"
#include "plot/decision/decision_layout.hpp"
#include "plot/decision/decision_markers.hpp"

namespace rbfsvm::detail {

// One legend entry: a marker (its shape and fill colour), a ring, or a line (solid or dashed).
struct DecisionLegendEntry {
  enum class Sample { marker, ring, line, dashed_line } sample;
  MarkerShape shape;
  PLINT colour;
  std::string text;
};

// The entries in rows: side by side, a new row when the next would pass `room` pixels.
std::vector<std::vector<std::size_t>> legend_rows(const std::vector<DecisionLegendEntry>& entries,
                                                  double font, double room);

// The legend's samples and text, placed in pixels; the storage DecisionDrawing's legend
// fields point into.
struct PlacedLegend {
  Polylines markers, rings;
  std::vector<LegendLine> lines;
  std::vector<double> text_x, text_y;  // one per entry: the left end of its text
  PLINT entries = 0;                   // 0: no room for a legend
  double viewport[4] = {};             // normalized page units
  double size[2] = {};                 // width, height in pixels
};

// Places `entries` in `rows` below the x label of `layout`, in a picture `width` x `height`
// pixels whose left edge is `page_left` pixels into a page `page_width` wide.
PlacedLegend place_legend(const std::vector<DecisionLegendEntry>& entries,
                          const std::vector<std::vector<std::size_t>>& rows,
                          const DecisionLayout& layout, double width, double height,
                          double page_left, double page_width);

}  // namespace rbfsvm::detail
