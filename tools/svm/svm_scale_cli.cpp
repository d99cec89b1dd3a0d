#include "svm_scale_cli.hpp"

#include <CLI/CLI.hpp>
#include <charconv>
#include <cstdio>
#include <fstream>

#include "cli_common.hpp"
#include "rbfsvm/core/atomic_file.hpp"
#include "rbfsvm/data/dataset.hpp"
#include "rbfsvm/core/error.hpp"
#include "rbfsvm/data/scaling.hpp"
#include "train_options.hpp"

namespace rbfsvm::cli {
namespace {

// printf's %g and %.17g without the C locale's influence (svm-scale's output formats).
std::string format(double value, int precision) {
  char buffer[64];
  const auto result =
      std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::general, precision);
  return std::string(buffer, result.ptr);
}

void write_scaled(const Dataset& data, std::ostream& out) {
  for (Index i = 0; i < static_cast<Index>(data.n_samples()); ++i) {
    out << format(data.labels[static_cast<std::size_t>(i)], 17) << ' ';
    if (data.is_sparse()) {
      const SparseRows::Row row = data.sparse->row(i);
      for (Index e = 0; e < row.size; ++e) {
        if (row.values[e] != 0) out << row.indices[e] + 1 << ':' << format(row.values[e], 6) << ' ';
      }
    } else {
      for (Index f = 0; f < data.X.cols(); ++f) {
        if (data.X(i, f) != 0) out << f + 1 << ':' << format(data.X(i, f), 6) << ' ';
      }
    }
    out << '\n';
  }
}

}  // namespace

int run_svm_scale(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  CLI::App app{"Scales each feature to [lower, upper] (LIBSVM's svm-scale); prints LIBSVM format.",
               "svm_scale"};
  app.set_help_flag("--help", "print this help and exit");
  double lower = -1, upper = 1;
  std::vector<double> y_bounds;
  std::string save_path, restore_path, data_path, output_path;
  app.add_option("-l,--lower", lower, "x scaling lower limit (default -1)");
  app.add_option("-u,--upper", upper, "x scaling upper limit (default +1)");
  app.add_option("-y", y_bounds, "y scaling limits: LOWER UPPER (default: no y scaling)")
      ->expected(2);
  app.add_option("-s,--save", save_path, "save the fitted ranges to this file");
  app.add_option("-r,--restore", restore_path, "apply the ranges in this file instead of fitting");
  app.add_option("-o,--output", output_path, "write the scaled data here instead of stdout");
  app.add_option("data_file", data_path, "CSV or LIBSVM-format data")->required();
  Storage storage = Storage::automatic;
  add_storage_option(app, storage);
  return run_tool(app, "svm_scale", args, out, err, [&] {
    if (!save_path.empty() && !restore_path.empty()) {
      throw InvalidArgument("give -s or -r, not both");
    }
    ReadOptions read_options;
    read_options.storage = storage;
    Dataset data = read_dataset(data_path, read_options);
    Scaling scaling;
    if (!restore_path.empty()) {
      std::ifstream in(restore_path);
      if (!in) throw IoError("cannot read range file '" + restore_path + "'");
      scaling = read_range_file(in, restore_path);
    } else {
      scaling = Scaling::fit_min_max(data.points(), lower, upper);
      if (!y_bounds.empty()) {
        if (!(y_bounds[0] < y_bounds[1])) throw InvalidArgument("-y needs LOWER < UPPER");
        const auto [low, high] = std::minmax_element(data.labels.begin(), data.labels.end());
        scaling.target = std::vector<double>{y_bounds[0], y_bounds[1], *low, *high};
      }
    }
    if (data.is_sparse()) {
      const std::int64_t before = data.sparse->nonzeros();
      data.sparse = scaling.apply(*data.sparse);
      // svm-scale's own warning: the scaling filled in the zeros a sparse file leaves out.
      if (data.sparse->nonzeros() > before) {
        err << "svm_scale: warning: original #nonzeros " << before << " > new #nonzeros "
            << data.sparse->nonzeros()
            << ": this scaling maps 0 to a non-zero value. If feature values are non-negative "
               "and sparse, use -l 0 rather than the default -l -1\n";
      }
    } else {
      scaling.apply(data.X);
    }
    scaling.apply_to_targets(data.labels);
    if (!save_path.empty()) {
      write_text_atomically(save_path, [&](std::ostream& file) { write_range_file(scaling, file); });
    }
    if (output_path.empty()) {
      write_scaled(data, out);
    } else {
      write_text_atomically(output_path, [&](std::ostream& file) { write_scaled(data, file); });
    }
    return exit_success;
  });
}

}  // namespace rbfsvm::cli
