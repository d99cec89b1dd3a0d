#include "rbfsvm/plot/plot.hpp"

#include <plplot.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "plot/axes.hpp"
#include "plot/image_size.hpp"
#include "plot/plplot_stream.hpp"
#include "rbfsvm/core/atomic_file.hpp"
#include "rbfsvm/core/error.hpp"

namespace rbfsvm {
namespace {

// matplotlib's viridis, 256 entries (Nathaniel J. Smith & Stefan van der Walt, CC0), from
// matplotlib/_cm_listed.py.
// clang-format off
constexpr double kViridis[256][3] = {
    {0.267004, 0.004874, 0.329415}, {0.268510, 0.009605, 0.335427}, {0.269944, 0.014625, 0.341379},
    {0.271305, 0.019942, 0.347269}, {0.272594, 0.025563, 0.353093}, {0.273809, 0.031497, 0.358853},
    {0.274952, 0.037752, 0.364543}, {0.276022, 0.044167, 0.370164}, {0.277018, 0.050344, 0.375715},
    {0.277941, 0.056324, 0.381191}, {0.278791, 0.062145, 0.386592}, {0.279566, 0.067836, 0.391917},
    {0.280267, 0.073417, 0.397163}, {0.280894, 0.078907, 0.402329}, {0.281446, 0.084320, 0.407414},
    {0.281924, 0.089666, 0.412415}, {0.282327, 0.094955, 0.417331}, {0.282656, 0.100196, 0.422160},
    {0.282910, 0.105393, 0.426902}, {0.283091, 0.110553, 0.431554}, {0.283197, 0.115680, 0.436115},
    {0.283229, 0.120777, 0.440584}, {0.283187, 0.125848, 0.444960}, {0.283072, 0.130895, 0.449241},
    {0.282884, 0.135920, 0.453427}, {0.282623, 0.140926, 0.457517}, {0.282290, 0.145912, 0.461510},
    {0.281887, 0.150881, 0.465405}, {0.281412, 0.155834, 0.469201}, {0.280868, 0.160771, 0.472899},
    {0.280255, 0.165693, 0.476498}, {0.279574, 0.170599, 0.479997}, {0.278826, 0.175490, 0.483397},
    {0.278012, 0.180367, 0.486697}, {0.277134, 0.185228, 0.489898}, {0.276194, 0.190074, 0.493001},
    {0.275191, 0.194905, 0.496005}, {0.274128, 0.199721, 0.498911}, {0.273006, 0.204520, 0.501721},
    {0.271828, 0.209303, 0.504434}, {0.270595, 0.214069, 0.507052}, {0.269308, 0.218818, 0.509577},
    {0.267968, 0.223549, 0.512008}, {0.266580, 0.228262, 0.514349}, {0.265145, 0.232956, 0.516599},
    {0.263663, 0.237631, 0.518762}, {0.262138, 0.242286, 0.520837}, {0.260571, 0.246922, 0.522828},
    {0.258965, 0.251537, 0.524736}, {0.257322, 0.256130, 0.526563}, {0.255645, 0.260703, 0.528312},
    {0.253935, 0.265254, 0.529983}, {0.252194, 0.269783, 0.531579}, {0.250425, 0.274290, 0.533103},
    {0.248629, 0.278775, 0.534556}, {0.246811, 0.283237, 0.535941}, {0.244972, 0.287675, 0.537260},
    {0.243113, 0.292092, 0.538516}, {0.241237, 0.296485, 0.539709}, {0.239346, 0.300855, 0.540844},
    {0.237441, 0.305202, 0.541921}, {0.235526, 0.309527, 0.542944}, {0.233603, 0.313828, 0.543914},
    {0.231674, 0.318106, 0.544834}, {0.229739, 0.322361, 0.545706}, {0.227802, 0.326594, 0.546532},
    {0.225863, 0.330805, 0.547314}, {0.223925, 0.334994, 0.548053}, {0.221989, 0.339161, 0.548752},
    {0.220057, 0.343307, 0.549413}, {0.218130, 0.347432, 0.550038}, {0.216210, 0.351535, 0.550627},
    {0.214298, 0.355619, 0.551184}, {0.212395, 0.359683, 0.551710}, {0.210503, 0.363727, 0.552206},
    {0.208623, 0.367752, 0.552675}, {0.206756, 0.371758, 0.553117}, {0.204903, 0.375746, 0.553533},
    {0.203063, 0.379716, 0.553925}, {0.201239, 0.383670, 0.554294}, {0.199430, 0.387607, 0.554642},
    {0.197636, 0.391528, 0.554969}, {0.195860, 0.395433, 0.555276}, {0.194100, 0.399323, 0.555565},
    {0.192357, 0.403199, 0.555836}, {0.190631, 0.407061, 0.556089}, {0.188923, 0.410910, 0.556326},
    {0.187231, 0.414746, 0.556547}, {0.185556, 0.418570, 0.556753}, {0.183898, 0.422383, 0.556944},
    {0.182256, 0.426184, 0.557120}, {0.180629, 0.429975, 0.557282}, {0.179019, 0.433756, 0.557430},
    {0.177423, 0.437527, 0.557565}, {0.175841, 0.441290, 0.557685}, {0.174274, 0.445044, 0.557792},
    {0.172719, 0.448791, 0.557885}, {0.171176, 0.452530, 0.557965}, {0.169646, 0.456262, 0.558030},
    {0.168126, 0.459988, 0.558082}, {0.166617, 0.463708, 0.558119}, {0.165117, 0.467423, 0.558141},
    {0.163625, 0.471133, 0.558148}, {0.162142, 0.474838, 0.558140}, {0.160665, 0.478540, 0.558115},
    {0.159194, 0.482237, 0.558073}, {0.157729, 0.485932, 0.558013}, {0.156270, 0.489624, 0.557936},
    {0.154815, 0.493313, 0.557840}, {0.153364, 0.497000, 0.557724}, {0.151918, 0.500685, 0.557587},
    {0.150476, 0.504369, 0.557430}, {0.149039, 0.508051, 0.557250}, {0.147607, 0.511733, 0.557049},
    {0.146180, 0.515413, 0.556823}, {0.144759, 0.519093, 0.556572}, {0.143343, 0.522773, 0.556295},
    {0.141935, 0.526453, 0.555991}, {0.140536, 0.530132, 0.555659}, {0.139147, 0.533812, 0.555298},
    {0.137770, 0.537492, 0.554906}, {0.136408, 0.541173, 0.554483}, {0.135066, 0.544853, 0.554029},
    {0.133743, 0.548535, 0.553541}, {0.132444, 0.552216, 0.553018}, {0.131172, 0.555899, 0.552459},
    {0.129933, 0.559582, 0.551864}, {0.128729, 0.563265, 0.551229}, {0.127568, 0.566949, 0.550556},
    {0.126453, 0.570633, 0.549841}, {0.125394, 0.574318, 0.549086}, {0.124395, 0.578002, 0.548287},
    {0.123463, 0.581687, 0.547445}, {0.122606, 0.585371, 0.546557}, {0.121831, 0.589055, 0.545623},
    {0.121148, 0.592739, 0.544641}, {0.120565, 0.596422, 0.543611}, {0.120092, 0.600104, 0.542530},
    {0.119738, 0.603785, 0.541400}, {0.119512, 0.607464, 0.540218}, {0.119423, 0.611141, 0.538982},
    {0.119483, 0.614817, 0.537692}, {0.119699, 0.618490, 0.536347}, {0.120081, 0.622161, 0.534946},
    {0.120638, 0.625828, 0.533488}, {0.121380, 0.629492, 0.531973}, {0.122312, 0.633153, 0.530398},
    {0.123444, 0.636809, 0.528763}, {0.124780, 0.640461, 0.527068}, {0.126326, 0.644107, 0.525311},
    {0.128087, 0.647749, 0.523491}, {0.130067, 0.651384, 0.521608}, {0.132268, 0.655014, 0.519661},
    {0.134692, 0.658636, 0.517649}, {0.137339, 0.662252, 0.515571}, {0.140210, 0.665859, 0.513427},
    {0.143303, 0.669459, 0.511215}, {0.146616, 0.673050, 0.508936}, {0.150148, 0.676631, 0.506589},
    {0.153894, 0.680203, 0.504172}, {0.157851, 0.683765, 0.501686}, {0.162016, 0.687316, 0.499129},
    {0.166383, 0.690856, 0.496502}, {0.170948, 0.694384, 0.493803}, {0.175707, 0.697900, 0.491033},
    {0.180653, 0.701402, 0.488189}, {0.185783, 0.704891, 0.485273}, {0.191090, 0.708366, 0.482284},
    {0.196571, 0.711827, 0.479221}, {0.202219, 0.715272, 0.476084}, {0.208030, 0.718701, 0.472873},
    {0.214000, 0.722114, 0.469588}, {0.220124, 0.725509, 0.466226}, {0.226397, 0.728888, 0.462789},
    {0.232815, 0.732247, 0.459277}, {0.239374, 0.735588, 0.455688}, {0.246070, 0.738910, 0.452024},
    {0.252899, 0.742211, 0.448284}, {0.259857, 0.745492, 0.444467}, {0.266941, 0.748751, 0.440573},
    {0.274149, 0.751988, 0.436601}, {0.281477, 0.755203, 0.432552}, {0.288921, 0.758394, 0.428426},
    {0.296479, 0.761561, 0.424223}, {0.304148, 0.764704, 0.419943}, {0.311925, 0.767822, 0.415586},
    {0.319809, 0.770914, 0.411152}, {0.327796, 0.773980, 0.406640}, {0.335885, 0.777018, 0.402049},
    {0.344074, 0.780029, 0.397381}, {0.352360, 0.783011, 0.392636}, {0.360741, 0.785964, 0.387814},
    {0.369214, 0.788888, 0.382914}, {0.377779, 0.791781, 0.377939}, {0.386433, 0.794644, 0.372886},
    {0.395174, 0.797475, 0.367757}, {0.404001, 0.800275, 0.362552}, {0.412913, 0.803041, 0.357269},
    {0.421908, 0.805774, 0.351910}, {0.430983, 0.808473, 0.346476}, {0.440137, 0.811138, 0.340967},
    {0.449368, 0.813768, 0.335384}, {0.458674, 0.816363, 0.329727}, {0.468053, 0.818921, 0.323998},
    {0.477504, 0.821444, 0.318195}, {0.487026, 0.823929, 0.312321}, {0.496615, 0.826376, 0.306377},
    {0.506271, 0.828786, 0.300362}, {0.515992, 0.831158, 0.294279}, {0.525776, 0.833491, 0.288127},
    {0.535621, 0.835785, 0.281908}, {0.545524, 0.838039, 0.275626}, {0.555484, 0.840254, 0.269281},
    {0.565498, 0.842430, 0.262877}, {0.575563, 0.844566, 0.256415}, {0.585678, 0.846661, 0.249897},
    {0.595839, 0.848717, 0.243329}, {0.606045, 0.850733, 0.236712}, {0.616293, 0.852709, 0.230052},
    {0.626579, 0.854645, 0.223353}, {0.636902, 0.856542, 0.216620}, {0.647257, 0.858400, 0.209861},
    {0.657642, 0.860219, 0.203082}, {0.668054, 0.861999, 0.196293}, {0.678489, 0.863742, 0.189503},
    {0.688944, 0.865448, 0.182725}, {0.699415, 0.867117, 0.175971}, {0.709898, 0.868751, 0.169257},
    {0.720391, 0.870350, 0.162603}, {0.730889, 0.871916, 0.156029}, {0.741388, 0.873449, 0.149561},
    {0.751884, 0.874951, 0.143228}, {0.762373, 0.876424, 0.137064}, {0.772852, 0.877868, 0.131109},
    {0.783315, 0.879285, 0.125405}, {0.793760, 0.880678, 0.120005}, {0.804182, 0.882046, 0.114965},
    {0.814576, 0.883393, 0.110347}, {0.824940, 0.884720, 0.106217}, {0.835270, 0.886029, 0.102646},
    {0.845561, 0.887322, 0.099702}, {0.855810, 0.888601, 0.097452}, {0.866013, 0.889868, 0.095953},
    {0.876168, 0.891125, 0.095250}, {0.886271, 0.892374, 0.095374}, {0.896320, 0.893616, 0.096335},
    {0.906311, 0.894855, 0.098125}, {0.916242, 0.896091, 0.100717}, {0.926106, 0.897330, 0.104071},
    {0.935904, 0.898570, 0.108131}, {0.945636, 0.899815, 0.112838}, {0.955300, 0.901065, 0.118128},
    {0.964894, 0.902323, 0.123941}, {0.974417, 0.903590, 0.130215}, {0.983868, 0.904867, 0.136897},
    {0.993248, 0.906157, 0.143936},
};
// clang-format on

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
  plschr(d.font_mm, 1.0);
  plsmaj(0.35 * d.font_mm, 1.0);
  plsmin(0.175 * d.font_mm, 1.0);
  plwidth(std::max(1.0, d.font_mm * detail::kPixelsPerMm / 14.0));
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

// Draws the matrices side by side on one colour scale; `panel_titles` is empty or one each.
// `function` names the caller in messages.
void write_panels(const std::vector<Eigen::Ref<const Eigen::MatrixXd>>& matrices,
                  const std::vector<std::string>& panel_titles, const std::string& path,
                  const HeatmapOptions& options, const std::string& function) {
  const bool several = function != "write_heatmap_png";
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
  const auto name = [&](std::size_t k) {
    return several ? function + ": matrix " + std::to_string(k) : function;
  };
  for (std::size_t k = 0; k < matrices.size(); ++k) validate_values(matrices[k], name(k));
  detail::check_image_size(function, options.width, options.height);
  double min = matrices[0].minCoeff(), max = matrices[0].maxCoeff();
  for (const auto& values : matrices) {
    min = std::min(min, values.minCoeff());
    max = std::max(max, values.maxCoeff());
  }
  if (!std::isfinite(max - min)) {
    throw InvalidArgument(function + ": values span " + format_value(min) + " to " +
                          format_value(max) + ", a range that overflows a double");
  }
  const ColourRange range = colour_range(min, max);
  const TickFormat value_format = detail::value_ticks(range.low, range.high);

  std::vector<HeatmapAxis> column_axes, row_axes;
  std::vector<PanelShape> shapes;
  for (std::size_t k = 0; k < matrices.size(); ++k) {
    const std::string prefix = several ? name(k) + ": " : function + ": ";
    column_axes.push_back(heatmap_axis(matrices[k].cols(), options.x_values, prefix + "x_values"));
    row_axes.push_back(heatmap_axis(matrices[k].rows(), options.y_values, prefix + "y_values"));
    shapes.push_back({matrices[k].rows(), matrices[k].cols(), widest_label(row_axes[k].labels)});
  }
  const bool has_panel_titles = std::any_of(panel_titles.begin(), panel_titles.end(),
                                            [](const std::string& t) { return !t.empty(); });
  const HeatmapLayout layout =
      heatmap_layout(options.width, options.height, shapes,
                     widest_label(tick_labels(range.low, range.high, value_format)),
                     !options.title.empty(), has_panel_titles);

  // plimagefr reads idata[x][y]: x is the column, y the row.
  std::vector<std::vector<double>> cells(matrices.size());
  std::vector<std::vector<const double*>> columns(matrices.size());
  std::vector<std::string> titles(matrices.size());
  std::vector<HeatmapPanel> panels;
  for (std::size_t k = 0; k < matrices.size(); ++k) {
    const auto& values = matrices[k];
    const Eigen::Index rows = values.rows(), cols = values.cols();
    cells[k].resize(static_cast<std::size_t>(rows * cols));
    for (Eigen::Index j = 0; j < cols; ++j) {
      double* column = cells[k].data() + j * rows;
      for (Eigen::Index i = 0; i < rows; ++i) column[i] = values(i, j) / value_format.scale;
      columns[k].push_back(column);
    }
    if (has_panel_titles) titles[k] = detail::plplot_text(panel_titles[k]);
  }
  for (std::size_t k = 0; k < matrices.size(); ++k) {
    panels.push_back({columns[k].data(), static_cast<PLINT>(matrices[k].rows()),
                      static_cast<PLINT>(matrices[k].cols()), column_axes[k].edges.data(),
                      row_axes[k].edges.data(), column_axes[k].ticks, row_axes[k].ticks,
                      titles[k].c_str(), layout.viewports[k].data()});
  }

  const std::string title = detail::plplot_text(options.title);
  const std::string x_label = detail::plplot_text(options.x_label);
  const std::string y_label = detail::plplot_text(options.y_label);
  const std::string colorbar_label = detail::plplot_text(options.colorbar_label);
  const HeatmapDrawing drawing{panels.data(),
                               panels.size(),
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

Eigen::Vector3d viridis(double t) {
  if (std::isnan(t)) throw InvalidArgument("viridis: t is NaN");
  const double position = std::clamp(t, 0.0, 1.0) * 255.0;
  const int below = std::min(static_cast<int>(position), 254);
  const double fraction = position - below;
  const Eigen::Vector3d low(kViridis[below][0], kViridis[below][1], kViridis[below][2]);
  const Eigen::Vector3d high(kViridis[below + 1][0], kViridis[below + 1][1],
                             kViridis[below + 1][2]);
  return (1.0 - fraction) * low + fraction * high;
}

void write_heatmap_png(const Eigen::Ref<const Eigen::MatrixXd>& values, const std::string& path,
                       const HeatmapOptions& options) {
  write_panels({values}, {}, path, options, "write_heatmap_png");
}

void write_heatmaps_png(const std::vector<Eigen::MatrixXd>& matrices,
                        const std::vector<std::string>& titles, const std::string& path,
                        const HeatmapOptions& options) {
  std::vector<Eigen::Ref<const Eigen::MatrixXd>> panels;
  for (const Eigen::MatrixXd& values : matrices) panels.emplace_back(values);
  write_panels(panels, titles, path, options, "write_heatmaps_png");
}

}  // namespace rbfsvm
