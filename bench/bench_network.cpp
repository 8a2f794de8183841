// Network benchmarks for three architectures:
//   playground  2-8-8-1         tanh, tanh, tanh     quadratic      batch 10   trainer: spiral 250/250
//   mnist-mlp   784-128-64-10   relu, relu, softmax  cross_entropy  batch 64   trainer: random 4096/1024
//   wide        256-512-512-10  relu, relu, softmax  cross_entropy  batch 256  trainer: random 4096/1024
// For each: forward only, backward only (after one forward), one SGD step through bp::Network +
// bp::OptimizerState (Eigen), the same step through bp::ReferenceNetwork (naive loops), and one
// step through bp::Trainer::train_steps(1) on a real data set. Plus the 100×100 decision-boundary
// grid of the playground network.
//
// Counters:
//   samples/s    batch columns processed per CPU second (rate)
//   faults/step  minor page faults per iteration (getrusage before/after the timed loop); ~0 when
//                the step allocates nothing large (each fault costs ~11 µs on these VMs)
//   allocs/step  calls of the global operator new per iteration (std::string, std::vector, ...).
//                Eigen allocates through malloc, not operator new: its heap use shows in
//                faults/step only when large, and is checked exactly by the core's
//                EIGEN_RUNTIME_NO_MALLOC tests.
//   grids/s      predict_grid(-6, 6, -6, 6, 100, 100) calls per second
#include <benchmark/benchmark.h>
#include <sys/resource.h>

#include <atomic>
#include <cstdlib>
#include <new>
#include <string>
#include <vector>

#include "data/dataset.hpp"
#include "data/generators.hpp"
#include "math/rng.hpp"
#include "nn/network.hpp"
#include "nn/reference.hpp"
#include "train/optimizer.hpp"
#include "train/trainer.hpp"

// ---- operator new counter (whole program; only read around timed loops) ----------------------
namespace {
std::atomic<long> g_new_calls{0};
}  // namespace

namespace {
void* counted_malloc(std::size_t size) {
  g_new_calls.fetch_add(1, std::memory_order_relaxed);
  if (void* p = std::malloc(size == 0 ? 1 : size)) return p;
  throw std::bad_alloc();
}
}  // namespace

void* operator new(std::size_t size) {
  return counted_malloc(size);
}
void* operator new[](std::size_t size) {
  return counted_malloc(size);
}
void operator delete(void* p) noexcept {
  std::free(p);
}
void operator delete[](void* p) noexcept {
  std::free(p);
}
void operator delete(void* p, std::size_t) noexcept {
  std::free(p);
}
void operator delete[](void* p, std::size_t) noexcept {
  std::free(p);
}

namespace {

using bp::Activation;
using bp::Cost;
using bp::Index;
using MatrixF = bp::Matrix<float>;

constexpr std::uint64_t kSeed = 20240601;
constexpr double kEta = 0.01;  // small enough that thousands of steps on one batch stay finite

struct NetCase {
  std::string name;
  std::vector<int> sizes;
  std::vector<Activation> activations;
  Cost cost;
  int batch;
  bool spiral;       // trainer data: the 2-D spiral (else random inputs in [0,1], random labels)
  Index train_size;  // random data sets only
  Index test_size;
};

const std::vector<NetCase>& net_cases() {
  static const std::vector<NetCase> cases = {
      {"playground_2-8-8-1",
       {2, 8, 8, 1},
       {Activation::tanh, Activation::tanh, Activation::tanh},
       Cost::quadratic,
       10,
       true,
       0,
       0},
      {"mnist-mlp_784-128-64-10",
       {784, 128, 64, 10},
       {Activation::relu, Activation::relu, Activation::softmax},
       Cost::cross_entropy,
       64,
       false,
       4096,
       1024},
      {"wide_256-512-512-10",
       {256, 512, 512, 10},
       {Activation::relu, Activation::relu, Activation::softmax},
       Cost::cross_entropy,
       256,
       false,
       4096,
       1024},
  };
  return cases;
}

bp::NetworkSpec spec_of(const NetCase& c) {
  return bp::NetworkSpec{c.sizes, c.activations};
}

// ---- measurement helpers ----------------------------------------------------------------------

long minor_faults() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_minflt;
}

// Snapshot of page faults and operator-new calls taken right before a timed loop.
class AllocationMeter {
 public:
  AllocationMeter() : faults_(minor_faults()), news_(g_new_calls.load()) {}
  void report(benchmark::State& state) const {
    // Read both before touching state.counters (inserting a counter allocates a map node).
    const long faults = minor_faults() - faults_;
    const long news = g_new_calls.load() - news_;
    const double iterations = static_cast<double>(state.iterations());
    state.counters["faults/step"] = static_cast<double>(faults) / iterations;
    state.counters["allocs/step"] = static_cast<double>(news) / iterations;
  }

