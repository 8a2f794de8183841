// Port of updateWeights() and the accumulation in backProp() of tensorflow/playground src/nn.ts
// (Apache-2.0, commit bd89e3a). The per-example forward and backward passes are the engine's own
// (Network::forward_input / backward with m = 1, quadratic cost): the same derivatives as nn.ts's
// node-by-node loops (outputDer = a - y; inputDer = outputDer * f'(totalInput); errorDer = inputDer
// * source.output; outputDer of a hidden node = sum over its output links of weight * dest.inputDer).
#include "tfp/sgd.hpp"

namespace bp::tfp {

template <typename Scalar>
void Accumulator<Scalar>::reset(Index size) {
  acc_ = Vector<double>::Zero(size);
  dead_.assign(static_cast<std::size_t>(size), 0);
  count_ = 0;
}

template <typename Scalar>
void Accumulator<Scalar>::clear() {
  acc_.setZero();
  count_ = 0;
}

template <typename Scalar>
void Accumulator<Scalar>::add(const Vector<Scalar>& gradients) {
  // Dead links skip this in backProp; their entries are never read, so adding them is harmless.
  acc_ += gradients.template cast<double>();
  ++count_;
}

template <typename Scalar>
void Accumulator<Scalar>::update(Network<Scalar>& net, double learning_rate,
                                 Regularization regularization, double regularization_rate) {
  if (count_ == 0) return;
  const double count = static_cast<double>(count_);
  Vector<Scalar>& theta = net.parameters();
  const ParameterLayout& layout = net.layout();
  for (int k = 0; k < net.num_weight_layers(); ++k) {
    const Index n_out = net.spec().sizes[static_cast<std::size_t>(k) + 1];
    const Index n_in = net.spec().sizes[static_cast<std::size_t>(k)];
    const Index b0 = layout.b_offset[static_cast<std::size_t>(k)];
    const Index w0 = layout.W_offset[static_cast<std::size_t>(k)];
    for (Index i = 0; i < n_out; ++i) {
      // node.bias -= learningRate * node.accInputDer / node.numAccumulatedDers;
      double bias = static_cast<double>(theta(b0 + i));
      bias -= learning_rate * acc_(b0 + i) / count;
      theta(b0 + i) = static_cast<Scalar>(bias);
      for (Index j = 0; j < n_in; ++j) {
        const Index p = w0 + i + j * n_out;  // the link from node j to node i: W^l(i, j)
        if (dead_[static_cast<std::size_t>(p)]) continue;
        double w = static_cast<double>(theta(p));
        // regulDer = link.regularization.der(link.weight), before this update
        const double regul_der = regularization == Regularization::l1   ? (w < 0 ? -1.0 : (w > 0 ? 1.0 : 0.0))
                                 : regularization == Regularization::l2 ? w
                                                                        : 0.0;
        // link.weight = link.weight - (learningRate / link.numAccumulatedDers) * link.accErrorDer;
        w = w - (learning_rate / count) * acc_(p);
        // newLinkWeight = link.weight - (learningRate * regularizationRate) * regulDer;
        const double new_w = w - (learning_rate * regularization_rate) * regul_der;
        if (regularization == Regularization::l1 && w * new_w < 0) {
          // The weight crossed 0 due to the regularization term. Set it to 0.
          w = 0;
          dead_[static_cast<std::size_t>(p)] = 1;
        } else {
          w = new_w;
        }
        theta(p) = static_cast<Scalar>(w);
      }
    }
  }
  acc_.setZero();
  count_ = 0;
}

template class Accumulator<float>;
template class Accumulator<double>;

}  // namespace bp::tfp
