#pragma once
// The update the optimizer will apply to one parameter at the next training step (issue 13 §4,
// trainer.pendingUpdate), read-only: Trainer::pending_update runs the next step's batch (the same
// columns, the same shuffle, the same dropout masks, from copies of the trainer's order and RNG)
// through a network of its own, adds the regularization gradient, and runs OptimizerState::step
// itself on copies of the parameters and the optimizer (same code, same vector layout, so the same
// SIMD packets: Eigen's fast float sqrt is not std::sqrt), so `next` is bit for bit the value the
// parameter has after the step. Nothing of the training run changes.
//
// State reported is the one the update uses, i.e. after this step's moment update:
//   sgd:      theta' = theta - eta g                                       (update = -eta g)
//   momentum: v' = mu v - eta g;  theta' = theta + v'                      (velocity = v')
//   nesterov: v' = mu v - eta g;  theta' = theta + mu v' - eta g           (velocity = v')
//   rmsprop:  s' = rho s + (1 - rho) g^2;  theta' = theta - eta g / (sqrt(s') + eps)   (mean_square = s')
//   adam:     m' = b1 m + (1-b1) g;  v' = b2 v + (1-b2) g^2;  m_hat = m'/(1-b1^t), v_hat = v'/(1-b2^t);
//             theta' = theta - eta m_hat / (sqrt(v_hat) + eps)
#include <span>
#include <vector>

#include "math/types.hpp"
#include "nn/network.hpp"
#include "train/optimizer.hpp"
#include "train/options.hpp"

namespace bp {

template <typename Scalar>
struct PendingUpdate {
  Index parameter = -1;
  Optimizer optimizer = Optimizer::sgd;
  Index step = 0;              // the optimizer step t this update is (steps() + 1)
  double learning_rate = 0.0;  // eta_t of the schedule for that step
  Scalar value = 0;            // theta now
  Scalar next = 0;             // theta after the next step (bit-identical to what step() gives)
  Scalar update = 0;           // next - value: the change the step makes
  Scalar gradient = 0;         // g: the batch-mean gradient plus the regularization's
  // Optimizer state after this step's moment update (NaN where the optimizer has none):
  Scalar velocity = 0;     // momentum, nesterov: v'
  Scalar mean_square = 0;  // rmsprop: s'
  Scalar m = 0, v = 0;     // adam: raw moments m', v'
  Scalar m_hat = 0, v_hat = 0;  // adam: bias-corrected
  std::span<const Index> batch;  // training columns of the next batch (valid until the next call)
};

// Scratch owned by the trainer (built by the first pending_update): after it, no allocation.
template <typename Scalar>
struct PendingWorkspace {
  PendingWorkspace(const TrainOptions& options, const NetworkSpec& spec, Index n_train);
  ~PendingWorkspace();  // out of line: one copy of the members' destructors (WASM size)
  PendingWorkspace(const PendingWorkspace&) = default;  // the trainer is copyable (model_from_json returns one)
  PendingWorkspace(PendingWorkspace&&) = default;
  PendingWorkspace& operator=(const PendingWorkspace&) = default;
  PendingWorkspace& operator=(PendingWorkspace&&) = default;
  Network<Scalar> net;
  Matrix<Scalar> y;
  std::vector<Index> order;
  Vector<Scalar> theta;          // parameters after the previewed step
  OptimizerState<Scalar> optimizer;  // a copy of the trainer's, stepped once
  PendingUpdate<Scalar> result;
};

// Steps w.optimizer (a copy of `state`) on w.theta (a copy of theta) with gradient g, and fills
// value/next/update and the optimizer state of parameter i into w.result.
template <typename Scalar>
void preview_update(const TrainOptions& options, const OptimizerState<Scalar>& state,
                    const Vector<Scalar>& theta, const Vector<Scalar>& g, double eta, Index i,
                    PendingWorkspace<Scalar>& w);

extern template struct PendingWorkspace<float>;
extern template struct PendingWorkspace<double>;

}  // namespace bp
