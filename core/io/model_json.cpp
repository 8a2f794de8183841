#include "io/model_json.hpp"

#include <cmath>

#include "error.hpp"
#include "io/options_json.hpp"

namespace bp {
namespace {
using nlohmann::json;

template <typename Scalar>
json to_array(const Vector<Scalar>& v) {
  json array = json::array();
  for (Index i = 0; i < v.size(); ++i) array.push_back(static_cast<double>(v(i)));
  return array;
}

template <typename Scalar>
Vector<Scalar> from_array(const json& array, Index expected, const std::string& field) {
  BP_REQUIRE(array.is_array(), field, "must be an array of numbers");
  BP_REQUIRE(static_cast<Index>(array.size()) == expected, field,
          "has " + std::to_string(array.size()) + " values but the architecture needs " +
              std::to_string(expected));
  Vector<Scalar> v(expected);
  for (Index i = 0; i < expected; ++i) {
    const json& x = array[static_cast<std::size_t>(i)];
    BP_REQUIRE(x.is_number() && std::isfinite(x.get<double>()), field + "[" + std::to_string(i) + "]",
            "must be a finite number");
    v(i) = static_cast<Scalar>(x.get<double>());
  }
  return v;
}
}  // namespace

template <typename Scalar>
std::string model_to_json(const Trainer<Scalar>& trainer) {
  json model{{"format", kModelFormat},
             {"version", kModelVersion},
             {"options", options_to_json(trainer.options())},
             {"layout", "W^l (n^{l+1} x n^l, column-major) then b^l, for l = 1..L-1"},
             {"parameters", to_array(trainer.network().parameters())},
             {"initialParameters", to_array(trainer.initial_parameters())},
             {"standardizer", nullptr},
             {"epoch", trainer.report().epoch},
             {"step", trainer.report().steps}};
  if (const auto& s = trainer.standardizer())
    model["standardizer"] = json{{"mean", to_array(s->mean)}, {"stddev", to_array(s->stddev)}};
  return model.dump();
}

template <typename Scalar>
Trainer<Scalar> model_from_json(std::string_view text) {
  const json model = parse_json_text(text, "model");
  BP_REQUIRE(model.is_object(), "model", "must be a JSON object");
  BP_REQUIRE(model.contains("format") && model["format"] == kModelFormat, "format",
          "is not '" + std::string(kModelFormat) + "'; this is not a Backprop Playground model file");
  BP_REQUIRE(model.contains("version"), "version", "is missing");
  const Index version = whole_json_number(model["version"], "version", 0, 1e9);
  BP_REQUIRE(version == kModelVersion, "version",
          std::to_string(version) + " is not supported; this build reads version " +
              std::to_string(kModelVersion));
  BP_REQUIRE(model.contains("options"), "options", "is missing");
  const ModelOptions options = options_from_json(model["options"]);
  // The arrays' lengths are checked before the network is built: a few hundred bytes of options can
  // ask for kMaxParameters weights (a second or more and ~1 GB to build), which a file that does not
  // carry them must not cost (found by fuzz/fuzz_model).
  const Index n = options.network.num_parameters();
  BP_REQUIRE(model.contains("parameters"), "parameters", "is missing");
  for (const char* field : {"parameters", "initialParameters"}) {
    if (!model.contains(field)) continue;
    const json& array = model[field];
    BP_REQUIRE(array.is_array(), field, "must be an array of numbers");
    BP_REQUIRE(static_cast<Index>(array.size()) == n, field,
               "has " + std::to_string(array.size()) + " values but the architecture needs " +
                   std::to_string(n));
  }
  Trainer<Scalar> trainer(options);
  const Vector<Scalar> initial =
      model.contains("initialParameters")
          ? from_array<Scalar>(model["initialParameters"], n, "initialParameters")
          : from_array<Scalar>(model["parameters"], n, "parameters");
  trainer.load_parameters(initial, true);
  trainer.load_parameters(from_array<Scalar>(model["parameters"], n, "parameters"), false);
  if (model.contains("standardizer") && !model["standardizer"].is_null()) {
    const json& s = model["standardizer"];
    BP_REQUIRE(s.is_object() && s.contains("mean") && s.contains("stddev"), "standardizer",
            "must be null or {\"mean\": [...], \"stddev\": [...]}");
    const Index n_in = trainer.network().input_size();
    Standardizer st;
    st.mean = from_array<double>(s["mean"], n_in, "standardizer.mean");
    st.stddev = from_array<double>(s["stddev"], n_in, "standardizer.stddev");
    BP_REQUIRE((st.stddev.array() > 0).all(), "standardizer.stddev", "must be positive");
    trainer.set_standardizer(std::move(st));
  }
  return trainer;
}

template std::string model_to_json<float>(const Trainer<float>&);
template std::string model_to_json<double>(const Trainer<double>&);
template Trainer<float> model_from_json<float>(std::string_view);
template Trainer<double> model_from_json<double>(std::string_view);

}  // namespace bp
