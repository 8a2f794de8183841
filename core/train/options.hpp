#pragma once
// Everything that defines a run besides the data: architecture, cost, init, optimizer and its
// hyper-parameters, regularization, dropout, schedule, batch size, seed, and the derived input
// features for 2-D data. Read from and written to JSON by io/options_json.hpp.
#include <cstdint>
#include <vector>

#include "data/features.hpp"
#include "names.hpp"
#include "nn/cost.hpp"
#include "nn/init.hpp"
#include "nn/network_spec.hpp"

namespace bp {

enum class Optimizer { sgd, momentum, nesterov, rmsprop, adam };
inline constexpr NameTable<Optimizer, 5> kOptimizerNames{{
    {Optimizer::sgd, "sgd"},
    {Optimizer::momentum, "momentum"},
    {Optimizer::nesterov, "nesterov"},
    {Optimizer::rmsprop, "rmsprop"},
    {Optimizer::adam, "adam"},
}};

enum class Regularization { none, l1, l2 };
inline constexpr NameTable<Regularization, 3> kRegularizationNames{{
    {Regularization::none, "none"},
    {Regularization::l1, "l1"},
    {Regularization::l2, "l2"},
}};

enum class Schedule { constant, exponential, step };
inline constexpr NameTable<Schedule, 3> kScheduleNames{{
    {Schedule::constant, "constant"},
    {Schedule::exponential, "exponential"},
    {Schedule::step, "step"},
}};

struct TrainOptions {
  Cost cost = Cost::quadratic;
  Init init = Init::playground;
  Optimizer optimizer = Optimizer::sgd;
  double learning_rate = 0.03;
  double momentum = 0.9;  // momentum and nesterov
  double beta1 = 0.9;     // adam
  double beta2 = 0.999;   // adam
  double rho = 0.9;       // rmsprop
  double epsilon = 1e-8;  // adam and rmsprop
  Regularization regularization = Regularization::none;
  double regularization_rate = 0.0;  // lambda: objective = C + lambda * sum R(w), weights only
  double dropout = 0.0;              // probability of dropping a hidden activation while training
  Schedule schedule = Schedule::constant;
  double decay_rate = 0.96;  // exponential: eta_t = eta decay^(t/steps); step: decay^floor(t/steps)
  int decay_steps = 100;
  int batch_size = 10;
  bool shuffle = true;  // reshuffle the training set at each epoch (off: batches in data order)
  // TensorFlow Playground's training (tfp/sgd.hpp): examples one at a time in data order (never
  // shuffled), per-example gradients accumulated and applied as a mean every batch_size examples of
  // an epoch (the remainder carries into the next epoch), its L1 rule (a weight crossing 0 becomes
  // 0 for good), and each epoch's train loss measured after the epoch, as TFP's getLoss does.
  // Needs sgd, the quadratic cost, a constant learning rate, no dropout and one output.
  bool tfp_mode = false;
  std::uint32_t seed = 1;
};

struct ModelOptions {
  NetworkSpec network;
  TrainOptions train;
  // Derived input features for 2-D data (empty: the data's own features are the inputs).
  std::vector<Feature> features;

  // Throws bp::Error naming the field for anything out of range or inconsistent.
  void validate() const;
};

}  // namespace bp
