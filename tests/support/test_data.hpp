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

}  // namespace rbfsvm::test
