#include "train/trace.hpp"

#include <algorithm>
#include <limits>
#include <string>
#include <utility>

#include "error.hpp"
#include "nn/activation.hpp"
#include "nn/dense_layer.hpp"

namespace bp {
namespace {

// A trace vector as the n × 1 matrix the layer functions take (a map: no copy, no temporary).
template <typename Scalar>
MatrixMap<Scalar> column(Vector<Scalar>& v) {
  return MatrixMap<Scalar>(v.data(), v.size(), 1);
}
template <typename Scalar>
ConstMatrixMap<Scalar> column(const Vector<Scalar>& v) {
  return ConstMatrixMap<Scalar>(v.data(), v.size(), 1);
}

}  // namespace

template <typename Scalar>
SampleTracer<Scalar>::SampleTracer(const NetworkSpec& spec) : net_(spec) {
  net_.reserve(1);
  const std::vector<int>& sizes = net_.spec().sizes;
  const int n_layers = net_.num_weight_layers();
  ones_ = Vector<Scalar>::Ones(*std::max_element(sizes.begin(), sizes.end()));
  trace_.layers.resize(static_cast<std::size_t>(n_layers));
  for (int k = 0; k < n_layers; ++k) {
    LayerTrace<Scalar>& layer = trace_.layers[static_cast<std::size_t>(k)];
    const Index n = sizes[static_cast<std::size_t>(k) + 1];
    layer.z.resize(n);
    layer.sigma_prime.resize(n);
    layer.dC_da.resize(n);
    layer.delta.resize(n);
  }
  trace_.a.resize(sizes.size());
  for (std::size_t level = 0; level < sizes.size(); ++level) trace_.a[level].resize(sizes[level]);
  trace_.gradient.resize(net_.layout().size);
  trace_.target.resize(sizes.back());
}

template <typename Scalar>
const SampleTrace<Scalar>& SampleTracer<Scalar>::trace(const Vector<Scalar>& parameters, Cost cost,
                                                       const Eigen::Ref<const Matrix<Scalar>>& x,
                                                       const Eigen::Ref<const Matrix<Scalar>>& y,
                                                       DeltaRule rule) {
  BP_REQUIRE(parameters.size() == net_.layout().size, "parameters",
             "has " + std::to_string(parameters.size()) + " values but the network has " +
                 std::to_string(net_.layout().size) + " parameters");
  BP_REQUIRE(x.rows() == net_.input_size() && x.cols() == 1, "input",
             "a trace takes one sample of " + std::to_string(net_.input_size()) + " features");
  BP_REQUIRE(y.rows() == net_.output_size() && y.cols() == 1, "target",
             "a trace takes one target of " + std::to_string(net_.output_size()) + " values");
  const int n_layers = net_.num_weight_layers();
  const int last = n_layers - 1;
  const Activation output = net_.output_activation();
  const std::vector<Activation>& sigma = net_.spec().activations;
  const ParameterLayout& layout = net_.layout();

  net_.parameters() = parameters;
  net_.input(1) = x;
  // Forward, Network::forward_input on one column:  z^l = W^l a^l + b^l,  a^{l+1} = sigma(z^l)
  const ConstMatrixMap<Scalar> a_L = net_.forward_input(1);
  // C = C(a^L, y) of this sample (a batch of one: the batch mean is the sample's cost)
  trace_.cost = static_cast<double>(cost_value<Scalar>(cost, a_L, y));
  // Backward, Network::backward on one column: delta^{L-1} from the cost, then
  //   delta^{l-1} = (W^l)^T delta^l ⊙ sigma'(z^{l-1}),  dC/dW^l = delta^l (a^l)^T,  dC/db^l = delta^l
  net_.backward(y, cost);

  trace_.rule = rule;
  trace_.output_delta = cost_fuses_with(cost, output)   ? OutputDelta::a_minus_y
                        : output == Activation::softmax ? OutputDelta::softmax_jacobian
                                                        : OutputDelta::elementwise;
  for (int level = 0; level <= n_layers; ++level)
    column(trace_.a[static_cast<std::size_t>(level)]) = net_.a(level);
  for (int k = 0; k < n_layers; ++k) {
    LayerTrace<Scalar>& layer = trace_.layers[static_cast<std::size_t>(k)];
    column(layer.z) = net_.z(k);
    if (sigma[static_cast<std::size_t>(k)] == Activation::softmax) {
      layer.sigma_prime.setConstant(std::numeric_limits<Scalar>::quiet_NaN());
    } else {
      // sigma'(z^l) = activation_backward(sigma, a^{l+1}, 1): the factor backward() multiplies by
      const ConstMatrixMap<Scalar> ones(ones_.data(), layer.z.size(), 1);
      activation_backward<Scalar>(sigma[static_cast<std::size_t>(k)], net_.a(k + 1), ones,
                                  column(layer.sigma_prime));
    }
  }

  // dC/da^L = the cost's derivative (a batch of one: no 1/m). Backward uses it unless the cost
  // fuses with the output (then delta^{L-1} = a^L - y, and dC/da^L is shown for reference).
  LayerTrace<Scalar>& out = trace_.layers[static_cast<std::size_t>(last)];
  cost_gradient<Scalar>(cost, a_L, y, column(out.dC_da));
  // delta^{L-1}: the same under both rules (the seed states it correctly).
  column(out.delta) = net_.delta(last);
  for (int k = last - 1; k >= 0; --k) {
    LayerTrace<Scalar>& layer = trace_.layers[static_cast<std::size_t>(k)];
    // Maps of the same types as in Network::backward, so the layer functions are the same
    // instantiations (no second copy of the kernels in the WASM module).
    MatrixMap<Scalar> delta_above = column(trace_.layers[static_cast<std::size_t>(k) + 1].delta);
    MatrixMap<Scalar> dC_da = column(layer.dC_da);
    // dC/da^{l+1} = (W^{l+1})^T delta^{l+1}   (the derivation's recursion for dC/da, correct)
    dense_backward_input(net_.W(k + 1), delta_above, dC_da);
    if (rule == DeltaRule::backprop)
      column(layer.delta) = net_.delta(k);  // = dC/da^{l+1} ⊙ sigma'(z^l), as backward() made it
    else
      layer.delta = layer.dC_da;  // the seed as printed: delta^{l-1}_i = sum_k delta^l_k w^l_ki
  }

  if (rule == DeltaRule::backprop) {
    trace_.gradient = net_.gradients();
  } else {
    // The gradient the seed's delta gives:  dC/dW^l = delta^l (a^l)^T,  dC/db^l = delta^l
    for (int k = 0; k < n_layers; ++k) {
      const Index rows = net_.spec().sizes[static_cast<std::size_t>(k) + 1];
      const Index cols = net_.spec().sizes[static_cast<std::size_t>(k)];
      MatrixMap<Scalar> dW(trace_.gradient.data() + layout.W_offset[static_cast<std::size_t>(k)],
                           rows, cols);
      VectorMap<Scalar> db(trace_.gradient.data() + layout.b_offset[static_cast<std::size_t>(k)],
                           rows);
      const MatrixMap<Scalar> delta = column(trace_.layers[static_cast<std::size_t>(k)].delta);
      dense_backward_params(delta, net_.a(k), dW, db);
    }
  }
  return trace_;
}

template class SampleTracer<float>;
template class SampleTracer<double>;

}  // namespace bp
