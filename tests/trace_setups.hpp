// The setups both trace test files sweep (tests/test_trace.cpp, tests/test_trace_math.cpp): every
// hidden activation, output activation and cost, the pairs the core accepts, a 2-4-3-k network and
// shuffled circle data.
#pragma once

#include <cstdint>

#include "data/generators.hpp"
#include "train/trainer.hpp"

namespace bp::trace_setups {

using A = Activation;

inline constexpr A kHidden[] = {A::linear, A::sigmoid, A::tanh, A::relu, A::leaky_relu};
inline constexpr A kOutput[] = {A::linear, A::sigmoid, A::tanh, A::relu, A::leaky_relu, A::softmax};
inline constexpr Cost kCosts[] = {Cost::quadratic, Cost::huber, Cost::binary_cross_entropy,
                                  Cost::cross_entropy};

inline bool accepts(A output, Cost cost) {
  try {
    cost_check_output(cost, output);
    return true;
  } catch (const Error&) {
    return false;
  }
}

// 2 -> 4 -> 3 -> k on shuffled, noisy circle data (both classes among the first samples).
inline ModelOptions options_for(A hidden, A output, Cost cost, std::uint32_t seed) {
  ModelOptions o;
  o.network.sizes = {2, 4, 3, output == A::softmax ? 2 : 1};
  o.network.activations = {hidden, hidden, output};
  o.train.cost = cost;
  o.train.init = Init::glorot;
  o.train.optimizer = Optimizer::sgd;
  o.train.learning_rate = 0.1;
  o.train.batch_size = 5;
  o.train.seed = seed;
  return o;
}

inline Dataset circle(std::uint32_t seed, Index n = 40) {
  Rng rng(seed);
  const Dataset d = generate(Generator::circle, n, 0.1, rng);
  return split_dataset(d, 1.0, rng).train;
}

}  // namespace bp::trace_setups
