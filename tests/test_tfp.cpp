// TensorFlow Playground import (core/tfp/): seedrandom's ARC4, TFP's generators, shuffle and split,
// buildNetwork's initial weights in the engine's layout, and tfpMode training (accumulation,
// updates every batchSize examples with the remainder carried over, the L1 zero-crossing rule).
// The Node tests (tests/js/tfp-*.test.mjs) compare the same functions with the real seedrandom
// package and JS ports of TFP's code; these check the C++ side on its own.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <set>

#include "alloc_counter.hpp"
#include "error.hpp"
#include "tfp/arc4.hpp"
#include "tfp/features.hpp"
#include "tfp/generators.hpp"
#include "tfp/weights.hpp"
#include "train/trainer.hpp"

using namespace bp;
using namespace bp::tfp;

TEST_CASE("tfp ARC4: seedrandom's first numbers for known seeds", "[tfp]") {
  // From the npm package seedrandom 3.0.5: require('seedrandom')(seed)() ...; 'hello.' is the
  // example of seedrandom's README (0.9282578795792454).
  struct Known {
    const char* seed;
    double values[3];
  };
  const Known known[] = {
      {"hello.", {0.92825787957924544, 0.37525697686467840, 0.73169774689195488}},
      {"0.12345", {0.91520074065573231, 0.47027532180355919, 0.27362652293594669}},
      {"", {0.23144008215179881, 0.27404636548159655, 0.79012792518119757}},
      {"0.58835", {0.34735028877685314, 0.11781068863750722, 0.066929607496256205}},
      {"h\xC3\xA9llo\xF0\x9F\x98\x80", {0.15784716335171667, 0.50837855211091620, 0.35069565766014404}},
  };
  for (const Known& k : known) {
    Arc4 rng(k.seed);
    for (double expected : k.values) {
      INFO("seed '" << k.seed << "'");
      CHECK(rng.next() == expected);
    }
  }
}

TEST_CASE("tfp ARC4: UTF-8 to UTF-16 code units as charCodeAt sees them; bad UTF-8 is an error",
          "[tfp]") {
  CHECK(utf16_from_utf8("a\xC3\xA9") == std::u16string{u'a', u'\u00e9'});
  CHECK(utf16_from_utf8("\xF0\x9F\x98\x80") == std::u16string{char16_t(0xD83D), char16_t(0xDE00)});
  CHECK_THROWS_WITH(utf16_from_utf8("\xC3"), Catch::Contains("seed: is not valid UTF-8"));
  CHECK_THROWS_WITH(utf16_from_utf8("\xFF"), Catch::Contains("seed: is not valid UTF-8"));
  CHECK_THROWS_WITH(utf16_from_utf8("\xC0\x80"), Catch::Contains("seed: is not valid UTF-8"));
  // mixkey keeps at most 256 key bytes and folds longer seeds into them.
  CHECK(Arc4::mixkey(std::u16string(300, u'a')).size() == 256);
  CHECK(Arc4::mixkey(u"").empty());
  // The values are in [0, 1).
  Arc4 rng("range");
  for (int i = 0; i < 10000; ++i) {
    const double v = rng.next();
    REQUIRE(v >= 0.0);
    REQUIRE(v < 1.0);
  }
}

TEST_CASE("tfp generators: deterministic, TFP's counts, labels and geometry", "[tfp]") {
  for (const auto& [dataset, name] : kTfpDatasetNames) {
    INFO(name);
    Arc4 a("0.12345"), b("0.12345"), c("0.54321");
    const auto p = generate_shuffled(dataset, 25, a);
    const auto q = generate_shuffled(dataset, 25, b);
    const auto r = generate_shuffled(dataset, 25, c);
    REQUIRE(p.size() == static_cast<std::size_t>(num_samples(dataset)));
    CHECK(a.next() == b.next());  // the same number of draws
    bool same = true, differs = false;
    for (std::size_t i = 0; i < p.size(); ++i) {
      same = same && p[i].x == q[i].x && p[i].y == q[i].y && p[i].label == q[i].label;
      differs = differs || p[i].x != r[i].x;
    }
    CHECK(same);
    CHECK(differs);
    for (const Example2D& e : p) {
      if (is_regression(dataset)) {
        REQUIRE(std::abs(e.label) <= 1.6);
      } else {
        REQUIRE((e.label == 1.0 || e.label == -1.0));
      }
    }
  }
  // Without noise the labels follow the geometry exactly.
  Arc4 rng("geometry");
  for (const Example2D& e : generate(TfpDataset::circle, 500, 0, rng))
    REQUIRE((std::hypot(e.x, e.y) < 2.5) == (e.label == 1.0));
  for (const Example2D& e : generate(TfpDataset::xor_, 500, 0, rng)) {
    REQUIRE(std::abs(e.x) >= 0.3);
    REQUIRE((e.x * e.y >= 0) == (e.label == 1.0));
  }
  for (const Example2D& e : generate(TfpDataset::reg_plane, 100, 0, rng))
    REQUIRE(e.label == Approx((e.x + e.y) / 10).margin(1e-12));
  // Two classes of numSamples / 2 points each, the positive class first (before the shuffle).
  const auto spiral = generate(TfpDataset::spiral, 500, 0, rng);
  CHECK(std::count_if(spiral.begin(), spiral.begin() + 250, [](auto& e) { return e.label == 1; }) == 250);
}

