// The AVX2 and baseline (SSE2) versions of the solver's loops, the column gather and the exp pass
// must give bit-identical results (src/core/simd.hpp): each loop is checked against the other on random
// data, and whole trainings are run with each (TrainOptions::simd) and compared as model files, byte for byte. On a CPU
// without AVX2 only the baseline runs, and the test says so.
#include <catch2/catch.hpp>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "core/simd.hpp"
#include "kernel/gram_engine.hpp"
#include "solver/train_text.hpp"
#include "solver/wss_loops.hpp"
#include "svm/training/validation/decision_products.hpp"

using rbfsvm::Index;

namespace {

// Whether this CPU can run the AVX2 loops.
struct Avx2Setting {
  bool available = rbfsvm::detail::cpu_has_avx2();
};

bool same_bits(const std::vector<double>& a, const std::vector<double>& b) {
  return a.size() == b.size() &&
         (a.empty() || std::memcmp(a.data(), b.data(), a.size() * sizeof(double)) == 0);
}

// Solver state as it looks mid-training: gradients of both signs, a third of the variables at
// each bound, kernel columns in (-0.5, 0.5), and ties. With `tied`, every fifth variable shares
// the largest violation (-y G = 2, in I_up) and every seventh the smallest second-order decrease
// (y = -1, G = -0.5, Q_i = -0.99: a = 0.02), in lanes of every position, so the last of them must
// be chosen. Without, Q_i[n / 2] = 1 with y = +1 gives a = 0: the tau branch.
struct SolverState {
  SolverState(Index n, unsigned seed, bool tied)
      : G(n), sign(n), up(n), low(n), QD(n), Q_i(n), Q_j(n) {
    std::mt19937 random(seed);
    std::uniform_real_distribution<double> uniform(-1.0, 1.0);
    for (Index t = 0; t < n; ++t) {
      G[t] = uniform(random);
      sign[t] = uniform(random) > 0 ? 1.0 : -1.0;
      const int bound = static_cast<int>(random() % 3);  // 0 lower, 1 upper, 2 free
      QD[t] = 1.0;
      Q_i[t] = static_cast<float>(uniform(random) / 2);
      Q_j[t] = static_cast<float>(uniform(random));
      if (!tied && t == n / 2) {
        sign[t] = 1.0;
        Q_i[t] = 1.0f;
      } else if (tied && t % 5 == 1) {
        sign[t] = 1.0;
        G[t] = -2.0;
      } else if (tied && t % 7 == 3) {
        sign[t] = -1.0;
        G[t] = -0.5;
        Q_i[t] = -0.99f;
      }
      const bool positive = sign[t] > 0;
      up[t] = (positive ? bound != 1 : bound != 0) ? 1.0 : 0.0;
      low[t] = (positive ? bound != 0 : bound != 1) ? 1.0 : 0.0;
    }
  }
  std::vector<double> G, sign, up, low, QD;
  std::vector<float> Q_i, Q_j;
};

// LIBSVM's sequential selection, written out: i the last t in I_up with the largest -y_t G_t,
// j the last t in I_low with b = G_max + y_t G_t > 0 and the smallest -b^2 / a.
struct Selection {
  double up, low, decrease;
  Index i, j;
};
Selection sequential_selection(const SolverState& s, Index n, double QD_i, double two_y_i, double tau) {
  Selection out{-std::numeric_limits<double>::infinity(), -std::numeric_limits<double>::infinity(),
                std::numeric_limits<double>::infinity(), -1, -1};
  for (Index t = 0; t < n; ++t) {
    const double value = -s.sign[t] * s.G[t];
    if (s.up[t] > 0 && value >= out.up) {
      out.up = value;
      out.i = t;
    }
    if (s.low[t] > 0) out.low = std::max(out.low, -value);
  }
  for (Index t = 0; t < n; ++t) {
    const double b = out.up + s.sign[t] * s.G[t];
    if (!(s.low[t] > 0 && b > 0)) continue;
    const double a = (QD_i + s.QD[t]) - (two_y_i * s.sign[t]) * static_cast<double>(s.Q_i[t]);
    const double decrease = -(b * b) / (a > 0 ? a : tau);
    if (decrease <= out.decrease) {
      out.decrease = decrease;
      out.j = t;
    }
  }
  return out;
}

// Trains with TrainOptions::simd = sse2, then avx2, and compares the model files.
void check_same_model(const std::string& dataset, rbfsvm::TrainOptions options) {
  const Avx2Setting setting;
  options.simd = rbfsvm::Simd::sse2;
  const std::string baseline = rbfsvm::test::trained_model_text(dataset, options);
  REQUIRE(baseline.find("SV\n") != std::string::npos);
  if (!setting.available) {
    WARN("this CPU has no AVX2: only the baseline loops ran");
    return;
  }
  options.simd = rbfsvm::Simd::avx2;
  CHECK(rbfsvm::test::trained_model_text(dataset, options) == baseline);
}

}  // namespace

