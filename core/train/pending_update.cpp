#include "train/pending_update.hpp"

#include <cmath>
#include <limits>

namespace bp {

template <typename Scalar>
PendingWorkspace<Scalar>::PendingWorkspace(const TrainOptions& o, const NetworkSpec& spec,
                                           Index n_train)
    : net(spec), optimizer(o, ParameterLayout::of(spec).size) {
  net.reserve(o.batch_size, o.dropout > 0);
  y.resize(net.output_size(), o.batch_size);
  order.resize(static_cast<std::size_t>(n_train));
  cost_gradient.resize(net.layout().size);
  theta.resize(net.layout().size);
}

template <typename Scalar>
void preview_update(const TrainOptions& o, const OptimizerState<Scalar>& state,
                    const Vector<Scalar>& theta, const Vector<Scalar>& g, double eta, Index i,
                    PendingWorkspace<Scalar>& w) {
  // The optimizer's own step on copies (same sizes: the assignments reuse the buffers).
  w.optimizer = state;
  w.theta = theta;
  w.optimizer.step(w.theta, g, eta);
  PendingUpdate<Scalar>& out = w.result;
  const Scalar nan = std::numeric_limits<Scalar>::quiet_NaN();
  out.optimizer = o.optimizer;
  out.value = theta(i);
  out.next = w.theta(i);
  out.update = out.next - out.value;
  out.velocity = out.mean_square = out.m = out.v = out.m_hat = out.v_hat = nan;
  switch (o.optimizer) {
    case Optimizer::sgd: break;
    case Optimizer::momentum:
    case Optimizer::nesterov: out.velocity = w.optimizer.first_moment()(i); break;
    case Optimizer::rmsprop: out.mean_square = w.optimizer.second_moment()(i); break;
    case Optimizer::adam: {
      // m_hat = m / (1 - b1^t), v_hat = v / (1 - b2^t), with the step's own factors.
      const double t = static_cast<double>(w.optimizer.steps());
      out.m = w.optimizer.first_moment()(i);
      out.v = w.optimizer.second_moment()(i);
      out.m_hat = out.m * static_cast<Scalar>(1.0 / (1.0 - std::pow(o.beta1, t)));
      out.v_hat = out.v * static_cast<Scalar>(1.0 / (1.0 - std::pow(o.beta2, t)));
      break;
    }
  }
}

template struct PendingWorkspace<float>;
template struct PendingWorkspace<double>;
template void preview_update<float>(const TrainOptions&, const OptimizerState<float>&,
                                    const Vector<float>&, const Vector<float>&, double, Index,
                                    PendingWorkspace<float>&);
template void preview_update<double>(const TrainOptions&, const OptimizerState<double>&,
                                     const Vector<double>&, const Vector<double>&, double, Index,
                                     PendingWorkspace<double>&);

}  // namespace bp