TEST_CASE("tfp generators: TFP's points for seed 0.58835, noise 15, 50% train (golden from the JS "
          "reference run with seedrandom)", "[tfp]") {
  // node: generateData(name, 15, 50, '0.58835') of tests/js/tfp-reference.mjs (a port of TFP's
  // dataset.ts and generateData run on the npm seedrandom): train[0], train[1], test[last].
  struct Golden {
    const char* name;
    Example2D points[3];
  };
  const Golden golden[] = {
      {"circle", {{-1.3878313011368053, -4.1788860281313509, -1.0}, {-1.1499829574999538, 0.59857177337979528, 1.0}, {1.5892026038991578, 1.9269918846076819, 1.0}}},
      {"xor", {{1.3220857435416395, 0.81032261439163311, 1.0}, {0.48574811640885346, 3.5638110711125970, 1.0}, {5.2910861388209272, -4.2024271787852223, -1.0}}},
      {"gauss", {{-0.69948041645601333, -2.4991561861599076, -1.0}, {4.7783981578195869, 2.9849173017542001, 1.0}, {-2.4113109246259379, -5.6193294652352392, -1.0}}},
      {"spiral", {{-2.6255272873918045, -3.8728337921087186, 1.0}, {1.9295889760696612, -1.4477485989395495, -1.0}, {-0.60662573064443004, 2.7986877463297444, 1.0}}},
      {"reg-plane", {{-1.0925568614925298, 2.5267069818541419, 0.19286406508888310}, {-1.1678562230258871, 0.32918695868804271, -0.061312912337837810}, {-2.9683164489749769, -5.1453001320966250, -0.79282808873778565}}},
      {"reg-gauss", {{-1.0925568614925298, 2.5267069818541419, -0.49954910884344628}, {-1.1678562230258871, 0.32918695868804271, 0.0}, {-2.9683164489749769, -5.1453001320966250, -0.050417189270199003}}},
  };
  for (const Golden& g : golden) {
    INFO(g.name);
    Arc4 rng("0.58835");
    const TfpDataset kind = enum_from_name(kTfpDatasetNames, g.name, "dataset");
    const auto points = generate_shuffled(kind, 15, rng);
    const std::size_t half = points.size() / 2;
    const Example2D got[3] = {points[0], points[1], points.back()};
    REQUIRE(half * 2 == points.size());
    for (int k = 0; k < 3; ++k) {
      // Within 1e-12: this libm's sin/cos/log may round differently from V8's in the last bit.
      CHECK(got[k].x == Approx(g.points[k].x).margin(1e-12).epsilon(0));
      CHECK(got[k].y == Approx(g.points[k].y).margin(1e-12).epsilon(0));
      CHECK(got[k].label == Approx(g.points[k].label).margin(1e-12).epsilon(0));
    }
  }
}

