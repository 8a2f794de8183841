// The clock this core actually runs at, measured: a VM reports its base clock (2.6 GHz here) but
// its cores boost, so a peak derived from the base clock is below the measured GEMM rates.
//
// A chain of dependent integer adds retires one add per cycle (1-cycle latency, each add waits for
// the previous one), so adds / second = cycles / second. The chain is x86-64 inline asm, an unrolled
// block of `add %[one], %[x]` in a loop; the register-register form is used rather than `add $1`
// because some cores fold immediate adds at rename (Intel Golden Cove) and would run the chain
// faster than one per cycle. A chain of dependent 64-bit `imul` (3-cycle latency on Zen and on Intel
// since Nehalem) is timed the same way as a cross-check.
//
// Time is the thread's CPU time (CLOCK_THREAD_CPUTIME_ID), like Google Benchmark's rates: a
// repetition during which the guest scheduler runs another process on this core is not undercounted.
// Wall time is reported beside it.
//
//   bp_clock_probe [--quick]   prints one JSON line; GHz = median of 5 repetitions
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <vector>

#if defined(__x86_64__) && defined(__GNUC__)

namespace {

constexpr int kRepetitions = 5;

// 100 copies of an asm instruction string, one per line.
#define BP_X10(s) s s s s s s s s s s
#define BP_X100(s) BP_X10(BP_X10(s))
constexpr std::uint64_t kChainPerIteration = 100;

// `iterations` x 100 dependent adds: 100 * iterations cycles.
std::uint64_t add_chain(std::uint64_t iterations) {
  std::uint64_t x = 0;
  const std::uint64_t one = 1;
  __asm__ volatile(
      "1:\n\t" BP_X100("add %[one], %[x]\n\t") "dec %[n]\n\t"
      "jnz 1b\n\t"
      : [x] "+r"(x), [n] "+r"(iterations)
      : [one] "r"(one)
      : "cc");
  return x;
}

// `iterations` x 100 dependent 64-bit multiplies: 300 * iterations cycles at 3-cycle latency.
std::uint64_t imul_chain(std::uint64_t iterations) {
  std::uint64_t x = 1;
  const std::uint64_t factor = 3;
  __asm__ volatile(
      "1:\n\t" BP_X100("imul %[factor], %[x]\n\t") "dec %[n]\n\t"
      "jnz 1b\n\t"
      : [x] "+r"(x), [n] "+r"(iterations)
      : [factor] "r"(factor)
      : "cc");
  return x;
}

double thread_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return double(ts.tv_sec) + 1e-9 * double(ts.tv_nsec);
}

double wall_seconds() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

struct Ghz {
  double median, min, max;
};

Ghz summarise(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return {v[v.size() / 2], v.front(), v.back()};  // kRepetitions is odd
}

volatile std::uint64_t g_sink = 0;

// Runs `chain` kRepetitions times; GHz = cycles / time, on thread CPU time and on wall time.
template <typename Chain>
void measure(Chain chain, std::uint64_t iterations, double cycles, Ghz& cpu, Ghz& wall) {
  g_sink = g_sink + chain(iterations / 10);  // warm-up: lets the core reach its boost clock
  std::vector<double> by_cpu, by_wall;
  for (int r = 0; r < kRepetitions; ++r) {
    const double c0 = thread_seconds(), w0 = wall_seconds();
    g_sink = g_sink + chain(iterations);
    const double c1 = thread_seconds(), w1 = wall_seconds();
    by_cpu.push_back(cycles / (c1 - c0) * 1e-9);
    by_wall.push_back(cycles / (w1 - w0) * 1e-9);
  }
  cpu = summarise(by_cpu);
  wall = summarise(by_wall);
}

}  // namespace

int main(int argc, char** argv) {
  const bool quick = argc > 1 && std::strcmp(argv[1], "--quick") == 0;
  // 2e9 cycles (about 0.6 s) per repetition, 5e8 with --quick.
  const std::uint64_t cycles = quick ? 500'000'000 : 2'000'000'000;
  const std::uint64_t add_iterations = cycles / kChainPerIteration;
  const std::uint64_t imul_iterations = cycles / (3 * kChainPerIteration);

  Ghz add_cpu{}, add_wall{}, imul_cpu{}, imul_wall{};
  measure(add_chain, add_iterations, double(add_iterations * kChainPerIteration), add_cpu, add_wall);
  measure(imul_chain, imul_iterations, double(3 * imul_iterations * kChainPerIteration), imul_cpu,
          imul_wall);

  std::printf(
      "{\"probe\":\"dependent add chain, 1 add/cycle\",\"repetitions\":%d,\"cycles_per_repetition\":%.3g,"
      "\"ghz\":%.3f,\"ghz_min\":%.3f,\"ghz_max\":%.3f,\"ghz_wall\":%.3f,"
      "\"imul_ghz\":%.3f,\"imul_ghz_min\":%.3f,\"imul_ghz_max\":%.3f,\"imul_ghz_wall\":%.3f,"
      "\"time\":\"thread CPU time (wall time in *_wall)\"}\n",
      kRepetitions, double(add_iterations * kChainPerIteration), add_cpu.median, add_cpu.min,
      add_cpu.max, add_wall.median, imul_cpu.median, imul_cpu.min, imul_cpu.max, imul_wall.median);
  return 0;
}

#else

int main() {
  std::fprintf(stderr, "bp_clock_probe: x86-64 only (the probe is an x86-64 asm add chain)\n");
  return 2;
}

#endif
