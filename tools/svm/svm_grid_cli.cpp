#include "svm_grid_cli.hpp"

#include <CLI/CLI.hpp>
#include <chrono>
#include <cmath>
#include <iomanip>
#include <optional>
#include <sstream>

#include "cli_common.hpp"
#include "grid/grid_across_ranks.hpp"
#include "grid/grid_ranks.hpp"
#include "rbfsvm/core/atomic_file.hpp"
#include "rbfsvm/data/dataset.hpp"
#include "rbfsvm/core/error.hpp"
#include "rbfsvm/config.hpp"
#include "rbfsvm/svm/grid_search.hpp"
#include "train_options.hpp"
#if RBFSVM_WITH_PLOT
#include "rbfsvm/plot/plot.hpp"
#endif

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

#if RBFSVM_WITH_PLOT
// The coarse grid as a matrix: rows gamma (in the order searched), columns C.
Eigen::MatrixXd coarse_matrix(const GridSearchResult& result, std::size_t n_gamma, std::size_t n_C) {
  Eigen::MatrixXd scores(static_cast<Index>(n_gamma), static_cast<Index>(n_C));
  for (std::size_t k = 0; k < n_gamma * n_C; ++k) {
    scores(static_cast<Index>(k / n_C), static_cast<Index>(k % n_C)) =
        result.higher_is_better ? 100.0 * result.points[k].score : result.points[k].score;
  }
  return scores;
}

// The coarse grid's scores as a heatmap PNG: log2 C across, log2 gamma down.
void write_heatmap(const GridSearchResult& result, const GridSearchOptions& grid,
                   const std::string& path) {
  HeatmapOptions heatmap;
  heatmap.x_values = grid.log2_C.values();
  heatmap.y_values = grid.log2_gamma.values();
  const std::size_t n_C = heatmap.x_values.size(), n_gamma = heatmap.y_values.size();
  heatmap.title = std::to_string(grid.folds) + "-fold cross-validation over the grid";
  heatmap.x_label = "log2 C";
  heatmap.y_label = "log2 gamma";
  heatmap.colorbar_label = result.higher_is_better ? "accuracy (%)" : "mean squared error";
  write_heatmap_png(coarse_matrix(result, n_gamma, n_C), path, heatmap);
}
#else
// Never called: draws_picture refuses --png while the command line is parsed.
void write_heatmap(const GridSearchResult&, const GridSearchOptions&, const std::string&) {}
#endif

// Everything svm_grid's command line sets.
struct GridCommand {
  std::string data_path, type_text = "c_svc", log2c_text = "-5,15,2", log2g_text = "3,-15,-2";
  std::string csv_path, png_path, label_column, scale_text;
  TrainOptions base;
  GridSearchOptions grid;
  bool quiet = false;
};

void add_options(CLI::App& app, GridCommand& command) {
  app.set_help_flag("--help", "print this help and exit");
  app.add_option("data_file", command.data_path, "CSV or LIBSVM-format data")->required();
  app.add_option("-s,--type", command.type_text,
                 "c_svc, nu_svc, epsilon_svr or nu_svr, or LIBSVM's 0, 1, 3, 4 (default c_svc)");
  app.add_option("--log2c", command.log2c_text, "BEGIN,END,STEP of log2 C (default -5,15,2)");
  app.add_option("--log2g", command.log2g_text, "BEGIN,END,STEP of log2 gamma (default 3,-15,-2)");
  app.add_option("-v,--folds", command.grid.folds, "cross-validation folds (default 5)");
  app.add_flag("--refine", command.grid.refine, "then search 4x finer around the best point");
  // The engine's two savings, each of which can be switched off to measure what it brings.
  app.add_flag("!--no-kernel-sharing", command.grid.share_kernel,
               "train every (C, gamma, fold) from scratch rather than sharing one kernel matrix "
               "per gamma among the folds and Cs (C-SVC, epsilon-SVR)");
  app.add_flag("!--no-warm-start", command.grid.warm_start,
               "start every solve from zero instead of from the previous C's solution");
  add_train_options(app, command.base, TrainingTool::svm_grid);
  add_seed_option(app, command.base, TrainingTool::svm_grid);
  app.add_option("--label", command.label_column, "CSV label column, by name or 1-based index");
  add_scale_option(app, command.scale_text, TrainingTool::svm_grid);
  add_storage_option(app, command.base.storage);
  app.add_option("--csv", command.csv_path, "write every grid point as CSV");
  draws_picture(
      app.add_option("--png", command.png_path, "draw the cross-validation score over the grid"));
  app.add_option("--threads", command.grid.n_threads, "threads: (gamma, fold) tasks or grid points in parallel (default: all cores)")
      ->check(CLI::NonNegativeNumber);
  app.add_flag("-q,--quiet", command.quiet, "print only the best pair");
}

