// Backpropagation is proven against central differences in double for every activation × cost,
// every layer, with L1/L2 on and dropout (fixed masks) on and off.
#include <catch2/catch.hpp>

#include "nn/network.hpp"
#include "test_helpers.hpp"
#include "train/gradient_check.hpp"

using namespace bp;

namespace {

// Builds a 3-4-5-k network with the hidden activation `hidden` on both hidden layers and `output`
// on the output layer, random data away from ReLU kinks, and runs the check.
GradientCheckResult check(Activation hidden, Activation output, Cost cost,
                          Regularization reg = Regularization::none, double lambda = 0.0,
                          double dropout = 0.0, std::uint64_t seed = 42) {
  const int k = output == Activation::softmax ? 4 : 2;
  Network<double> net(test::spec_of({3, 4, 5, k}, {hidden, hidden, output}));
  Rng rng(seed);
  // Redraw until no ReLU-like unit sits within 1e-3 of its kink (the check reports the distance).
  for (int attempt = 0; attempt < 200; ++attempt) {
    net.initialize(Init::glorot, rng);
    for (Index i = 0; i < net.parameters().size(); ++i)
      net.parameters()(i) += 0.05 * rng.uniform(-1, 1);  // non-zero biases too
    const Matrix<double> x = test::random_matrix<double>(3, 6, rng, -2, 2);
    const Matrix<double> y = test::targets_for(output, k, 6, rng);
    GradientCheckOptions o;
    o.cost = cost;
    o.regularization = reg;
    o.lambda = lambda;
    o.dropout = dropout;
    const GradientCheckResult r = gradient_check(net, x, y, o);
    if (r.kink_distance > 1e-3) return r;
  }
  FAIL("could not draw a point away from the kinks");
  return {};
}

const std::vector<Activation> kHidden = {Activation::linear, Activation::sigmoid, Activation::tanh,
                                         Activation::relu, Activation::leaky_relu};

}  // namespace

TEST_CASE("gradient check: every hidden activation x output activation x cost", "[gradient]") {
  const std::vector<Activation> outputs = {Activation::linear, Activation::sigmoid, Activation::tanh,
                                           Activation::relu, Activation::leaky_relu,
                                           Activation::softmax};
  const std::vector<Cost> costs = {Cost::quadratic, Cost::binary_cross_entropy, Cost::cross_entropy,
                                   Cost::huber};
  int checked = 0;
  for (Activation hidden : kHidden)
    for (Activation output : outputs)
      for (Cost cost : costs) {
        const bool needs_unit_interval =
            cost == Cost::binary_cross_entropy || cost == Cost::cross_entropy;
        if (needs_unit_interval && output != Activation::sigmoid && output != Activation::softmax)
          continue;  // rejected by cost_check_output: outputs must lie in (0, 1)
        const auto r = check(hidden, output, cost);
        INFO(enum_name(kActivationNames, hidden) << " -> " << enum_name(kActivationNames, output)
                                                 << " with " << enum_name(kCostNames, cost));
        CHECK(r.checked == 4 * 3 + 4 + 5 * 4 + 5 + (output == Activation::softmax ? 4 : 2) * 5 +
                               (output == Activation::softmax ? 4 : 2));
        CHECK(r.max_relative_error < 1e-6);
        CHECK(r.vector_relative_error < 1e-6);
        CHECK_FALSE(r.near_kink);
        ++checked;
      }
  CHECK(checked == 5 * (6 * 2 + 2 * 2));  // quadratic+huber with all 6 outputs, CE/BCE with 2
}

TEST_CASE("gradient check: L1 and L2 regularization", "[gradient]") {
  for (Activation hidden : kHidden) {
    for (Regularization reg : {Regularization::l1, Regularization::l2}) {
      const auto r = check(hidden, Activation::sigmoid, Cost::binary_cross_entropy, reg, 0.01);
      INFO(enum_name(kActivationNames, hidden) << " " << enum_name(kRegularizationNames, reg));
      CHECK(r.max_relative_error < 1e-6);
      CHECK_FALSE(r.near_kink);
    }
  }
}

