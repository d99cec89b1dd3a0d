// svm_bench's results: one row per data set, printed as a Markdown table and written as
// Markdown, CSV and a PNG bar chart of the speed-ups.
#pragma once

#include <limits>
#include <string>
#include <vector>

#include "rbfsvm/core/types.hpp"

namespace rbfsvm::bench {

inline const double kNaN = std::numeric_limits<double>::quiet_NaN();

// One line of the result table.
struct Row {
  std::string name;
  Eigen::Index n = 0, d = 0;
  std::string storage;  // of the training points: dense or sparse
  int classes = 0;
  double C = 0, gamma = 0;
  double ours_s = kNaN, libsvm_s = kNaN, same_memory_s = kNaN, same_memory_mb = kNaN;
  double ours_objective = kNaN, libsvm_objective = kNaN, solver_objective = kNaN;
  double ours_accuracy = kNaN, libsvm_accuracy = kNaN;
  Eigen::Index ours_sv = 0, libsvm_sv = 0;
  double ours_peak_mb = kNaN, libsvm_peak_mb = kNaN, same_memory_peak_mb = kNaN;
  double base_mb = kNaN;
  bool converged = true;
  std::string check;  // OK, or what failed
};

// A Markdown table, columns padded so that it also reads as plain text; text columns (the
// first and the last) left-aligned, numbers right-aligned.
std::string markdown_table(const std::vector<Row>& rows);

// PREFIX.csv: every field of the rows, numbers with 10 significant digits.
void write_csv(const std::string& path, const std::vector<Row>& rows);

// PREFIX.md: the run's header line, the table and how to read it.
void write_markdown(const std::string& path, const std::string& header, const std::string& table,
                    int reps);

// PREFIX.png: LIBSVM time / rbfsvm time per data set. Returns false, writing nothing, when no
// ratio is finite or the build has no plotting (RBFSVM_WITH_PLOT=OFF).
bool write_chart(const std::string& path, const std::vector<Row>& rows);

// The 1-minute load average (/proc/loadavg), or "n/a".
std::string load_average();

}  // namespace rbfsvm::bench
