#include "train/regularization.hpp"

#include <utility>

namespace bp {

template <typename Scalar>
double regularization_penalty(const Network<Scalar>& net, Regularization kind, double lambda) {
  if (kind == Regularization::none || lambda == 0.0) return 0.0;
  double sum = 0.0;
  for (int k = 0; k < net.num_weight_layers(); ++k) {
    const auto W = net.W(k);
    sum += kind == Regularization::l1 ? static_cast<double>(W.cwiseAbs().sum())
                                      : 0.5 * static_cast<double>(W.squaredNorm());
  }
  return lambda * sum;
}

template <typename Scalar>
void regularization_add_gradient(Network<Scalar>& net, Regularization kind, double lambda) {
  if (kind == Regularization::none || lambda == 0.0) return;
  const Scalar l = static_cast<Scalar>(lambda);
  for (int k = 0; k < net.num_weight_layers(); ++k) {
    const auto W = std::as_const(net).W(k);
    auto dW = net.dW(k);
    if (kind == Regularization::l1)
      dW.array() += l * W.array().sign();
    else
      dW.array() += l * W.array();
  }
}

template double regularization_penalty<float>(const Network<float>&, Regularization, double);
template double regularization_penalty<double>(const Network<double>&, Regularization, double);
template void regularization_add_gradient<float>(Network<float>&, Regularization, double);
template void regularization_add_gradient<double>(Network<double>&, Regularization, double);

}  // namespace bp
