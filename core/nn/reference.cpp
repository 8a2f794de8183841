#include "nn/reference.hpp"

#include <algorithm>
#include <cmath>

namespace bp {
namespace {
template <typename Scalar>
Scalar sigma(Activation s, Scalar z) {
  switch (s) {
    case Activation::linear: return z;
    case Activation::sigmoid: return Scalar(1) / (Scalar(1) + std::exp(-z));
    case Activation::tanh: return std::tanh(z);
    case Activation::relu: return z > 0 ? z : Scalar(0);
    case Activation::leaky_relu: return z > 0 ? z : Scalar(kLeakyReluSlope) * z;
    case Activation::softmax: return z;  // normalised per column by the caller
  }
  return z;
}
// sigma'(z) written through a = sigma(z), as in nn/activation.cpp.
template <typename Scalar>
Scalar sigma_prime(Activation s, Scalar a) {
  switch (s) {
    case Activation::linear: return 1;
    case Activation::sigmoid: return a * (1 - a);
    case Activation::tanh: return 1 - a * a;
    case Activation::relu: return a > 0 ? 1 : 0;
    case Activation::leaky_relu: return a > 0 ? Scalar(1) : Scalar(kLeakyReluSlope);
    case Activation::softmax: return 1;  // handled as a Jacobian product by the caller
  }
  return 1;
}
}  // namespace

template <typename Scalar>
ReferenceNetwork<Scalar>::ReferenceNetwork(const NetworkSpec& spec, Index capacity)
    : spec_(spec), layout_(ParameterLayout::of(spec)) {
  spec_.validate();
  const int L = static_cast<int>(spec_.sizes.size());
  a_.resize(L);
  z_.resize(L - 1);
  delta_.resize(L - 1);
  int widest = 0;
  for (int l = 0; l < L; ++l) {
    a_[l].resize(std::size_t(spec_.sizes[l]) * capacity);
    widest = std::max(widest, spec_.sizes[l]);
  }
  for (int k = 0; k < L - 1; ++k) {
    z_[k].resize(std::size_t(spec_.sizes[k + 1]) * capacity);
    delta_[k].resize(std::size_t(spec_.sizes[k + 1]) * capacity);
  }
  gradient_.resize(layout_.size);
  g_.resize(std::size_t(widest) * capacity);
}

template <typename Scalar>
const std::vector<Scalar>& ReferenceNetwork<Scalar>::forward(const Scalar* p, const Scalar* x,
                                                             Index m) {
  m_ = m;
  const int n_layers = spec_.num_weight_layers();
  std::copy(x, x + std::size_t(spec_.sizes[0]) * m, a_[0].begin());
  for (int k = 0; k < n_layers; ++k) {
    const Index n_in = spec_.sizes[k], n_out = spec_.sizes[k + 1];
    const Scalar* W = p + layout_.W_offset[k];
    const Scalar* b = p + layout_.b_offset[k];
    for (Index s = 0; s < m; ++s) {
      for (Index i = 0; i < n_out; ++i) {
        Scalar sum = b[i];
        for (Index j = 0; j < n_in; ++j) sum += W[i + n_out * j] * a_[k][j + n_in * s];
        z_[k][i + n_out * s] = sum;
        a_[k + 1][i + n_out * s] = sigma(spec_.activations[k], sum);
      }
      if (spec_.activations[k] == Activation::softmax) {
        Scalar zmax = z_[k][n_out * s];
        for (Index i = 1; i < n_out; ++i) zmax = std::max(zmax, z_[k][i + n_out * s]);
        Scalar total = 0;
        for (Index i = 0; i < n_out; ++i) total += std::exp(z_[k][i + n_out * s] - zmax);
        for (Index i = 0; i < n_out; ++i)
          a_[k + 1][i + n_out * s] = std::exp(z_[k][i + n_out * s] - zmax) / total;
      }
    }
  }
  return a_[n_layers];
}

template <typename Scalar>
void ReferenceNetwork<Scalar>::backward(const Scalar* p, const Scalar* y, Cost cost) {
  const int n_layers = spec_.num_weight_layers();
  const int last = n_layers - 1;
  const Index n_L = spec_.sizes[n_layers];
  const Scalar inv_m = Scalar(1) / static_cast<Scalar>(m_);
  const Activation out = spec_.activations[last];
  const Scalar eps = sizeof(Scalar) == 4 ? Scalar(1e-7) : Scalar(1e-15);
  // dC/da^L, then delta^{L-1}.
  for (Index s = 0; s < m_; ++s) {
    for (Index i = 0; i < n_L; ++i) {
      const std::size_t e = i + n_L * s;
      const Scalar a = a_[n_layers][e], t = y[e];
      Scalar g = 0;
      switch (cost) {
        case Cost::quadratic: g = a - t; break;
        case Cost::binary_cross_entropy: {
          const Scalar ac = std::clamp(a, eps, Scalar(1) - eps);
          g = (ac - t) / (ac * (1 - ac));
          break;
        }
        case Cost::cross_entropy: g = -t / std::max(a, eps); break;
        case Cost::huber: g = std::clamp(a - t, Scalar(-kHuberDelta), Scalar(kHuberDelta)); break;
      }
      g_[e] = g * inv_m;
    }
    for (Index i = 0; i < n_L; ++i) {
      const std::size_t e = i + n_L * s;
      if (cost_fuses_with(cost, out)) {
        delta_[last][e] = (a_[n_layers][e] - y[e]) * inv_m;
      } else if (out == Activation::softmax) {
        Scalar ag = 0;
        for (Index j = 0; j < n_L; ++j) ag += a_[n_layers][j + n_L * s] * g_[j + n_L * s];
        delta_[last][e] = a_[n_layers][e] * (g_[e] - ag);
      } else {
        delta_[last][e] = g_[e] * sigma_prime(out, a_[n_layers][e]);
      }
    }
  }
  for (int k = last; k >= 0; --k) {
    const Index n_in = spec_.sizes[k], n_out = spec_.sizes[k + 1];
    const Scalar* W = p + layout_.W_offset[k];
    Scalar* dW = gradient_.data() + layout_.W_offset[k];
    Scalar* db = gradient_.data() + layout_.b_offset[k];
    // dC/dw_ij = sum_s delta_i a_j ;  dC/db_i = sum_s delta_i
    for (Index i = 0; i < n_out; ++i) {
      Scalar sb = 0;
      for (Index s = 0; s < m_; ++s) sb += delta_[k][i + n_out * s];
      db[i] = sb;
      for (Index j = 0; j < n_in; ++j) {
        Scalar sw = 0;
        for (Index s = 0; s < m_; ++s) sw += delta_[k][i + n_out * s] * a_[k][j + n_in * s];
        dW[i + n_out * j] = sw;
      }
    }
    if (k == 0) break;
    // delta^{l-1}_j = (sum_i delta^l_i w^l_ij) sigma'(z^{l-1}_j)
    for (Index s = 0; s < m_; ++s)
      for (Index j = 0; j < n_in; ++j) {
        Scalar sum = 0;
        for (Index i = 0; i < n_out; ++i) sum += delta_[k][i + n_out * s] * W[i + n_out * j];
        delta_[k - 1][j + n_in * s] = sum * sigma_prime(spec_.activations[k - 1], a_[k][j + n_in * s]);
      }
  }
}

template <typename Scalar>
void ReferenceNetwork<Scalar>::sgd_update(Scalar* p, Scalar eta) const {
  for (std::size_t i = 0; i < gradient_.size(); ++i) p[i] -= eta * gradient_[i];
}

template class ReferenceNetwork<float>;
template class ReferenceNetwork<double>;

}  // namespace bp
