// Port of buildNetwork() and Link/Node's initialisers in tensorflow/playground src/nn.ts
// (Apache-2.0, commit bd89e3a), and of the start-up order at the end of src/playground.ts (bf5e6fc):
// drawDatasetThumbnails(); initTutorial(); makeGUI(); generateData(true); reset(true).
// drawDatasetThumbnails draws from Math.random, but generateData re-seeds with Math.seedrandom
// first, and nothing between generateData's shuffle and reset's buildNetwork draws.
#include "tfp/weights.hpp"

#include <string>

#include "error.hpp"
#include "nn/activation.hpp"

namespace bp::tfp {

Vector<double> initial_parameters(const std::vector<int>& sizes, bool init_zero, Arc4& rng) {
  // The layout does not depend on the activations; any valid spec of these sizes gives it.
  NetworkSpec spec{sizes, std::vector<Activation>(sizes.size() > 1 ? sizes.size() - 1 : 0,
                                                  Activation::tanh)};
  spec.validate();
  const ParameterLayout layout = ParameterLayout::of(spec);
  Vector<double> parameters(layout.size);
  for (int k = 0; k < spec.num_weight_layers(); ++k) {
    const Index n_in = sizes[static_cast<std::size_t>(k)];
    const Index n_out = sizes[static_cast<std::size_t>(k) + 1];
    double* W = parameters.data() + layout.W_offset[static_cast<std::size_t>(k)];
    double* b = parameters.data() + layout.b_offset[static_cast<std::size_t>(k)];
    for (Index i = 0; i < n_out; ++i) {    // for each node of layer k + 1
      b[i] = init_zero ? 0 : 0.1;          // Node: bias = 0.1 (0 with initZero)
      for (Index j = 0; j < n_in; ++j) {   // for each node of the previous layer: new Link
        const double weight = rng.next() - 0.5;  // Link: weight = Math.random() - 0.5
        W[i + j * n_out] = init_zero ? 0 : weight;
      }
    }
  }
  return parameters;
}

Start start(TfpDataset dataset, double noise_slider, double perc_train_data, std::string_view seed,
            const std::vector<int>& sizes, bool init_zero) {
  BP_REQUIRE(!sizes.empty() && sizes.back() == 1, "layers",
             "must end with the single output node TensorFlow Playground has");
  Arc4 rng(seed);
  Split data = generate_split(dataset, noise_slider, perc_train_data, rng);
  Vector<double> parameters = initial_parameters(sizes, init_zero, rng);
  return Start{std::move(data), std::move(parameters)};
}

}  // namespace bp::tfp
