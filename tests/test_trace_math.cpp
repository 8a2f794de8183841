// Trainer::finite_difference and Trainer::pending_update (issue 13 §4; train/finite_difference.hpp,
// train/pending_update.hpp): the per-sample central difference agrees with the trace's gradient for
// every activation and cost and catches the seed's printed recursion; per-sample gradients averaged
// over the next batch equal that batch's gradient; the pending update is the change step() makes,
// bit for bit, for every optimizer; neither changes the run or allocates after the first call.
#include <catch2/catch.hpp>

#include <cmath>
#include <string>
#include <vector>

#include "alloc_counter.hpp"
#include "trace_setups.hpp"
#include "data/generators.hpp"
#include "train/trainer.hpp"

using namespace bp;
using A = Activation;
using namespace bp::trace_setups;

namespace {

// Relative difference with a floor (like gradient_check's): near-zero gradients compare absolutely.
double rel(double a, double b, double floor = 1e-4) {
  return std::abs(a - b) / std::max({std::abs(a), std::abs(b), floor});
}

// Smallest |z| of a ReLU-like unit for sample i (the difference quotient straddles a kink below ~h).
template <typename Scalar>
double kink_distance(Trainer<Scalar>& t, Index i) {
  const SampleTrace<Scalar>& tr = t.trace_sample(i);
  double d = 1e300;
  for (std::size_t k = 0; k < tr.layers.size(); ++k) {
    const A s = t.options().network.activations[k];
    if (s == A::relu || s == A::leaky_relu)
      d = std::min(d, static_cast<double>(tr.layers[k].z.cwiseAbs().minCoeff()));
  }
  return d;
}

}  // namespace

TEST_CASE("finiteDifference agrees with the trace's gradient for every activation and cost",
          "[trace][fd]") {
  int combinations = 0;
  for (A hidden : kHidden)
    for (A output : kOutput)
      for (Cost cost : kCosts) {
        if (!accepts(output, cost)) continue;
        ++combinations;
        INFO(std::string(enum_name(kActivationNames, hidden)) << " / "
             << enum_name(kActivationNames, output) << " / " << enum_name(kCostNames, cost));
        // double trainer: agreement to ~1e-7; float trainer: to float's precision.
        Trainer<double> t(options_for(hidden, output, cost, 21));
        t.set_data(circle(21), Dataset{}, true);
        t.train_steps(3);
        Trainer<float> f(options_for(hidden, output, cost, 21));
        f.set_data(circle(21), Dataset{}, true);
        f.train_steps(3);
        const Index n = t.network().layout().size;
        bool erratum_caught = false;
        for (Index i : {Index(0), Index(13), Index(39)}) {
          if (kink_distance(t, i) < 1e-3 || kink_distance(f, i) < 1e-3) continue;
          const Vector<double> g = t.trace_sample(i).gradient;
          const Vector<double> seed = t.trace_sample(i, DeltaRule::seed_erratum).gradient;
          const Vector<float> gf = f.trace_sample(i).gradient;
          for (Index p = 0; p < n; ++p) {
            INFO("sample " << i << ", parameter " << p);
            const FiniteDifferenceResult fd = t.finite_difference(p, i);
            CHECK(fd.parameter == p);
            CHECK(fd.h == kFiniteDifferenceStep);
            CHECK(std::abs(fd.cost - t.trace_sample(i).cost) <= 1e-12 * (1 + fd.cost));
            CHECK(rel(fd.value, g(p)) < 1e-6);
            CHECK(rel(f.finite_difference(p, i).value, gf(p), 1e-2) < 2e-3);
            if (rel(fd.value, seed(p)) > 1e-3) erratum_caught = true;
          }
        }
        // The seed's printed recursion (no sigma') fails the check wherever sigma' != 1.
        if (hidden != A::linear) CHECK(erratum_caught);
        else CHECK_FALSE(erratum_caught);
      }
  CHECK(combinations == 5 * (6 * 2 + 2 * 2));
}

TEST_CASE("per-sample gradients averaged over the next batch equal its batch gradient",
          "[trace][pending]") {
  for (A hidden : {A::tanh, A::relu})
    for (Cost cost : {Cost::quadratic, Cost::cross_entropy}) {
      const A output = cost == Cost::cross_entropy ? A::softmax : A::sigmoid;
      ModelOptions o = options_for(hidden, output, cost, 3);
      o.train.batch_size = 7;
      Trainer<double> t(o);
      t.set_data(circle(3), Dataset{}, true);
      for (int steps : {0, 2, 5}) {  // the epoch's first batch (shuffle pending), then later ones
        t.train_steps(steps);
        const Index n = t.network().layout().size;
        const std::vector<Index> batch(t.pending_update(0).batch.begin(), t.pending_update(0).batch.end());
        REQUIRE(!batch.empty());
        Vector<double> mean = Vector<double>::Zero(n);
        for (Index i : batch) mean += t.trace_sample(i).gradient;
        mean /= static_cast<double>(batch.size());
        for (Index p = 0; p < n; ++p) {
          const PendingUpdate<double>& u = t.pending_update(p);
          CHECK(std::abs(u.gradient - mean(p)) <= 1e-13);  // no regularization here
        }
      }
    }
}

