// Training runs: learnability counted in epochs, determinism, divergence handling, reset.
#include <catch2/catch.hpp>

#include <cmath>

#include "learn_setups.hpp"
#include "train/gradient_check.hpp"

using namespace bp;
using A = Activation;

namespace {
double test_accuracy_after(Trainer<float>& t, int epochs) {
  t.train_epochs(epochs);
  return t.evaluate().test_accuracy;
}
}  // namespace

TEST_CASE("learnability: XOR and circle with 2-8-8-1 tanh, SGD 0.03, in 50 epochs", "[learn]") {
  for (Generator g : {Generator::xor_, Generator::circle}) {
    Trainer<float> t(test::playground_options({A::tanh, A::tanh, A::tanh}, Optimizer::sgd, 0.03,
                                              Init::playground));
    const Split s = test::playground_split(g, 0.0);
    t.set_data(s.train, s.test, false);
    const double before = t.evaluate().test_accuracy;
    const double after = test_accuracy_after(t, 50);
    INFO(enum_name(kGeneratorNames, g) << " accuracy " << before << " -> " << after);
    CHECK(after >= 0.97);
    CHECK(t.report().epoch == 50);
  }
}

TEST_CASE("learnability: spiral with 2-8-8-1 relu, Adam 0.01, >= 90% test accuracy in 300 epochs",
          "[learn]") {
  Trainer<float> t(test::playground_options({A::relu, A::relu, A::tanh}, Optimizer::adam, 0.01,
                                            Init::he));
  const Split s = test::playground_split(Generator::spiral, 0.0);
  t.set_data(s.train, s.test, false);
  CHECK(t.evaluate().test_accuracy < 0.75);
  CHECK(test_accuracy_after(t, 300) >= 0.90);
}

TEST_CASE("learnability: digits with 64-32-10, SGD 0.1, >= 95% test accuracy in 10 epochs",
          "[learn]") {
  Trainer<float> t(test::digits_options());
  const Split s = test::digits_split();
  t.set_data(s.train, s.test, true);
  CHECK(t.evaluate().test_accuracy < 0.3);
  CHECK(test_accuracy_after(t, 10) >= 0.95);
  const Eigen::MatrixXi cm = t.confusion(true);
  CHECK(cm.rows() == 10);
  CHECK(cm.sum() == s.test.num_samples());
  CHECK(static_cast<double>(cm.trace()) / cm.sum() == Approx(t.evaluate().test_accuracy));
}

TEST_CASE("learnability: regression plane reaches R^2 > 0.95", "[learn]") {
  Trainer<float> t(test::playground_options({A::tanh, A::tanh, A::linear}, Optimizer::adam, 0.01,
                                            Init::glorot));
  const Split s = test::playground_split(Generator::regression_plane, 0.0);
  t.set_data(s.train, s.test, false);
  t.train_epochs(50);
  const Metrics m = t.evaluate();
  CHECK(m.test_r2 > 0.95);
  CHECK(std::isnan(m.test_accuracy));
}

TEST_CASE("every optimizer and schedule lowers the loss on circle", "[learn]") {
  for (Optimizer opt : {Optimizer::sgd, Optimizer::momentum, Optimizer::nesterov,
                        Optimizer::rmsprop, Optimizer::adam}) {
    for (Schedule sch : {Schedule::constant, Schedule::exponential, Schedule::step}) {
      ModelOptions o = test::playground_options({A::tanh, A::tanh, A::tanh}, opt,
                                                opt == Optimizer::sgd ? 0.03 : 0.005,
                                                Init::playground);
      o.train.schedule = sch;
      o.train.decay_steps = 50;
      o.train.regularization = Regularization::l2;
      o.train.regularization_rate = 0.0001;
      o.train.dropout = opt == Optimizer::adam ? 0.1 : 0.0;
      Trainer<float> t(o);
      const Split s = test::playground_split(Generator::circle, 0.1);
      t.set_data(s.train, s.test, false);
      const double before = t.evaluate().train_loss;
      t.train_epochs(20);
      const double after = t.evaluate().train_loss;
      INFO(enum_name(kOptimizerNames, opt) << " " << enum_name(kScheduleNames, sch));
      CHECK(after < 0.7 * before);
    }
  }
}

