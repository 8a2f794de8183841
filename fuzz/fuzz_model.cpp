// libFuzzer target: a saved model file (Trainer.fromModelJson, the page's "open model").
// Properties: a rejection is bp::Error with a message; an accepted model re-serializes
// (model_to_json) to a file that loads to bit-identical parameters, initial parameters and options,
// and whose own serialization is the same text (a fixed point). float, as in the WASM build.
#include <cstring>

#include <nlohmann/json.hpp>

#include "fuzz_check.hpp"
#include "io/model_json.hpp"
#include "io/options_json.hpp"

namespace {

using Trainer = bp::Trainer<float>;

bool same_bits(const bp::Vector<float>& a, const bp::Vector<float>& b) {
  return a.size() == b.size() &&
         (a.size() == 0 ||
          std::memcmp(a.data(), b.data(), static_cast<std::size_t>(a.size()) * sizeof(float)) == 0);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const unsigned char* data, std::size_t size) {
  using bp_fuzz::require;
  std::optional<Trainer> first;
  if (!bp_fuzz::accepts([&] { first.emplace(bp::model_from_json<float>(bp_fuzz::as_text(data, size))); }))
    return 0;
  std::string text;
  require(bp_fuzz::accepts([&] { text = bp::model_to_json(*first); }), "model_to_json throws");
  std::optional<Trainer> second;
  require(bp_fuzz::accepts([&] { second.emplace(bp::model_from_json<float>(text)); }),
          "a re-serialized model is rejected");
  require(same_bits(first->network().parameters(), second->network().parameters()),
          "parameters change through a save/load round trip");
  require(same_bits(first->initial_parameters(), second->initial_parameters()),
          "initial parameters change through a save/load round trip");
  require(bp::options_to_json(first->options()) == bp::options_to_json(second->options()),
          "options change through a save/load round trip");
  require(bp::model_to_json(*second) == text, "model_to_json is not a fixed point");
  return 0;
}