TEST_CASE("pendingUpdate is the change step() makes, for sgd, momentum, nesterov, rmsprop, adam",
          "[trace][pending]") {
  for (Optimizer kind : {Optimizer::sgd, Optimizer::momentum, Optimizer::nesterov, Optimizer::rmsprop,
                         Optimizer::adam}) {
    INFO(enum_name(kOptimizerNames, kind));
    ModelOptions o = options_for(A::tanh, A::sigmoid, Cost::binary_cross_entropy, 8);
    o.train.optimizer = kind;
    o.train.learning_rate = kind == Optimizer::sgd || kind == Optimizer::momentum ? 0.1 : 0.01;
    o.train.batch_size = 7;  // 40 samples: a partial batch at each epoch's end
    o.train.dropout = 0.2;
    o.train.regularization = Regularization::l2;
    o.train.regularization_rate = 0.01;
    o.train.schedule = Schedule::exponential;
    o.train.decay_rate = 0.5;
    o.train.decay_steps = 10;
    Trainer<float> t(o), plain(o);
    t.set_data(circle(8), Dataset{}, true);
    plain.set_data(circle(8), Dataset{}, true);
    const Index n = t.network().layout().size;
    std::vector<PendingUpdate<float>> pending(static_cast<std::size_t>(n));
    for (int step = 0; step < 13; ++step) {  // over an epoch boundary (step 6 reshuffles)
      INFO("step " << step);
      const Vector<float> before = t.network().parameters();
      for (Index p = 0; p < n; ++p) pending[static_cast<std::size_t>(p)] = t.pending_update(p);
      t.train_steps(1);
      plain.train_steps(1);
      // Read-only: the inspected run is bit-identical to one never inspected.
      REQUIRE(t.network().parameters() == plain.network().parameters());
      CHECK(t.optimizer().first_moment() == plain.optimizer().first_moment());
      CHECK(t.optimizer().second_moment() == plain.optimizer().second_moment());
      CHECK(t.batch_order() == plain.batch_order());
      CHECK(t.report().loss == plain.report().loss);
      const Vector<float>& after = t.network().parameters();
      for (Index p = 0; p < n; ++p) {
        const PendingUpdate<float>& u = pending[static_cast<std::size_t>(p)];
        CHECK(u.value == before(p));
        CHECK(u.next == after(p));  // bit for bit
        CHECK(std::abs((after(p) - before(p)) - u.update) <= 1e-6f * (1 + std::abs(before(p))));
        CHECK(u.gradient == t.network().gradients()(p));  // what the step used (with the penalty)
        CHECK(u.step == t.optimizer().steps());
        switch (kind) {
          case Optimizer::sgd: CHECK(std::isnan(u.velocity)); break;
          case Optimizer::momentum:
          case Optimizer::nesterov: CHECK(u.velocity == t.optimizer().first_moment()(p)); break;
          case Optimizer::rmsprop: CHECK(u.mean_square == t.optimizer().second_moment()(p)); break;
          case Optimizer::adam:
            CHECK(u.m == t.optimizer().first_moment()(p));
            CHECK(u.v == t.optimizer().second_moment()(p));
            CHECK(u.m_hat == u.m * static_cast<float>(1.0 / (1.0 - std::pow(o.train.beta1, double(u.step)))));
            break;
        }
      }
    }
  }
}

TEST_CASE("finiteDifference and pendingUpdate allocate nothing after the first call",
          "[trace][alloc]") {
  ModelOptions o = options_for(A::tanh, A::softmax, Cost::cross_entropy, 4);
  o.train.optimizer = Optimizer::adam;
  o.train.dropout = 0.1;
  Trainer<float> t(o);
  t.set_data(circle(4), Dataset{}, true);
  t.train_steps(4);
  t.finite_difference(0, 0);
  t.pending_update(0);
  const long before = test::allocation_count();
  for (Index p = 0; p < t.network().layout().size; ++p) {
    t.finite_difference(p, p % 40);
    t.pending_update(p);
  }
  t.train_steps(9);  // across the epoch's end
  for (Index p = 0; p < 5; ++p) t.pending_update(p);
  CHECK(test::allocation_count() - before == 0);
}

TEST_CASE("finiteDifference and pendingUpdate refuse bad indices, naming the field",
          "[trace][errors]") {
  Trainer<float> t(options_for(A::tanh, A::sigmoid, Cost::quadratic, 1));
  CHECK_THROWS_WITH(t.finite_difference(0, 0), Catch::Contains("sample: there is no training data yet"));
  CHECK_THROWS_WITH(t.pending_update(0), Catch::Contains("data: there is no training data yet"));
  t.set_data(circle(1), Dataset{}, false);
  const Index n = t.network().layout().size;  // 2*4+4 + 4*3+3 + 3+1 = 31
  REQUIRE(n == 31);
  CHECK_THROWS_WITH(t.finite_difference(0, 40),
                    "sample: index 40 is outside [0, 39] (the training set has 40 samples)");
  CHECK_THROWS_WITH(t.finite_difference(31, 0),
                    "parameterIndex: index 31 is outside [0, 30] (the network has 31 parameters)");
  CHECK_THROWS_WITH(t.pending_update(-1), Catch::Contains("parameterIndex: index -1 is outside [0, 30]"));
  CHECK_THROWS_WITH(t.parameter_index(1.5), "parameterIndex: must be a whole number in [0, 30]; got 1.5");
  CHECK_THROWS_WITH(t.parameter_index(std::nan("")), Catch::Contains("got NaN"));
  CHECK(t.parameter_index(30) == 30);
  ModelOptions tfp = options_for(A::tanh, A::tanh, Cost::quadratic, 1);
  tfp.train.tfp_mode = true;
  Trainer<float> tt(tfp);
  tt.set_data(circle(1), Dataset{}, false);
  CHECK_THROWS_WITH(tt.pending_update(0), Catch::Contains("pendingUpdate: is not available in tfpMode"));
  CHECK_NOTHROW(tt.finite_difference(0, 0));
}