TEST_CASE("RBFSVM_SIMD and a training's Simd setting switch the AVX2 loops off and on",
          "[simd]") {
  const Avx2Setting setting;
  using rbfsvm::Simd;
  CHECK_FALSE(rbfsvm::detail::resolve_avx2(Simd::sse2));
  CHECK(rbfsvm::detail::resolve_avx2(Simd::avx2) == setting.available);
  CHECK(rbfsvm::detail::resolve_avx2(Simd::automatic) == rbfsvm::detail::avx2_by_default());
  const char* environment = std::getenv("RBFSVM_SIMD");
  const bool baseline_only = environment != nullptr && std::string(environment) == "sse2";
  CHECK(rbfsvm::detail::avx2_by_default() == (setting.available && !baseline_only));
}

TEST_CASE("working-set selection loops agree bit for bit between AVX2 and baseline", "[simd]") {
  const Avx2Setting setting;
  if (!setting.available) WARN("this CPU has no AVX2: the AVX2 loops are not compared");
  for (bool tied : {false, true}) {
    for (Index n : {0, 1, 3, 4, 5, 17, 1000, 1003}) {
      INFO("n = " << n << (tied ? ", ties" : ""));
      const SolverState state(n, static_cast<unsigned>(n) + 1, tied);
      const Selection expected = sequential_selection(state, n, 1.0, 2.0, 1e-12);
      std::vector<double> minus_yG(n), minus_yG_avx2(n);
      const auto maxima = rbfsvm::detail::violation_maxima_baseline(
          state.G.data(), state.sign.data(), state.up.data(), state.low.data(), n,
          minus_yG.data());
      for (Index t = 0; t < n; ++t) CHECK(minus_yG[t] == -state.sign[t] * state.G[t]);
      CHECK(maxima.up == expected.up);
      CHECK(maxima.low == expected.low);
      CHECK(maxima.i == expected.i);
      const auto decrease = rbfsvm::detail::second_order_decrease_baseline(
          minus_yG.data(), state.sign.data(), state.low.data(), state.QD.data(),
          state.Q_i.data(), 1.0, 2.0, maxima.up, 1e-12, n);
      CHECK(decrease.value == expected.decrease);
      CHECK(decrease.j == expected.j);
      if (tied && n >= 17) {
        // The ties did decide: i and j are the last of their tied groups.
        CHECK(expected.i % 5 == 1);
        CHECK(expected.j % 7 == 3);
      }
      std::vector<double> G = state.G;
      rbfsvm::detail::update_gradient_baseline(G.data(), state.Q_i.data(), state.Q_j.data(),
                                               0.25, -1.5, n);
      // The update fused with the next selection's first pass: the two passes' results.
      std::vector<double> after_minus_yG(n), fused_minus_yG(n), fused_G = state.G;
      const auto after = rbfsvm::detail::violation_maxima_baseline(
          G.data(), state.sign.data(), state.up.data(), state.low.data(), n, after_minus_yG.data());
      const auto check_fused = [&](const rbfsvm::detail::ViolationMaxima& fused) {
        CHECK(same_bits(fused_G, G));
        CHECK(same_bits(fused_minus_yG, after_minus_yG));
        CHECK(fused.up == after.up);
        CHECK(fused.low == after.low);
        CHECK(fused.i == after.i);
      };
      check_fused(rbfsvm::detail::update_gradient_and_maxima_baseline(
          fused_G.data(), state.Q_i.data(), state.Q_j.data(), 0.25, -1.5, state.sign.data(),
          state.up.data(), state.low.data(), n, fused_minus_yG.data()));
      if (!setting.available) continue;
      fused_G = state.G;
      check_fused(rbfsvm::detail::update_gradient_and_maxima_avx2(
          fused_G.data(), state.Q_i.data(), state.Q_j.data(), 0.25, -1.5, state.sign.data(),
          state.up.data(), state.low.data(), n, fused_minus_yG.data()));
      const auto maxima_avx2 = rbfsvm::detail::violation_maxima_avx2(
          state.G.data(), state.sign.data(), state.up.data(), state.low.data(), n,
          minus_yG_avx2.data());
      CHECK(maxima_avx2.up == maxima.up);
      CHECK(maxima_avx2.low == maxima.low);
      CHECK(maxima_avx2.i == maxima.i);
      CHECK(same_bits(minus_yG_avx2, minus_yG));
      const auto decrease_avx2 = rbfsvm::detail::second_order_decrease_avx2(
          minus_yG.data(), state.sign.data(), state.low.data(), state.QD.data(),
          state.Q_i.data(), 1.0, 2.0, maxima.up, 1e-12, n);
      CHECK(decrease_avx2.value == decrease.value);
      CHECK(decrease_avx2.j == decrease.j);
      std::vector<double> G_avx2 = state.G;
      rbfsvm::detail::update_gradient_avx2(G_avx2.data(), state.Q_i.data(), state.Q_j.data(),
                                           0.25, -1.5, n);
      CHECK(same_bits(G_avx2, G));
      // A starting gradient's column sums.
      std::vector<double> sum = state.G, sum_avx2 = state.G;
      rbfsvm::detail::add_scaled_column_baseline(sum.data(), -0.7, state.Q_i.data(), n);
      rbfsvm::detail::add_scaled_column_avx2(sum_avx2.data(), -0.7, state.Q_i.data(), n);
      for (Index t = 0; t < n; ++t) CHECK(sum[t] == state.G[t] + -0.7 * state.Q_i[t]);
      CHECK(same_bits(sum_avx2, sum));
    }
  }
}