TEST_CASE("tfp shuffle and split: a permutation, split at floor(n * percTrainData / 100)", "[tfp]") {
  Arc4 plain("s"), shuffled("s");
  const auto before = generate(TfpDataset::gauss, 500, 0.1, plain);
  auto after = generate(TfpDataset::gauss, 500, 0.1, shuffled);
  shuffle(after, shuffled);
  std::multiset<double> xs_before, xs_after;
  for (auto& e : before) xs_before.insert(e.x);
  for (auto& e : after) xs_after.insert(e.x);
  CHECK(xs_before == xs_after);
  CHECK(before[0].x != after[0].x);
  for (double perc : {10.0, 33.0, 50.0, 90.0}) {
    Arc4 rng("split");
    const Split s = generate_split(TfpDataset::reg_gauss, 0, perc, rng);
    CHECK(s.train.num_samples() == static_cast<Index>(std::floor(1200 * perc / 100)));
    CHECK(s.train.num_samples() + s.test.num_samples() == 1200);
    CHECK(s.train.task == Task::regression);
  }
  Arc4 rng("labels");
  const Split s = generate_split(TfpDataset::circle, 0, 50, rng);
  CHECK(s.train.num_samples() == 250);
  CHECK(s.train.num_classes() == 2);
  CHECK_NOTHROW(s.train.validate());
  Arc4 bad("x");
  CHECK_THROWS_WITH(generate_split(TfpDataset::circle, 81, 50, bad), Catch::Contains("noise: must be"));
  CHECK_THROWS_WITH(generate_split(TfpDataset::circle, 0, 101, bad), Catch::Contains("percTrainData: must be"));
  CHECK_THROWS_WITH(generate_split(TfpDataset::circle, NAN, 50, bad), Catch::Contains("noise: must be"));
}

TEST_CASE("tfp initial weights: buildNetwork's draw order mapped to W^l column-major, then b^l",
          "[tfp]") {
  const std::vector<int> sizes{3, 4, 2, 1};
  Arc4 rng("w"), replay("w");
  const Vector<double> p = initial_parameters(sizes, false, rng);
  const NetworkSpec spec{sizes, {Activation::tanh, Activation::tanh, Activation::tanh}};
  const ParameterLayout layout = ParameterLayout::of(spec);
  REQUIRE(p.size() == layout.size);
  for (int k = 0; k < 3; ++k) {
    const Index n_in = sizes[k], n_out = sizes[k + 1];
    for (Index i = 0; i < n_out; ++i) {
      CHECK(p(layout.b_offset[k] + i) == 0.1);
      for (Index j = 0; j < n_in; ++j)  // node i of layer k+1, its link from node j: one draw
        CHECK(p(layout.W_offset[k] + i + j * n_out) == replay.next() - 0.5);
    }
  }
  CHECK(rng.next() == replay.next());  // nothing else drawn
  // initZero: weights and biases 0, but every Link still draws its Math.random().
  Arc4 zero("w"), after_zero("w");
  CHECK(initial_parameters(sizes, true, zero).isZero());
  initial_parameters(sizes, false, after_zero);
  CHECK(zero.next() == after_zero.next());
  Arc4 bad("w");
  CHECK_THROWS_WITH(initial_parameters({3}, false, bad), Catch::Contains("layers: needs at least"));
}

TEST_CASE("tfp start: data then weights on one stream, as a TFP page loads", "[tfp]") {
  const Start s = start(TfpDataset::xor_, 10, 60, "0.58835", {2, 4, 2, 1}, false);
  Arc4 rng("0.58835");
  generate_split(TfpDataset::xor_, 10, 60, rng);
  CHECK(s.parameters == initial_parameters({2, 4, 2, 1}, false, rng));
  CHECK(s.data.train.num_samples() == 300);
  CHECK_THROWS_WITH(start(TfpDataset::xor_, 10, 60, "s", {2, 4, 2}, false),
                    Catch::Contains("layers: must end with the single output"));
}

TEST_CASE("tfp features: TFP's keys in its INPUTS order; cosX/cosY and unknown keys named", "[tfp]") {
  using F = Feature;
  CHECK(features_from_keys({"sinY", "x", "xTimesY", "y"}) ==
        std::vector<F>{F::x1, F::x2, F::x1_times_x2, F::sin_x2});
  CHECK(features_from_keys({"ySquared", "xSquared", "sinX"}) ==
        std::vector<F>{F::x1_squared, F::x2_squared, F::sin_x1});
  CHECK_THROWS_WITH(features_from_keys({"cosX"}), Catch::Contains("not in its INPUTS table"));
  CHECK_THROWS_WITH(features_from_keys({"z"}), Catch::Contains("features: unknown value 'z'; accepted: x, y"));
  CHECK_THROWS_WITH(features_from_keys({"x", "x"}), Catch::Contains("twice"));
}

