#pragma once
// Activation functions sigma, applied per layer: a^{l+1} = sigma(z^l).
#include "math/types.hpp"
#include "names.hpp"

namespace bp {

enum class Activation { linear, sigmoid, tanh, relu, leaky_relu, softmax };

inline constexpr NameTable<Activation, 6> kActivationNames{{
    {Activation::linear, "linear"},
    {Activation::sigmoid, "sigmoid"},
    {Activation::tanh, "tanh"},
    {Activation::relu, "relu"},
    {Activation::leaky_relu, "leaky_relu"},
    {Activation::softmax, "softmax"},
}};

inline constexpr double kLeakyReluSlope = 0.01;

// a = sigma(z), column by column (softmax normalises each column, with the max subtracted).
template <typename Scalar>
void activation_forward(Activation sigma, const Eigen::Ref<const Matrix<Scalar>>& z,
                        Eigen::Ref<Matrix<Scalar>> a);

// delta = dC/dz from g = dC/da, with a = sigma(z) already computed by the forward pass.
//  elementwise sigma:  delta = g ⊙ sigma'(z), where sigma'(z) is written through a:
//                      sigmoid' = a(1-a), tanh' = 1-a^2, relu' = [z>0] = [a>0], leaky' = 1 or slope.
//  softmax (per column): delta_i = sum_j g_j da_j/dz_i = a_i (g_i - sum_j a_j g_j).
// ReLU's derivative at exactly z = 0 is taken as 0 (a subgradient).
// `delta` may alias `g` (it is computed in place when they are the same buffer).
template <typename Scalar>
void activation_backward(Activation sigma, const Eigen::Ref<const Matrix<Scalar>>& a,
                         const Eigen::Ref<const Matrix<Scalar>>& g, Eigen::Ref<Matrix<Scalar>> delta);

}  // namespace bp
