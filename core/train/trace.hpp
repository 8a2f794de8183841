#pragma once
// The trace of one sample through the network: every quantity of the derivation
// (docs/backprop-derivation.md, with docs/erratum.md) for that sample under given weights, for the
// page's math panel. Seed's notation: weight layer l = 1..L-1 (k = l - 1 in code) maps level l to
// l+1, z^l = W^l a^l + b^l, a^{l+1} = sigma(z^l), delta^l = dC/dz^l; C = cost(a^L(x), y) of this
// one sample (no batch mean, no regularization, no dropout).
//
// The numbers come from Network's own forward() and backward() on a batch of one column (the same
// code, in the same Scalar, as training): z, a, delta and the gradient are read out of the network's
// workspaces. What backward() keeps only in scratch is recomputed with the same layer functions:
// dC/da^{l+1} = (W^{l+1})^T delta^{l+1} (dense_backward_input) and dC/da^L from the cost
// (cost_gradient); sigma'(z^l) is activation_backward applied to a vector of ones.
//
// The tracer owns a network of the same shape and every output buffer: after the first call, a
// trace of the same network allocates nothing. It never touches the trainer it traces for.
#include <vector>

#include "math/types.hpp"
#include "names.hpp"
#include "nn/cost.hpp"
#include "nn/network.hpp"

namespace bp {

// How delta is propagated backwards.
//  backprop:     delta^{l-1} = (W^l)^T delta^l ⊙ sigma'(z^{l-1})   (what training uses)
//  seed_erratum: delta^{l-1} = (W^l)^T delta^l                    (the seed's last equation as
//                printed, without sigma'; wrong wherever sigma' != 1, see docs/erratum.md)
// Both start from the same delta^{L-1} (the seed states that one correctly).
enum class DeltaRule { backprop, seed_erratum };

inline constexpr NameTable<DeltaRule, 2> kDeltaRuleNames{{
    {DeltaRule::backprop, "backprop"},
    {DeltaRule::seed_erratum, "seed_erratum"},
}};

// How delta^{L-1} of the output layer was obtained:
//  a_minus_y:         delta^{L-1} = a^L - y directly (softmax + cross-entropy, sigmoid + binary
//                     cross-entropy: backward() does not form dC/da^L ⊙ sigma' there)
//  elementwise:       delta^{L-1} = dC/da^L ⊙ sigma'(z^{L-1})
//  softmax_jacobian:  delta^{L-1}_i = a_i (g_i - sum_j a_j g_j), g = dC/da^L (softmax with the
//                     quadratic or huber cost; sigma' is not elementwise)
enum class OutputDelta { a_minus_y, elementwise, softmax_jacobian };

inline constexpr NameTable<OutputDelta, 3> kOutputDeltaNames{{
    {OutputDelta::a_minus_y, "a_minus_y"},
    {OutputDelta::elementwise, "elementwise"},
    {OutputDelta::softmax_jacobian, "softmax_jacobian"},
}};

// Weight layer l = k + 1 of the trace; every vector has n^{l+1} entries.
template <typename Scalar>
struct LayerTrace {
  Vector<Scalar> z;            // z^l = W^l a^l + b^l
  Vector<Scalar> sigma_prime;  // sigma'(z^l); NaN for softmax (its derivative is a Jacobian)
  Vector<Scalar> dC_da;        // dC/da^{l+1} (for the output, the cost's derivative, also when fused)
  Vector<Scalar> delta;        // delta^l = dC/dz^l, as the chosen rule propagates it
};

template <typename Scalar>
struct SampleTrace {
  DeltaRule rule = DeltaRule::backprop;
  OutputDelta output_delta = OutputDelta::elementwise;
  std::vector<LayerTrace<Scalar>> layers;  // k = 0 .. L-2
  std::vector<Vector<Scalar>> a;           // level 0 .. L-1: a[0] = a^1 (the network input), a[L-1] = a^L
  // dC/dtheta in the layout of Network::parameters(): per layer W^l column-major, then b^l.
  //   dC/dW^l = delta^l (a^l)^T,  dC/db^l = delta^l
  Vector<Scalar> gradient;
  double cost = 0.0;  // C(a^L, y) of this sample

  // Filled by Trainer::trace_sample (SampleTracer leaves them as they are).
  Index sample = -1;         // the training sample's index (column of the training set)
  Vector<double> input;      // its raw input (the data's own coordinates, before features/standardization)
  Vector<Scalar> target;     // y as the cost sees it (one-hot, 0/1, -1/1 or the regression target)
  int label = -1;            // its class (classification), else -1
  int predicted_class = -1;  // the core's class rule on a^L (classification), else -1
};

template <typename Scalar>
class SampleTracer {
 public:
  explicit SampleTracer(const NetworkSpec& spec);

  // Traces x (n^1 values, in network form) with target y (n^L) through a network whose parameters
  // are `parameters` (the layout of Network::parameters()). The result stays valid until the next
  // call. Allocates nothing once the buffers exist (they are sized at construction).
  const SampleTrace<Scalar>& trace(const Vector<Scalar>& parameters, Cost cost,
                                   const Eigen::Ref<const Matrix<Scalar>>& x,
                                   const Eigen::Ref<const Matrix<Scalar>>& y, DeltaRule rule);

  SampleTrace<Scalar>& result() { return trace_; }

 private:
  Network<Scalar> net_;
  Vector<Scalar> ones_;  // the widest layer's worth of 1s: sigma'(z) = activation_backward(a, 1)
  SampleTrace<Scalar> trace_;
};

extern template class SampleTracer<float>;
extern template class SampleTracer<double>;

}  // namespace bp
