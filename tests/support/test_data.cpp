#include "support/test_data.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <fstream>
#include <sstream>
#include <vector>

namespace rbfsvm::test {

std::string read_text_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::pair<Dataset, RowMatrix<double>> hold_out_every(const Dataset& data, Index every) {
  std::vector<Index> train_rows, test_rows;
  for (Index i = 0; i < data.X.rows(); ++i) (i % every == every - 1 ? test_rows : train_rows).push_back(i);
  Dataset train;
  train.X.resize(static_cast<Index>(train_rows.size()), data.X.cols());
  for (std::size_t k = 0; k < train_rows.size(); ++k) {
    train.X.row(static_cast<Index>(k)) = data.X.row(train_rows[k]);
    train.labels.push_back(data.labels[train_rows[k]]);
  }
  RowMatrix<double> held_out(static_cast<Index>(test_rows.size()), data.X.cols());
  for (std::size_t k = 0; k < test_rows.size(); ++k) {
    held_out.row(static_cast<Index>(k)) = data.X.row(test_rows[k]);
  }
  return {train, held_out};
}

std::pair<Dataset, Dataset> split_every(const Dataset& data, Index every) {
  std::vector<Index> train_rows, test_rows;
  for (Index i = 0; i < static_cast<Index>(data.n_samples()); ++i)
    (i % every == every - 1 ? test_rows : train_rows).push_back(i);
  return {select_rows(data, train_rows), select_rows(data, test_rows)};
}

Dataset sparse_text_data(const SparseTextShape& shape) {
  // A 64-bit linear congruential generator (Knuth's MMIX constants): the same numbers on every
  // platform, unlike the standard distributions.
  std::uint64_t state = 0x9E3779B97F4A7C15ull * (shape.seed + 1);
  const auto next = [&state] {
    state = state * 6364136223846793005ull + 1442695040888963407ull;
    return static_cast<double>(state >> 11) / 9007199254740992.0;  // [0, 1)
  };
  std::vector<std::int64_t> offsets{0};
  std::vector<std::int32_t> indices;
  std::vector<double> values;
  Dataset data;
  for (Index i = 0; i < shape.rows; ++i) {
    const int label = static_cast<int>(i % shape.classes);
    std::vector<std::pair<std::int32_t, double>> words;
    if (i % 17 != 16) {
      for (Index w = 0; w < shape.nonzeros; ++w) {
        // Zipf-like word numbers (u^3 piles up near 0); half of the words come from the class's
        // own band of the vocabulary.
        const double u = next();
        Index word = static_cast<Index>(u * u * u * static_cast<double>(shape.columns));
        if (next() < 0.5) {
          const Index band = shape.columns / (2 * shape.classes);
          word = shape.columns / 2 + label * band + static_cast<Index>(next() * static_cast<double>(band));
        }
        word = std::min(word, shape.columns - 1);
        words.emplace_back(static_cast<std::int32_t>(word * shape.stride), 1.0 + 3.0 * next());
      }
    }
    std::sort(words.begin(), words.end());
    std::vector<std::pair<std::int32_t, double>> merged;
    for (const auto& word : words) {
      if (!merged.empty() && merged.back().first == word.first) merged.back().second += word.second;
      else merged.push_back(word);
    }
    double norm = 0;
    for (const auto& word : merged) norm += word.second * word.second;
    double target = 0;
    for (const auto& [index, value] : merged) {
      indices.push_back(index);
      values.push_back(value / std::sqrt(norm));
      target += (index % 7 == 0 ? 2.0 : -0.5) * value / std::sqrt(norm);
    }
    offsets.push_back(static_cast<std::int64_t>(indices.size()));
    data.labels.push_back(shape.regression ? target + 0.1 * next() : label + 1.0);
  }
  data.sparse = SparseRows(shape.columns * shape.stride, std::move(offsets), std::move(indices),
                           std::move(values));
  return data;
}

}  // namespace rbfsvm::test
