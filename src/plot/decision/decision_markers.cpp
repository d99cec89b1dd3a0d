#include "plot/decision/decision_markers.hpp"

#include <cmath>

namespace rbfsvm::detail {
namespace {

constexpr int kCirclePoints = 32;  // vertices of a drawn circle

}  // namespace

std::vector<std::array<double, 2>> marker_outline(MarkerShape shape, double r) {
  std::vector<std::array<double, 2>> points;
  const double pi = std::acos(-1.0);
  const auto polygon = [&](int sides, double radius, double start_angle) {
    for (int k = 0; k <= sides; ++k) {
      const double angle = start_angle + 2 * pi * k / sides;
      points.push_back({radius * std::cos(angle), radius * std::sin(angle)});
    }
  };
  switch (shape) {
    case MarkerShape::circle:
      polygon(kCirclePoints, r, 0.0);
      break;
    case MarkerShape::square:  // the same area as the circle
      polygon(4, r * std::sqrt(pi / 2), pi / 4);
      break;
    case MarkerShape::triangle_up:
      polygon(3, r * 1.35, pi / 2);
      break;
    case MarkerShape::diamond:
      polygon(4, r * 1.3, 0.0);
      break;
    case MarkerShape::triangle_down:
      polygon(3, r * 1.35, -pi / 2);
      break;
  }
  return points;
}

void add_outline(Polylines& lines, const std::vector<std::array<double, 2>>& outline, double x,
                 double y, double scale_x, double scale_y, PLINT colour) {
  for (const auto& [dx, dy] : outline) {
    lines.x.push_back(x + dx * scale_x);
    lines.y.push_back(y + dy * scale_y);
  }
  lines.count.push_back(static_cast<PLINT>(outline.size()));
  lines.colour.push_back(colour);
}

}  // namespace rbfsvm::detail
