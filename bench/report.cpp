#include "report.hpp"

#include <libsvm/svm.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <ostream>
#include <sstream>

#include "rbfsvm/core/atomic_file.hpp"
#include "rbfsvm/config.hpp"
#if RBFSVM_WITH_PLOT
#include "rbfsvm/plot/plot.hpp"
#endif

namespace rbfsvm::bench {
namespace {

std::string format(const char* spec, double value) {
  if (std::isnan(value)) return "-";
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, spec, value);
  return buffer;
}

double relative_difference(const Row& r) {
  return std::abs(r.ours_objective - r.libsvm_objective) / std::abs(r.libsvm_objective);
}

const std::vector<std::string> kHeader = {"dataset",
                                          "n",
                                          "d",
                                          "storage",
                                          "classes",
                                          "C",
                                          "gamma",
                                          "rbfsvm s",
                                          "LIBSVM s",
                                          "ratio",
                                          "LIBSVM -m s",
                                          "-m MB",
                                          "ratio -m",
                                          "objective rbfsvm",
                                          "objective LIBSVM",
                                          "rel diff",
                                          "acc rbfsvm %",
                                          "acc LIBSVM %",
                                          "nSV rbfsvm",
                                          "nSV LIBSVM",
                                          "peak MB rbfsvm",
                                          "peak MB LIBSVM",
                                          "peak MB LIBSVM -m",
                                          "base MB",
                                          "check"};

std::vector<std::string> cells(const Row& r) {
  return {r.name,
          std::to_string(r.n),
          std::to_string(r.d),
          r.storage,
          std::to_string(r.classes),
          format("%g", r.C),
          format("%g", r.gamma),
          format("%.3f", r.ours_s),
          format("%.3f", r.libsvm_s),
          format("%.2f", r.libsvm_s / r.ours_s),
          format("%.3f", r.same_memory_s),
          format("%.0f", r.same_memory_mb),
          format("%.2f", r.same_memory_s / r.ours_s),
          format("%.6f", r.ours_objective),
          format("%.6f", r.libsvm_objective),
          format("%.1e", relative_difference(r)),
          format("%.2f", r.ours_accuracy),
          format("%.2f", r.libsvm_accuracy),
          std::to_string(r.ours_sv),
          std::to_string(r.libsvm_sv),
          format("%.0f", r.ours_peak_mb),
          format("%.0f", r.libsvm_peak_mb),
          format("%.0f", r.same_memory_peak_mb),
          format("%.0f", r.base_mb),
          r.check};
}

std::string csv_number(double value) {
  return std::isnan(value) ? "" : format("%.10g", value);
}

}  // namespace

std::string markdown_table(const std::vector<Row>& rows) {
  std::vector<std::vector<std::string>> table{kHeader};
  for (const Row& r : rows) table.push_back(cells(r));
  std::vector<std::size_t> width(kHeader.size(), 0);
  for (const auto& line : table)
    for (std::size_t c = 0; c < line.size(); ++c) width[c] = std::max(width[c], line[c].size());
  const auto left = [&](std::size_t c) { return c == 0 || c == 3 || c + 1 == kHeader.size(); };
  std::ostringstream out;
  const auto print_line = [&](const std::vector<std::string>& line) {
    out << '|';
    for (std::size_t c = 0; c < line.size(); ++c) {
      const std::string pad(width[c] - line[c].size(), ' ');
      out << ' ' << (left(c) ? line[c] + pad : pad + line[c]) << " |";
    }
    out << '\n';
  };
  print_line(table.front());
  out << '|';
  for (std::size_t c = 0; c < width.size(); ++c) {
    const std::string dashes(width[c] + 1, '-');
    out << (left(c) ? ":" + dashes : dashes + ":") << '|';
  }
  out << '\n';
  for (std::size_t i = 1; i < table.size(); ++i) print_line(table[i]);
  return out.str();
}

