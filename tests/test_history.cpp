// The loss history: the chart's five columns per epoch, and the bounded, evenly spaced decimation.
#include <catch2/catch.hpp>

#include <cmath>

#include "learn_setups.hpp"
#include "metrics/metrics.hpp"

using namespace bp;
using A = Activation;

TEST_CASE("History keeps every column through the halving decimation", "[history]") {
  History h(8);
  for (int e = 1; e <= 100; ++e) h.add({double(e), e + 0.1, e + 0.2, e + 0.3, e + 0.4});
  const auto& p = h.points();
  REQUIRE(p.size() <= 8);
  REQUIRE(p.size() >= 4);
  const double stride = p[1].epoch - p[0].epoch;
  for (std::size_t i = 0; i < p.size(); ++i) {
    if (i > 0) CHECK(p[i].epoch - p[i - 1].epoch == stride);  // evenly spaced
    CHECK(p[i].train_loss == p[i].epoch + 0.1);
    CHECK(p[i].test_loss == p[i].epoch + 0.2);
    CHECK(p[i].train_metric == p[i].epoch + 0.3);
    CHECK(p[i].test_metric == p[i].epoch + 0.4);
  }
  CHECK(p.back().epoch > 100 - 2 * stride);
  h.clear();
  CHECK(h.points().empty());
}

TEST_CASE("history: train metric over the epoch's batches, test metric as evaluate() at the end",
          "[history]") {
  for (A head : {A::tanh, A::linear}) {
    const bool classify = head == A::tanh;
    ModelOptions o = test::playground_options({A::tanh, A::tanh, head}, Optimizer::sgd, 0.03,
                                              Init::playground);
    o.train.shuffle = false;  // batches are the training columns in order: easy to replay
    Trainer<float> t(o), replay(o);
    const Split s = test::playground_split(classify ? Generator::circle : Generator::regression_plane, 0.1);
    t.set_data(s.train, s.test, false);
    replay.set_data(s.train, s.test, false);
    t.train_epochs(2);
    const auto& points = t.history().points();
    REQUIRE(points.size() == 2);

    // Replay epoch 2 batch by batch: each batch's outputs under the weights before its step.
    replay.train_epochs(1);
    const Index n = replay.train_size(), batch = o.train.batch_size;
    AccuracySums hits;
    RSquaredSums r2;
    r2.reset(1);
    double loss_sum = 0.0;
    for (Index start = 0; start < n; start += batch) {
      const Index m = std::min(batch, n - start);
      const Matrix<float> x = replay.train_inputs().middleCols(start, m);
      Network<float> net = replay.network();
      net.reserve(m);
      const Matrix<float> a = net.forward(x);
      for (Index j = 0; j < m; ++j) {
        if (classify) hits.add(predicted_class(a.col(j), replay.output_threshold()), s.train.labels[start + j]);
        else r2.add(a.col(j), s.train.y.col(start + j));
      }
      loss_sum += replay.train_steps(1).loss * static_cast<double>(m);
    }
    REQUIRE(replay.report().epoch == 2);
    INFO((classify ? "classification" : "regression"));
    CHECK(points[1].train_loss == Approx(loss_sum / static_cast<double>(n)).epsilon(1e-9));
    CHECK(points[1].train_metric == Approx(classify ? hits.value() : r2.value()).epsilon(1e-9));

    const Metrics m = t.evaluate();
    CHECK(points[1].test_loss == Approx(m.test_loss).epsilon(1e-12));
    CHECK(points[1].test_metric == Approx(classify ? m.test_accuracy : m.test_r2).epsilon(1e-12));
    CHECK(std::isnan(classify ? m.test_r2 : m.test_accuracy));

    // Without a test set the test columns are NaN; the train columns are unchanged.
    Trainer<float> alone(o);
    alone.set_data(s.train, Dataset{}, false);
    alone.train_epochs(2);
    const auto& q = alone.history().points();
    REQUIRE(q.size() == 2);
    CHECK(q[1].train_loss == points[1].train_loss);
    CHECK(q[1].train_metric == points[1].train_metric);
    CHECK(std::isnan(q[1].test_loss));
    CHECK(std::isnan(q[1].test_metric));
  }
}