TEST_CASE("the same seed gives the same run; reset reproduces the initial weights", "[determinism]") {
  const auto run = [](std::uint32_t seed) {
    ModelOptions o = test::playground_options({A::tanh, A::tanh, A::tanh}, Optimizer::adam, 0.01,
                                              Init::glorot);
    o.train.seed = seed;
    o.train.dropout = 0.2;
    Trainer<float> t(o);
    const Split s = test::playground_split(Generator::spiral, 0.2);
    t.set_data(s.train, s.test, false);
    t.train_steps(137);
    return Vector<float>(t.network().parameters());
  };
  CHECK(run(5) == run(5));
  CHECK(run(5) != run(6));

  Trainer<float> t(test::playground_options({A::tanh, A::tanh, A::tanh}, Optimizer::momentum, 0.03,
                                            Init::playground));
  const Split s = test::playground_split(Generator::xor_, 0.0);
  t.set_data(s.train, s.test, false);
  const Vector<float> initial = t.network().parameters();
  t.train_steps(30);
  const Vector<float> after30 = t.network().parameters();
  CHECK(after30 != initial);
  t.reset();
  CHECK(t.network().parameters() == initial);
  CHECK(t.report().epoch == 0);
  t.train_steps(30);
  CHECK(t.network().parameters() == after30);  // same shuffles, same masks after reset
  t.reseed(99);
  CHECK(t.network().parameters() != initial);
}

TEST_CASE("shuffle off: batches follow the data order", "[determinism]") {
  ModelOptions o = test::playground_options({A::tanh, A::tanh, A::tanh}, Optimizer::sgd, 0.03,
                                            Init::playground);
  o.train.shuffle = false;
  Trainer<float> t(o);
  const Split s = test::playground_split(Generator::xor_, 0.0);
  t.set_data(s.train, s.test, false);
  t.train_steps(30);
  for (Index i = 0; i < t.train_size(); ++i) CHECK(t.batch_order()[i] == i);
  o.train.shuffle = true;
  Trainer<float> shuffled(o);
  shuffled.set_data(s.train, s.test, false);
  shuffled.train_steps(1);
  Index in_place = 0;
  for (Index i = 0; i < shuffled.train_size(); ++i) in_place += shuffled.batch_order()[i] == i;
  CHECK(in_place < shuffled.train_size() / 4);
}

TEST_CASE("a diverging run stops, says so, and keeps the weights from before the bad step",
          "[divergence]") {
  const ModelOptions o = test::playground_options({A::relu, A::relu, A::linear}, Optimizer::sgd,
                                                  50.0, Init::he);
  const Split s = test::playground_split(Generator::regression_gaussian, 0.0);
  Trainer<float> t(o);
  t.set_data(s.train, s.test, false);
  const double untrained_loss = t.evaluate().train_loss;
  const StepReport r = t.train_steps(10000);
  REQUIRE(r.diverged);
  CHECK(r.steps < 10000);
  CHECK(t.network().parameters().allFinite());
  CHECK_THAT(t.divergence_message(), Catch::Contains("Lower the learning rate"));
  // The kept weights are exactly those after the last good step: replay that many steps.
  Trainer<float> replay(o);
  replay.set_data(s.train, s.test, false);
  const StepReport rr = replay.train_steps(r.steps);
  CHECK_FALSE(rr.diverged);
  CHECK(replay.network().parameters() == t.network().parameters());
  // Stopped: more steps do nothing until the flag is cleared.
  const Vector<float> kept = t.network().parameters();
  t.train_steps(5);
  CHECK(t.network().parameters() == kept);
  // Back to the last healthy epoch: finite, sane loss, and training goes on at a lower rate.
  t.restore_healthy();
  CHECK_FALSE(t.report().diverged);
  CHECK(t.divergence_message().empty());
  CHECK(t.evaluate().train_loss <= 1.5 * untrained_loss);  // no healthy epoch yet: initial weights
  t.set_learning_rate(0.01);
  CHECK_FALSE(t.train_steps(500).diverged);
  // Recovery: a sane learning rate from the start of the run trains without diverging.
  t.clear_divergence();
  t.set_learning_rate(0.01);
  t.reset();
  const StepReport r2 = t.train_steps(2000);
  CHECK_FALSE(r2.diverged);
  CHECK(t.evaluate().train_loss < 0.05);
}

