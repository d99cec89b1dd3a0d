#include "dual_objective.hpp"

#include <algorithm>
#include <numeric>
#include <vector>

#include "rbfsvm/kernel/gram.hpp"
#include "support/libsvm_oracle.hpp"

namespace rbfsvm::bench {
namespace {

// Rows of K per block: 512 x n_sv doubles at a time.
constexpr Index kBlock = 512;

// c^T K c with K the kernel matrix of the points S.
double quadratic_form(const Kernel& kernel, const PointSet& S, const Eigen::VectorXd& c,
                      int threads) {
  double total = 0;
  for (Index begin = 0; begin < S.rows(); begin += kBlock) {
    const Index rows = std::min(kBlock, S.rows() - begin);
    RowMatrix<double> K;
    if (S.is_sparse()) {
      std::vector<Index> block(static_cast<std::size_t>(rows));
      std::iota(block.begin(), block.end(), begin);
      K = gram(kernel, S.sparse().select(block), S.sparse(), ThreadOptions{threads});
    } else {
      K = gram<double>(kernel, S.dense().middleRows(begin, rows), S.dense(),
                       ThreadOptions{threads});
    }
    total += c.segment(begin, rows).dot(K * c);
  }
  return total;
}

}  // namespace

double dual_objective(const ModelData& m, int threads) {
  double total = 0;
  for (const test::DualTerms& terms : test::dual_terms(m)) {
    const auto n = static_cast<Index>(terms.support_vectors.size());
    const PointSet S = select_rows(m.support_vectors.ref(), terms.support_vectors);
    const Eigen::VectorXd c = Eigen::Map<const Eigen::VectorXd>(terms.coefficients.data(), n);
    total += 0.5 * quadratic_form(m.kernel, S, c, threads) - c.cwiseAbs().sum();
  }
  return total;
}

}  // namespace rbfsvm::bench
