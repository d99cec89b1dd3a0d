// Small helpers the tests share: reading a file back, and holding out part of a data set.
#pragma once

#include <string>
#include <utility>

#include "rbfsvm/data/dataset.hpp"

namespace rbfsvm::test {

// The whole file as bytes ("" when it cannot be read).
std::string read_text_file(const std::string& path);

// Every `every`-th point (indices every-1, 2 every-1, ...) held out; the rest trains.
std::pair<Dataset, RowMatrix<double>> hold_out_every(const Dataset& data, Index every);
// The same for data stored either way: both parts are stored as `data` is.
std::pair<Dataset, Dataset> split_every(const Dataset& data, Index every);

// Text-shaped sparse data for tests, the same for a given seed on every platform: `rows`
// documents over `columns` words, about `nonzeros` words each (Zipf-like: low word numbers are
// frequent), rows L2-normalised, words numbered with gaps of `stride` (so indices pass 10^6
// with a stride of 200 or more). Each class favours its own band of words; every 17th row is
// empty. Labels: classes 1..k, or with `regression` a target that depends on the words.
struct SparseTextShape {
  Index rows = 300;
  Index columns = 2000;
  Index nonzeros = 25;
  int classes = 3;
  Index stride = 1;
  bool regression = false;
  unsigned seed = 1;
};
Dataset sparse_text_data(const SparseTextShape& shape);

}  // namespace rbfsvm::test
