#include "export/export_model.hpp"

#include <cmath>

#include "error.hpp"
#include "io/model_json.hpp"
#include "io/options_json.hpp"
#include "train/trainer.hpp"

namespace bp {
namespace {

std::string prefix(std::string_view what) { return std::string(what) + " export"; }

// Which weight or bias parameter i is, as a person reads it: "W^2[3,1]" (1-based levels as in the
// derivation, 0-based row/column) or "b^1[0]".
std::string parameter_name(const NetworkSpec& spec, std::size_t i) {
  const ParameterLayout layout = ParameterLayout::of(spec);
  for (int k = 0; k < spec.num_weight_layers(); ++k) {
    const Index rows = spec.sizes[static_cast<std::size_t>(k) + 1];
    const Index w = layout.W_offset[static_cast<std::size_t>(k)];
    const Index b = layout.b_offset[static_cast<std::size_t>(k)];
    const auto at = static_cast<Index>(i);
    if (at >= w && at < b)
      return "W^" + std::to_string(k + 1) + "[" + std::to_string((at - w) % rows) + "," +
             std::to_string((at - w) / rows) + "]";
    if (at >= b && at < b + rows) return "b^" + std::to_string(k + 1) + "[" + std::to_string(at - b) + "]";
  }
  return "parameter " + std::to_string(i);
}

void refuse_diverged(std::string_view what, std::string_view why) {
  BP_REQUIRE(why.empty(), prefix(what),
             "the run has diverged (" + std::string(why) +
                 "); restore the last good weights (or reset), lower the learning rate and train "
                 "again, then export");
}

}  // namespace

void ExportModel::check(std::string_view what) const {
  spec.validate();
  const auto n = static_cast<std::size_t>(spec.num_parameters());
  BP_REQUIRE(parameters.size() == n, prefix(what),
             "the model has " + std::to_string(parameters.size()) + " parameters but its architecture needs " +
                 std::to_string(n));
  BP_REQUIRE(features.empty() || static_cast<int>(features.size()) == spec.sizes.front(), prefix(what),
             "the model derives " + std::to_string(features.size()) + " features but its input layer has " +
                 std::to_string(spec.sizes.front()) + " neurons");
  for (std::size_t i = 0; i < n; ++i)
    BP_REQUIRE(std::isfinite(parameters[i]), prefix(what),
               "weight " + parameter_name(spec, i) + " is " + (std::isnan(parameters[i]) ? "NaN" : "infinite") +
                   ": the network has diverged. Restore the last good weights (or reset), lower the "
                   "learning rate and train again, then export");
  if (standardizer) {
    const auto& s = *standardizer;
    BP_REQUIRE(s.mean.size() == spec.sizes.front() && s.stddev.size() == spec.sizes.front(), prefix(what),
               "the standardizer has " + std::to_string(s.mean.size()) + " means and " +
                   std::to_string(s.stddev.size()) + " deviations for " + std::to_string(spec.sizes.front()) +
                   " network inputs");
    BP_REQUIRE(s.mean.allFinite() && s.stddev.allFinite() && (s.stddev.array() > 0).all(), prefix(what),
               "the standardizer has a non-finite mean or a deviation that is not positive; set the data "
               "again to refit it");
  }
}

template <typename Scalar>
ExportModel export_model_of(const Trainer<Scalar>& trainer, std::string_view what) {
  if (trainer.report().diverged)
    refuse_diverged(what, trainer.divergence_message().empty() ? "a non-finite loss" : trainer.divergence_message());
  ExportModel model;
  model.spec = trainer.network().spec();
  model.features = trainer.options().features;
  model.standardizer = trainer.standardizer();
  const auto& p = trainer.network().parameters();
  model.parameters.resize(static_cast<std::size_t>(p.size()));
  for (Index i = 0; i < p.size(); ++i) model.parameters[static_cast<std::size_t>(i)] = static_cast<float>(p(i));
  model.check(what);
  return model;
}

ExportModel export_model_from_json(std::string_view model_json, std::string_view what,
                                   std::string_view divergence_message) {
  refuse_diverged(what, divergence_message);
  // A diverged weight is written as null (JSON has no NaN): say so before the reader's generic message.
  {
    nlohmann::json j;
    try {
      j = parse_json_text(model_json, "model");
    } catch (const Error& e) {
      throw Error(prefix(what) + ": model JSON: " + e.what());
    }
    if (j.is_object() && j.contains("parameters") && j["parameters"].is_array()) {
      const auto& p = j["parameters"];
      for (std::size_t i = 0; i < p.size(); ++i)
        BP_REQUIRE(!p[i].is_null(), prefix(what),
                   "parameters[" + std::to_string(i) + "] is null (a NaN or infinite weight): the network "
                   "has diverged. Restore the last good weights (or reset), lower the learning rate and "
                   "train again, then export");
    }
  }
  try {
    return export_model_of(model_from_json<float>(model_json), what);
  } catch (const Error& e) {
    const std::string message = e.what();
    if (message.rfind(prefix(what), 0) == 0) throw;
    throw Error(prefix(what) + ": model JSON: " + message);
  }
}

ExportSamples export_samples_from_json(std::string_view text) {
  const nlohmann::json j = parse_json_text(text, "samples");
  BP_REQUIRE(j.is_object() && j.contains("inputs") && j.contains("outputs"), "samples",
             "must be {\"inputs\": [[...], ...], \"outputs\": [[...], ...]}");
  ExportSamples s;
  for (const char* field : {"inputs", "outputs"}) {
    const auto& rows = j[field];
    BP_REQUIRE(rows.is_array(), std::string("samples.") + field, "must be an array of arrays of numbers");
    auto& out = std::string(field) == "inputs" ? s.inputs : s.outputs;
    for (std::size_t r = 0; r < rows.size(); ++r) {
      const std::string name = std::string("samples.") + field + "[" + std::to_string(r) + "]";
      BP_REQUIRE(rows[r].is_array() && !rows[r].empty(), name, "must be a non-empty array of numbers");
      std::vector<double> row;
      for (const auto& x : rows[r]) {
        BP_REQUIRE(x.is_number() && std::isfinite(x.get<double>()), name, "must hold finite numbers only");
        row.push_back(x.get<double>());
      }
      out.push_back(std::move(row));
    }
  }
  BP_REQUIRE(s.inputs.size() == s.outputs.size(), "samples",
             "has " + std::to_string(s.inputs.size()) + " inputs but " + std::to_string(s.outputs.size()) +
                 " outputs; give one output row per input row");
  return s;
}

std::vector<HistoryPoint> history_from_flat(std::span<const double> values) {
  BP_REQUIRE(values.size() % 5 == 0, "history",
             "has " + std::to_string(values.size()) + " numbers; expected 5 per point (epoch, train loss, "
             "test loss, train metric, test metric)");
  std::vector<HistoryPoint> points;
  for (std::size_t i = 0; i < values.size(); i += 5)
    points.push_back({values[i], values[i + 1], values[i + 2], values[i + 3], values[i + 4]});
  return points;
}

template ExportModel export_model_of<float>(const Trainer<float>&, std::string_view);
template ExportModel export_model_of<double>(const Trainer<double>&, std::string_view);

}  // namespace bp
