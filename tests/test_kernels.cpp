// The dense layer's products on every path (narrow fixed-width kernels, which float takes, Eigen's
// small and general products, non-contiguous operands) against the plain formulas, and element-wise
// work on flat runs against the same work on a non-contiguous block.
#include <catch2/catch.hpp>

#include "nn/activation.hpp"
#include "nn/cost.hpp"
#include "nn/dense_layer.hpp"
#include "test_helpers.hpp"

using namespace bp;

namespace {

// Largest |a - b| relative to the largest |b| (at least 1).
template <typename A, typename B>
double relative_gap(const A& a, const B& b) {
  const Matrix<double> ad = a.template cast<double>(), bd = b.template cast<double>();
  return (ad - bd).cwiseAbs().maxCoeff() / std::max(1.0, bd.cwiseAbs().maxCoeff());
}

template <typename Scalar>
void check_layer(Index n_out, Index n_in, Index m, Rng& rng, double tolerance) {
  CAPTURE(n_out, n_in, m);
  const Matrix<Scalar> W = test::random_matrix<Scalar>(n_out, n_in, rng);
  const Vector<Scalar> b = test::random_matrix<Scalar>(n_out, 1, rng);
  const Matrix<Scalar> a = test::random_matrix<Scalar>(n_in, m, rng);
  const Matrix<Scalar> delta = test::random_matrix<Scalar>(n_out, m, rng);
  // The formulas in double, written out with no kernel choice involved.
  const Matrix<double> Wd = W.template cast<double>(), ad = a.template cast<double>(),
                       dd = delta.template cast<double>();
  const Matrix<double> z_expected = (Wd * ad).colwise() + b.template cast<double>();
  const Matrix<double> dW_expected = dd * ad.transpose();
  const Vector<double> db_expected = dd.rowwise().sum();
  const Matrix<double> g_expected = Wd.transpose() * dd;

  // Contiguous operands (the network's own buffers): the narrow kernels when they apply.
  Matrix<Scalar> z(n_out, m), dW(n_out, n_in), g(n_in, m);
  Vector<Scalar> db(n_out);
  MatrixMap<Scalar> z_map(z.data(), n_out, m), dW_map(dW.data(), n_out, n_in),
      g_map(g.data(), n_in, m);
  VectorMap<Scalar> db_map(db.data(), n_out);
  const ConstMatrixMap<Scalar> W_map(W.data(), n_out, n_in), a_map(a.data(), n_in, m),
      delta_map(delta.data(), n_out, m);
  const ConstVectorMap<Scalar> b_map(b.data(), n_out);
  dense_forward(W_map, b_map, a_map, z_map);
  dense_backward_params(delta_map, a_map, dW_map, db_map);
  dense_backward_input(W_map, delta_map, g_map);
  CHECK(relative_gap(z, z_expected) < tolerance);
  CHECK(relative_gap(dW, dW_expected) < tolerance);
  CHECK(relative_gap(db, db_expected) < tolerance);
  CHECK(relative_gap(g, g_expected) < tolerance);

  // The same products into blocks of larger matrices: not contiguous, so Eigen's products.
  Matrix<Scalar> z_big = Matrix<Scalar>::Zero(n_out + 3, m),
                 dW_big = Matrix<Scalar>::Zero(n_out + 2, n_in),
                 g_big = Matrix<Scalar>::Zero(n_in + 1, m);
  Matrix<Scalar> a_big = Matrix<Scalar>::Zero(n_in + 2, m);
  a_big.topRows(n_in) = a;
  auto a_block = a_big.topRows(n_in);
  dense_forward(W, b, a_block, z_big.topRows(n_out));
  dense_backward_params(delta, a_block, dW_big.topRows(n_out), db);
  dense_backward_input(W, delta, g_big.topRows(n_in));
  CHECK(relative_gap(z_big.topRows(n_out), z_expected) < tolerance);
  CHECK(relative_gap(dW_big.topRows(n_out), dW_expected) < tolerance);
  CHECK(relative_gap(g_big.topRows(n_in), g_expected) < tolerance);
  CHECK(z_big.bottomRows(3).isZero(0));  // nothing written outside the block
  CHECK(g_big.bottomRows(1).isZero(0));
}

}  // namespace