 private:
  long faults_;
  long news_;
};

void set_samples_per_second(benchmark::State& state, int batch) {
  state.counters["samples/s"] = benchmark::Counter(static_cast<double>(state.iterations()) * batch,
                                                   benchmark::Counter::kIsRate);
}

// ---- data -------------------------------------------------------------------------------------

// One batch: x uniform in [0,1] (n^1 × m); y one-hot of random labels for softmax outputs, else
// random ±1 targets (tanh output, as the playground encodes binary labels).
struct Batch {
  MatrixF x, y;
};

Batch random_batch(const NetCase& c, bp::Rng& rng) {
  const Index m = c.batch;
  const int n_out = c.sizes.back();
  Batch batch{MatrixF(c.sizes.front(), m), MatrixF::Zero(n_out, m)};
  for (Index i = 0; i < batch.x.size(); ++i) batch.x.data()[i] = static_cast<float>(rng.uniform());
  for (Index j = 0; j < m; ++j) {
    if (n_out > 1)
      batch.y(static_cast<Index>(rng.below(n_out)), j) = 1.0f;
    else
      batch.y(0, j) = rng.uniform() < 0.5 ? -1.0f : 1.0f;
  }
  return batch;
}

bp::Dataset random_classification(Index n, int features, int classes, bp::Rng& rng) {
  bp::Dataset d;
  d.task = bp::Task::classification;
  d.x.resize(features, n);
  for (Index i = 0; i < d.x.size(); ++i) d.x.data()[i] = rng.uniform();
  d.labels.resize(static_cast<std::size_t>(n));
  for (auto& label : d.labels) label = static_cast<int>(rng.below(classes));
  for (int f = 0; f < features; ++f) d.feature_names.push_back("f" + std::to_string(f));
  for (int k = 0; k < classes; ++k) d.class_names.push_back(std::to_string(k));
  return d;
}

// Train/test sets for a case, built once per case and kept (the benchmark calls each function
// several times while it picks an iteration count).
const bp::Split& dataset_for(std::size_t case_index) {
  static std::vector<bp::Split> splits(net_cases().size());
  static std::vector<bool> built(net_cases().size(), false);
  if (!built[case_index]) {
    const NetCase& c = net_cases()[case_index];
    bp::Rng rng(kSeed + case_index);
    if (c.spiral) {
      const bp::Dataset all = bp::generate(bp::Generator::spiral, 500, 0.0, rng);
      splits[case_index] = bp::split_dataset(all, 0.5, rng);
    } else {
      splits[case_index].train =
          random_classification(c.train_size, c.sizes.front(), c.sizes.back(), rng);
      splits[case_index].test =
          random_classification(c.test_size, c.sizes.front(), c.sizes.back(), rng);
    }
    built[case_index] = true;
  }
  return splits[case_index];
}

bp::Network<float> glorot_network(const NetCase& c) {
  bp::Network<float> net(spec_of(c));
  bp::Rng rng(kSeed);
  net.initialize(bp::Init::glorot, rng);
  net.reserve(c.batch);
  return net;
}

bp::ModelOptions model_options(const NetCase& c) {
  bp::ModelOptions options;
  options.network = spec_of(c);
  options.train.cost = c.cost;
  options.train.init = bp::Init::glorot;
  options.train.optimizer = bp::Optimizer::sgd;
  options.train.learning_rate = kEta;
  options.train.batch_size = c.batch;
  options.train.seed = static_cast<std::uint32_t>(kSeed);
  return options;
}

// ---- benchmarks -------------------------------------------------------------------------------

void BM_forward(benchmark::State& state, std::size_t case_index) {
  const NetCase& c = net_cases()[case_index];
  bp::Rng rng(kSeed);
  bp::Network<float> net = glorot_network(c);
  const Batch batch = random_batch(c, rng);
  net.forward(batch.x);  // touch every workspace page once
  const AllocationMeter meter;
  for (auto _ : state) {
    const auto a_L = net.forward(batch.x);
    benchmark::DoNotOptimize(a_L.data());
    benchmark::ClobberMemory();
  }
  meter.report(state);
  set_samples_per_second(state, c.batch);
}

void BM_backward(benchmark::State& state, std::size_t case_index) {
  const NetCase& c = net_cases()[case_index];
  bp::Rng rng(kSeed);
  bp::Network<float> net = glorot_network(c);
  const Batch batch = random_batch(c, rng);
  net.forward(batch.x);
  net.backward(batch.y, c.cost);
  const AllocationMeter meter;
  for (auto _ : state) {
    net.backward(batch.y, c.cost);
    benchmark::DoNotOptimize(net.gradients().data());
    benchmark::ClobberMemory();
  }
  meter.report(state);
  set_samples_per_second(state, c.batch);
}

