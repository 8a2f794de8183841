#pragma once
// The architecture: layer sizes n^1 .. n^L and one activation per weight layer.
//
// Index convention (the seed's, shifted by one against Nielsen's book):
//   layers of neurons l = 1..L, a^1 is the input, a^L the output;
//   weight layer l = 1..L-1 holds W^l (n^{l+1} × n^l) and b^l, z^l = W^l a^l + b^l,
//   a^{l+1} = sigma_l(z^l), delta^l = dC/dz^l.
// In code, weight layer k = l - 1 (0-based): W(k), b(k), z[k], delta[k], and a[k] is a^{k+1}.
// Nielsen's w^{l+1}, b^{l+1}, z^{l+1}, delta^{l+1} are our W^l, b^l, z^l, delta^l.
#include <vector>

#include "math/types.hpp"
#include "nn/activation.hpp"

namespace bp {

struct NetworkSpec {
  std::vector<int> sizes;               // n^1 .. n^L, L >= 2
  std::vector<Activation> activations;  // sigma_1 .. sigma_{L-1} (size L-1)

  int num_weight_layers() const { return static_cast<int>(sizes.size()) - 1; }
  // Throws bp::Error naming the field: sizes out of [1, kMaxLayerWidth], fewer than 2 layers, more
  // than kMaxHiddenLayers hidden layers, activations of the wrong count, softmax on a hidden layer,
  // a parameter count over kMaxParameters.
  void validate() const;
  Index num_parameters() const;
};

// Offsets of W^l and b^l in the one contiguous parameter buffer: [W^1 | b^1 | W^2 | b^2 | ...],
// each W column-major. Gradients and optimizer moments use the same layout.
struct ParameterLayout {
  std::vector<Index> W_offset;
  std::vector<Index> b_offset;
  Index size = 0;
  static ParameterLayout of(const NetworkSpec& spec);
};

}  // namespace bp