TEST_CASE("dense products equal the formulas on every kernel path", "[kernels]") {
  Rng rng(21);
  // Widths 1..10 cross kNarrowWidth; 33 inputs cross kNarrowInputs; 600 samples cross the
  // small-product limit; batch 1 is the single-sample edge.
  for (Index n_out = 1; n_out <= kNarrowWidth + 2; ++n_out)
    for (Index n_in : {Index(1), Index(2), Index(8), kNarrowInputs + 1})
      for (Index m : {Index(1), Index(10), Index(600)}) {
        check_layer<double>(n_out, n_in, m, rng, 1e-13);
        check_layer<float>(n_out, n_in, m, rng, 1e-5);
      }
}

TEST_CASE("element-wise activations and costs agree on flat and per-column runs", "[kernels]") {
  Rng rng(22);
  const Index rows = 5, cols = 7;
  for (Activation sigma : {Activation::linear, Activation::sigmoid, Activation::tanh,
                           Activation::relu, Activation::leaky_relu, Activation::softmax}) {
    CAPTURE(enum_name(kActivationNames, sigma));
    const Matrix<double> z = test::random_matrix<double>(rows, cols, rng, -3, 3);
    const Matrix<double> g = test::random_matrix<double>(rows, cols, rng);
    Matrix<double> a(rows, cols), delta(rows, cols);
    activation_forward<double>(sigma, z, a);
    activation_backward<double>(sigma, a, g, delta);
    // The same inputs as blocks of taller matrices (outer stride rows + 2): one run per column.
    Matrix<double> z_big = Matrix<double>::Constant(rows + 2, cols, 99), a_big = z_big,
                   g_big = z_big, delta_big = z_big;
    z_big.topRows(rows) = z;
    g_big.topRows(rows) = g;
    activation_forward<double>(sigma, z_big.topRows(rows), a_big.topRows(rows));
    a_big.topRows(rows) = a;
    activation_backward<double>(sigma, a_big.topRows(rows), g_big.topRows(rows),
                                delta_big.topRows(rows));
    CHECK(relative_gap(delta_big.topRows(rows), delta) == 0.0);
    CHECK((delta_big.bottomRows(2).array() == 99).all());
    Matrix<double> a_again = Matrix<double>::Constant(rows + 2, cols, 99);
    activation_forward<double>(sigma, z_big.topRows(rows), a_again.topRows(rows));
    CHECK(relative_gap(a_again.topRows(rows), a) == 0.0);
    CHECK((a_again.bottomRows(2).array() == 99).all());
    // Spot values: the flat runs compute the function itself.
    if (sigma == Activation::tanh) CHECK(a(3, 4) == Approx(std::tanh(z(3, 4))).epsilon(1e-15));
    if (sigma == Activation::relu) CHECK(a(2, 6) == std::max(0.0, z(2, 6)));
  }
  for (Cost cost :
       {Cost::quadratic, Cost::binary_cross_entropy, Cost::cross_entropy, Cost::huber}) {
    CAPTURE(enum_name(kCostNames, cost));
    const Matrix<double> a = test::random_matrix<double>(rows, cols, rng, 0.05, 0.95);
    const Matrix<double> y = test::random_matrix<double>(rows, cols, rng, 0.0, 1.0);
    Matrix<double> big = Matrix<double>::Constant(rows + 1, cols, 0.5), y_big = big;
    big.topRows(rows) = a;
    y_big.topRows(rows) = y;
    const double flat = cost_value<double>(cost, a, y);
    const double per_column = cost_value<double>(cost, big.topRows(rows), y_big.topRows(rows));
    CHECK(per_column == Approx(flat).epsilon(1e-14));
    CHECK(std::isfinite(flat));
    Matrix<double> grad(rows, cols), grad_big = Matrix<double>::Constant(rows + 1, cols, 7);
    cost_gradient<double>(cost, a, y, grad);
    cost_gradient<double>(cost, big.topRows(rows), y_big.topRows(rows), grad_big.topRows(rows));
    CHECK(relative_gap(grad_big.topRows(rows), grad) == 0.0);
    CHECK((grad_big.bottomRows(1).array() == 7).all());
  }
  // The quadratic cost's value, by hand: C = 1/(2m) sum (a - y)^2.
  const Matrix<double> a = Matrix<double>::Constant(2, 4, 1.0), y = Matrix<double>::Zero(2, 4);
  CHECK(cost_value<double>(Cost::quadratic, a, y) == Approx(0.5 * 8 / 4));
}
