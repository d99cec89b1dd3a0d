#include "svm_grid_cli.hpp"

#include <CLI/CLI.hpp>
#include <chrono>
#include <cmath>
#include <iomanip>
#include <map>
#include <sstream>

#include "cli_common.hpp"
#include "rbfsvm/core/atomic_file.hpp"
#include "rbfsvm/data/dataset.hpp"
#include "rbfsvm/core/error.hpp"
#include "rbfsvm/svm/grid_search.hpp"
#include "rbfsvm/plot/plot.hpp"

namespace rbfsvm::cli {
namespace {

// "begin,end,step" as grid.py's -log2c / -log2g.
Log2Range parse_range(const std::string& text, const std::string& option) {
  std::vector<double> parts;
  std::stringstream stream(text);
  for (std::string part; std::getline(stream, part, ',');) {
    try {
      std::size_t used = 0;
      parts.push_back(std::stod(part, &used));
      if (used != part.size()) throw std::exception();
    } catch (const std::exception&) {
      throw InvalidArgument(option + " expects BEGIN,END,STEP numbers, got '" + text + "'");
    }
  }
  if (parts.size() != 3) throw InvalidArgument(option + " expects BEGIN,END,STEP, got '" + text + "'");
  return {parts[0], parts[1], parts[2]};
}

std::string power_of_two(double value) {
  std::ostringstream text;
  text << "2^" << std::log2(value) << " = " << value;
  return text.str();
}

void write_csv(const GridSearchResult& result, std::ostream& out) {
  out << "log2_C,log2_gamma,C,gamma,sigma," << (result.higher_is_better ? "accuracy" : "mse") << '\n';
  out << std::setprecision(17);
  for (const GridPoint& p : result.points) {
    out << std::log2(p.C) << ',' << std::log2(p.gamma) << ',' << p.C << ',' << p.gamma << ','
        << sigma_from_gamma(p.gamma) << ',' << p.score << '\n';
  }
}

// The coarse grid as a matrix: rows gamma (in the order searched), columns C.
Eigen::MatrixXd coarse_matrix(const GridSearchResult& result, std::size_t n_gamma, std::size_t n_C) {
  Eigen::MatrixXd scores(static_cast<Index>(n_gamma), static_cast<Index>(n_C));
  for (std::size_t k = 0; k < n_gamma * n_C; ++k) {
    scores(static_cast<Index>(k / n_C), static_cast<Index>(k % n_C)) =
        result.higher_is_better ? 100.0 * result.points[k].score : result.points[k].score;
  }
  return scores;
}

}  // namespace

int run_svm_grid(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  CLI::App app{"Searches C and gamma (sigma) of an RBF SVM by cross-validation on a log2 grid.",
               "svm_grid"};
  app.set_help_flag("--help", "print this help and exit");
  std::string data_path, type_text = "c_svc", log2c_text = "-5,15,2", log2g_text = "3,-15,-2";
  std::string csv_path, png_path, label_column, scale_text;
  TrainOptions base;
  GridSearchOptions grid;
  bool quiet = false;
  app.add_option("data_file", data_path, "CSV or LIBSVM-format data")->required();
  app.add_option("-s,--type", type_text, "c_svc, nu_svc, epsilon_svr or nu_svr (default c_svc)");
  app.add_option("--log2c", log2c_text, "BEGIN,END,STEP of log2 C (default -5,15,2)");
  app.add_option("--log2g", log2g_text, "BEGIN,END,STEP of log2 gamma (default 3,-15,-2)");
  app.add_option("-v,--folds", grid.folds, "cross-validation folds (default 5)");
  app.add_flag("--refine", grid.refine, "then search 4x finer around the best point");
  app.add_option("-n,--nu", base.nu, "nu for nu_svc / nu_svr (default 0.5)");
  app.add_option("-p,--epsilon", base.epsilon, "epsilon of epsilon_svr (default 0.1)");
  app.add_option("-e,--tol", base.tolerance, "stopping tolerance (default 0.001)");
  app.add_option("-m,--cache-mb", base.cache_mb,
                 "kernel budget of the whole search in MB, shared by the points that run at once "
                 "(default 0: what the memory limit leaves after the data)");
  app.add_option("--seed", base.seed, "seed of the fold assignment (default 1)");
  app.add_option("--label", label_column, "CSV label column, by name or 1-based index");
  app.add_flag("--scale{minmax}", scale_text, "scale features in each fold: --scale, --scale=zscore")
      ->check(CLI::IsMember({"minmax", "zscore"}));
  app.add_option("--csv", csv_path, "write every grid point as CSV");
  app.add_option("--png", png_path, "draw the cross-validation score over the grid");
  app.add_option("--threads", grid.n_threads, "grid points in parallel (default: all cores)")
      ->check(CLI::NonNegativeNumber);
  app.add_flag("-q,--quiet", quiet, "print only the best pair");
  return run_tool(app, "svm_grid", args, out, err, [&] {
    base.svm_type = svm_type_from_string(type_text);
    if (base.svm_type == SvmType::one_class) {
      throw InvalidArgument("grid search needs labels to score: one_class is not supported");
    }
    if (!scale_text.empty()) {
      base.scaling = scale_text == "minmax" ? ScalingKind::min_max : ScalingKind::z_score;
    }
    grid.log2_C = parse_range(log2c_text, "--log2c");
    grid.log2_gamma = parse_range(log2g_text, "--log2g");
    ReadOptions read_options;
    read_options.label_column = label_column;
    const Dataset data = read_dataset(data_path, read_options);
    const auto start = std::chrono::steady_clock::now();
    double next_report = 0;
    bool shown_progress = false;
    if (!quiet) {
      grid.progress = [&](std::size_t done, std::size_t total, const GridPoint& best) {
        const double elapsed =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        // Progress only for runs longer than a second, at most ten updates a second.
        if (elapsed < 1.0 || (done < total && elapsed < next_report)) return;
        next_report = elapsed + 0.1;
        shown_progress = true;
        err << "\rsvm_grid: " << done << "/" << total << " points, best so far C " << best.C
            << " gamma " << best.gamma << ", " << std::fixed << std::setprecision(1) << elapsed
            << " s   " << std::defaultfloat << std::setprecision(6) << std::flush;
        if (done == total && shown_progress) err << '\n';
      };
    }
    const GridSearchResult result = grid_search(data, base, grid);
    const GridPoint& best = result.best;
    out << "best C = " << power_of_two(best.C) << ", gamma = " << power_of_two(best.gamma)
        << " (sigma " << sigma_from_gamma(best.gamma) << "), " << grid.folds << "-fold "
        << (result.higher_is_better ? "accuracy " : "mean squared error ")
        << (result.higher_is_better ? 100.0 * best.score : best.score)
        << (result.higher_is_better ? "%" : "") << '\n';
    if (!csv_path.empty()) {
      write_text_atomically(csv_path, [&](std::ostream& file) { write_csv(result, file); });
    }
    if (!png_path.empty()) {
      HeatmapOptions heatmap;
      heatmap.x_values = grid.log2_C.values();
      heatmap.y_values = grid.log2_gamma.values();
      const std::size_t n_C = heatmap.x_values.size(), n_gamma = heatmap.y_values.size();
      heatmap.title = std::to_string(grid.folds) + "-fold cross-validation over the grid";
      heatmap.x_label = "log2 C";
      heatmap.y_label = "log2 gamma";
      heatmap.colorbar_label = result.higher_is_better ? "accuracy (%)" : "mean squared error";
      write_heatmap_png(coarse_matrix(result, n_gamma, n_C), png_path, heatmap);
    }
    return exit_success;
  });
}

}  // namespace rbfsvm::cli
