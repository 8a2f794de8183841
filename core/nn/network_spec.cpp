#include "nn/network_spec.hpp"

#include <string>

#include "error.hpp"

namespace bp {

void NetworkSpec::validate() const {
  BP_REQUIRE(sizes.size() >= 2, "layers",
          "needs at least an input and an output size, e.g. [2, 8, 1]; got " +
              std::to_string(sizes.size()) + " entries");
  BP_REQUIRE(static_cast<int>(sizes.size()) - 2 <= kMaxHiddenLayers, "layers",
          std::to_string(sizes.size() - 2) + " hidden layers is more than the maximum of " +
              std::to_string(kMaxHiddenLayers));
  for (std::size_t i = 0; i < sizes.size(); ++i)
    BP_REQUIRE(sizes[i] >= 1 && sizes[i] <= kMaxLayerWidth, "layers[" + std::to_string(i) + "]",
            "a layer needs 1 to " + std::to_string(kMaxLayerWidth) + " neurons; got " +
                std::to_string(sizes[i]));
  BP_REQUIRE(activations.size() == sizes.size() - 1, "activations",
          "needs one activation per weight layer (" + std::to_string(sizes.size() - 1) +
              " for " + std::to_string(sizes.size()) + " layers); got " +
              std::to_string(activations.size()));
  for (std::size_t k = 0; k + 1 < activations.size(); ++k)
    BP_REQUIRE(activations[k] != Activation::softmax, "activations[" + std::to_string(k) + "]",
            "softmax is only allowed on the output layer; use relu, tanh, sigmoid, leaky_relu or "
            "linear for hidden layers");
  BP_REQUIRE(activations.back() != Activation::softmax || sizes.back() >= 2, "activations",
             "softmax on a single output is always 1; use sigmoid for one output, or give the output "
             "layer one neuron per class");
  Index total = 0;
  for (std::size_t k = 0; k + 1 < sizes.size(); ++k)
    total += Index(sizes[k + 1]) * sizes[k] + sizes[k + 1];
  BP_REQUIRE(total <= kMaxParameters, "layers",
          "the network would have " + std::to_string(total) + " parameters, over the limit of " +
              std::to_string(kMaxParameters) + "; use fewer or narrower layers");
}

Index NetworkSpec::num_parameters() const { return ParameterLayout::of(*this).size; }

ParameterLayout ParameterLayout::of(const NetworkSpec& spec) {
  ParameterLayout layout;
  for (int k = 0; k < spec.num_weight_layers(); ++k) {
    layout.W_offset.push_back(layout.size);
    layout.size += Index(spec.sizes[k + 1]) * spec.sizes[k];
    layout.b_offset.push_back(layout.size);
    layout.size += spec.sizes[k + 1];
  }
  return layout;
}

}  // namespace bp
