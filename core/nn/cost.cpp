#include "nn/cost.hpp"

#include <string>

namespace bp {
namespace {
template <typename Scalar>
constexpr Scalar log_eps() {
  return sizeof(Scalar) == 4 ? Scalar(1e-7) : Scalar(1e-15);
}
}  // namespace

template <typename Scalar>
Scalar cost_value(Cost cost, const Eigen::Ref<const Matrix<Scalar>>& a,
                  const Eigen::Ref<const Matrix<Scalar>>& y) {
  const Scalar m = static_cast<Scalar>(a.cols());
  if (a.cols() == 0) return Scalar(0);
  const Scalar eps = log_eps<Scalar>();
  const Scalar one(1);
  switch (cost) {
    case Cost::quadratic:
      return Scalar(0.5) * (a - y).squaredNorm() / m;
    case Cost::binary_cross_entropy: {
      const auto ac = a.array().max(eps).min(one - eps);
      return -(y.array() * ac.log() + (one - y.array()) * (one - ac).log()).sum() / m;
    }
    case Cost::cross_entropy:
      return -(y.array() * a.array().max(eps).log()).sum() / m;
    case Cost::huber: {
      const auto r = (a - y).array().abs();
      const Scalar d(kHuberDelta);
      return (r <= d).select(Scalar(0.5) * r.square(), d * (r - Scalar(0.5) * d)).sum() / m;
    }
  }
  return Scalar(0);
}

template <typename Scalar>
void cost_gradient(Cost cost, const Eigen::Ref<const Matrix<Scalar>>& a,
                   const Eigen::Ref<const Matrix<Scalar>>& y, Eigen::Ref<Matrix<Scalar>> dC_da) {
  const Scalar inv_m = Scalar(1) / static_cast<Scalar>(a.cols() > 0 ? a.cols() : 1);
  const Scalar eps = log_eps<Scalar>();
  const Scalar one(1);
  switch (cost) {
    case Cost::quadratic:
      // dC/da = (a - y) / m
      dC_da = (a - y) * inv_m;
      return;
    case Cost::binary_cross_entropy: {
      // dC/da = (a - y) / (a (1 - a)) / m
      const auto ac = a.array().max(eps).min(one - eps);
      dC_da = ((ac - y.array()) / (ac * (one - ac)) * inv_m).matrix();
      return;
    }
    case Cost::cross_entropy:
      // dC/da = -y / a / m
      dC_da = (-y.array() / a.array().max(eps) * inv_m).matrix();
      return;
    case Cost::huber: {
      // dh/dr = clamp(r, -delta, delta)
      const Scalar d(kHuberDelta);
      dC_da = ((a - y).array().max(-d).min(d) * inv_m).matrix();
      return;
    }
  }
}

void cost_check_output(Cost cost, Activation output) {
  if (cost == Cost::binary_cross_entropy || cost == Cost::cross_entropy) {
    if (output != Activation::sigmoid && output != Activation::softmax)
      throw Error("cost: " + std::string(enum_name(kCostNames, cost)) +
                  " needs outputs in (0, 1), but the output activation is '" +
                  std::string(enum_name(kActivationNames, output)) +
                  "'; use sigmoid or softmax on the output layer, or the quadratic or huber cost");
  }
}

template float cost_value<float>(Cost, const Eigen::Ref<const Matrix<float>>&,
                                 const Eigen::Ref<const Matrix<float>>&);
template double cost_value<double>(Cost, const Eigen::Ref<const Matrix<double>>&,
                                   const Eigen::Ref<const Matrix<double>>&);
template void cost_gradient<float>(Cost, const Eigen::Ref<const Matrix<float>>&,
                                   const Eigen::Ref<const Matrix<float>>&, Eigen::Ref<Matrix<float>>);
template void cost_gradient<double>(Cost, const Eigen::Ref<const Matrix<double>>&,
                                    const Eigen::Ref<const Matrix<double>>&,
                                    Eigen::Ref<Matrix<double>>);

}  // namespace bp
