#pragma once
// The naive reference: the same network, parameter layout and math as nn/network.hpp, written as
// plain scalar loops with no Eigen products. Tests check the Eigen path against it; the benchmark
// times both side by side so the SIMD/blocking speed-up is visible in one run.
// Element (i, j) of an n×m buffer is at i + n*j (column-major, one column per sample).
#include <vector>

#include "math/types.hpp"
#include "nn/cost.hpp"
#include "nn/network_spec.hpp"

namespace bp {

template <typename Scalar>
class ReferenceNetwork {
 public:
  explicit ReferenceNetwork(const NetworkSpec& spec, Index capacity);

  // a^{l+1}_i = sigma(sum_j w^l_ij a^l_j + b^l_i), for one batch of m samples (x: n^1 × m).
  const std::vector<Scalar>& forward(const Scalar* parameters, const Scalar* x, Index m);
  // gradient = dC/dparameters for the last forward (y: n^L × m), by the corrected recursion
  // delta^{l-1}_i = (sum_k delta^l_k w^l_ki) sigma'(z^{l-1}_i).
  void backward(const Scalar* parameters, const Scalar* y, Cost cost);
  // parameters -= eta * gradient
  void sgd_update(Scalar* parameters, Scalar eta) const;

  const std::vector<Scalar>& gradient() const { return gradient_; }
  const std::vector<Scalar>& activation(int level) const { return a_[level]; }

 private:
  NetworkSpec spec_;
  ParameterLayout layout_;
  Index m_ = 0;
  std::vector<std::vector<Scalar>> a_, z_, delta_;
  std::vector<Scalar> gradient_, g_;
};

extern template class ReferenceNetwork<float>;
extern template class ReferenceNetwork<double>;

}  // namespace bp
