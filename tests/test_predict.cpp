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
