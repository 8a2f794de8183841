// TFP input keys -> engine features in INPUTS order (src/playground.ts constructInputIds()).
#include "tfp/features.hpp"

#include <algorithm>

#include "error.hpp"

namespace bp::tfp {

std::vector<Feature> features_from_keys(const std::vector<std::string>& keys) {
  std::vector<bool> on(kTfpInputs.size(), false);
  for (const std::string& key : keys) {
    BP_REQUIRE(key != "cosX" && key != "cosY", "features",
               "'" + key + "' is a TensorFlow Playground state key without an input node (not in "
               "its INPUTS table), so it changes nothing there; accepted: " +
                   accepted_names(kTfpInputs));
    const auto it = std::find_if(kTfpInputs.begin(), kTfpInputs.end(),
                                 [&](const auto& entry) { return entry.second == key; });
    BP_REQUIRE(it != kTfpInputs.end(), "features",
               "unknown value '" + key.substr(0, 64) + "'; accepted: " + accepted_names(kTfpInputs));
    const auto at = static_cast<std::size_t>(it - kTfpInputs.begin());
    BP_REQUIRE(!on[at], "features", "lists '" + key + "' twice; list each once");
    on[at] = true;
  }
  std::vector<Feature> features;
  for (std::size_t i = 0; i < kTfpInputs.size(); ++i)
    if (on[i]) features.push_back(kTfpInputs[i].first);
  return features;
}

}  // namespace bp::tfp
