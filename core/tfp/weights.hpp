#pragma once
// TensorFlow Playground's initial weights (buildNetwork in src/nn.ts) in this engine's parameter
// layout, and the whole start of a TFP page: generateData(true) then buildNetwork on one stream.
#include <string_view>
#include <vector>

#include "math/types.hpp"
#include "nn/network_spec.hpp"
#include "tfp/arc4.hpp"
#include "tfp/generators.hpp"

namespace bp::tfp {

// buildNetwork(shape, ..., initZero): layer by layer, node by node, one `new Link` per incoming
// link, and each Link's field initialiser `weight = Math.random() - 0.5` draws even when initZero
// then sets the weight to 0. Node i of layer l+1's link from node j of layer l is W^l(i, j), stored
// column-major (index i + j n^{l+1} in W^l's block); biases are Node's `bias = 0.1`, or 0 with
// initZero. Returns the parameters in ParameterLayout::of order (W^1 | b^1 | W^2 | b^2 ...).
Vector<double> initial_parameters(const std::vector<int>& sizes, bool init_zero, Arc4& rng);

struct Start {
  Split data;
  Vector<double> parameters;
};

// What a TFP page does on load with these settings: Math.seedrandom(seed) (state.ts and
// generateData), generateData(true), then reset(true) -> buildNetwork on the continuing stream
// (nothing else in between draws from Math.random). sizes = [number of input features,
// ...networkShape, 1].
Start start(TfpDataset dataset, double noise_slider, double perc_train_data, std::string_view seed,
            const std::vector<int>& sizes, bool init_zero);

}  // namespace bp::tfp