namespace {
ModelOptions tfp_options(std::vector<int> sizes, std::vector<Activation> activations, int batch,
                         double eta, Regularization reg, double rate) {
  ModelOptions o;
  o.network = NetworkSpec{std::move(sizes), std::move(activations)};
  o.features = {Feature::x1, Feature::x2};
  o.train.tfp_mode = true;
  o.train.batch_size = batch;
  o.train.learning_rate = eta;
  o.train.regularization = reg;
  o.train.regularization_rate = rate;
  return o;
}

// Mean ½(a - y)² of `net` over columns [0, m) of (x, y).
double mean_loss(Network<double>& net, const Matrix<double>& x, const Matrix<double>& y, Index m) {
  const auto a = net.forward(x.leftCols(m));
  return 0.5 * (a - y.leftCols(m)).squaredNorm() / static_cast<double>(m);
}
}  // namespace

TEST_CASE("tfpMode: one update = minus eta times the mean gradient, which agrees with central "
          "differences", "[tfp]") {
  using A = Activation;
  const int B = 7;
  Trainer<double> t(tfp_options({2, 5, 3, 1}, {A::tanh, A::sigmoid, A::tanh}, B, 0.5,
                                Regularization::none, 0));
  const Start s = start(TfpDataset::circle, 20, 50, "grad", {2, 5, 3, 1}, false);
  t.load_parameters(s.parameters, true);
  t.set_data(s.data.train, s.data.test, false);
  const Vector<double> before = t.network().parameters();
  t.train_steps(1);  // examples 0..6, then the update
  REQUIRE(t.report().steps == 1);
  const Vector<double> mean_gradient = (before - t.network().parameters()) / 0.5;

  Network<double> net(t.network().spec());
  net.reserve(B);
  const Matrix<double>& x = t.train_inputs();
  const Matrix<double>& y = t.train_targets();
  double worst = 0;
  for (Index p = 0; p < before.size(); ++p) {
    const double h = 1e-6;
    net.parameters() = before;
    net.parameters()(p) += h;
    const double up = mean_loss(net, x, y, B);
    net.parameters()(p) -= 2 * h;
    const double down = mean_loss(net, x, y, B);
    const double numeric = (up - down) / (2 * h);
    const double analytic = mean_gradient(p);
    worst = std::max(worst, std::abs(numeric - analytic) / std::max({std::abs(numeric), std::abs(analytic), 1e-4}));
  }
  INFO("worst relative error " << worst);
  CHECK(worst < 1e-6);
}

TEST_CASE("tfpMode: updates every batchSize examples of an epoch; the remainder joins the next "
          "epoch's first update", "[tfp]") {
  using A = Activation;
  // 7 training points, batch 3: epoch 1 = steps of 3, 3, 1 examples (the last not applied);
  // epoch 2 starts with a step of 3 that applies 4 accumulated examples.
  Dataset d;
  d.task = Task::regression;
  d.x = Matrix<double>::Random(2, 7);
  d.y = Matrix<double>::Random(1, 7);
  d.feature_names = {"x1", "x2"};
  Trainer<double> t(tfp_options({2, 1}, {A::linear}, 3, 0.1, Regularization::none, 0));
  t.set_data(d, Dataset{}, false);
  t.train_steps(2);
  const Vector<double> after_two = t.network().parameters();
  t.train_steps(1);  // example 6 only: accumulated, not applied
  CHECK(t.network().parameters() == after_two);
  CHECK(t.report().epoch == 1);
  t.train_steps(1);  // examples 0..2 of epoch 2 with example 6: mean over 4
  // Expected: linear 2-1 network, dE/dw = (a - y) x, dE/db = a - y, at the weights after_two.
  Vector<double> g = Vector<double>::Zero(3);
  for (Index c : {Index(6), Index(0), Index(1), Index(2)}) {
    const double a = after_two(0) * d.x(0, c) + after_two(1) * d.x(1, c) + after_two(2);
    const double e = a - d.y(0, c);
    g += Vector<double>{{e * d.x(0, c), e * d.x(1, c), e}};
  }
  const Vector<double> expected = after_two - 0.1 / 4 * g;
  CHECK((t.network().parameters() - expected).cwiseAbs().maxCoeff() < 1e-15);
  // No shuffle in tfpMode, whatever `shuffle` says: the order stays the data's.
  CHECK(std::is_sorted(t.batch_order().begin(), t.batch_order().end()));
}

