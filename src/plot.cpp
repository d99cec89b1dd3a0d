#include "rbfsvm/plot.hpp"

#include <plplot.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "plot_axes.hpp"
#include "plplot_stream.hpp"
#include "rbfsvm/atomic_file.hpp"
#include "rbfsvm/error.hpp"

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

}  // namespace

namespace detail {

std::string format_value(double value) {
  char text[64];
  const std::to_chars_result result = std::to_chars(text, text + sizeof text, value);
  return std::string(text, result.ptr);
}

double nice_step(double range, double intervals) {
  const double raw = range / intervals;
  const double power = std::pow(10.0, std::floor(std::log10(raw)));
  const double mantissa = raw / power;
  const double nice = mantissa < 1.5 ? 1.0 : mantissa < 3.5 ? 2.0 : mantissa < 7.5 ? 5.0 : 10.0;
  return nice * power;
}

void format_tick(double value, const TickFormat& format, char* text, std::size_t size) {
  char buffer[768];
  char* end = buffer;
  if (std::abs(value) < format.step * 1e-6) {
    *end++ = '0';
  } else {
    const auto style = format.scientific ? std::chars_format::scientific : std::chars_format::fixed;
    const std::to_chars_result result =
        std::to_chars(buffer, buffer + sizeof buffer, value, style, format.precision);
    end = result.ec == std::errc() ? result.ptr : buffer;
  }
  if (format.scientific) {
    // to_chars writes "1.5e+06"; "1.5e6" reads better on an axis.
    char* exponent = std::find(buffer, end, 'e');
    if (exponent != end) {
      char* digits = exponent + 1;
      char* out = digits;
      if (*digits == '-') ++out, ++digits;
      if (*digits == '+') ++digits;
      while (digits + 1 < end && *digits == '0') ++digits;
      end = std::copy(digits, end, out);
    }
  }
  const std::size_t length = std::min(static_cast<std::size_t>(end - buffer), size - 1);
  std::copy(buffer, buffer + length, text);
  text[length] = '\0';
}

void label_tick(PLINT, PLFLT value, char* text, PLINT size, PLPointer format) {
  const TickFormat& tick_format = *static_cast<const TickFormat*>(format);
  format_tick(value * tick_format.scale, tick_format, text, static_cast<std::size_t>(size));
}

std::vector<std::string> tick_labels(double low, double high, const TickFormat& format) {
  std::vector<std::string> labels;
  const double first = std::ceil(low / format.step - 1e-9);
  const double last = std::floor(high / format.step + 1e-9);
  for (double k = first; k <= last && labels.size() < 1000; ++k) {
    char text[512];
    format_tick(k * format.step, format, text, sizeof text);
    labels.emplace_back(text);
  }
  return labels;
}

namespace {

std::size_t longest(const std::vector<std::string>& labels) {
  std::size_t length = 0;
  for (const std::string& label : labels) length = std::max(length, label.size());
  return length;
}

}  // namespace

TickFormat value_ticks(double low, double high, double intervals) {
  const double step = nice_step(high - low, intervals);
  const double magnitude = std::max(std::abs(low), std::abs(high));
  const double scale = std::ldexp(1.0, std::ilogb(magnitude));
  const int step_exponent = static_cast<int>(std::floor(std::log10(step) + 1e-9));
  const int magnitude_exponent = static_cast<int>(std::floor(std::log10(magnitude)));
  const TickFormat fixed{step, scale, false, std::max(0, -step_exponent)};
  const TickFormat scientific{step, scale, true, std::max(0, magnitude_exponent - step_exponent)};
  const std::size_t fixed_length = longest(tick_labels(low, high, fixed));
  const std::size_t scientific_length = longest(tick_labels(low, high, scientific));
  // Fixed-point unless scientific is clearly shorter (2e-8, 1.5e12; but 999999.4 rather than
  // 9.999994e5).
  return fixed_length <= scientific_length + 2 ? fixed : scientific;
}

// Labels are numbers: the sum of their glyphs' advance widths in DejaVu Sans, times 4/3 because
// pango lays text out at 96 dpi where PLplot's cairo driver assumes 72 (text comes out a third
// larger than PLplot thinks), with a little slack for other sans fonts.
double label_width(const std::string& label) {
  double width = 0;
  for (const char c : label) {
    switch (c) {
      case '.':
        width += 0.318;
        break;
      case '-':
        width += 0.361;
        break;
      case '+':
        width += 0.838;
        break;
      case 'e':
        width += 0.615;
        break;
      default:
        width += 0.636;
        break;
    }
  }
  return 1.05 * 4.0 / 3.0 * width;
}

double widest_label(const std::vector<std::string>& labels) {
  double widest = 0;
  for (const std::string& label : labels) widest = std::max(widest, label_width(label));
  return widest;
}

}  // namespace detail

