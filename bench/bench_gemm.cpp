// Float GEMM C = A B for square n × n matrices: Eigen's blocked, vectorised product beside a naive
// triple loop, so the speed-up the network benchmarks rely on is visible on its own.
// Both count 2 n^3 flops per product and report "GFLOP/s".
#include <benchmark/benchmark.h>

#include <algorithm>
#include <vector>

#include "math/rng.hpp"
#include "math/types.hpp"

namespace {

using bp::Index;
using MatrixF = bp::Matrix<float>;

MatrixF random_matrix(Index rows, Index cols, bp::Rng& rng) {
  MatrixF m(rows, cols);
  for (Index i = 0; i < m.size(); ++i) m.data()[i] = static_cast<float>(rng.uniform(-1.0, 1.0));
  return m;
}

void set_gflops(benchmark::State& state, Index n) {
  const double flops_per_product = 2.0 * double(n) * double(n) * double(n);
  state.counters["GFLOP/s"] =
      benchmark::Counter(flops_per_product * 1e-9 * static_cast<double>(state.iterations()),
                         benchmark::Counter::kIsRate);
}

// C = A B through Eigen (no aliasing temporary).
void BM_gemm_eigen(benchmark::State& state) {
  const Index n = state.range(0);
  bp::Rng rng(42);
  const MatrixF A = random_matrix(n, n, rng);
  const MatrixF B = random_matrix(n, n, rng);
  MatrixF C(n, n);
  for (auto _ : state) {
    C.noalias() = A * B;
    benchmark::DoNotOptimize(C.data());
    benchmark::ClobberMemory();
  }
  set_gflops(state, n);
}

// C_ij = sum_k A_ik B_kj, the textbook i-j-k order on column-major storage (A read with stride n).
// Plain scalar loops: without -ffast-math the compiler may not reorder the float reduction.
void gemm_naive(const MatrixF& A, const MatrixF& B, MatrixF& C) {
  const Index n = A.rows(), inner = A.cols(), p = B.cols();
  const float* a = A.data();
  const float* b = B.data();
  float* c = C.data();
  for (Index i = 0; i < n; ++i)
    for (Index j = 0; j < p; ++j) {
      float sum = 0.0f;
      for (Index k = 0; k < inner; ++k) sum += a[i + n * k] * b[k + inner * j];
      c[i + n * j] = sum;
    }
}

void BM_gemm_naive(benchmark::State& state) {
  const Index n = state.range(0);
  bp::Rng rng(42);
  const MatrixF A = random_matrix(n, n, rng);
  const MatrixF B = random_matrix(n, n, rng);
  MatrixF C(n, n);
  for (auto _ : state) {
    gemm_naive(A, B, C);
    benchmark::DoNotOptimize(C.data());
    benchmark::ClobberMemory();
  }
  set_gflops(state, n);
}

// Min and max over the repetitions as well, for the GEMM-against-peak table (gemm_summary.mjs).
double min_of(const std::vector<double>& v) { return *std::min_element(v.begin(), v.end()); }
double max_of(const std::vector<double>& v) { return *std::max_element(v.begin(), v.end()); }

BENCHMARK(BM_gemm_eigen)
    ->RangeMultiplier(2)
    ->Range(8, 512)
    ->MinTime(0.2)
    ->ComputeStatistics("min", min_of)
    ->ComputeStatistics("max", max_of);
// Up to 256 only: the naive 512^3 product takes about a second per iteration.
BENCHMARK(BM_gemm_naive)->RangeMultiplier(2)->Range(8, 256)->MinTime(0.2);

}  // namespace