// Two threads run the passes over [0, m) and [m, n) (src/solver/pass_splitter.hpp) and merge the
// results (merge_halves): the same i and j as LIBSVM's sequential rule for any m, ties across
// the split included.
TEST_CASE("working-set passes over two halves merge to the sequential selection", "[simd]") {
  for (bool tied : {false, true}) {
    for (Index n : {1, 17, 1000, 1003}) {
      const SolverState state(n, static_cast<unsigned>(n) + 7, tied);
      const Selection expected = sequential_selection(state, n, 1.0, 2.0, 1e-12);
      for (Index m : {Index{0}, Index{1}, n / 2, n / 2 + 1, n - 1, n}) {
        INFO("n = " << n << ", split at " << m << (tied ? ", ties" : ""));
        std::vector<double> minus_yG(static_cast<std::size_t>(n));
        rbfsvm::detail::ViolationMaxima halves[2];
        rbfsvm::detail::SmallestDecrease decreases[2];
        for (int half = 0; half < 2; ++half) {
          const Index begin = half == 0 ? 0 : m, end = half == 0 ? m : n;
          halves[half] = rbfsvm::detail::violation_maxima(
              state.G.data() + begin, state.sign.data() + begin, state.up.data() + begin,
              state.low.data() + begin, end - begin, minus_yG.data() + begin,
              rbfsvm::detail::avx2_by_default());
          if (halves[half].i >= 0) halves[half].i += begin;
        }
        const auto maxima = rbfsvm::detail::merge_halves(halves[0], halves[1]);
        CHECK(maxima.up == expected.up);
        CHECK(maxima.low == expected.low);
        CHECK(maxima.i == expected.i);
        for (int half = 0; half < 2; ++half) {
          const Index begin = half == 0 ? 0 : m, end = half == 0 ? m : n;
          decreases[half] = rbfsvm::detail::second_order_decrease(
              minus_yG.data() + begin, state.sign.data() + begin, state.low.data() + begin,
              state.QD.data() + begin, state.Q_i.data() + begin, 1.0, 2.0, maxima.up, 1e-12,
              end - begin, rbfsvm::detail::avx2_by_default());
          if (decreases[half].j >= 0) decreases[half].j += begin;
        }
        const auto decrease = rbfsvm::detail::merge_halves(decreases[0], decreases[1]);
        CHECK(decrease.value == expected.decrease);
        CHECK(decrease.j == expected.j);
      }
    }
  }
}

