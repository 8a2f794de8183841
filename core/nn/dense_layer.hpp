#pragma once
// One fully connected layer of the seed's derivation: W^l (n^{l+1} × n^l) and b^l (n^{l+1}) map
// the activations a^l of layer l to the weighted input z^l of layer l+1. One forward/backward pair;
// the activation function is applied separately (nn/activation.hpp).
#include "math/types.hpp"
#include "nn/narrow_layer.hpp"

namespace bp {

// Products of small matrices (the playground's 2-8-8-1 layers on a batch of 10) skip Eigen's GEMM
// kernel, whose blocking and packing cost more than the arithmetic at that size; below this sum of
// the three dimensions a coefficient-based (still vectorised) product is used instead.
inline constexpr Index kSmallProductDims = 64;

template <typename Dst, typename Lhs, typename Rhs>
void multiply_into(Dst&& dst, const Lhs& lhs, const Rhs& rhs) {
  if (lhs.rows() + lhs.cols() + rhs.cols() < kSmallProductDims)
    dst.noalias() = lhs.lazyProduct(rhs);
  else
    dst.noalias() = lhs * rhs;
}

// z^l = W^l a^l + b^l 1^T              W: (n_out, n_in), a: (n_in, m), z: (n_out, m)
template <typename WIn, typename BIn, typename AIn, typename ZOut>
void dense_forward(const WIn& W, const BIn& b, const AIn& a, ZOut&& z) {
  using Scalar = typename WIn::Scalar;
  if (all_contiguous(W, a, z) &&
      with_narrow_layer<Scalar>(W.rows(), W.cols(), [&](auto layer) {
        layer.forward(W.data(), b.data(), a.data(), z.data(), W.cols(), a.cols());
      }))
    return;
  multiply_into(z, W, a);
  z.colwise() += b;
}

// Given delta^l = dC/dz^l (n_out, m) and the layer input a^l (n_in, m):
//   dC/dW^l = delta^l (a^l)^T        dC/dw_ij = delta_i a_j, summed over the batch
//   dC/db^l = delta^l 1              dC/db_i  = delta_i,     summed over the batch
template <typename Delta, typename AIn, typename DW, typename DB>
void dense_backward_params(const Delta& delta, const AIn& a, DW&& dW, DB&& db) {
  using Scalar = typename Delta::Scalar;
  if (all_contiguous(delta, a, dW) &&
      with_narrow_layer<Scalar>(dW.rows(), dW.cols(), [&](auto layer) {
        layer.backward_params(delta.data(), a.data(), dW.data(), db.data(), a.rows(), a.cols());
      }))
    return;
  multiply_into(dW, delta, a.transpose());
  db.noalias() = delta.rowwise().sum();
}

// dC/da^l = (W^l)^T delta^l           (n_in, m). The caller multiplies by sigma'(z^{l-1}) to get
// delta^{l-1}: the seed's last equation omits that factor (see the erratum in README.md).
template <typename WIn, typename Delta, typename GOut>
void dense_backward_input(const WIn& W, const Delta& delta, GOut&& dC_da) {
  using Scalar = typename WIn::Scalar;
  if (all_contiguous(W, delta, dC_da) &&
      with_narrow_layer<Scalar>(W.rows(), W.cols(), [&](auto layer) {
        layer.backward_input(W.data(), delta.data(), dC_da.data(), W.cols(), delta.cols());
      }))
    return;
  multiply_into(dC_da, W.transpose(), delta);
}

}  // namespace bp
