// Float GEMM C = A B inside WebAssembly, run under Node: the kernel backprop-simd.wasm uses (Eigen's
// SSE path, translated to SIMD128 by Emscripten), compiled with the SIMD module's own compile flags
// (bench/CMakeLists.txt copies them from the module's targets). The wasm counterpart of
// BM_gemm_eigen in bench_gemm.cpp: same matrices (column-major MatrixXf, seed 42), same 2 n^3 flops.
//
// Google Benchmark does not build for Emscripten, so timing is by hand: a warm-up (the engine tiers
// up, caches fill) that also sizes the repetitions, then R repetitions of at least T seconds each.
// Each repetition is timed twice: wall time (std::chrono::steady_clock) and the Node process's CPU
// time (process.cpuUsage, µs resolution). CPU time is the figure to compare with the native
// Google Benchmark rates, which are per CPU second: on this shared 2-core VM, wall time also counts
// the moments another process holds the core.
//
//   node build/wasm/bench/bp_wasm_gemm.js [--quick]
//
// Prints one JSON line per size n (GFLOP/s median, min, max over the repetitions, on CPU time and on
// wall time). A size whose product disagrees with a naive triple loop is reported as an error and
// the exit status is 1.
#include <emscripten.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <vector>

#include "math/rng.hpp"
#include "math/types.hpp"

// User + system CPU time of the Node process, in seconds.
EM_JS(double, process_cpu_seconds, (), {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) * 1e-6;
});

namespace {

using bp::Index;
using MatrixF = bp::Matrix<float>;

struct Settings {
  int repetitions;
  double repetition_seconds;  // each repetition runs whole products for at least this long
  double warmup_seconds;
};

struct Elapsed {
  double wall = 0.0;
  double cpu = 0.0;
  Elapsed& operator+=(const Elapsed& other) {
    wall += other.wall;
    cpu += other.cpu;
    return *this;
  }
};

MatrixF random_matrix(Index rows, Index cols, bp::Rng& rng) {
  MatrixF m(rows, cols);
  for (Index i = 0; i < m.size(); ++i) m.data()[i] = static_cast<float>(rng.uniform(-1.0, 1.0));
  return m;
}

double wall_seconds() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

// Keeps every product observable: the loop cannot be dropped or merged.
volatile float g_sink = 0.0f;

// C = A B, `count` times.
Elapsed time_products(const MatrixF& A, const MatrixF& B, MatrixF& C, long count) {
  const double wall0 = wall_seconds(), cpu0 = process_cpu_seconds();
  for (long i = 0; i < count; ++i) {
    C.noalias() = A * B;
    g_sink = g_sink + C(C.rows() - 1, C.cols() - 1);
  }
  return {wall_seconds() - wall0, process_cpu_seconds() - cpu0};
}

// max_ij |C_ij - sum_k A_ik B_kj| over a few columns j, against the textbook loop in double.
double max_error_against_naive(const MatrixF& A, const MatrixF& B, const MatrixF& C) {
  const Index n = A.rows();
  double max_error = 0.0;
  for (const Index j : {Index{0}, n / 2, n - 1})
    for (Index i = 0; i < n; ++i) {
      double sum = 0.0;
      for (Index k = 0; k < A.cols(); ++k) sum += double(A(i, k)) * double(B(k, j));
      max_error = std::max(max_error, std::abs(sum - double(C(i, j))));
    }
  return max_error;
}

struct Summary {
  double median, min, max;
};

Summary summarise(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  const std::size_t m = v.size() / 2;
  return {v.size() % 2 == 1 ? v[m] : 0.5 * (v[m - 1] + v[m]), v.front(), v.back()};
}

// One size: check the product, warm up, then time. Returns false if the product is wrong.
bool bench_size(Index n, const Settings& settings) {
  bp::Rng rng(42);
  const MatrixF A = random_matrix(n, n, rng);
  const MatrixF B = random_matrix(n, n, rng);
  MatrixF C(n, n);

  time_products(A, B, C, 1);
  // Entries are sums of n products of numbers in [-1, 1): float rounding stays far below n * 1e-5.
  const double error = max_error_against_naive(A, B, C);
  if (!(error <= 1e-5 * double(n))) {
    std::printf("{\"bench\":\"gemm_eigen\",\"n\":%ld,\"error\":\"max |C - naive| = %g\"}\n",
                static_cast<long>(n), error);
    return false;
  }

  // Warm-up, doubling the count until one run lasts long enough.
  long count = 1;
  double seconds = time_products(A, B, C, count).wall;
  while (seconds < settings.warmup_seconds) {
    count *= 2;
    seconds = time_products(A, B, C, count).wall;
  }
  // A repetition runs chunks of about 1/8 of its expected length until it has lasted long enough
  // (wall time), so it is never shorter than repetition_seconds even when the machine slows down.
  const double seconds_per_product = seconds / double(count);
  const long chunk = std::max(
      1L, static_cast<long>(settings.repetition_seconds / seconds_per_product / 8.0));

  const double gflop_per_product = 2e-9 * double(n) * double(n) * double(n);
  std::vector<double> gflops_cpu, gflops_wall;
  Elapsed total;
  long total_products = 0;
  for (int r = 0; r < settings.repetitions; ++r) {
    Elapsed elapsed;
    long products = 0;
    while (elapsed.wall < settings.repetition_seconds) {
      elapsed += time_products(A, B, C, chunk);
      products += chunk;
    }
    total += elapsed;
    total_products += products;
    gflops_cpu.push_back(gflop_per_product * double(products) / elapsed.cpu);
    gflops_wall.push_back(gflop_per_product * double(products) / elapsed.wall);
  }
  const Summary cpu = summarise(gflops_cpu), wall = summarise(gflops_wall);
  std::printf(
      "{\"bench\":\"gemm_eigen\",\"build\":\"wasm-simd128\",\"n\":%ld,\"repetitions\":%d,"
      "\"mean_products_per_repetition\":%ld,\"mean_repetition_ms\":%.1f,"
      "\"gflops_median\":%.3f,\"gflops_min\":%.3f,\"gflops_max\":%.3f,"
      "\"wall_gflops_median\":%.3f,\"wall_gflops_min\":%.3f,\"wall_gflops_max\":%.3f,"
      "\"cpu_per_wall\":%.3f,\"max_error\":%.3g,\"simd\":\"%s\"}\n",
      static_cast<long>(n), settings.repetitions, total_products / settings.repetitions,
      1e3 * total.wall / settings.repetitions, cpu.median, cpu.min, cpu.max, wall.median, wall.min,
      wall.max, total.cpu / total.wall, error, Eigen::SimdInstructionSetsInUse());
  std::fflush(stdout);
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  const bool quick = argc > 1 && std::strcmp(argv[1], "--quick") == 0;
  const Settings settings = quick ? Settings{5, 0.05, 0.1} : Settings{9, 0.2, 0.3};
  bool ok = true;
  for (const Index n : {8, 64, 256, 512}) ok = bench_size(n, settings) && ok;
  return ok ? 0 : 1;
}