TEST_CASE("trainer data validation keeps the previous data on error", "[errors]") {
  Trainer<float> t(test::playground_options({A::tanh, A::tanh, A::tanh}, Optimizer::sgd, 0.03,
                                            Init::playground));
  const Split s = test::playground_split(Generator::circle, 0.0);
  t.set_data(s.train, s.test, false);
  // Three input features for a 2-input network.
  Dataset bad = s.train;
  bad.x.conservativeResize(3, Eigen::NoChange);
  bad.x.row(2).setZero();
  bad.feature_names.push_back("x3");
  CHECK_THROWS_WITH(t.set_data(bad, Dataset{}, false),
                    Catch::Contains("layers[0]") && Catch::Contains("3 input features"));
  // NaN in the data.
  Dataset nan = s.train;
  nan.x(0, 3) = std::nan("");
  CHECK_THROWS(t.set_data(nan, Dataset{}, false));
  CHECK(t.train_size() == s.train.num_samples());
  CHECK_NOTHROW(t.train_steps(5));
  // Ten classes for a one-output network.
  Trainer<float> fresh(test::playground_options({A::tanh, A::tanh, A::tanh}, Optimizer::sgd, 0.03,
                                                Init::playground));
  CHECK_THROWS(fresh.train_steps(1));
  CHECK_THROWS_WITH(fresh.set_learning_rate(-1), Catch::Contains("learningRate"));
  CHECK_THROWS_WITH(fresh.predict_grid(-1, 1, -1, 1, 0, 5, false), Catch::Contains("grid"));
  CHECK_THROWS_WITH(fresh.set_parameter(100000, 1.0), Catch::Contains("parameter"));
  CHECK_THROWS_WITH(fresh.set_parameter(0, std::nan("")), Catch::Contains("finite"));
}

TEST_CASE("gradient check through the trainer API passes for the playground net", "[gradient]") {
  ModelOptions o = test::playground_options({A::tanh, A::tanh, A::tanh}, Optimizer::sgd, 0.03,
                                            Init::playground);
  o.features = {Feature::x1, Feature::x2};
  o.train.regularization = Regularization::l2;
  o.train.regularization_rate = 0.01;
  Trainer<float> t(o);
  const Split s = test::playground_split(Generator::spiral, 0.1);
  t.set_data(s.train, s.test, false);
  t.train_steps(50);
  const GradientCheckResult r = gradient_check_trainer(t, 20, 0);
  CHECK(r.checked == t.network().parameters().size());
  CHECK(r.max_relative_error < 1e-6);
}

TEST_CASE("decision-boundary grid: shape, order and neuron rows", "[grid]") {
  ModelOptions o = test::playground_options({A::tanh, A::tanh, A::tanh}, Optimizer::sgd, 0.03,
                                            Init::playground);
  o.network.sizes[0] = 3;
  o.features = {Feature::x1, Feature::x2, Feature::x1_times_x2};
  Trainer<float> t(o);
  const Matrix<float>& out = t.predict_grid(-6, 6, -3, 3, 4, 3, false);
  REQUIRE(out.rows() == 1);
  REQUIRE(out.cols() == 12);
  // Point p = j * nx + i is (x0 + i dx, y0 + j dy): compare with predict on those points.
  Matrix<float> pts(2, 12);
  for (int j = 0; j < 3; ++j)
    for (int i = 0; i < 4; ++i) pts.col(j * 4 + i) << -6.0f + 4.0f * i, -3.0f + 3.0f * j;
  const Matrix<float> expected = t.predict(pts);
  CHECK((expected - out).cwiseAbs().maxCoeff() < 1e-6);
  const Matrix<float>& all = t.predict_grid(-6, 6, -3, 3, 4, 3, true);
  REQUIRE(all.rows() == 3 + 8 + 8 + 1);
  CHECK((all.row(2) - (pts.row(0).array() * pts.row(1).array()).matrix()).cwiseAbs().maxCoeff() <
        1e-5);
  CHECK((all.row(19) - expected.row(0)).cwiseAbs().maxCoeff() < 1e-6);
}
