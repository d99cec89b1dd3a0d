#include "support/test_data.hpp"

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

}  // namespace rbfsvm::test
