#pragma once
// TensorFlow Playground's training rule (src/nn.ts backProp + updateWeights, src/playground.ts
// oneStep), on this engine's Network and parameter layout:
//  - one example at a time: forwardProp, backProp, and each weight's and bias's dE/dθ added to an
//    accumulator with a count (accErrorDer / accInputDer, numAccumulatedDers);
//  - the trainer calls update() after example i of an epoch when (i + 1) % batchSize == 0, so the
//    n % batchSize examples left at an epoch's end stay accumulated and join the next epoch's first
//    update (TFP never flushes them);
//  - update(): b -= eta * acc_b / count;  for a weight: r = R'(w) at the weight before this update,
//    w -= (eta / count) * acc_w;  w' = w - (eta * lambda) * r  (the penalty step is not divided by
//    count);  with L1, a weight whose sign w * w' < 0 flips is set to 0 and is "dead": it takes no
//    further updates (and accumulates nothing) until the network is rebuilt (reset);
//  - R'(w): L1 sign(w) (0 at 0), L2 w, none 0. Biases are never regularized.
// The error is ½(a - y)² (Errors.SQUARE), targets ±1 for classification with a tanh output.
#include <cstdint>
#include <vector>

#include "math/types.hpp"
#include "nn/network.hpp"
#include "train/options.hpp"

namespace bp::tfp {

template <typename Scalar>
class Accumulator {
 public:
  // Sizes for a network of `size` parameters: nothing accumulated, no dead weight.
  void reset(Index size);
  // accErrorDer += errorDer, numAccumulatedDers++ for the last backward pass (one example, m = 1).
  void add(const Vector<Scalar>& gradients);
  Index count() const { return count_; }
  // Drops what is accumulated (after a divergence, so the step's examples are not counted twice when
  // training resumes); dead weights stay dead.
  void clear();
  // updateWeights(network, learningRate, regularizationRate); no-op when nothing is accumulated.
  void update(Network<Scalar>& net, double learning_rate, Regularization regularization,
              double regularization_rate);
  // 1 for a weight the L1 rule has set to 0 for good, in the parameter layout (biases are 0).
  const std::vector<std::uint8_t>& dead() const { return dead_; }

 private:
  Vector<double> acc_;  // the accumulated dE/dθ, in double whatever Scalar is
  std::vector<std::uint8_t> dead_;
  Index count_ = 0;
};

extern template class Accumulator<float>;
extern template class Accumulator<double>;

}  // namespace bp::tfp
