#include "io/options_json.hpp"

#include <cmath>
#include <set>

#include "error.hpp"
#include "whole_number.hpp"

namespace bp {
namespace {
using nlohmann::json;

const std::set<std::string>& known_fields() {
  static const std::set<std::string> fields{
      "layers",   "activations", "features",       "cost",     "init",
      "optimizer", "learningRate", "momentum",     "beta1",    "beta2",
      "rho",       "epsilon",     "regularization", "regularizationRate",
      "dropout",   "schedule",    "decayRate",      "decaySteps", "batchSize", "shuffle", "seed",
      "tfpMode"};
  return fields;
}

std::string describe(const json& value) {
  std::string text = value.dump();
  if (text.size() > 40) text = text.substr(0, 37) + "...";
  return text;
}

double number(const json& obj, const char* field, double fallback) {
  if (!obj.contains(field)) return fallback;
  const json& v = obj.at(field);
  BP_REQUIRE(v.is_number(), field, "must be a number; got " + describe(v));
  return v.get<double>();
}

Index integer(const json& obj, const char* field, Index fallback, double lo, double hi) {
  if (!obj.contains(field)) return fallback;
  return whole_json_number(obj.at(field), field, lo, hi);
}

template <typename Enum, std::size_t N>
Enum name(const json& obj, const char* field, const NameTable<Enum, N>& table, Enum fallback) {
  if (!obj.contains(field)) return fallback;
  const json& v = obj.at(field);
  BP_REQUIRE(v.is_string(), field,
          "must be a string, one of: " + accepted_names(table) + "; got " + describe(v));
  return enum_from_name(table, v.get<std::string>(), field);
}
}  // namespace

Index whole_json_number(const json& v, const std::string& field, double lo, double hi) {
  BP_REQUIRE(v.is_number(), field,
             "must be a whole number in [" + format_number(lo) + ", " + format_number(hi) +
                 "]; got " + describe(v));
  return whole_number(v.get<double>(), field, lo, hi);
}

ModelOptions options_from_json(const json& obj) {
  BP_REQUIRE(obj.is_object(), "options", "must be a JSON object; got " + describe(obj));
  for (const auto& [key, value] : obj.items()) {
    (void)value;
    if (!known_fields().count(key)) {
      std::string list;
      for (const auto& f : known_fields()) list += (list.empty() ? "" : ", ") + f;
      throw Error("options: unknown field '" + key.substr(0, 64) + "'; accepted: " + list);
    }
  }
  ModelOptions o;
  BP_REQUIRE(obj.contains("layers") && obj.at("layers").is_array(), "layers",
          "is required: an array of layer sizes from input to output, e.g. [2, 8, 8, 1]");
  const json& layers = obj.at("layers");
  BP_REQUIRE(layers.size() >= 2 && layers.size() <= std::size_t(kMaxHiddenLayers) + 2, "layers",
          "needs 2 to " + std::to_string(kMaxHiddenLayers + 2) + " entries; got " +
              std::to_string(layers.size()));
  for (std::size_t i = 0; i < layers.size(); ++i) {
    const std::string field = "layers[" + std::to_string(i) + "]";
    // A layer needs 1 to kMaxLayerWidth neurons.
    o.network.sizes.push_back(static_cast<int>(whole_json_number(layers[i], field, 1, kMaxLayerWidth)));
  }
  BP_REQUIRE(obj.contains("activations") && obj.at("activations").is_array(), "activations",
          "is required: one activation name per weight layer, one of: " +
              accepted_names(kActivationNames));
  const json& acts = obj.at("activations");
  BP_REQUIRE(acts.size() == layers.size() - 1, "activations",
          "needs " + std::to_string(layers.size() - 1) + " entries (one per weight layer); got " +
              std::to_string(acts.size()));
  for (std::size_t i = 0; i < acts.size(); ++i) {
    const std::string field = "activations[" + std::to_string(i) + "]";
    BP_REQUIRE(acts[i].is_string(), field,
            "must be one of: " + accepted_names(kActivationNames) + "; got " + describe(acts[i]));
    o.network.activations.push_back(
        enum_from_name(kActivationNames, acts[i].get<std::string>(), field));
  }
  if (obj.contains("features")) {
    const json& f = obj.at("features");
    BP_REQUIRE(f.is_array() && f.size() <= kFeatureNames.size(), "features",
            "must be an array of up to 7 names from: " + accepted_names(kFeatureNames));
    for (std::size_t i = 0; i < f.size(); ++i) {
      const std::string field = "features[" + std::to_string(i) + "]";
      BP_REQUIRE(f[i].is_string(), field, "must be one of: " + accepted_names(kFeatureNames));
      o.features.push_back(enum_from_name(kFeatureNames, f[i].get<std::string>(), field));
    }
  }
  TrainOptions& t = o.train;
  t.cost = name(obj, "cost", kCostNames, t.cost);
  t.init = name(obj, "init", kInitNames, t.init);
  t.optimizer = name(obj, "optimizer", kOptimizerNames, t.optimizer);
  t.regularization = name(obj, "regularization", kRegularizationNames, t.regularization);
  t.schedule = name(obj, "schedule", kScheduleNames, t.schedule);
  t.learning_rate = number(obj, "learningRate", t.learning_rate);
  t.momentum = number(obj, "momentum", t.momentum);
  t.beta1 = number(obj, "beta1", t.beta1);
  t.beta2 = number(obj, "beta2", t.beta2);
  t.rho = number(obj, "rho", t.rho);
  t.epsilon = number(obj, "epsilon", t.epsilon);
  t.regularization_rate = number(obj, "regularizationRate", t.regularization_rate);
  t.dropout = number(obj, "dropout", t.dropout);
  t.decay_rate = number(obj, "decayRate", t.decay_rate);
  t.decay_steps = static_cast<int>(integer(obj, "decaySteps", t.decay_steps, 1, 1'000'000'000));
  t.batch_size = static_cast<int>(integer(obj, "batchSize", t.batch_size, 1, kMaxBatchSize));
  t.seed = static_cast<std::uint32_t>(integer(obj, "seed", t.seed, 0, 4294967295LL));
  if (obj.contains("shuffle")) {
    BP_REQUIRE(obj.at("shuffle").is_boolean(), "shuffle", "must be true or false");
    t.shuffle = obj.at("shuffle").get<bool>();
  }
  if (obj.contains("tfpMode")) {
    BP_REQUIRE(obj.at("tfpMode").is_boolean(), "tfpMode", "must be true or false");
    t.tfp_mode = obj.at("tfpMode").get<bool>();
  }
  o.validate();
  return o;
}

json options_to_json(const ModelOptions& o) {
  json activations = json::array();
  for (auto a : o.network.activations) activations.push_back(std::string(enum_name(kActivationNames, a)));
  json features = json::array();
  for (auto f : o.features) features.push_back(std::string(enum_name(kFeatureNames, f)));
  const TrainOptions& t = o.train;
  return json{{"layers", o.network.sizes},
              {"activations", activations},
              {"features", features},
              {"cost", std::string(enum_name(kCostNames, t.cost))},
              {"init", std::string(enum_name(kInitNames, t.init))},
              {"optimizer", std::string(enum_name(kOptimizerNames, t.optimizer))},
              {"learningRate", t.learning_rate},
              {"momentum", t.momentum},
              {"beta1", t.beta1},
              {"beta2", t.beta2},
              {"rho", t.rho},
              {"epsilon", t.epsilon},
              {"regularization", std::string(enum_name(kRegularizationNames, t.regularization))},
              {"regularizationRate", t.regularization_rate},
              {"dropout", t.dropout},
              {"schedule", std::string(enum_name(kScheduleNames, t.schedule))},
              {"decayRate", t.decay_rate},
              {"decaySteps", t.decay_steps},
              {"batchSize", t.batch_size},
              {"shuffle", t.shuffle},
              {"seed", t.seed},
              {"tfpMode", t.tfp_mode}};
}

// nlohmann's parser recurses per nesting level; a stranger's "[[[[...]]]]" must not exhaust the
// stack (64 KiB in some wasm builds), so depth is bounded before parsing.
static void require_bounded_nesting(std::string_view text, const std::string& what) {
  constexpr int kMaxDepth = 64;
  int depth = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\') ++i;
      else if (c == '"') in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      BP_REQUIRE(++depth <= kMaxDepth, what,
              "nests arrays/objects deeper than " + std::to_string(kMaxDepth) + " levels");
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
}

json parse_json_text(std::string_view text, const std::string& what) {
  BP_REQUIRE(text.size() <= kMaxJsonBytes, what,
          "is " + std::to_string(text.size()) + " bytes, over the limit of " +
              std::to_string(kMaxJsonBytes));
  require_bounded_nesting(text, what);
  try {
    return json::parse(text.begin(), text.end());
  } catch (const json::parse_error& e) {
    throw Error(what + ": not valid JSON (" + std::string(e.what()).substr(0, 200) + ")");
  } catch (const json::out_of_range& e) {
    // A number beyond double's range (1e999): nlohmann throws out_of_range.406, not parse_error.
    throw Error(what + ": a number is too large for a double (" + std::string(e.what()).substr(0, 200) +
                "); numbers must be finite, at most about 1.8e308 in magnitude");
  }
}

ModelOptions options_from_json_text(std::string_view text) {
  return options_from_json(parse_json_text(text, "options"));
}

}  // namespace bp
