#include "kde_cli.hpp"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <optional>
#include <sstream>

#include "cli_common.hpp"
#include "rbfsvm/core/format.hpp"
#include "rbfsvm/core/atomic_file.hpp"
#include "rbfsvm/data/table.hpp"
#include "rbfsvm/gaussian/kde.hpp"
#include "rbfsvm/config.hpp"
#if RBFSVM_WITH_PLOT
#include "rbfsvm/plot/plot.hpp"
#endif

namespace rbfsvm::cli {
namespace {

// The whole of `text` as a number, locale-independently; nothing when it is not one.
std::optional<double> parse_number(const std::string& text) {
  double value = 0;
  const char* end = text.data() + text.size();
  const std::from_chars_result result = std::from_chars(text.data(), end, value);
  if (result.ec != std::errc() || result.ptr != end) return std::nullopt;
  return value;
}

// "scott", "silverman" (any case) or a number h; numbers are checked by the library, which
// names the value it refuses.
Bandwidth parse_bandwidth(const std::string& text) {
  std::string lower = text;
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (lower == "scott") return Bandwidth::scott();
  if (lower == "silverman") return Bandwidth::silverman();
  return Bandwidth::fixed(*parse_number(text));
}

std::string bandwidth_check(const std::string& text) {
  std::string lower = text;
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (lower == "scott" || lower == "silverman" || parse_number(text)) return {};
  return "expected scott, silverman or a number h, got '" + text + "'";
}

// Shortest round-trip text, for the CSV.
std::string exact(double value) { return shortest_text(value); }

// Four significant digits, for people.
std::string brief(double value) {
  char text[64];
  const std::to_chars_result result =
      std::to_chars(text, text + sizeof text, value, std::chars_format::general, 4);
  return std::string(text, result.ptr);
}

// A CSV field, quoted (RFC 4180) when it holds a delimiter, a quote, a line break or edge
// spaces.
std::string csv_field(const std::string& text) {
  const bool needs_quotes = text.find_first_of(",;\t\"\r\n") != std::string::npos ||
                            (!text.empty() && (text.front() == ' ' || text.back() == ' '));
  if (!needs_quotes) return text;
  std::string quoted = "\"";
  for (const char c : text) {
    quoted += c;
    if (c == '"') quoted += '"';
  }
  return quoted + "\"";
}

// A column of the sample and its name for captions: the header's, else "column N" as given.
struct Column {
  Eigen::VectorXd values;
  std::string name;
};

Column column_of(const Table& table, Index k, const std::string& given) {
  return {table.values.col(k),
          table.column_names.empty() ? "column " + given : table.column_names[static_cast<std::size_t>(k)]};
}

std::string describe(const GaussianKde& kde) {
  std::ostringstream text;
  text << "bandwidth " << to_string(kde.bandwidth());
  if (kde.bandwidth().rule != BandwidthRule::fixed) text << ", factor " << brief(kde.factor());
  if (kde.n_dimensions() == 1) {
    text << ", h = " << brief(kde.bandwidth_along(0));
  } else {
    const Eigen::MatrixXd& H = kde.bandwidth_matrix();
    text << ", H = [[" << brief(H(0, 0)) << ", " << brief(H(0, 1)) << "], [" << brief(H(1, 0))
         << ", " << brief(H(1, 1)) << "]]";
  }
  return text.str();
}

// The legend entry / title part naming the bandwidth.
[[maybe_unused]] std::string bandwidth_caption(const GaussianKde& kde) {
  switch (kde.bandwidth().rule) {
    case BandwidthRule::scott:
      return "Scott's rule";
    case BandwidthRule::silverman:
      return "Silverman's rule";
    case BandwidthRule::fixed:
      break;
  }
  return "fixed bandwidth";
}

void run_1d(const Column& column, const Bandwidth& bandwidth, Index grid_size, double cut,
            const std::string& csv, const std::string& png, std::ostream& out) {
  const GaussianKde kde(column.values, bandwidth);
  const auto [low, high] = kde.grid_limits(0, cut);
  const Eigen::VectorXd x = linear_grid(low, high, grid_size);
  const Eigen::VectorXd density = kde.density_on_grid(x);
  out << "kde: " << kde.n_samples() << " points of " << column.name << ", " << describe(kde) << "\n"
      << "grid: " << grid_size << " points from " << brief(low) << " to " << brief(high) << "\n";
  if (!csv.empty()) {
    write_text_atomically(csv, [&](std::ostream& file) {
      file << csv_field(column.name) << ",density\n";
      for (Index k = 0; k < x.size(); ++k) file << exact(x(k)) << ',' << exact(density(k)) << '\n';
    });
    out << "wrote " << csv << "\n";
  }
  if (!png.empty()) {
#if RBFSVM_WITH_PLOT  // else --png is refused while parsing (draws_picture)
    Curve curve;
    curve.label = bandwidth_caption(kde) + ", h = " + brief(kde.bandwidth_along(0));
    curve.x.assign(x.data(), x.data() + x.size());
    curve.y.assign(density.data(), density.data() + density.size());
    DensityPlotOptions options;
    options.title = "Kernel density estimate of " + column.name;
    options.x_label = column.name;
    options.sample_label = "sample, n = " + std::to_string(kde.n_samples());
    write_density_plot_png(column.values, {curve}, png, options);
    out << "wrote " << png << "\n";
#endif
  }
}

void run_2d(const Column& first, const Column& second, const Bandwidth& bandwidth, Index grid_size,
            double cut, const std::string& csv, const std::string& png, std::ostream& out) {
  RowMatrix<double> data(first.values.size(), 2);
  data.col(0) = first.values;
  data.col(1) = second.values;
  const GaussianKde kde(data, bandwidth);
  const auto [x_low, x_high] = kde.grid_limits(0, cut);
  const auto [y_low, y_high] = kde.grid_limits(1, cut);
  const Eigen::VectorXd x = linear_grid(x_low, x_high, grid_size);
  const Eigen::VectorXd y = linear_grid(y_low, y_high, grid_size);
  const Eigen::MatrixXd density = kde.density_on_grid(x, y);  // density(i, j) at (x_j, y_i)
  out << "kde: " << kde.n_samples() << " points of (" << first.name << ", " << second.name << "), "
      << describe(kde) << "\n"
      << "grid: " << grid_size << " x " << grid_size << " points, " << first.name << " from "
      << brief(x_low) << " to " << brief(x_high) << ", " << second.name << " from " << brief(y_low)
      << " to " << brief(y_high) << "\n";
  if (!csv.empty()) {
    write_text_atomically(csv, [&](std::ostream& file) {
      file << csv_field(first.name) << ',' << csv_field(second.name) << ",density\n";
      for (Index i = 0; i < y.size(); ++i) {
        for (Index j = 0; j < x.size(); ++j) {
          file << exact(x(j)) << ',' << exact(y(i)) << ',' << exact(density(i, j)) << '\n';
        }
      }
    });
    out << "wrote " << csv << "\n";
  }
  if (!png.empty()) {
#if RBFSVM_WITH_PLOT  // else --png is refused while parsing (draws_picture)
    // Row 0 of a heatmap is drawn at the top: flip the rows so that y grows upwards.
    const Eigen::MatrixXd image = density.colwise().reverse();
    HeatmapOptions options;
    options.title = "Kernel density estimate, " + bandwidth_caption(kde);
    if (kde.bandwidth().rule == BandwidthRule::fixed)
      options.title += " h = " + brief(kde.factor());
    options.x_label = first.name;
    options.y_label = second.name;
    options.colorbar_label = "density";
    options.x_values.assign(x.data(), x.data() + x.size());
    options.y_values.assign(y.data(), y.data() + y.size());
    std::reverse(options.y_values.begin(), options.y_values.end());
    write_heatmap_png(image, png, options);
    out << "wrote " << png << "\n";
#endif
  }
}

// Without --column the file must have one column; CLI11's words for a missing required option.
int column_required(std::ostream& err) {
  err << "kde: error: --column is required\n"
      << "Run 'kde --help' for the options.\n";
  return exit_usage;
}

}  // namespace

int run_kde(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  CLI::App app{
      "Gaussian kernel density estimate of one CSV column (or two, for a 2-D density): "
      "f(y) = (1/n) sum_i N(y; x_i, H), evaluated on a regular grid from min - cut*h to "
      "max + cut*h along each axis. Bandwidths: Scott's rule H = n^(-2/(d+4)) C, Silverman's "
      "H = (n (d+2) / 4)^(-2/(d+4)) C (C the sample covariance; scipy.stats.gaussian_kde's "
      "definitions), or a number h for H = h^2 I.",
      "kde"};
  app.set_help_flag("--help", "print this help and exit");
  std::string data_path, column, column2, bandwidth_text = "scott", csv, png;
  int grid_size = 200;
  double cut = 3.0;
  app.add_option("data_file", data_path,
                 "CSV data: one column, or several of which --column names one")
      ->required();
  app.add_option("--column", column,
                 "the column to estimate: a header name, or a 1-based index (required when the "
                 "file has more than one column)");
  app.add_option("--column2", column2, "a second column, for a 2-D density (y axis)");
  app.add_option("--bandwidth", bandwidth_text,
                 "scott (default), silverman, or a number h > 0 in data units (H = h^2 I)")
      ->check(bandwidth_check, "scott|silverman|H");
  app.add_option("--grid", grid_size, "grid points along each axis (default 200)")
      ->check(CLI::Range(2, 4096));
  app.add_option("--cut", cut,
                 "the grid extends this many bandwidths beyond the data (default 3, as seaborn)")
      ->check(CLI::Range(0.0, 1000.0));
  app.add_option("--csv", csv, "write the density on the grid here (columns: x[, y], density)");
  draws_picture(app.add_option("--png", png,
                               "draw it here: a histogram with the density curve (1-D) or a "
                               "heatmap (2-D)"));
  return run_tool(app, "kde", args, out, err, [&] {
    if (!column2.empty() && column2 == column) {
      err << "kde: error: --column and --column2 name the same column '" << column << "'\n";
      return exit_usage;
    }
    if (column.empty() && !column2.empty()) return column_required(err);
    const Bandwidth bandwidth = parse_bandwidth(bandwidth_text);
    TableOptions options;
    options.columns = {column.empty() ? "1" : column};
    if (!column2.empty()) options.columns.push_back(column2);
    const Table table = read_table(data_path, options);
    if (column.empty() && table.n_file_columns > 1) return column_required(err);
    const Column first = column_of(table, 0, options.columns[0]);
    if (column2.empty()) {
      run_1d(first, bandwidth, grid_size, cut, csv, png, out);
    } else {
      run_2d(first, column_of(table, 1, column2), bandwidth, grid_size, cut, csv, png, out);
    }
    return exit_success;
  });
}

}  // namespace rbfsvm::cli
