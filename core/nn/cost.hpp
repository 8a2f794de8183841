#pragma once
// Cost functions C(a^L, y), averaged over the batch: C = (1/m) sum_x C_x.
#include "math/types.hpp"
#include "names.hpp"
#include "nn/activation.hpp"

namespace bp {

enum class Cost { quadratic, binary_cross_entropy, cross_entropy, huber };

inline constexpr NameTable<Cost, 4> kCostNames{{
    {Cost::quadratic, "quadratic"},
    {Cost::binary_cross_entropy, "binary_cross_entropy"},
    {Cost::cross_entropy, "cross_entropy"},
    {Cost::huber, "huber"},
}};

inline constexpr double kHuberDelta = 1.0;

// Per sample:
//  quadratic            C_x = 1/2 ||a - y||^2
//  binary_cross_entropy C_x = -sum_i [ y_i ln a_i + (1 - y_i) ln(1 - a_i) ]
//  cross_entropy        C_x = -sum_i y_i ln a_i                  (softmax cross-entropy)
//  huber                C_x = sum_i h(a_i - y_i), h(r) = r^2/2 if |r| <= 1 else |r| - 1/2
// Logarithms take a clamped to [eps, 1 - eps] (eps = 1e-7 in float, 1e-15 in double).
template <typename Scalar>
Scalar cost_value(Cost cost, const Eigen::Ref<const Matrix<Scalar>>& a,
                  const Eigen::Ref<const Matrix<Scalar>>& y);

// dC/da^L for the batch mean (includes the 1/m).
template <typename Scalar>
void cost_gradient(Cost cost, const Eigen::Ref<const Matrix<Scalar>>& a,
                   const Eigen::Ref<const Matrix<Scalar>>& y, Eigen::Ref<Matrix<Scalar>> dC_da);

// True when delta^{L-1} = (a^L - y) / m exactly: softmax + cross_entropy (y one-hot, columns sum
// to 1) and sigmoid + binary_cross_entropy. The fused form avoids dividing by a ~ 0.
inline bool cost_fuses_with(Cost cost, Activation output) {
  return (cost == Cost::cross_entropy && output == Activation::softmax) ||
         (cost == Cost::binary_cross_entropy && output == Activation::sigmoid);
}

// Cross-entropies need outputs in (0, 1): sigmoid or softmax. Throws bp::Error otherwise.
void cost_check_output(Cost cost, Activation output);

}  // namespace bp
