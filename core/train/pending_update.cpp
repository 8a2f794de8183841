#include "train/pending_update.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "error.hpp"
#include "train/regularization.hpp"
#include "train/finite_difference.hpp"
#include "train/trainer.hpp"

namespace bp {

template <typename Scalar>
PendingWorkspace<Scalar>::PendingWorkspace(const TrainOptions& o, const NetworkSpec& spec,
                                           Index n_train)
    : net(spec), optimizer(o, ParameterLayout::of(spec).size) {
  net.reserve(o.batch_size, o.dropout > 0);
  y.resize(net.output_size(), o.batch_size);
  order.resize(static_cast<std::size_t>(n_train));
  theta.resize(net.layout().size);
}

template <typename Scalar>
PendingWorkspace<Scalar>::~PendingWorkspace() = default;

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

// Trainer::pending_update (train/trainer.hpp): the next step_once on copies, read-only.
template <typename Scalar>
const PendingUpdate<Scalar>& Trainer<Scalar>::pending_update(Index parameter) {
  const TrainOptions& o = options_.train;
  BP_REQUIRE(n_train_ > 0, "data", "there is no training data yet; set a data set first");
  const Index size = net_.layout().size;
  require_index("parameterIndex", parameter, size, "the network has");
  // tfpMode accumulates per-example derivatives until TFP's update: no one batch gradient to show.
  BP_REQUIRE(!o.tfp_mode, "pendingUpdate", "is not available in tfpMode; turn tfpMode off");
  if (!pending_ || pending_->order.size() != order_.size())
    pending_.emplace(o, options_.network, n_train_);
  PendingWorkspace<Scalar>& w = *pending_;
  // The next step_once, on copies: the epoch's shuffle (if this step starts an epoch), the batch,
  // the dropout masks from the same stream position.
  std::copy(order_.begin(), order_.end(), w.order.begin());
  Rng rng = rng_;
  if (cursor_ == 0 && o.shuffle) rng.shuffle(w.order);
  const Index m = std::min<Index>(o.batch_size, n_train_ - cursor_);
  auto x = w.net.input(m);
  MatrixMap<Scalar> y(w.y.data(), w.net.output_size(), m);
  const Index n_x = x.rows(), n_y = y.rows();
  for (Index j = 0; j < m; ++j) {
    const Index column = w.order[static_cast<std::size_t>(cursor_ + j)];
    for (Index r = 0; r < n_x; ++r) x(r, j) = x_train_(r, column);
    for (Index r = 0; r < n_y; ++r) y(r, j) = y_train_(r, column);
  }
  w.net.parameters() = net_.parameters();
  const auto a_L = w.net.forward_input(m, o.dropout, o.dropout > 0 ? &rng : nullptr);
  PendingUpdate<Scalar>& r = w.result;
  static_cast<void>(a_L);
  w.net.backward(y, o.cost);
  regularization_add_gradient(w.net, o.regularization, o.regularization_rate);
  r.parameter = parameter;
  r.step = optimizer_.steps() + 1;
  r.learning_rate = learning_rate_at(o, report_.steps);
  r.gradient = w.net.gradients()(parameter);
  r.batch = std::span<const Index>(w.order.data() + cursor_, static_cast<std::size_t>(m));
  preview_update<Scalar>(o, optimizer_, net_.parameters(), w.net.gradients(), r.learning_rate,
                         parameter, w);
  return r;
}

template const PendingUpdate<float>& Trainer<float>::pending_update(Index);
template const PendingUpdate<double>& Trainer<double>::pending_update(Index);
template struct PendingWorkspace<float>;
template struct PendingWorkspace<double>;
template void preview_update<float>(const TrainOptions&, const OptimizerState<float>&,
                                    const Vector<float>&, const Vector<float>&, double, Index,
                                    PendingWorkspace<float>&);
template void preview_update<double>(const TrainOptions&, const OptimizerState<double>&,
                                     const Vector<double>&, const Vector<double>&, double, Index,
                                     PendingWorkspace<double>&);

}  // namespace bp
