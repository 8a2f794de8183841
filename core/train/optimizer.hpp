#pragma once
// Parameter updates. The moments live in buffers of the parameter layout, so every optimizer is one
// vectorised pass over the whole parameter buffer.
#include "math/types.hpp"
#include "train/options.hpp"

namespace bp {

template <typename Scalar>
class OptimizerState {
 public:
  OptimizerState(const TrainOptions& options, Index size);

  // theta <- update(theta, g, eta) for optimizer step t = steps() + 1.
  void step(Vector<Scalar>& theta, const Vector<Scalar>& g, double eta);
  void reset();
  Index steps() const { return t_; }

  // Moment buffers (empty when the optimizer has none), for snapshots and save/restore.
  Vector<Scalar>& first_moment() { return m_; }
  Vector<Scalar>& second_moment() { return v_; }
  void set_steps(Index t) { t_ = t; }

 private:
  Optimizer kind_;
  double momentum_, beta1_, beta2_, rho_, epsilon_;
  Vector<Scalar> m_;  // momentum/nesterov velocity; adam first moment
  Vector<Scalar> v_;  // rmsprop and adam second moment
  Index t_ = 0;
};

extern template class OptimizerState<float>;
extern template class OptimizerState<double>;

// eta_t for step t (0-based) under the schedule.
double learning_rate_at(const TrainOptions& options, Index t);

}  // namespace bp
