#include "nn/network.hpp"

#include <algorithm>
#include <utility>

#include "nn/dense_layer.hpp"

namespace bp {

template <typename Scalar>
Network<Scalar>::Network(NetworkSpec spec) : spec_(std::move(spec)) {
  spec_.validate();
  layout_ = ParameterLayout::of(spec_);
  parameters_ = Vector<Scalar>::Zero(layout_.size);
  gradients_ = Vector<Scalar>::Zero(layout_.size);
}

template <typename Scalar>
MatrixMap<Scalar> Network<Scalar>::W(int k) {
  return MatrixMap<Scalar>(parameters_.data() + layout_.W_offset[k], spec_.sizes[k + 1],
                           spec_.sizes[k]);
}
template <typename Scalar>
ConstMatrixMap<Scalar> Network<Scalar>::W(int k) const {
  return ConstMatrixMap<Scalar>(parameters_.data() + layout_.W_offset[k], spec_.sizes[k + 1],
                                spec_.sizes[k]);
}
template <typename Scalar>
VectorMap<Scalar> Network<Scalar>::b(int k) {
  return VectorMap<Scalar>(parameters_.data() + layout_.b_offset[k], spec_.sizes[k + 1]);
}
template <typename Scalar>
ConstVectorMap<Scalar> Network<Scalar>::b(int k) const {
  return ConstVectorMap<Scalar>(parameters_.data() + layout_.b_offset[k], spec_.sizes[k + 1]);
}
template <typename Scalar>
MatrixMap<Scalar> Network<Scalar>::dW(int k) {
  return MatrixMap<Scalar>(gradients_.data() + layout_.W_offset[k], spec_.sizes[k + 1],
                           spec_.sizes[k]);
}
template <typename Scalar>
VectorMap<Scalar> Network<Scalar>::db(int k) {
  return VectorMap<Scalar>(gradients_.data() + layout_.b_offset[k], spec_.sizes[k + 1]);
}

template <typename Scalar>
void Network<Scalar>::initialize(Init init, Rng& rng) {
  initialize_parameters(spec_, layout_, init, rng, parameters_);
  gradients_.setZero();
}

template <typename Scalar>
void Network<Scalar>::reserve(Index capacity, bool with_dropout) {
  const int L = static_cast<int>(spec_.sizes.size());
  const bool grow = capacity > capacity_;
  const bool need_masks = with_dropout && mask_.empty() && L > 2;
  if (!grow && !need_masks) return;
  capacity_ = std::max(capacity, capacity_);
  a_.resize(L);
  z_.resize(L - 1);
  delta_.resize(L - 1);
  for (int level = 0; level < L; ++level) a_[level].resize(Index(spec_.sizes[level]) * capacity_);
  for (int k = 0; k < L - 1; ++k) {
    z_[k].resize(Index(spec_.sizes[k + 1]) * capacity_);
    delta_[k].resize(Index(spec_.sizes[k + 1]) * capacity_);
  }
  if (with_dropout || !mask_.empty()) {
    mask_.resize(L);
    a_drop_.resize(L);
    for (int level = 1; level < L - 1; ++level) {
      mask_[level].resize(Index(spec_.sizes[level]) * capacity_);
      a_drop_[level].resize(Index(spec_.sizes[level]) * capacity_);
    }
  }
  const int widest = *std::max_element(spec_.sizes.begin(), spec_.sizes.end());
  g_.resize(Index(widest) * capacity_);
}

template <typename Scalar>
MatrixMap<Scalar> Network<Scalar>::input(Index m) {
  if (m > capacity_) reserve(m);
  m_ = m;
  return view(a_[0], spec_.sizes[0]);
}

template <typename Scalar>
ConstMatrixMap<Scalar> Network<Scalar>::layer_input(int k) const {
  if (k > 0 && dropout_active_) return view(a_drop_[k], spec_.sizes[k]);
  return view(a_[k], spec_.sizes[k]);
}

template <typename Scalar>
ConstMatrixMap<Scalar> Network<Scalar>::forward_input(Index m, double dropout, Rng* rng) {
  m_ = m;
  const int n_layers = num_weight_layers();
  dropout_active_ = dropout > 0.0 && rng != nullptr && n_layers > 1;
  if (dropout_active_ && mask_.empty()) reserve(capacity_, true);
  const Scalar keep_scale = dropout_active_ ? Scalar(1.0 / (1.0 - dropout)) : Scalar(1);
  for (int k = 0; k < n_layers; ++k) {
    auto z_k = view(z_[k], spec_.sizes[k + 1]);
    auto a_next = view(a_[k + 1], spec_.sizes[k + 1]);
    // z^l = W^l a^l + b^l
    dense_forward(W(k), b(k), layer_input(k), z_k);
    // a^{l+1} = sigma_l(z^l)
    activation_forward<Scalar>(spec_.activations[k], z_k, a_next);
    if (dropout_active_ && k + 1 < n_layers) {
      // Inverted dropout on hidden layer k+1: keep with probability 1 - p, scale by 1/(1 - p).
      auto mask = view(mask_[k + 1], spec_.sizes[k + 1]);
      for (Index i = 0; i < mask.size(); ++i)
        mask.data()[i] = rng->uniform() < dropout ? Scalar(0) : keep_scale;
      view(a_drop_[k + 1], spec_.sizes[k + 1]) = a_next.cwiseProduct(mask);
    }
  }
  return output();
}

template <typename Scalar>
ConstMatrixMap<Scalar> Network<Scalar>::forward(const Eigen::Ref<const Matrix<Scalar>>& x,
                                                double dropout, Rng* rng) {
  BP_REQUIRE(x.rows() == input_size(), "input",
          "has " + std::to_string(x.rows()) + " rows (features) but the network takes " +
              std::to_string(input_size()));
  input(x.cols()) = x;
  return forward_input(x.cols(), dropout, rng);
}

template <typename Scalar>
void Network<Scalar>::backward(const Eigen::Ref<const Matrix<Scalar>>& y, Cost cost) {
  const int n_layers = num_weight_layers();
  const int last = n_layers - 1;
  auto a_L = view(a_[n_layers], spec_.sizes[n_layers]);
  auto delta_last = view(delta_[last], spec_.sizes[n_layers]);
  if (cost_fuses_with(cost, spec_.activations[last])) {
    // delta^{L-1} = (a^L - y) / m   (softmax + cross-entropy, sigmoid + binary cross-entropy)
    delta_last = (a_L - y) * (Scalar(1) / static_cast<Scalar>(m_));
  } else {
    // delta^{L-1} = dC/da^L ⊙ sigma'(z^{L-1})   (or the softmax Jacobian product)
    auto g = view(g_, spec_.sizes[n_layers]);
    cost_gradient<Scalar>(cost, a_L, y, g);
    activation_backward<Scalar>(spec_.activations[last], a_L, g, delta_last);
  }
  for (int k = last; k >= 0; --k) {
    auto delta_k = view(delta_[k], spec_.sizes[k + 1]);
    auto dW_k = dW(k);
    auto db_k = db(k);
    // dC/dW^l = delta^l (a^l)^T,  dC/db^l = delta^l 1
    dense_backward_params(delta_k, layer_input(k), dW_k, db_k);
    if (k == 0) break;
    // dC/da^l = (W^l)^T delta^l
    auto g = view(g_, spec_.sizes[k]);
    dense_backward_input(W(k), delta_k, g);
    if (dropout_active_) g.array() *= view(mask_[k], spec_.sizes[k]).array();
    // delta^{l-1} = (W^l)^T delta^l ⊙ sigma'(z^{l-1})   (the seed's last equation omits sigma')
    activation_backward<Scalar>(spec_.activations[k - 1], view(a_[k], spec_.sizes[k]), g,
                                view(delta_[k - 1], spec_.sizes[k]));
  }
}

template <typename Scalar>
ConstMatrixMap<Scalar> Network<Scalar>::a(int level) const {
  return view(a_[level], spec_.sizes[level]);
}
template <typename Scalar>
ConstMatrixMap<Scalar> Network<Scalar>::z(int k) const {
  return view(z_[k], spec_.sizes[k + 1]);
}
template <typename Scalar>
ConstMatrixMap<Scalar> Network<Scalar>::delta(int k) const {
  return view(delta_[k], spec_.sizes[k + 1]);
}

template class Network<float>;
template class Network<double>;

}  // namespace bp