TEST_CASE("tfpMode: L1 sets a weight that crosses 0 to 0 and freezes it; L2 only shrinks", "[tfp]") {
  using A = Activation;
  // One input fixed at 0: the weight's data gradient is 0, so only the penalty moves it.
  Dataset d;
  d.task = Task::regression;
  d.x = Matrix<double>::Zero(1, 2);
  d.y = Matrix<double>::Constant(1, 2, 1.0);
  d.feature_names = {"x1"};
  for (Regularization reg : {Regularization::l1, Regularization::l2}) {
    ModelOptions o = tfp_options({1, 1}, {A::linear}, 1, 1.0, reg, 0.1);
    o.features.clear();
    Trainer<double> t(o);
    t.set_data(d, Dataset{}, false);
    t.load_parameters(Vector<double>{{0.25, 0.0}}, true);
    t.train_steps(2);  // 0.25 -> 0.15 -> 0.05 under L1 (0.25 * 0.9^2 under L2)
    if (reg == Regularization::l1) {
      CHECK(t.network().parameters()(0) == Approx(0.05).margin(1e-15));
      t.train_steps(1);  // 0.05 - 0.1 < 0: crosses zero -> 0, dead
      CHECK(t.network().parameters()(0) == 0.0);
      CHECK(t.tfp_dead()[0] == 1);
      CHECK(t.tfp_dead()[1] == 0);  // biases never die
      d.x.setConstant(1.0);          // a data gradient now, but the weight stays dead
      t.set_data(d, Dataset{}, false);
      t.train_steps(3);
      CHECK(t.network().parameters()(0) == 0.0);
      CHECK(t.network().parameters()(1) != 0.0);
      d.x.setZero();
    } else {
      CHECK(t.network().parameters()(0) == Approx(0.25 * 0.9 * 0.9).margin(1e-15));
      CHECK(t.tfp_dead()[0] == 0);
    }
    t.reset();  // reset rebuilds the network: nothing dead
    CHECK(t.tfp_dead()[0] == 0);
  }
}

TEST_CASE("tfpMode: options it cannot honour are errors naming the field", "[tfp]") {
  using A = Activation;
  ModelOptions o = tfp_options({2, 3, 1}, {A::tanh, A::tanh}, 10, 0.03, Regularization::none, 0);
  ModelOptions adam = o;
  adam.train.optimizer = Optimizer::adam;
  CHECK_THROWS_WITH(adam.validate(), Catch::Contains("optimizer: must be 'sgd' with tfpMode"));
  ModelOptions dropout = o;
  dropout.train.dropout = 0.2;
  CHECK_THROWS_WITH(dropout.validate(), Catch::Contains("dropout: must be 0 with tfpMode"));
  ModelOptions two = tfp_options({2, 3, 2}, {A::tanh, A::tanh}, 10, 0.03, Regularization::none, 0);
  CHECK_THROWS_WITH(two.validate(), Catch::Contains("layers: must end with 1 output"));
  CHECK_NOTHROW(o.validate());
}

TEST_CASE("tfpMode: training allocates nothing once the workspaces exist", "[tfp][memory]") {
  using A = Activation;
  Trainer<float> t(tfp_options({2, 8, 8, 1}, {A::relu, A::relu, A::tanh}, 7, 0.03,
                               Regularization::l1, 0.003));
  const Start s = start(TfpDataset::xor_, 10, 50, "0.1", {2, 8, 8, 1}, false);
  t.load_parameters(s.parameters.cast<float>(), true);
  t.set_data(s.data.train, s.data.test, false);
  t.train_epochs(2);  // everything sized
  const long before = test::allocation_count();
#ifdef EIGEN_RUNTIME_NO_MALLOC
  Eigen::internal::set_is_malloc_allowed(false);
#endif
  t.train_epochs(5);
#ifdef EIGEN_RUNTIME_NO_MALLOC
  Eigen::internal::set_is_malloc_allowed(true);
#endif
  CHECK(test::allocation_count() - before == 0);
  CHECK(t.report().epoch == 7);
}

TEST_CASE("tfpMode: a divergence restores the weights before the step and drops its accumulation",
          "[tfp]") {
  using A = Activation;
  Dataset d;
  d.task = Task::regression;
  d.x = Matrix<double>::Constant(2, 4, 1e30);
  d.y = Matrix<double>::Zero(1, 4);
  d.feature_names = {"x1", "x2"};
  Trainer<double> t(tfp_options({2, 1}, {A::linear}, 2, 1.0, Regularization::none, 0));
  t.set_data(d, Dataset{}, false);
  t.load_parameters(Vector<double>{{1e300, 1e300, 0.0}}, true);
  const Vector<double> before = t.network().parameters();
  t.train_steps(1);  // a = 2e330 = inf: the loss is not finite
  CHECK(t.report().diverged);
  CHECK(t.network().parameters() == before);
  CHECK(t.report().steps == 0);
}