// forward + backward + SGD update through the Eigen path.
void BM_step_eigen(benchmark::State& state, std::size_t case_index) {
  const NetCase& c = net_cases()[case_index];
  bp::Rng rng(kSeed);
  bp::Network<float> net = glorot_network(c);
  const Batch batch = random_batch(c, rng);
  bp::OptimizerState<float> optimizer(model_options(c).train, net.layout().size);
  const auto step = [&] {
    net.forward(batch.x);
    net.backward(batch.y, c.cost);
    optimizer.step(net.parameters(), net.gradients(), kEta);
  };
  step();
  const AllocationMeter meter;
  for (auto _ : state) {
    step();
    benchmark::DoNotOptimize(net.parameters().data());
    benchmark::ClobberMemory();
  }
  meter.report(state);
  set_samples_per_second(state, c.batch);
}

// The same step through the naive reference (same initial parameters and batch).
void BM_step_naive(benchmark::State& state, std::size_t case_index) {
  const NetCase& c = net_cases()[case_index];
  bp::Rng rng(kSeed);
  const bp::Network<float> net = glorot_network(c);
  const Batch batch = random_batch(c, rng);
  bp::ReferenceNetwork<float> reference(spec_of(c), c.batch);
  std::vector<float> parameters(net.parameters().data(),
                                net.parameters().data() + net.parameters().size());
  const auto step = [&] {
    reference.forward(parameters.data(), batch.x.data(), c.batch);
    reference.backward(parameters.data(), batch.y.data(), c.cost);
    reference.sgd_update(parameters.data(), static_cast<float>(kEta));
  };
  step();
  const AllocationMeter meter;
  for (auto _ : state) {
    step();
    benchmark::DoNotOptimize(parameters.data());
    benchmark::ClobberMemory();
  }
  meter.report(state);
  set_samples_per_second(state, c.batch);
}

// One step of the real training path: shuffled mini-batch gathered from the data set, loss,
// divergence guard, backward, regularization, optimizer, and at each epoch end the train and test
// loss for the history (that evaluation is part of what a step costs on average).
void BM_step_trainer(benchmark::State& state, std::size_t case_index) {
  const NetCase& c = net_cases()[case_index];
  const bp::Split& data = dataset_for(case_index);
  bp::Trainer<float> trainer(model_options(c));
  trainer.set_data(data.train, data.test, false);
  trainer.train_epochs(1);  // touch every workspace, including the evaluation chunks
  const AllocationMeter meter;
  for (auto _ : state) {
    const bp::StepReport report = trainer.train_steps(1);
    benchmark::DoNotOptimize(report);
    benchmark::ClobberMemory();
  }
  meter.report(state);
  set_samples_per_second(state, c.batch);
  if (trainer.report().diverged) state.SkipWithError("training diverged");
}

// The playground's decision-boundary heatmap: 100 × 100 points through the network.
void BM_predict_grid(benchmark::State& state, std::size_t case_index) {
  const NetCase& c = net_cases()[case_index];
  const bp::Split& data = dataset_for(case_index);
  bp::Trainer<float> trainer(model_options(c));
  trainer.set_data(data.train, data.test, false);
  trainer.predict_grid(-6, 6, -6, 6, 100, 100, false);
  const AllocationMeter meter;
  for (auto _ : state) {
    const auto& grid = trainer.predict_grid(-6, 6, -6, 6, 100, 100, false);
    benchmark::DoNotOptimize(grid.data());
    benchmark::ClobberMemory();
  }
  meter.report(state);
  state.counters["grids/s"] =
      benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}

bool register_network_benchmarks() {
  for (std::size_t i = 0; i < net_cases().size(); ++i) {
    const std::string& name = net_cases()[i].name;
    // The wide naive step takes ~0.5 s per iteration: a few iterations are plenty.
    const double naive_min_time = i == 2 ? 1.0 : 0.3;
    benchmark::RegisterBenchmark((name + "/forward").c_str(), BM_forward, i)->MinTime(0.3);
    benchmark::RegisterBenchmark((name + "/backward").c_str(), BM_backward, i)->MinTime(0.3);
    benchmark::RegisterBenchmark((name + "/step_eigen").c_str(), BM_step_eigen, i)->MinTime(0.3);
    benchmark::RegisterBenchmark((name + "/step_naive").c_str(), BM_step_naive, i)
        ->MinTime(naive_min_time);
    benchmark::RegisterBenchmark((name + "/step_trainer").c_str(), BM_step_trainer, i)
        ->MinTime(0.3);
  }
  benchmark::RegisterBenchmark("playground_2-8-8-1/predict_grid_100x100", BM_predict_grid,
                               std::size_t{0})
      ->MinTime(0.3);
  return true;
}

const bool registered = register_network_benchmarks();

}  // namespace
