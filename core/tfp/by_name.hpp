#pragma once
// Entry points for the JS API (wasm/bindings.cpp): TFP names and plain numbers in, checked here.
#include <string>
#include <string_view>
#include <vector>

#include "data/dataset.hpp"
#include "math/types.hpp"

namespace bp::tfp {

// generateData(true) of a TFP page: dataset is a key of TFP's `dataset` or `regDataset` map
// (circle, xor, gauss, spiral, reg-plane, reg-gauss), noise TFP's `noise` (slider, 0..80),
// perc_train_data its `percTrainData`, seed its `seed` string (UTF-8).
Split split_by_name(std::string_view dataset, double noise, double perc_train_data,
                    std::string_view seed);

// buildNetwork's initial parameters after that data, in the engine's layout. layers: [number of
// input features, ...networkShape, 1], each a whole number in [1, kMaxLayerWidth].
Vector<double> initial_weights_by_name(std::string_view dataset, double noise,
                                       double perc_train_data, std::string_view seed,
                                       const std::vector<double>& layers, bool init_zero);

// The first `count` values of Math.random() after Math.seedrandom(seed); count a whole number in
// [0, kMaxSamples].
std::vector<double> random_numbers(std::string_view seed, double count);

// The engine's feature names ("x1", "sin(x2)", ...) for TFP input keys that are on, in TFP's
// input-node order (see tfp/features.hpp).
std::vector<std::string> feature_names_from_keys(const std::vector<std::string>& keys);

}  // namespace bp::tfp
