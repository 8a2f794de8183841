#pragma once
// ModelOptions <-> JSON, the one validator for every outside source of options: the JS API, the
// page's URL state and model files. Unknown fields are errors (a typo must not be silently ignored).
//
// {"layers": [2, 8, 8, 1], "activations": ["tanh", "tanh", "tanh"], "features": ["x1", "x2"],
//  "cost": "quadratic", "init": "playground", "optimizer": "sgd", "learningRate": 0.03,
//  "momentum": 0.9, "beta1": 0.9, "beta2": 0.999, "rho": 0.9, "epsilon": 1e-8,
//  "regularization": "none", "regularizationRate": 0, "dropout": 0, "schedule": "constant",
//  "decayRate": 0.96, "decaySteps": 100, "batchSize": 10, "shuffle": true, "seed": 1}
// Only "layers" and "activations" are required; the rest default as shown.
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "train/options.hpp"

namespace bp {

inline constexpr std::size_t kMaxJsonBytes = 64u * 1024u * 1024u;

ModelOptions options_from_json(const nlohmann::json& json);
// A whole number from a JSON value: whole_number (whole_number.hpp) on a JSON number; a string,
// bool or null fails with the same message.
Index whole_json_number(const nlohmann::json& value, const std::string& field, double lo, double hi);
nlohmann::json options_to_json(const ModelOptions& options);

// Parses text with a size bound; malformed JSON becomes bp::Error("<what>: not valid JSON ...").
nlohmann::json parse_json_text(std::string_view text, const std::string& what);
ModelOptions options_from_json_text(std::string_view text);

}  // namespace bp
