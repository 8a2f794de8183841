#include "train/optimizer.hpp"

#include <cmath>

namespace bp {

template <typename Scalar>
OptimizerState<Scalar>::OptimizerState(const TrainOptions& o, Index size)
    : kind_(o.optimizer),
      momentum_(o.momentum),
      beta1_(o.beta1),
      beta2_(o.beta2),
      rho_(o.rho),
      epsilon_(o.epsilon) {
  const bool has_m = kind_ == Optimizer::momentum || kind_ == Optimizer::nesterov ||
                     kind_ == Optimizer::adam;
  const bool has_v = kind_ == Optimizer::rmsprop || kind_ == Optimizer::adam;
  if (has_m) m_ = Vector<Scalar>::Zero(size);
  if (has_v) v_ = Vector<Scalar>::Zero(size);
}

template <typename Scalar>
void OptimizerState<Scalar>::reset() {
  m_.setZero();
  v_.setZero();
  t_ = 0;
}

template <typename Scalar>
void OptimizerState<Scalar>::step(Vector<Scalar>& theta, const Vector<Scalar>& g, double eta_d) {
  ++t_;
  const Scalar eta = static_cast<Scalar>(eta_d);
  const Scalar one(1);
  auto th = theta.array();
  const auto ga = g.array();
  switch (kind_) {
    case Optimizer::sgd:
      // theta <- theta - eta g
      th -= eta * ga;
      return;
    case Optimizer::momentum: {
      // v <- mu v - eta g;  theta <- theta + v
      const Scalar mu = static_cast<Scalar>(momentum_);
      m_.array() = mu * m_.array() - eta * ga;
      th += m_.array();
      return;
    }
    case Optimizer::nesterov: {
      // v <- mu v - eta g;  theta <- theta + mu v - eta g   (Sutskever et al. 2013, as in
      // PyTorch/Keras: the look-ahead is folded into the parameter update)
      const Scalar mu = static_cast<Scalar>(momentum_);
      m_.array() = mu * m_.array() - eta * ga;
      th += mu * m_.array() - eta * ga;
      return;
    }
    case Optimizer::rmsprop: {
      // s <- rho s + (1 - rho) g^2;  theta <- theta - eta g / (sqrt(s) + eps)
      const Scalar rho = static_cast<Scalar>(rho_);
      const Scalar eps = static_cast<Scalar>(epsilon_);
      v_.array() = rho * v_.array() + (one - rho) * ga.square();
      th -= eta * ga / (v_.array().sqrt() + eps);
      return;
    }
    case Optimizer::adam: {
      // m <- b1 m + (1-b1) g;  v <- b2 v + (1-b2) g^2;
      // theta <- theta - eta m_hat / (sqrt(v_hat) + eps), m_hat = m/(1-b1^t), v_hat = v/(1-b2^t)
      const Scalar b1 = static_cast<Scalar>(beta1_);
      const Scalar b2 = static_cast<Scalar>(beta2_);
      const Scalar eps = static_cast<Scalar>(epsilon_);
      const double t = static_cast<double>(t_);
      const Scalar c1 = static_cast<Scalar>(1.0 / (1.0 - std::pow(beta1_, t)));
      const Scalar c2 = static_cast<Scalar>(1.0 / (1.0 - std::pow(beta2_, t)));
      m_.array() = b1 * m_.array() + (one - b1) * ga;
      v_.array() = b2 * v_.array() + (one - b2) * ga.square();
      th -= eta * (m_.array() * c1) / ((v_.array() * c2).sqrt() + eps);
      return;
    }
  }
}

double learning_rate_at(const TrainOptions& o, Index t) {
  const double steps = static_cast<double>(o.decay_steps);
  switch (o.schedule) {
    case Schedule::constant:
      return o.learning_rate;
    case Schedule::exponential:
      return o.learning_rate * std::pow(o.decay_rate, static_cast<double>(t) / steps);
    case Schedule::step:
      return o.learning_rate * std::pow(o.decay_rate, std::floor(static_cast<double>(t) / steps));
  }
  return o.learning_rate;
}

template class OptimizerState<float>;
template class OptimizerState<double>;

}  // namespace bp