namespace {

using detail::format_value;
using detail::kMaxPixels;
using detail::kMinPixels;
using detail::label_tick;
using detail::nice_step;
using detail::tick_labels;
using detail::TickFormat;
using detail::widest_label;

// Up to this many cells along an axis, every cell gets a tick and a label.
constexpr Eigen::Index kMaxCellsLabelledEach = 20;

void validate(const Eigen::Ref<const Eigen::MatrixXd>& values, const HeatmapOptions& options) {
  if (values.size() == 0) {
    throw InvalidArgument("write_heatmap_png: the matrix is empty (" +
                          std::to_string(values.rows()) + " x " + std::to_string(values.cols()) +
                          ")");
  }
  for (Eigen::Index j = 0; j < values.cols(); ++j) {
    for (Eigen::Index i = 0; i < values.rows(); ++i) {
      if (!std::isfinite(values(i, j))) {
        throw InvalidArgument("write_heatmap_png: value " + format_value(values(i, j)) +
                              " at row " + std::to_string(i) + ", column " + std::to_string(j) +
                              " is not finite");
      }
    }
  }
  const auto check_size = [](const char* name, int pixels) {
    if (pixels < kMinPixels || pixels > kMaxPixels) {
      throw InvalidArgument("write_heatmap_png: " + std::string(name) + " " +
                            std::to_string(pixels) + " is outside " + std::to_string(kMinPixels) +
                            ".." + std::to_string(kMaxPixels) + " pixels");
    }
  };
  check_size("width", options.width);
  check_size("height", options.height);
  if (!std::isfinite(values.maxCoeff() - values.minCoeff())) {
    throw InvalidArgument("write_heatmap_png: values span " + format_value(values.minCoeff()) +
                          " to " + format_value(values.maxCoeff()) +
                          ", a range that overflows a double");
  }
}

// The n + 1 cell edges of an axis whose n cell centres are `centres` (validated here): halfway
// between neighbours, and half a neighbour spacing beyond the first and last centres. A single
// cell gets a width of max(1, 10% of its value).
std::vector<double> cell_edges(const std::vector<double>& centres, Eigen::Index cells,
                               const char* name) {
  const std::string what = "write_heatmap_png: " + std::string(name);
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

// One axis of a heatmap in PLplot's world coordinates: the cell edges, and how its ticks are
// placed and labelled. Without coordinate values the world is index space (cell k centred on
// k); with them it is the values divided by format.scale.
struct HeatmapAxis {
  std::vector<double> edges;  // cells + 1
  TickFormat format;
  std::vector<std::string> labels;  // as they will be printed, for the layout
};

HeatmapAxis heatmap_axis(Eigen::Index cells, const std::vector<double>& centres, const char* name) {
  HeatmapAxis axis;
  if (centres.empty()) {
    axis.format = TickFormat{cell_tick_step(cells), 1.0, false, 0};
    for (Eigen::Index k = 0; k <= cells; ++k) axis.edges.push_back(static_cast<double>(k) - 0.5);
    axis.labels = tick_labels(0.0, static_cast<double>(cells - 1), axis.format);
    return axis;
  }
  axis.edges = cell_edges(centres, cells, name);
  const double low = std::min(axis.edges.front(), axis.edges.back());
  const double high = std::max(axis.edges.front(), axis.edges.back());
  axis.format = detail::value_ticks(low, high, 6.0);
  axis.labels = tick_labels(low, high, axis.format);
  for (double& edge : axis.edges) edge /= axis.format.scale;
  return axis;
}

// Where everything goes, in PLplot's units, computed before drawing.
struct HeatmapLayout {
  double font_mm;                  // character height
  double viewport[4];              // the cells: xmin, xmax, ymin, ymax, normalized page units
  double colorbar_offset;          // gap between cells and colorbar, normalized viewport units
  double colorbar_width;           // normalized viewport units
  double row_axis_label_distance;  // from the left edge, character heights
};

// The font follows the image size (smaller if the margins would crowd out the cells); the
// cells are square where that leaves them at least half the free space each way. Distances
// are in character heights, as PLplot places text: tick labels sit about one out from the
// axis (outward ticks), axis labels one beyond them, and the colorbar has a gap, the bar, its
// tick labels and its label.
HeatmapLayout heatmap_layout(double width, double height, Eigen::Index rows, Eigen::Index cols,
                             double widest_row_label, double widest_value_label, bool has_title) {
  const double row_axis_label_distance = 1.0 + widest_row_label + 1.3;
  double font = std::clamp(std::min(width, height) / 50.0, 6.0, 48.0);
  double left = 0, right = 0, top = 0, bottom = 0;
  for (;;) {
    left = font * (row_axis_label_distance + 0.5 + 0.8);
    right = font * (1.2 + 1.1 + 1.0 + widest_value_label + 1.0 + 1.3 + 0.8);
    top = has_title ? font * (1.25 * 2.0 + 0.8) : font * 1.2;
    bottom = font * (2.3 + 1.0 + 1.2 + 0.7);
    const bool fits = width - left - right >= 0.4 * width && height - top - bottom >= 0.4 * height;
    if (fits || font <= 2.0) break;
    font *= 0.85;
  }
  const double free_width = std::max(width - left - right, 0.2 * width);
  const double free_height = std::max(height - top - bottom, 0.2 * height);
  const double cell =
      std::min(free_width / static_cast<double>(cols), free_height / static_cast<double>(rows));
  const double plot_width = std::max(cell * static_cast<double>(cols), 0.5 * free_width);
  const double plot_height = std::max(cell * static_cast<double>(rows), 0.5 * free_height);
  const double plot_left = left + (free_width - plot_width) / 2;
  const double plot_top = top + (free_height - plot_height) / 2;

  HeatmapLayout layout{};
  layout.font_mm = font / detail::kPixelsPerMm;
  layout.viewport[0] = plot_left / width;
  layout.viewport[1] = (plot_left + plot_width) / width;
  layout.viewport[2] = 1.0 - (plot_top + plot_height) / height;
  layout.viewport[3] = 1.0 - plot_top / height;
  layout.colorbar_offset = 1.2 * font / plot_width;
  layout.colorbar_width = 1.1 * font / plot_width;
  layout.row_axis_label_distance = row_axis_label_distance;
  return layout;
}

// Everything the drawing needs, prepared beforehand: drawing runs under PlplotStream::draw,
// where nothing with a destructor may be created.
struct HeatmapDrawing {
  const double* const* columns;  // columns[j][i]: row i, column j, divided by value.scale
  PLINT rows, cols;
  double low, high;            // the colour range, divided by value.scale
  const double* column_edges;  // cols + 1, world coordinates
  const double* row_edges;     // rows + 1, world coordinates
  TickFormat column, row, value;
  const char* title;  // empty for none
  const char* x_label;
  const char* y_label;
  const char* colorbar_label;
  HeatmapLayout layout;
};

// plimagefr's map from image indices to world coordinates: cell (x, y) spans x..x+1 and y..y+1
// in index space, whose integer corners plimagefr passes here, and column_edges[x] ..
// column_edges[x + 1], row_edges[y] .. row_edges[y + 1] in the world. (Without a map,
// plimagefr stretches the image so that the first corners of the first and last cells meet
// xmin and xmax.)
void map_cell_corner(PLFLT x, PLFLT y, PLFLT* world_x, PLFLT* world_y, PLPointer drawing) {
  const HeatmapDrawing& d = *static_cast<const HeatmapDrawing*>(drawing);
  const long column = std::clamp(std::lround(x), 0L, static_cast<long>(d.cols));
  const long row = std::clamp(std::lround(y), 0L, static_cast<long>(d.rows));
  *world_x = d.column_edges[column];
  *world_y = d.row_edges[row];
}

void draw_heatmap(const HeatmapDrawing& d) {
  const HeatmapLayout& layout = d.layout;
  pladv(0);
  plschr(layout.font_mm, 1.0);
  plsmaj(0.35 * layout.font_mm, 1.0);
  plsmin(0.175 * layout.font_mm, 1.0);
  plwidth(std::max(1.0, layout.font_mm * detail::kPixelsPerMm / 14.0));
  plvpor(layout.viewport[0], layout.viewport[1], layout.viewport[2], layout.viewport[3]);
  // Rows run down the page: the window's y goes from the last row (bottom) up to row 0.
  const double left = d.column_edges[0], right = d.column_edges[d.cols];
  const double top = d.row_edges[0], bottom = d.row_edges[d.rows];
  plwind(left, right, bottom, top);
  plimagefr(d.columns, d.cols, d.rows, left, right, top, bottom, d.low, d.high, d.low, d.high,
            map_cell_corner, const_cast<HeatmapDrawing*>(&d));

  plcol0(detail::kForeground);
  plbox("bc", 0.0, 0, "bc", 0.0, 0);  // the frame; ticks on the bottom and left only
  plslabelfunc(label_tick, const_cast<TickFormat*>(&d.column));
  plbox("binto", d.column.step / d.column.scale, 0, "", 0.0, 0);
  plslabelfunc(label_tick, const_cast<TickFormat*>(&d.row));
  plbox("", 0.0, 0, "binvto", d.row.step / d.row.scale, 0);
  plmtex("b", 3.6, 0.5, 0.5, d.x_label);
  plmtex("l", layout.row_axis_label_distance, 0.5, 0.5, d.y_label);
  if (d.title[0] != '\0') {
    plschr(layout.font_mm, 1.25);
    plmtex("t", 1.3, 0.5, 0.5, d.title);
    plschr(layout.font_mm, 1.0);
  }

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
             PL_POSITION_RIGHT | PL_POSITION_OUTSIDE | PL_POSITION_VIEWPORT, layout.colorbar_offset,
             0.0, layout.colorbar_width, 1.0, detail::kBackground, detail::kForeground, 1, 0.0, 1.0,
             0, 0.0, 1, label_options, labels, 1, axis_options, ticks, sub_ticks, value_counts,
             value_arrays);
  plslabelfunc(nullptr, nullptr);
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
  validate(values, options);
  const Eigen::Index rows = values.rows();
  const Eigen::Index cols = values.cols();
  const ColourRange range = colour_range(values.minCoeff(), values.maxCoeff());
  const TickFormat value_format = detail::value_ticks(range.low, range.high);
  const HeatmapAxis column_axis = heatmap_axis(cols, options.x_values, "x_values");
  const HeatmapAxis row_axis = heatmap_axis(rows, options.y_values, "y_values");

  // plimagefr reads idata[x][y]: x is the column, y the row.
  std::vector<double> cells(static_cast<std::size_t>(rows * cols));
  std::vector<const double*> columns(static_cast<std::size_t>(cols));
  for (Eigen::Index j = 0; j < cols; ++j) {
    double* column = cells.data() + j * rows;
    for (Eigen::Index i = 0; i < rows; ++i) column[i] = values(i, j) / value_format.scale;
    columns[static_cast<std::size_t>(j)] = column;
  }

  const std::string title = detail::plplot_text(options.title);
  const std::string x_label = detail::plplot_text(options.x_label);
  const std::string y_label = detail::plplot_text(options.y_label);
  const std::string colorbar_label = detail::plplot_text(options.colorbar_label);
  const HeatmapDrawing drawing{
      columns.data(),
      static_cast<PLINT>(rows),
      static_cast<PLINT>(cols),
      range.low / value_format.scale,
      range.high / value_format.scale,
      column_axis.edges.data(),
      row_axis.edges.data(),
      column_axis.format,
      row_axis.format,
      value_format,
      title.c_str(),
      x_label.c_str(),
      y_label.c_str(),
      colorbar_label.c_str(),
      heatmap_layout(options.width, options.height, rows, cols, widest_label(row_axis.labels),
                     widest_label(tick_labels(range.low, range.high, value_format)),
                     !options.title.empty())};

  write_file_atomically(path, [&](const std::string& temp) {
    detail::PlplotStream stream(temp, path, options.width, options.height);
    stream.draw([&] { draw_heatmap(drawing); });
    stream.finish();
  });
}

}  // namespace rbfsvm
