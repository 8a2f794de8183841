// Golden numbers from an independent reference: tests/golden/spiral-2-8-8-1.json holds the data,
// the initial weights and batch orders this core draws from its seeds, and the first 20 batch losses
// computed from them by tests/golden/make_golden.py (NumPy, float64, written from the equations, not
// from this code). The native float and double runs and the WASM runs (tests/js/) must match.
//
// Regenerate (only when the run's definition changes on purpose):
//   build/native-release/tests/bp_tests "[.golden-input]" && /usr/bin/python3 tests/golden/make_golden.py
#include <catch2/catch.hpp>

#include <fstream>
#include <nlohmann/json.hpp>

#include "data/generators.hpp"
#include "io/options_json.hpp"
#include "test_helpers.hpp"
#include "train/trainer.hpp"

using namespace bp;
using nlohmann::json;

namespace {
const std::string kGolden = std::string(BP_GOLDEN_DIR) + "/spiral-2-8-8-1.json";

ModelOptions golden_options() {
  return options_from_json(json::parse(R"({
    "layers": [2, 8, 8, 1], "activations": ["tanh", "tanh", "tanh"], "features": ["x1", "x2"],
    "cost": "quadratic", "init": "playground", "optimizer": "sgd", "learningRate": 0.03,
    "batchSize": 10, "seed": 42})"));
}
Dataset golden_data() {
  Rng rng(5);
  return generate(Generator::spiral, 100, 0.1, rng);
}

template <typename Scalar>
std::vector<double> first_losses(std::vector<std::vector<Index>>* orders) {
  Trainer<Scalar> t(golden_options());
  t.set_data(golden_data(), Dataset{}, false);
  std::vector<double> losses;
  for (int step = 0; step < 20; ++step) {
    losses.push_back(t.train_steps(1).loss);
    if (orders && step % 10 == 0) orders->push_back(t.batch_order());
  }
  return losses;
}
}  // namespace

TEST_CASE("write the golden run's inputs", "[.golden-input]") {
  Trainer<double> t(golden_options());
  const Dataset d = golden_data();
  std::vector<std::vector<Index>> orders;
  first_losses<double>(&orders);
  json out;
  out["about"] = "Inputs by the core (seeded), losses by tests/golden/make_golden.py (NumPy)";
  out["options"] = options_to_json(golden_options());
  out["data"] = {{"generator", "spiral"}, {"numSamples", 100}, {"noise", 0.1}, {"seed", 5}};
  out["x"] = std::vector<double>(d.x.data(), d.x.data() + d.x.size());
  out["labels"] = d.labels;
  out["initialParameters"] = std::vector<double>(t.network().parameters().data(),
                                                 t.network().parameters().data() +
                                                     t.network().parameters().size());
  out["batchOrders"] = orders;
  std::ofstream(kGolden) << out.dump(1) << "\n";
  SUCCEED("wrote " + kGolden);
}

TEST_CASE("golden: the first 20 losses match the independent NumPy reference", "[golden]") {
  const json golden = json::parse(test::read_text(kGolden));
  REQUIRE(golden.contains("losses"));
  const auto expected = golden["losses"].get<std::vector<double>>();
  REQUIRE(expected.size() == 20);

  // The seeded inputs are what the core draws today (data, initial weights, shuffles).
  const Dataset d = golden_data();
  const auto x = golden["x"].get<std::vector<double>>();
  REQUIRE(static_cast<Index>(x.size()) == d.x.size());
  for (std::size_t i = 0; i < x.size(); ++i) CHECK(d.x.data()[i] == Approx(x[i]).margin(1e-12));
  Trainer<double> t(golden_options());
  const auto p = golden["initialParameters"].get<std::vector<double>>();
  for (std::size_t i = 0; i < p.size(); ++i)
    CHECK(t.network().parameters()(static_cast<Index>(i)) == Approx(p[i]).margin(1e-15));

  std::vector<std::vector<Index>> orders;
  const auto in_double = first_losses<double>(&orders);
  CHECK(orders == golden["batchOrders"].get<std::vector<std::vector<Index>>>());
  const auto in_float = first_losses<float>(nullptr);
  for (std::size_t i = 0; i < 20; ++i) {
    INFO("step " << i + 1);
    CHECK(in_double[i] == Approx(expected[i]).margin(1e-12));
    CHECK(in_float[i] == Approx(expected[i]).margin(1e-6));
  }
  // The losses must actually change (a frozen run would be a useless golden).
  CHECK(expected.front() != Approx(expected.back()).margin(1e-4));
}
