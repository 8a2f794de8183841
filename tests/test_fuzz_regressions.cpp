// Regression tests for what the libFuzzer targets (fuzz/) found. Each crashing input is also kept
// in fuzz/corpus/<target>/crash-* so the smoke replays it.
#include <catch2/catch.hpp>

#include "error.hpp"
#include "io/model_json.hpp"
#include "io/options_json.hpp"

using namespace bp;
using Catch::Contains;

TEST_CASE("fuzz: a JSON number beyond double's range is a bp::Error, not nlohmann's out_of_range",
          "[io][errors][fuzz]") {
  // json::parse throws out_of_range.406 (not parse_error) for 1e999; it escaped parse_json_text.
  const auto is_error = [](auto&& f) {
    try {
      f();
    } catch (const Error& e) {
      return std::string(e.what());
    } catch (...) {
      return std::string("another exception type");
    }
    return std::string("no exception");
  };
  CHECK_THAT(is_error([] { options_from_json_text(R"({"layers":[2,1],"activations":["tanh"],"learningRate":1e999})"); }),
             Contains("options: a number is too large for a double"));
  CHECK_THAT(is_error([] { model_from_json<float>(R"({"format":"backprop-playground-model","version":1e999})"); }),
             Contains("model: a number is too large for a double"));
  CHECK_THAT(is_error([] { parse_json_text("[-1e400]", "what"); }), Contains("what: a number is too large"));
}

TEST_CASE("fuzz: a model file whose arrays do not fit its options is refused before the network is built",
          "[io][errors][fuzz]") {
  // A ~300-byte file asked for 4096-4096-4096-4096-1 (50 M weights) and carried 13: model_from_json
  // built and initialised the whole network (20 s and 1.7 GB under ASan) before it counted them.
  const std::string huge = R"({"format":"backprop-playground-model","version":1,)"
                           R"("options":{"layers":[4096,4096,4096,4096,1],"activations":["relu","relu","relu","relu"]},)"
                           R"("parameters":[0,0,0,0,0,0,0,0,0,0,0,0,0]})";
  CHECK_THROWS_WITH(model_from_json<float>(huge), Contains("parameters: has 13 values but the architecture needs 50348033"));
#ifdef EIGEN_RUNTIME_NO_MALLOC
  // Debug builds: no Eigen buffer may be allocated on the way to the refusal (this asserted before).
  const std::string small = R"({"format":"backprop-playground-model","version":1,)"
                            R"("options":{"layers":[2,3,1],"activations":["relu","tanh"]},)"
                            R"("parameters":[1,2,3],"initialParameters":[1]})";
  Eigen::internal::set_is_malloc_allowed(false);
  std::string message;
  try {
    model_from_json<float>(small);
  } catch (const Error& e) {
    message = e.what();
  }
  Eigen::internal::set_is_malloc_allowed(true);
  CHECK_THAT(message, Contains("has 3 values but the architecture needs 13"));
#endif
}
