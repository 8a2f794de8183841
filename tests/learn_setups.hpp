#pragma once
// The seeded learnability runs of the native tests. The WASM tests (tests/js/wasm-learn.test.mjs)
// use the same settings through the JS API.
#include "data/csv.hpp"
#include "data/generators.hpp"
#include "test_helpers.hpp"
#include "train/trainer.hpp"

namespace bp::test {

inline ModelOptions playground_options(std::vector<Activation> acts, Optimizer opt, double lr,
                                       Init init) {
  ModelOptions o;
  o.network = spec_of({2, 8, 8, 1}, std::move(acts));
  o.train.optimizer = opt;
  o.train.learning_rate = lr;
  o.train.batch_size = 10;
  o.train.init = init;
  o.train.seed = 1;
  return o;
}

// 500 points, seed 7, half for training: as the page does.
inline Split playground_split(Generator g, double noise) {
  Rng rng(7);
  const Dataset d = generate(g, 500, noise, rng);
  return split_dataset(d, 0.5, rng);
}

inline Split digits_split() {
  Rng rng(3);
  const Dataset d = parse_builtin(Builtin::digits, read_text(std::string(BP_DATA_DIR) + "/digits.csv"));
  return split_dataset(d, 0.8, rng);
}

inline ModelOptions digits_options() {
  ModelOptions o;
  o.network = spec_of({64, 32, 10}, {Activation::relu, Activation::softmax});
  o.train.cost = Cost::cross_entropy;
  o.train.learning_rate = 0.1;
  o.train.batch_size = 32;
  o.train.init = Init::he;
  return o;
}

}  // namespace bp::test
