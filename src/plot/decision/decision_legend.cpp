#include "plot/decision/decision_legend.hpp"

#include <algorithm>
#include <string_view>

#include "plot/plplot_stream.hpp"

namespace rbfsvm::detail {
namespace {

// An estimate of the width of `text` in character heights as pango sets it (DejaVu Sans at
// 96 dpi; see label_width), for laying out the legend.
double text_width(const std::string& text) {
  double width = 0;
  for (std::size_t k = 0; k < text.size(); ++k) {
    const unsigned char c = static_cast<unsigned char>(text[k]);
    if ((c & 0xC0) == 0x80) continue;  // a UTF-8 continuation byte
    if (c >= '0' && c <= '9') {
      width += 0.636;
    } else if (std::string_view("ijl.,:;'|!").find(static_cast<char>(c)) !=
               std::string_view::npos) {
      width += 0.28;
    } else if (std::string_view("frt()[] -").find(static_cast<char>(c)) !=
               std::string_view::npos) {
      width += 0.38;
    } else if (c == 'm' || c == 'w' || c == 'M' || c == 'W') {
      width += 0.95;
    } else if (c >= 'A' && c <= 'Z') {
      width += 0.72;
    } else {
      width += 0.6;  // other lower-case letters, and any other character
    }
  }
  return 4.0 / 3.0 * width;
}

// An entry's width in pixels: its sample, its text, the gap to the next entry.
constexpr double kLegendGap = 1.4;  // character heights
double entry_width(const DecisionLegendEntry& entry, double font) {
  return font * (2.6 + text_width(entry.text) + kLegendGap);
}

}  // namespace

std::vector<std::vector<std::size_t>> legend_rows(const std::vector<DecisionLegendEntry>& entries,
                                                  double font, double room) {
  std::vector<std::vector<std::size_t>> rows(1);
  double used = 0;
  for (std::size_t e = 0; e < entries.size(); ++e) {
    const double width = entry_width(entries[e], font);
    if (used > 0 && used + width > room) {
      rows.emplace_back();
      used = 0;
    }
    rows.back().push_back(e);
    used += width;
  }
  return rows;
}

PlacedLegend place_legend(const std::vector<DecisionLegendEntry>& entries,
                          const std::vector<std::vector<std::size_t>>& rows,
                          const DecisionLayout& layout, double width, double height,
                          double page_left, double page_width) {
  PlacedLegend out;
  const double font = layout.font;
  const double row_height = 1.8 * font;
  const double top = layout.bottom + font * (2.3 + 1.0 + 1.2 + 0.6);
  const double legend_height = row_height * static_cast<double>(rows.size());
  const double left = font * 0.5;
  const double room = width - font;
  if (top + legend_height > height || room <= 0) return out;  // a tiny picture: no legend
  const double centre = (layout.left + layout.right) / 2 - left;
  const double marker_radius = kMarkerRadius * font;
  out.text_x.assign(entries.size(), 0.0);
  out.text_y.assign(entries.size(), 0.0);
  for (std::size_t r = 0; r < rows.size(); ++r) {
    double row_width = -font * kLegendGap;
    for (const std::size_t e : rows[r]) row_width += entry_width(entries[e], font);
    double x = std::clamp(centre - row_width / 2, 0.0, std::max(0.0, room - row_width));
    const double y = legend_height - row_height * (static_cast<double>(r) + 0.5);
    for (const std::size_t e : rows[r]) {
      const DecisionLegendEntry& entry = entries[e];
      switch (entry.sample) {
        case DecisionLegendEntry::Sample::marker:
          add_outline(out.markers, marker_outline(entry.shape, marker_radius),
                      x + 1.1 * font, y, 1.0, 1.0, entry.colour);
          break;
        case DecisionLegendEntry::Sample::ring:
          add_outline(out.rings,
                      marker_outline(MarkerShape::circle, kRingRadius * marker_radius + 1.0),
                      x + 1.1 * font, y, 1.0, 1.0, kForeground);
          break;
        case DecisionLegendEntry::Sample::line:
        case DecisionLegendEntry::Sample::dashed_line:
          out.lines.push_back({{x, x + 2.2 * font},
                                      {y, y},
                                      entry.sample == DecisionLegendEntry::Sample::dashed_line});
          break;
      }
      out.text_x[e] = x + 2.6 * font;
      out.text_y[e] = y;  // plptex centres text vertically on its reference point
      x += entry_width(entry, font);
    }
  }
  out.entries = static_cast<PLINT>(entries.size());
  out.viewport[0] = (page_left + left) / page_width;
  out.viewport[1] = (page_left + left + room) / page_width;
  out.viewport[2] = 1.0 - (top + legend_height) / height;
  out.viewport[3] = 1.0 - top / height;
  out.size[0] = room;
  out.size[1] = legend_height;
  return out;
}

}  // namespace rbfsvm::detail