// Progress on stderr for runs longer than a second, at most ten updates a second.
void show_progress(GridSearchOptions& grid, std::ostream& err) {
  const auto start = std::chrono::steady_clock::now();
  grid.progress = [&err, start, next_report = 0.0, shown_progress = false](
                      std::size_t done, std::size_t total, const GridPoint& best) mutable {
    const double elapsed =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (elapsed < 1.0 || (done < total && elapsed < next_report)) return;
    next_report = elapsed + 0.1;
    shown_progress = true;
    err << "\rsvm_grid: " << done << "/" << total << " points, best so far C " << best.C
        << " gamma " << best.gamma << ", " << std::fixed << std::setprecision(1) << elapsed
        << " s   " << std::defaultfloat << std::setprecision(6) << std::flush;
    if (done == total && shown_progress) err << '\n';
  };
}

void print_best(const GridSearchResult& result, int folds, std::ostream& out) {
  const GridPoint& best = result.best;
  out << "best C = " << power_of_two(best.C) << ", gamma = " << power_of_two(best.gamma)
      << " (sigma " << sigma_from_gamma(best.gamma) << "), " << folds << "-fold "
      << (result.higher_is_better ? "accuracy " : "mean squared error ")
      << (result.higher_is_better ? 100.0 * best.score : best.score)
      << (result.higher_is_better ? "%" : "") << '\n';
}

// Checks the options and reads the data: what every rank does by itself.
Dataset prepare(GridCommand& command) {
  TrainOptions& base = command.base;
  GridSearchOptions& grid = command.grid;
  base.svm_type = parse_svm_type(command.type_text);
  if (base.svm_type == SvmType::one_class) {
    throw InvalidArgument("grid search needs labels to score: one_class is not supported");
  }
  base.scaling = scaling_from_option(command.scale_text);
  grid.log2_C = parse_range(command.log2c_text, "--log2c");
  grid.log2_gamma = parse_range(command.log2g_text, "--log2g");
  // Refused here, on every rank alike, rather than by the search.
  grid.log2_C.values();
  grid.log2_gamma.values();
  ReadOptions read_options;
  read_options.label_column = command.label_column;
  read_options.storage = base.storage;
  return read_dataset(command.data_path, read_options);
}

// The search, on one process or shared by the ranks. A rank that fails in the middle ends every
// rank at once (MPI_Abort) rather than letting them finish their shares first.
GridSearchResult search(const Dataset& data, const GridCommand& command, GridRanks& ranks,
                        std::ostream& err) {
  if (ranks.size() == 1) return grid_search(data, command.base, command.grid);
  try {
    return grid_search_across(data, command.base, command.grid, ranks);
  } catch (const std::exception& error) {
    // One write for the whole line: mpirun forwards each rank's output in the pieces it was
    // written in, and its own MPI_ABORT banner could land between several.
    std::ostringstream line;
    line << "svm_grid: error: rank " << ranks.rank() << " of " << ranks.size() << ": "
         << error.what() << '\n';
    err << line.str() << std::flush;
    ranks.abort(exit_failure);
  }
}

void print_and_write(const GridSearchResult& result, const GridCommand& command,
                     std::ostream& out) {
  print_best(result, command.grid.folds, out);
  if (!command.csv_path.empty()) {
    write_text_atomically(command.csv_path, [&](std::ostream& file) { write_csv(result, file); });
  }
  if (!command.png_path.empty()) write_heatmap(result, command.grid, command.png_path);
}

}  // namespace

int run_svm_grid(const std::vector<std::string>& args, std::ostream& out, std::ostream& err,
                 const GridRun& run) {
  CLI::App app{"Searches C and gamma (sigma) of an RBF SVM by cross-validation on a log2 grid.",
               "svm_grid"};
  GridCommand command;
  add_options(app, command);
  OneProcess one_process;
  GridRanks& ranks = run.ranks != nullptr ? *run.ranks : one_process;
  const bool speaks = ranks.rank() == 0;
  // Every rank parses the command line and reads the data itself; only rank 0 prints. Bad input
  // fails on every rank alike, so rank 0 prints the first failing rank's message, once.
  std::ostream nowhere(nullptr);
  std::ostringstream held_err;
  std::optional<Dataset> data;
  const int status = run_tool(app, "svm_grid", args, speaks ? out : nowhere,
                              speaks ? err : held_err, [&] {
                                data = prepare(command);
                                return exit_success;
                              });
  const GridRanks::Agreement prepared = ranks.agree(status, held_err.str());
  err << prepared.message;
  if (prepared.status != exit_success || !data) return prepared.status;  // !data: --help

  return ranks.agree(report_errors("svm_grid", err, [&] {
    if (speaks && run.progress && !command.quiet) show_progress(command.grid, err);
    const GridSearchResult result = search(*data, command, ranks, err);
    if (speaks) print_and_write(result, command, out);
    return exit_success;
  }), "").status;
}

int run_svm_grid(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  return run_svm_grid(args, out, err, GridRun{});
}

}  // namespace rbfsvm::cli
