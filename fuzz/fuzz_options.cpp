// libFuzzer target: the options JSON (the JS API's Trainer options, the page's URL state).
// Properties: a rejection is bp::Error with a message; accepted options validate, and re-serialize
// to JSON that parses to the same options (options_to_json is a fixed point).
#include <nlohmann/json.hpp>

#include "fuzz_check.hpp"
#include "io/options_json.hpp"

extern "C" int LLVMFuzzerTestOneInput(const unsigned char* data, std::size_t size) {
  using bp_fuzz::require;
  bp::ModelOptions options;
  if (!bp_fuzz::accepts([&] { options = bp::options_from_json_text(bp_fuzz::as_text(data, size)); }))
    return 0;
  require(bp_fuzz::accepts([&] { options.validate(); }), "accepted options fail validate()");
  const nlohmann::json once = bp::options_to_json(options);
  std::string text;
  require(bp_fuzz::accepts([&] { text = once.dump(); }), "options_to_json does not dump");
  bp::ModelOptions again;
  require(bp_fuzz::accepts([&] { again = bp::options_from_json_text(text); }),
          "re-serialized options are rejected");
  require(bp::options_to_json(again) == once, "options change through a JSON round trip");
  return 0;
}
