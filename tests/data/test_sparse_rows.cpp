// Sparse points: the CSR type's own rules, the LIBSVM reader's sparse storage (the same values
// as dense storage, explicit zeros kept as entries, as LIBSVM keeps them), the automatic choice,
// and the reader's refusals with sparse storage.
#include <catch2/catch.hpp>
#include <sstream>

#include "rbfsvm/core/error.hpp"
#include "rbfsvm/data/dataset.hpp"
#include "rbfsvm/data/points.hpp"

using rbfsvm::Dataset;
using rbfsvm::Index;
using rbfsvm::ReadOptions;
using rbfsvm::RowMatrix;
using rbfsvm::SparseRows;
using rbfsvm::Storage;
using Catch::Matchers::Contains;

namespace {

Dataset parse(const std::string& text, Storage storage,
              rbfsvm::DataFormat format = rbfsvm::DataFormat::automatic) {
  std::istringstream input(text);
  ReadOptions options;
  options.storage = storage;
  options.format = format;
  return rbfsvm::parse_dataset(input, "mem.txt", options);
}

}  // namespace

TEST_CASE("SparseRows checks its arrays", "[sparse][data][error]") {
  CHECK_NOTHROW(SparseRows(3, {0, 2, 2}, {0, 2}, {1.0, 2.0}));
  CHECK_THROWS_AS(SparseRows(3, {0, 2}, {2, 1}, {1.0, 2.0}), rbfsvm::InvalidArgument);  // descending
  CHECK_THROWS_AS(SparseRows(3, {0, 2}, {1, 1}, {1.0, 2.0}), rbfsvm::InvalidArgument);  // repeated
  CHECK_THROWS_AS(SparseRows(3, {0, 1}, {3}, {1.0}), rbfsvm::InvalidArgument);          // >= cols
  CHECK_THROWS_AS(SparseRows(3, {0, 1}, {-1}, {1.0}), rbfsvm::InvalidArgument);         // < 0
  CHECK_THROWS_AS(SparseRows(3, {1, 1}, {0}, {1.0}), rbfsvm::InvalidArgument);          // offsets[0]
  CHECK_THROWS_AS(SparseRows(3, {0, 2, 1}, {0, 1}, {1.0, 2.0}), rbfsvm::InvalidArgument);
  CHECK_THROWS_AS(SparseRows(3, {0, 1}, {0}, {1.0, 2.0}), rbfsvm::InvalidArgument);     // lengths
}

TEST_CASE("SparseRows keeps rows, norms and selections", "[sparse][data]") {
  RowMatrix<double> X(4, 5);
  X << 0, 1.5, 0, 0, -2,  //
      0, 0, 0, 0, 0,      //
      3, 0, 0.25, 0, 0,   //
      0, 0, 0, 7, 1;
  const SparseRows rows = SparseRows::from_dense(X);
  CHECK(rows.rows() == 4);
  CHECK(rows.cols() == 5);
  CHECK(rows.nonzeros() == 6);
  CHECK(rows.row(1).size == 0);
  CHECK(rows.to_dense() == X);
  for (Index i = 0; i < 4; ++i) CHECK(rows.squared_norms()(i) == X.row(i).squaredNorm());
  const SparseRows picked = rows.select({3, 0, 3});
  CHECK(picked.to_dense().row(0) == X.row(3));
  CHECK(picked.to_dense().row(1) == X.row(0));
  CHECK(picked.squared_norms()(2) == rows.squared_norms()(3));
  CHECK(rows.first_columns(2).to_dense() == X.leftCols(2));
  SparseRows wide = rows;
  wide.widen(9);
  CHECK(wide.cols() == 9);
  CHECK_THROWS_AS(wide.widen(3), rbfsvm::InvalidArgument);
}

TEST_CASE("a LIBSVM file stored sparse holds what dense storage holds", "[sparse][dataset][libsvm]") {
  const std::string text = "1 2:0.5 7:-3\n-1\n+1 1:1e-3 2:0 9:4\n";
  const Dataset sparse = parse(text, Storage::sparse);
  const Dataset dense = parse(text, Storage::dense);
  REQUIRE(sparse.is_sparse());
  REQUIRE(!dense.is_sparse());
  CHECK(sparse.labels == dense.labels);
  CHECK(sparse.n_features() == 9);
  CHECK(sparse.sparse->to_dense() == dense.X);
  // "2:0" is an entry, as in LIBSVM's svm_node list; an empty line is an empty row.
  CHECK(sparse.sparse->nonzeros() == 5);
  CHECK(sparse.sparse->row(1).size == 0);
  CHECK(sparse.sparse->row(2).indices[1] == 1);
  CHECK(sparse.sparse->row(2).values[1] == 0.0);
  ReadOptions wider;
  wider.storage = Storage::sparse;
  wider.min_features = 20;
  std::istringstream input(text);
  CHECK(rbfsvm::parse_dataset(input, "mem.txt", wider).n_features() == 20);
}

TEST_CASE("CSV stays dense unless sparse storage is asked for", "[sparse][dataset][csv]") {
  const std::string text = "a,b,label\n0,1,1\n2,0,2\n";
  CHECK(!parse(text, Storage::automatic).is_sparse());
  const Dataset sparse = parse(text, Storage::sparse);
  REQUIRE(sparse.is_sparse());
  CHECK(sparse.sparse->nonzeros() == 2);
  CHECK(sparse.feature_names == std::vector<std::string>{"a", "b"});
}

TEST_CASE("automatic storage follows the size and the share of non-zeros", "[sparse][data]") {
  // Dense copies up to 64 MiB stay dense whatever their density.
  CHECK(rbfsvm::choose_storage(1000, 1000, 10) == Storage::dense);
  // news20's shape: sparse.
  CHECK(rbfsvm::choose_storage(19996, 1355191, 9097916) == Storage::sparse);
  // A large, half-full table: dense.
  CHECK(rbfsvm::choose_storage(100000, 200, 10000000) == Storage::dense);
  // A 2 GB table a tenth full: sparse.
  CHECK(rbfsvm::choose_storage(100000, 2500, 25000000) == Storage::sparse);
  CHECK(rbfsvm::storage_from_string("auto") == Storage::automatic);
  CHECK_THROWS_AS(rbfsvm::storage_from_string("csr"), rbfsvm::InvalidArgument);
}

TEST_CASE("sparse reading refuses bad indices and numbers with their place",
          "[sparse][dataset][libsvm][error]") {
  const auto refused = [](const std::string& text, const std::string& where,
                          const std::string& reason) {
    INFO("input: " << text);
    try {
      parse(text, Storage::sparse, rbfsvm::DataFormat::libsvm);
      FAIL("no ParseError");
    } catch (const rbfsvm::ParseError& error) {
      CHECK_THAT(error.what(), Contains("mem.txt:" + where + ": ") && Contains(reason));
    }
  };
  refused("1 1:1\n1 0:2\n", "2:3", "feature index 0 is not >= 1");
  refused("1 3:1 3:2\n", "1:7", "ascending (3 after 3)");
  refused("1 3:1 2:2\n", "1:7", "ascending (2 after 3)");
  refused("1 2147483648:1\n", "1:3", "exceeds the largest index sparse storage holds");
  refused("1 1:abc\n", "1:5", "'abc' is not a number");
  refused("1 1:nan\n", "1:5", "not a finite number");
  refused("1 x:1\n", "1:3", "is not an integer");
}
