#pragma once
// What every export (ONNX, PyTorch script) needs of a trained network, checked once:
// the architecture, the derived input features, the standardizer and the parameters in float (the
// precision the page trains and predicts in), in the one-buffer layout of nn/network_spec.hpp.
// Built from a Trainer (native) or from a model file (io/model_json.hpp: what the exporter WASM
// module receives from the page).
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "data/dataset.hpp"
#include "data/features.hpp"
#include "nn/network_spec.hpp"
#include "train/history.hpp"

namespace bp {

template <typename Scalar>
class Trainer;

struct ExportModel {
  NetworkSpec spec;
  std::vector<Feature> features;  // empty: the inputs are the data's own features
  std::optional<Standardizer> standardizer;
  std::vector<float> parameters;  // [W^1 | b^1 | W^2 | ...], each W column-major (n^{l+1} × n^l)

  // The number of raw inputs the exported model takes: 2 with derived features, else n^1.
  int raw_inputs() const { return features.empty() ? spec.sizes.front() : 2; }
  int outputs() const { return spec.sizes.back(); }

  // Refuses what cannot be exported, with bp::Error("<what> export: ..."): a non-finite parameter
  // (a diverged network) or standardizer entry, sizes that do not match the architecture.
  void check(std::string_view what) const;
};

// Throws bp::Error("<what> export: the run diverged ...") when the trainer's run has diverged.
template <typename Scalar>
ExportModel export_model_of(const Trainer<Scalar>& trainer, std::string_view what);

// From a model file's text. Malformed files are refused with the model reader's message, prefixed
// with "<what> export: model JSON: ". A model file does not say whether its run diverged: pass the
// trainer's divergence_message() (non-empty: refused like export_model_of).
ExportModel export_model_from_json(std::string_view model_json, std::string_view what,
                                   std::string_view divergence_message = {});

// Training samples and what the page predicted for them, embedded in the PyTorch script as its
// self-check: inputs are raw inputs (n × raw_inputs, row per sample), outputs n × outputs.
struct ExportSamples {
  std::vector<std::vector<double>> inputs;
  std::vector<std::vector<double>> outputs;
};

// {"inputs": [[x1, x2], ...], "outputs": [[y], ...]}; refuses a malformed or empty set.
ExportSamples export_samples_from_json(std::string_view text);

// Points of a history (train/history.hpp) from the flat array History::points() views in JS:
// 5 doubles per point (epoch, train loss, test loss, train metric, test metric).
std::vector<HistoryPoint> history_from_flat(std::span<const double> values);

}  // namespace bp
