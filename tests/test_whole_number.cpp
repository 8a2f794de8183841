// The one whole-number check for counts, indices and seeds from outside the core, and every entry
// point that takes one: options JSON, model JSON, by-name lookups and fromArrays.
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>

#include "data/by_name.hpp"
#include "data/from_arrays.hpp"
#include "error.hpp"
#include "io/model_json.hpp"
#include "io/options_json.hpp"
#include "learn_setups.hpp"
#include "whole_number.hpp"

using namespace bp;
using Catch::Contains;
using Catch::Equals;

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();
}  // namespace

TEST_CASE("whole_number accepts whole numbers in range and names the field otherwise", "[whole]") {
  CHECK(whole_number(0, "n", 0, 10) == 0);
  CHECK(whole_number(10, "n", 0, 10) == 10);
  CHECK(whole_number(4294967295.0, "seed", 0, 4294967295.0) == 4294967295LL);
  CHECK(whole_number(-0.0, "n", 0, 10) == 0);
  const auto message = [](double v) {
    try {
      whole_number(v, "numFeatures", 1, 4096);
    } catch (const Error& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  CHECK_THAT(message(kNaN), Equals("numFeatures: must be a whole number in [1, 4096]; got NaN"));
  CHECK_THAT(message(kInf), Equals("numFeatures: must be a whole number in [1, 4096]; got Infinity"));
  CHECK_THAT(message(-kInf), Equals("numFeatures: must be a whole number in [1, 4096]; got -Infinity"));
  CHECK_THAT(message(2.9), Equals("numFeatures: must be a whole number in [1, 4096]; got 2.9"));
  CHECK_THAT(message(-1), Equals("numFeatures: must be a whole number in [1, 4096]; got -1"));
  CHECK_THAT(message(1e300), Equals("numFeatures: must be a whole number in [1, 4096]; got 1e+300"));
  CHECK_THAT(message(4097), Equals("numFeatures: must be a whole number in [1, 4096]; got 4097"));
  CHECK_THROWS_WITH(whole_number(0.5, "y", 0, 1, 7), Equals("y[7]: must be a whole number in [0, 1]; got 0.5"));
}

TEST_CASE("fromArrays: counts and labels go through whole_number, nothing is truncated", "[whole]") {
  const std::vector<double> x{0, 1, 2, 3}, labels{0, 1};
  const auto from = [&](double features, double classes) {
    return dataset_from_arrays(x, labels, features, Task::classification, classes);
  };
  CHECK(from(2, 2).num_features() == 2);
  for (double bad : {kNaN, kInf, -kInf, 2.9, -1.0, 0.0, 1e300, 4097.0})
    CHECK_THROWS_WITH(from(bad, 2), Contains("numFeatures: must be a whole number in [1, 4096]; got"));
  // 2.9 used to become 2 features silently: now it is an error that says 2.9.
  CHECK_THROWS_WITH(from(2.9, 2), Contains("got 2.9"));
  CHECK_THROWS_WITH(from(kNaN, 2), Contains("got NaN"));
  for (double bad : {kNaN, kInf, 2.5, 1.0, -3.0, 1e12})
    CHECK_THROWS_WITH(from(2, bad), Contains("numClasses: must be a whole number in [2, 1000]"));
  const std::vector<double> fractional{0, 0.5};
  CHECK_THROWS_WITH(dataset_from_arrays(x, fractional, 2, Task::classification, 2),
                    Equals("y[1]: must be a whole number in [0, 1]; got 0.5"));
  const std::vector<double> nan_label{kNaN, 1};
  CHECK_THROWS_WITH(dataset_from_arrays(x, nan_label, 2, Task::classification, 2),
                    Equals("y[0]: must be a whole number in [0, 1]; got NaN"));
  CHECK_THROWS_WITH(dataset_from_arrays(x, labels, 2, Task::regression, kNaN),
                    Contains("numClasses: must be 0 for regression"));
}

TEST_CASE("by-name entry points: numSamples and seeds through whole_number", "[whole]") {
  for (double bad : {kNaN, kInf, 2.9, -1.0, 0.0, 1e300})
    CHECK_THROWS_WITH(generate_by_name("circle", bad, 0, 1),
                      Contains("numSamples: must be a whole number in [1, 1000000]"));
  for (double bad : {kNaN, kInf, 2.9, -1.0, 4294967296.0, 1e300})
    CHECK_THROWS_WITH(generate_by_name("circle", 10, 0, bad),
                      Contains("seed: must be a whole number in [0, 4294967295]"));
  CHECK(seed_from_number(4294967295.0) == 4294967295u);
  const Dataset d = generate_by_name("circle", 10, 0, 1);
  CHECK_THROWS_WITH(split_by_seed(d, 0.5, 0.5), Contains("seed: must be a whole number"));
}

TEST_CASE("options and model JSON: integers through whole_number", "[whole][io]") {
  const std::string net = R"("layers":[2,3,1],"activations":["relu","tanh"])";
  const auto message = [](const std::string& text) {
    try {
      options_from_json_text(text);
    } catch (const Error& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  CHECK(message("{" + net + R"(,"batchSize":2.9})") ==
        "batchSize: must be a whole number in [1, 65536]; got 2.9");
  CHECK(message("{" + net + R"(,"batchSize":-1})") ==
        "batchSize: must be a whole number in [1, 65536]; got -1");
  CHECK(message("{" + net + R"(,"batchSize":1e300})") ==
        "batchSize: must be a whole number in [1, 65536]; got 1e+300");
  CHECK(message("{" + net + R"(,"batchSize":null})") ==
        "batchSize: must be a whole number in [1, 65536]; got null");
  CHECK(message("{" + net + R"(,"seed":4294967296})") ==
        "seed: must be a whole number in [0, 4294967295]; got 4294967296");
  CHECK(message("{" + net + R"(,"decaySteps":"7"})") ==
        "decaySteps: must be a whole number in [1, 1000000000]; got \"7\"");
  CHECK(message(R"({"layers":[2,3.5,1],"activations":["relu","tanh"]})") ==
        "layers[1]: must be a whole number in [1, 4096]; got 3.5");
  CHECK(message(R"({"layers":[2,18446744073709551615,1],"activations":["relu","tanh"]})") ==
        "layers[1]: must be a whole number in [1, 4096]; got 1.844674407e+19");
  // A model version that an int cast would wrap to 1 (2^32 + 1) is refused, not read as 1.
  Trainer<float> t(test::playground_options({Activation::tanh, Activation::tanh, Activation::tanh},
                                            Optimizer::sgd, 0.03, Init::playground));
  nlohmann::json model = nlohmann::json::parse(model_to_json(t));
  model["version"] = 4294967297LL;
  CHECK_THROWS_WITH(model_from_json<float>(model.dump()), Contains("version"));
  model["version"] = 1.5;
  CHECK_THROWS_WITH(model_from_json<float>(model.dump()),
                    Equals("version: must be a whole number in [0, 1000000000]; got 1.5"));
}