TEST_CASE("gradient check: inverted dropout with fixed masks", "[gradient]") {
  for (Activation hidden : kHidden) {
    const auto r = check(hidden, Activation::softmax, Cost::cross_entropy, Regularization::l2, 0.001,
                         0.3);
    INFO(enum_name(kActivationNames, hidden));
    CHECK(r.max_relative_error < 1e-6);
  }
}

TEST_CASE("gradient check: deep and wide networks, every layer", "[gradient]") {
  Rng rng(3);
  // 0 hidden layers (logistic regression), and 6 hidden layers.
  for (const auto& sizes : {std::vector<int>{5, 3}, std::vector<int>{2, 6, 6, 6, 6, 6, 6, 2}}) {
    std::vector<Activation> acts(sizes.size() - 1, Activation::tanh);
    acts.back() = Activation::softmax;
    Network<double> net(test::spec_of(sizes, acts));
    net.initialize(Init::glorot, rng);
    const Matrix<double> x = test::random_matrix<double>(sizes.front(), 4, rng);
    const Matrix<double> y = test::targets_for(Activation::softmax, sizes.back(), 4, rng);
    GradientCheckOptions o;
    o.cost = Cost::cross_entropy;
    const auto r = gradient_check(net, x, y, o);
    CHECK(r.checked == net.parameters().size());
    CHECK(r.max_relative_error < 1e-6);
  }
}

TEST_CASE("gradient check detects a wrong gradient and names the parameter", "[gradient]") {
  // The check must be able to fail: feed it backprop's gradient with one entry corrupted, for a
  // weight and a bias in each layer, and require it to fail on exactly that parameter.
  Network<double> net(test::spec_of({2, 3, 4, 2}, {Activation::tanh, Activation::sigmoid, Activation::linear}));
  Rng rng(9);
  net.initialize(Init::glorot, rng);
  const Matrix<double> x = test::random_matrix<double>(2, 5, rng);
  const Matrix<double> y = test::random_matrix<double>(2, 5, rng);
  const GradientCheckOptions o;
  const GradientCheckResult good = gradient_check(net, x, y, o);
  REQUIRE(good.max_relative_error < 1e-6);
  REQUIRE(good.ok);
  CHECK(good.tolerance == kGradientCheckTolerance);
  const Vector<double> analytic = net.gradients();  // backprop's, restored by the check

  const ParameterLayout& layout = net.layout();
  struct Case {
    Index index;
    int layer;
    Index row, column;
    const char* name;
  };
  // W^l is n^{l+1} × n^l column-major: W^2[1, 2] is at W_offset[1] + 2 * 4 + 1.
  const std::vector<Case> cases = {
      {layout.W_offset[0] + 0, 1, 0, 0, "W^1[0, 0]"},
      {layout.W_offset[1] + 2 * 4 + 1, 2, 1, 2, "W^2[1, 2]"},
      {layout.b_offset[0] + 2, 1, 2, -1, "b^1[2]"},
      {layout.b_offset[2] + 1, 3, 1, -1, "b^3[1]"},
  };
  for (const Case& c : cases) {
    INFO(c.name);
    for (double corruption : {1e-3, 0.5}) {
      Vector<double> wrong = analytic;
      wrong(c.index) += corruption;
      const GradientCheckResult r = gradient_check_against(net, x, y, o, wrong);
      CHECK_FALSE(r.ok);
      CHECK(r.max_relative_error > r.tolerance);
      CHECK(r.worst_parameter == c.index);
      CHECK(r.worst_layer == c.layer);
      CHECK(r.worst_row == c.row);
      CHECK(r.worst_column == c.column);
      CHECK(r.worst_name == c.name);
    }
  }
  // The uncorrupted vector passes through the same function.
  CHECK(gradient_check_against(net, x, y, o, analytic).ok);
  CHECK_THROWS_WITH(gradient_check_against(net, x, y, o, Vector<double>::Zero(3)),
                    Catch::Contains("analytic"));
}
