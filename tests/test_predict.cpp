// Predictions from raw inputs: the core's class rule through the trainer (what the page's
// projection and digit views show), and input checks before any standardization.
#include <catch2/catch.hpp>

#include "learn_setups.hpp"
#include "metrics/metrics.hpp"

using namespace bp;
using A = Activation;

TEST_CASE("predict_classes_flat applies the core's threshold and argmax rule", "[predict]") {
  for (A head : {A::tanh, A::sigmoid}) {
    Trainer<float> t(test::playground_options({A::tanh, A::tanh, head}, Optimizer::sgd, 0.03,
                                              Init::playground));
    const Split s = test::playground_split(Generator::circle, 0.0);
    t.set_data(s.train, s.test, false);
    t.train_epochs(3);
    const Matrix<float> x = s.test.x.cast<float>();
    const Index n = x.cols();
    const std::vector<int> classes =
        t.predict_classes_flat(std::span<const float>(x.data(), static_cast<std::size_t>(x.size())), n);
    const Matrix<float> out = t.predict(x);
    const double threshold = head == A::tanh ? 0.0 : 0.5;
    CHECK(t.output_threshold() == threshold);
    REQUIRE(classes.size() == static_cast<std::size_t>(n));
    for (Index i = 0; i < n; ++i) CHECK(classes[i] == (out(0, i) > threshold ? 1 : 0));
    // The same rule evaluate() uses for the accuracy.
    CHECK(accuracy(classes, s.test.labels) == Approx(t.evaluate().test_accuracy));
  }
  // Several outputs: argmax.
  Trainer<float> d(test::digits_options());
  const Split s = test::digits_split();
  d.set_data(s.train, s.test, true);
  d.train_epochs(1);
  const Matrix<float> x = s.test.x.leftCols(40).cast<float>();
  const std::vector<int> classes =
      d.predict_classes_flat(std::span<const float>(x.data(), static_cast<std::size_t>(x.size())), 40);
  const Matrix<float> out = d.predict(x);
  for (Index i = 0; i < 40; ++i) {
    Index best = 0;
    out.col(i).maxCoeff(&best);
    CHECK(classes[i] == best);
  }
}

TEST_CASE("predict_classes_flat refuses a regression task with a clear error", "[predict][errors]") {
  Trainer<float> t(test::playground_options({A::tanh, A::tanh, A::linear}, Optimizer::sgd, 0.03,
                                            Init::playground));
  const Split s = test::playground_split(Generator::regression_plane, 0.0);
  t.set_data(s.train, s.test, false);
  const float x[2] = {0.5f, 1.0f};
  CHECK_THROWS_WITH(t.predict_classes_flat(x, 1),
                    Catch::Contains("predictClasses") && Catch::Contains("regression"));
}

TEST_CASE("predict checks the feature count before standardizing (no read past mean/std)",
          "[predict][errors]") {
  // Before the fix, prepare_inputs standardized every row of x with the standardizer's mean(r) and
  // stddev(r) and only then compared the row count: 3 rows against a 2-feature standardizer read
  // past both vectors (ASan: heap-buffer-overflow in prepare_inputs).
  Trainer<float> t(test::playground_options({A::tanh, A::tanh, A::tanh}, Optimizer::sgd, 0.03,
                                            Init::playground));
  const Split s = test::playground_split(Generator::circle, 0.1);
  t.set_data(s.train, s.test, /*standardize=*/true);
  REQUIRE(t.standardizer().has_value());
  REQUIRE(t.standardizer()->mean.size() == 2);
  for (Index rows : {Index{3}, Index{1}, Index{64}}) {
    const Matrix<float> x = Matrix<float>::Ones(rows, 4);
    CHECK_THROWS_WITH(t.predict(x), "input: has " + std::to_string(rows) +
                                         " features per sample but the network takes 2");
    CHECK_THROWS_WITH(t.predict_flat(std::span<const float>(x.data(), static_cast<std::size_t>(x.size())), 4),
                      Catch::StartsWith("input: has " + std::to_string(rows) + " features"));
    CHECK_THROWS_WITH(t.predict_classes_flat(std::span<const float>(x.data(), static_cast<std::size_t>(x.size())), 4),
                      Catch::StartsWith("input: has " + std::to_string(rows) + " features"));
  }
  CHECK(t.predict(Matrix<float>::Zero(2, 3)).cols() == 3);  // still usable

  // With derived features the network takes 2-D points; the standardizer has one entry per feature.
  ModelOptions o = test::playground_options({A::tanh, A::tanh, A::tanh}, Optimizer::sgd, 0.03,
                                            Init::playground);
  o.network.sizes[0] = 3;
  o.features = {Feature::x1, Feature::x2, Feature::x1_squared};
  Trainer<float> derived(o);
  derived.set_data(s.train, s.test, true);
  REQUIRE(derived.standardizer()->mean.size() == 3);
  CHECK_THROWS_WITH(derived.predict(Matrix<float>::Ones(3, 2)),
                    Catch::StartsWith("input: has 3 features per sample but the network takes 2 (2-D points"));
  CHECK(derived.predict(Matrix<float>::Ones(2, 2)).cols() == 2);

  // The one standardize helper checks the rows too, whoever calls it.
  Matrix<float> wrong = Matrix<float>::Ones(3, 2);
  CHECK_THROWS_WITH(t.standardizer()->apply(wrong), Catch::Contains("fitted on 2"));
}
