// Internal: the marker shapes of a decision-boundary picture (decision_markers.cpp), one per
// class, and the rings round the support vectors, as closed outlines (Polylines).
#pragma once

#include <plplot.h>

#include <array>
#include <vector>

#include "plot/decision/decision_drawing.hpp"

namespace rbfsvm::detail {

constexpr double kMarkerRadius = 0.36;  // character heights
// A support vector's ring: this times the marker radius, plus a pixel.
constexpr double kRingRadius = 1.75;

// Marker shapes, one per class (cycling through kMarkerShapes).
enum class MarkerShape { circle, square, triangle_up, diamond, triangle_down };
constexpr std::array<MarkerShape, 5> kMarkerShapes{MarkerShape::circle, MarkerShape::square,
                                                   MarkerShape::triangle_up, MarkerShape::diamond,
                                                   MarkerShape::triangle_down};

// Vertices of a marker of radius r pixels centred at (0, 0), y up, closed (last = first).
std::vector<std::array<double, 2>> marker_outline(MarkerShape shape, double r);

// Appends a marker outline centred at (x, y) (world units), `scale_x` and `scale_y` world units
// a pixel.
void add_outline(Polylines& lines, const std::vector<std::array<double, 2>>& outline, double x,
                 double y, double scale_x, double scale_y, PLINT colour);

}  // namespace rbfsvm::detail
