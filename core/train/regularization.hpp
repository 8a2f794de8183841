#pragma once
// Weight penalties (weights only, never biases, as in TensorFlow Playground):
//   L1: lambda * sum |w|,      dR/dw = lambda * sign(w)   (0 at w = 0, a subgradient)
//   L2: lambda * sum w^2 / 2,  dR/dw = lambda * w
#include "nn/network.hpp"
#include "train/options.hpp"

namespace bp {

template <typename Scalar>
double regularization_penalty(const Network<Scalar>& net, Regularization kind, double lambda);

// gradients() += dR/dparameters
template <typename Scalar>
void regularization_add_gradient(Network<Scalar>& net, Regularization kind, double lambda);

}  // namespace bp