TEST_CASE("RBF Gram matrices agree bit for bit between AVX2 and baseline exp passes", "[simd]") {
  const Avx2Setting setting;
  if (!setting.available) WARN("this CPU has no AVX2: the AVX2 exp pass is not compared");
  std::mt19937 random(7);
  std::normal_distribution<double> normal(0.0, 1.0);
  rbfsvm::RowMatrix<double> X(301, 9);
  for (Index i = 0; i < X.rows(); ++i) {
    for (Index k = 0; k < X.cols(); ++k) X(i, k) = normal(random);
  }
  X(5, 0) = std::numeric_limits<double>::quiet_NaN();  // NaN rows stay NaN in both
  rbfsvm::Kernel kernel;
  kernel.type = rbfsvm::KernelType::rbf;
  for (double gamma : {1e-3, 0.5, 40.0}) {  // 40: most values underflow to 0
    INFO("gamma = " << gamma);
    kernel.gamma = gamma;
    const rbfsvm::RowMatrix<float> X_f = X.cast<float>();
    const rbfsvm::ThreadOptions threads;
    const auto baseline_f = rbfsvm::detail::gram<float>(kernel, X_f, threads, false);
    const auto baseline_d = rbfsvm::detail::gram<double>(kernel, X, threads, false);
    const bool avx2 = setting.available;
    const auto avx2_f = rbfsvm::detail::gram<float>(kernel, X_f, threads, avx2);
    const auto avx2_d = rbfsvm::detail::gram<double>(kernel, X, threads, avx2);
    CHECK(std::memcmp(avx2_f.data(), baseline_f.data(), sizeof(float) * avx2_f.size()) == 0);
    CHECK(std::memcmp(avx2_d.data(), baseline_d.data(), sizeof(double) * avx2_d.size()) == 0);
  }
}

TEST_CASE("models trained with the AVX2 and the baseline loops are byte-identical", "[simd]") {
  using rbfsvm::SvmType;
  using rbfsvm::test::rbf_options;
  SECTION("two classes") { check_same_model("heart_scale", rbf_options(SvmType::c_svc, 4, 0.1)); }
  SECTION("batched rows under a small budget") {
    rbfsvm::TrainOptions options = rbf_options(SvmType::c_svc, 1, 0.5);
    options.cache_mb = 1;
    check_same_model("a9a_2000", options);
  }
  SECTION("one-vs-one") {
    rbfsvm::TrainOptions options;
    options.kernel = rbfsvm::Kernel::rbf_from_sigma(2);
    options.scaling = rbfsvm::ScalingKind::z_score;
    check_same_model("wine.csv", options);
  }
  SECTION("epsilon-SVR") {
    check_same_model("housing_scale", rbf_options(SvmType::epsilon_svr, 10, 0.5));
  }
  SECTION("nu-SVC") {
    rbfsvm::TrainOptions options = rbf_options(SvmType::nu_svc, 1, 1.0 / 13);
    options.nu = 0.4;
    check_same_model("heart_scale", options);
  }
}

// The model-selection engine's decision products: every entry the sum over k in increasing order,
// multiply then add, in both versions (so the same bits as the plain loop), and Eigen's product
// up to rounding. Shapes around the 4-row and 8-column blocks, a row stride wider than the rows.
TEST_CASE("decision products agree bit for bit between AVX2, baseline and the plain sums", "[simd]") {
  const Avx2Setting setting;
  std::mt19937 engine(11);
  std::uniform_real_distribution<double> value(-1.0, 1.0);
  for (Index rows : {1, 3, 4, 9}) {
    for (Index K : {1, 5, 37}) {
      for (Index m : {1, 7, 8, 13, 24}) {
        INFO(rows << " x " << K << " times " << K << " x " << m);
        const Index ldb = K + 3;
        std::vector<double> B(static_cast<std::size_t>(rows * ldb));
        for (double& b : B) b = value(engine);
        Eigen::MatrixXd A(K, m);
        for (Index k = 0; k < K; ++k) {
          for (Index j = 0; j < m; ++j) A(k, j) = value(engine);
        }
        std::vector<double> plain(static_cast<std::size_t>(rows * m));
        for (Index r = 0; r < rows; ++r) {
          for (Index j = 0; j < m; ++j) {
            double sum = 0;
            for (Index k = 0; k < K; ++k) sum += B[r * ldb + k] * A(k, j);
            plain[r * m + j] = sum;
          }
        }
        const rbfsvm::detail::PackedColumns packed(A);
        std::vector<double> baseline(plain.size(), -7.0), avx2(plain.size(), -7.0);
        rbfsvm::detail::multiply_packed(B.data(), ldb, rows, packed, baseline.data(), m, false);
        CHECK(same_bits(baseline, plain));
        const Eigen::Map<const rbfsvm::RowMatrix<double>, 0, Eigen::OuterStride<>> B_map(
            B.data(), rows, K, Eigen::OuterStride<>(ldb));
        const rbfsvm::RowMatrix<double> eigen = B_map * A;
        for (Index r = 0; r < rows; ++r) {
          for (Index j = 0; j < m; ++j) CHECK(baseline[r * m + j] == Approx(eigen(r, j)).margin(1e-12));
        }
        if (!setting.available) continue;
        rbfsvm::detail::multiply_packed(B.data(), ldb, rows, packed, avx2.data(), m, true);
        CHECK(same_bits(avx2, plain));
      }
    }
  }
}