void write_csv(const std::string& path, const std::vector<Row>& rows) {
  rbfsvm::write_text_atomically(path, [&](std::ostream& out) {
    out << "dataset,n,d,storage,classes,C,gamma,rbfsvm_s,libsvm_s,ratio,libsvm_same_memory_s,"
           "same_memory_mb,ratio_same_memory,objective_rbfsvm,objective_libsvm,rel_diff,"
           "solver_objective_rbfsvm,accuracy_rbfsvm,accuracy_libsvm,nsv_rbfsvm,nsv_libsvm,"
           "peak_mb_rbfsvm,peak_mb_libsvm,peak_mb_libsvm_same_memory,base_mb,check\n";
    for (const Row& r : rows) {
      out << r.name << ',' << r.n << ',' << r.d << ',' << r.storage << ',' << r.classes << ',' << csv_number(r.C) << ','
          << csv_number(r.gamma) << ',' << csv_number(r.ours_s) << ',' << csv_number(r.libsvm_s)
          << ',' << csv_number(r.libsvm_s / r.ours_s) << ',' << csv_number(r.same_memory_s) << ','
          << csv_number(r.same_memory_mb) << ',' << csv_number(r.same_memory_s / r.ours_s) << ','
          << csv_number(r.ours_objective) << ',' << csv_number(r.libsvm_objective) << ','
          << csv_number(relative_difference(r)) << ',' << csv_number(r.solver_objective) << ','
          << csv_number(r.ours_accuracy) << ',' << csv_number(r.libsvm_accuracy) << ',' << r.ours_sv
          << ',' << r.libsvm_sv << ',' << csv_number(r.ours_peak_mb) << ','
          << csv_number(r.libsvm_peak_mb) << ',' << csv_number(r.same_memory_peak_mb) << ','
          << csv_number(r.base_mb) << ",\"" << r.check << "\"\n";
    }
  });
}

void write_markdown(const std::string& path, const std::string& header, const std::string& table,
                    int reps) {
  rbfsvm::write_text_atomically(path, [&](std::ostream& out) {
    out << "# svm_bench: rbfsvm vs LIBSVM " << LIBSVM_VERSION / 100 << '.' << LIBSVM_VERSION % 100
        << "\n\n"
        << header << '\n'
        << table << '\n'
        << "Times: the training call only, median of " << reps
        << " run(s), each in a fresh child process; ratio = LIBSVM time / rbfsvm time. "
           "LIBSVM runs with its default 100 MB cache, and (\"-m\") with -m set to the peak "
           "resident set of the first rbfsvm run. Peak MB: the child's ru_maxrss, largest over "
           "the runs; it includes the base MB the child starts with (the parent's data, shared "
           "with it by fork). Objectives: the C-SVC dual, 1/2 c^T K c - sum |c| summed over the "
           "class pairs, recomputed from both models with the exact RBF kernel; rel diff is "
           "relative to LIBSVM's. Check: objectives within 1e-3 relative, test accuracies "
           "within 0.2 points, SV counts within 2%.\n";
  });
}

#if RBFSVM_WITH_PLOT
bool write_chart(const std::string& path, const std::vector<Row>& rows) {
  std::vector<std::string> names;
  rbfsvm::BarSeries versus_default{"vs LIBSVM default (-m 100)", {}};
  rbfsvm::BarSeries versus_same{"vs LIBSVM same memory", {}};
  bool any = false, any_same = false;
  for (const Row& r : rows) {
    names.push_back(r.name);
    versus_default.values.push_back(r.libsvm_s / r.ours_s);
    versus_same.values.push_back(r.same_memory_s / r.ours_s);
    any = any || std::isfinite(versus_default.values.back());
    any_same = any_same || std::isfinite(versus_same.values.back());
  }
  if (!any) return false;
  std::vector<rbfsvm::BarSeries> series{versus_default};
  if (any_same) series.push_back(versus_same);
  rbfsvm::BarChartOptions options;
  options.title = "rbfsvm training speed-up over LIBSVM";
  options.x_label = "data set";
  options.y_label = "LIBSVM time / rbfsvm time";
  options.reference_line = 1.0;
  rbfsvm::write_bar_chart_png(names, series, path, options);
  return true;
}
#else
bool write_chart(const std::string&, const std::vector<Row>&) { return false; }
#endif

std::string load_average() {
  std::ifstream in("/proc/loadavg");
  std::string value;
  return in >> value ? value : "n/a";
}

}  // namespace rbfsvm::bench
