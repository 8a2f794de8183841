// The seed's last equation, delta^{l-1}_i = sum_k delta^l_k w^l_ki, drops the factor
// sigma'(z^{l-1}_i). This test keeps the erratum fixed: the seed's recursion fails the
// finite-difference check, the corrected one (what Network::backward does) passes.
#include <catch2/catch.hpp>

#include "nn/network.hpp"
#include "test_helpers.hpp"
#include "train/gradient_check.hpp"

using namespace bp;

namespace {
// Gradients of C = 1/(2m) ||a^L - y||^2 for a tanh-hidden, linear-output network, by either
// recursion, written out with Eigen directly from the network's forward values.
Vector<double> backprop_by_hand(Network<double>& net, const Matrix<double>& x,
                                const Matrix<double>& y, bool seed_recursion) {
  const Matrix<double> a_L = net.forward(x);
  const int L1 = net.num_weight_layers();
  Vector<double> grad(net.parameters().size());
  Matrix<double> delta = (a_L - y) / static_cast<double>(x.cols());  // delta^{L-1}, linear output
  for (int k = L1 - 1; k >= 0; --k) {
    const Matrix<double> a_in = net.a(k);
    Eigen::Map<Matrix<double>>(grad.data() + net.layout().W_offset[k], net.spec().sizes[k + 1],
                               net.spec().sizes[k]) = delta * a_in.transpose();
    Eigen::Map<Vector<double>>(grad.data() + net.layout().b_offset[k], net.spec().sizes[k + 1]) =
        delta.rowwise().sum();
    if (k == 0) break;
    const Matrix<double> dC_da = std::as_const(net).W(k).transpose() * delta;
    if (seed_recursion)
      delta = dC_da;  // the seed's equation: sum_k delta^l_k w^l_ki, no sigma'
    else
      delta = dC_da.cwiseProduct((1.0 - a_in.array().square()).matrix());  // ⊙ tanh'(z^{l-1})
  }
  return grad;
}

double relative_error(const Vector<double>& a, const Vector<double>& b) {
  return (a - b).norm() / (a.norm() + b.norm());
}
}  // namespace

TEST_CASE("the seed's uncorrected recursion fails the gradient check; the corrected one passes",
          "[gradient][erratum]") {
  Network<double> net(test::spec_of({2, 5, 4, 1}, {Activation::tanh, Activation::tanh,
                                                   Activation::linear}));
  Rng rng(2024);
  net.initialize(Init::glorot, rng);
  const Matrix<double> x = test::random_matrix<double>(2, 8, rng, -2, 2);
  const Matrix<double> y = test::random_matrix<double>(1, 8, rng);

  // Numerical gradient: gradient_check leaves the analytic one in gradients(); we need the
  // numeric one, so take central differences here directly.
  Vector<double> numeric(net.parameters().size());
  const double h = 1e-6;
  for (Index i = 0; i < numeric.size(); ++i) {
    const double saved = net.parameters()(i);
    net.parameters()(i) = saved + h;
    const double plus = cost_value<double>(Cost::quadratic, net.forward(x), y);
    net.parameters()(i) = saved - h;
    const double minus = cost_value<double>(Cost::quadratic, net.forward(x), y);
    net.parameters()(i) = saved;
    numeric(i) = (plus - minus) / (2 * h);
  }
  const Vector<double> seed = backprop_by_hand(net, x, y, true);
  const Vector<double> corrected = backprop_by_hand(net, x, y, false);
  net.forward(x);
  net.backward(y, Cost::quadratic);
  const Vector<double> library = net.gradients();

  CHECK(relative_error(corrected, numeric) < 1e-8);
  CHECK(relative_error(library, numeric) < 1e-8);
  CHECK(relative_error(seed, numeric) > 1e-2);  // the erratum is real and visible
  // The last layer's gradients do not involve the recursion and agree either way.
  const Index last = net.layout().W_offset.back();
  CHECK((seed.tail(seed.size() - last) - numeric.tail(seed.size() - last)).norm() < 1e-8);
}
