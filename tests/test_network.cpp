// The batched Eigen network against the naive scalar reference, shapes, validation, and the
// no-allocation guarantee of a training step.
#include <catch2/catch.hpp>

#include "data/generators.hpp"
#include "nn/network.hpp"
#include "nn/reference.hpp"
#include "alloc_counter.hpp"
#include "test_helpers.hpp"
#include "train/trainer.hpp"

using namespace bp;

TEST_CASE("Eigen forward and backward equal the naive triple-loop reference", "[network]") {
  Rng rng(11);
  const std::vector<std::pair<std::vector<int>, std::vector<Activation>>> nets = {
      {{2, 8, 8, 1}, {Activation::tanh, Activation::tanh, Activation::tanh}},
      {{7, 5, 3}, {Activation::relu, Activation::sigmoid}},
      {{6, 9, 4}, {Activation::leaky_relu, Activation::softmax}},
      {{64, 32, 10}, {Activation::relu, Activation::softmax}},
  };
  const std::vector<Cost> costs = {Cost::quadratic, Cost::binary_cross_entropy, Cost::cross_entropy,
                                   Cost::huber, Cost::quadratic};
  int i = 0;
  for (const auto& [sizes, acts] : nets) {
    Cost cost = acts.back() == Activation::softmax   ? Cost::cross_entropy
                : acts.back() == Activation::sigmoid ? Cost::binary_cross_entropy
                                                     : costs[i++ % 2 == 0 ? 0 : 3];
    const NetworkSpec spec = test::spec_of(sizes, acts);
    Network<double> net(spec);
    net.initialize(Init::he, rng);
    ReferenceNetwork<double> ref(spec, 13);
    const Matrix<double> x = test::random_matrix<double>(sizes.front(), 13, rng);
    const Matrix<double> y = test::targets_for(acts.back(), sizes.back(), 13, rng);
    const auto& ref_out = ref.forward(net.parameters().data(), x.data(), 13);
    const Matrix<double> out = net.forward(x);
    REQUIRE(out.rows() == sizes.back());
    REQUIRE(out.cols() == 13);
    for (Index e = 0; e < out.size(); ++e) CHECK(out.data()[e] == Approx(ref_out[e]).margin(1e-12));
    net.backward(y, cost);
    ref.backward(net.parameters().data(), y.data(), cost);
    const auto& g = ref.gradient();
    REQUIRE(static_cast<Index>(g.size()) == net.gradients().size());
    double worst = 0;
    for (Index e = 0; e < net.gradients().size(); ++e)
      worst = std::max(worst, std::abs(net.gradients()(e) - g[e]));
    CHECK(worst < 1e-12);
  }
}

TEST_CASE("float network agrees with double to float precision", "[network]") {
  Rng rng(5);
  const NetworkSpec spec = test::spec_of({4, 16, 3}, {Activation::tanh, Activation::softmax});
  Network<double> d(spec);
  d.initialize(Init::glorot, rng);
  Network<float> f(spec);
  f.parameters() = d.parameters().cast<float>();
  const Matrix<double> x = test::random_matrix<double>(4, 32, rng);
  const Matrix<double> out_d = d.forward(x);
  const Matrix<float> out_f = f.forward(x.cast<float>());
  CHECK((out_d - out_f.cast<double>()).cwiseAbs().maxCoeff() < 1e-5);
}

TEST_CASE("layer sizes, activations and input shapes are validated", "[network][errors]") {
  using A = Activation;
  CHECK_THROWS_WITH(Network<float>(test::spec_of({2, 0, 1}, {A::tanh, A::tanh})),
                    Catch::Contains("layers[1]") && Catch::Contains("1 to 4096"));
  CHECK_THROWS_WITH(Network<float>(test::spec_of({2}, {})), Catch::Contains("at least an input"));
  CHECK_THROWS_WITH(Network<float>(test::spec_of({2, 3, 1}, {A::tanh})),
                    Catch::Contains("activations") && Catch::Contains("one activation per"));
  CHECK_THROWS_WITH(Network<float>(test::spec_of({2, 3, 1}, {A::softmax, A::tanh})),
                    Catch::Contains("activations[0]") && Catch::Contains("only allowed on the output"));
  CHECK_THROWS_WITH(Network<float>(test::spec_of({2, 5000, 1}, {A::tanh, A::tanh})),
                    Catch::Contains("layers[1]"));
  Network<float> net(test::spec_of({3, 2}, {A::linear}));
  CHECK_THROWS_WITH(net.forward(Matrix<float>::Zero(4, 2)),
                    Catch::Contains("input") && Catch::Contains("takes 3"));
  // 0 to 16 hidden layers and width 1 to 1024 are all accepted.
  for (int hidden : {0, 16}) {
    std::vector<int> sizes(hidden + 2, 4);
    std::vector<A> acts(hidden + 1, A::relu);
    CHECK_NOTHROW(Network<float>(test::spec_of(sizes, acts)));
  }
  CHECK_NOTHROW(Network<float>(test::spec_of({1, 1024, 1}, {A::relu, A::linear})));
}

TEST_CASE("a training step allocates nothing once the workspaces exist", "[network][memory]") {
  ModelOptions o;
  o.network = test::spec_of({2, 8, 8, 1}, {Activation::tanh, Activation::tanh, Activation::tanh});
  o.train.optimizer = Optimizer::adam;
  o.train.dropout = 0.2;
  o.train.regularization = Regularization::l2;
  o.train.regularization_rate = 0.001;
  o.train.batch_size = 7;  // 100 samples: the last batch of each epoch is partial
  Trainer<float> trainer(o);
  Rng rng(1);
  const Dataset data = generate(Generator::spiral, 100, 0.1, rng);
  trainer.set_data(data, Dataset{}, false);
  trainer.train_steps(40);  // first epochs: everything sized
  const long before = test::allocation_count();
#ifdef EIGEN_RUNTIME_NO_MALLOC
  Eigen::internal::set_is_malloc_allowed(false);  // any Eigen heap allocation now asserts
#endif
  trainer.train_steps(500);
#ifdef EIGEN_RUNTIME_NO_MALLOC
  Eigen::internal::set_is_malloc_allowed(true);
#endif
  CHECK(test::allocation_count() - before == 0);
  // The counter works: an allocation is seen.
  const long probe = test::allocation_count();
  auto* p = new int(3);
  CHECK(test::allocation_count() == probe + 1);
  delete p;
  // The grid forward reuses its buffers when the size repeats.
  trainer.predict_grid(-6, 6, -6, 6, 50, 50, true);
  const long grid_before = test::allocation_count();
  for (int i = 0; i < 10; ++i) trainer.predict_grid(-6, 6, -6, 6, 50, 50, true);
  CHECK(test::allocation_count() - grid_before == 0);
}
