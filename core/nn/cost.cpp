#include "nn/cost.hpp"

#include <string>

#include "math/runs.hpp"

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
  // Sums over flat runs (math/runs.hpp): one run for the network's contiguous buffers.
  Scalar sum(0);
  const auto add = [&](auto f) { for_each_run([&](auto a_, auto y_) { sum += f(a_, y_); }, a, y); };
  switch (cost) {
    case Cost::quadratic:
      // C = 1/(2m) sum ||a - y||^2
      add([](auto a_, auto y_) { return (a_ - y_).square().sum(); });
      return Scalar(0.5) * sum / m;
    case Cost::binary_cross_entropy:
      add([&](auto a_, auto y_) {
        const auto ac = a_.max(eps).min(one - eps);
        return (y_ * ac.log() + (one - y_) * (one - ac).log()).sum();
      });
      return -sum / m;
    case Cost::cross_entropy:
      add([&](auto a_, auto y_) { return (y_ * a_.max(eps).log()).sum(); });
      return -sum / m;
    case Cost::huber: {
      const Scalar d(kHuberDelta);
      add([&](auto a_, auto y_) {
        const auto r = (a_ - y_).abs();
        return (r <= d).select(Scalar(0.5) * r.square(), d * (r - Scalar(0.5) * d)).sum();
      });
      return sum / m;
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
  const auto each = [&](auto f) { for_each_run(f, a, y, dC_da); };
  switch (cost) {
    case Cost::quadratic:
      // dC/da = (a - y) / m
      return each([&](auto a_, auto y_, auto g_) { g_ = (a_ - y_) * inv_m; });
    case Cost::binary_cross_entropy:
      // dC/da = (a - y) / (a (1 - a)) / m
      return each([&](auto a_, auto y_, auto g_) {
        const auto ac = a_.max(eps).min(one - eps);
        g_ = (ac - y_) / (ac * (one - ac)) * inv_m;
      });
    case Cost::cross_entropy:
      // dC/da = -y / a / m
      return each([&](auto a_, auto y_, auto g_) { g_ = -y_ / a_.max(eps) * inv_m; });
    case Cost::huber: {
      // dh/dr = clamp(r, -delta, delta)
      const Scalar d(kHuberDelta);
      return each([&](auto a_, auto y_, auto g_) { g_ = (a_ - y_).max(-d).min(d) * inv_m; });
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
