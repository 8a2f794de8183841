#pragma once
// A fully connected network in the seed's notation (see nn/network_spec.hpp for the indexing).
// Owns the parameters and their gradients (one contiguous buffer each, same layout) and the
// workspaces a, z, delta for batches of up to capacity() samples. After reserve(), forward() and
// backward() allocate nothing.
#include <vector>

#include "math/rng.hpp"
#include "math/types.hpp"
#include "nn/cost.hpp"
#include "nn/init.hpp"
#include "nn/network_spec.hpp"

namespace bp {

template <typename Scalar>
class Network {
 public:
  explicit Network(NetworkSpec spec);  // validates; parameters start at 0

  const NetworkSpec& spec() const { return spec_; }
  const ParameterLayout& layout() const { return layout_; }
  int num_weight_layers() const { return spec_.num_weight_layers(); }
  int input_size() const { return spec_.sizes.front(); }
  int output_size() const { return spec_.sizes.back(); }
  Activation output_activation() const { return spec_.activations.back(); }

  Vector<Scalar>& parameters() { return parameters_; }
  const Vector<Scalar>& parameters() const { return parameters_; }
  Vector<Scalar>& gradients() { return gradients_; }
  const Vector<Scalar>& gradients() const { return gradients_; }

  // W^l, b^l and their gradients for weight layer k = l - 1, as views into the buffers.
  MatrixMap<Scalar> W(int k);
  ConstMatrixMap<Scalar> W(int k) const;
  VectorMap<Scalar> b(int k);
  ConstVectorMap<Scalar> b(int k) const;
  MatrixMap<Scalar> dW(int k);
  VectorMap<Scalar> db(int k);

  void initialize(Init init, Rng& rng);

  // Sizes every workspace for batches of up to `capacity` samples (with dropout masks if asked).
  void reserve(Index capacity, bool with_dropout = false);
  Index capacity() const { return capacity_; }

  // The input a^1 of the next forward pass, n^1 × m, to be filled by the caller (no copy).
  MatrixMap<Scalar> input(Index m);
  // Forward pass on the m samples in input(m). When dropout > 0 and rng is given, each hidden
  // activation is kept with probability 1 - dropout and scaled by 1/(1 - dropout) (inverted
  // dropout, for training only). Returns a^L (n^L × m).
  ConstMatrixMap<Scalar> forward_input(Index m, double dropout = 0.0, Rng* rng = nullptr);
  // Copies x (n^1 × m) into input(m), then forward_input.
  ConstMatrixMap<Scalar> forward(const Eigen::Ref<const Matrix<Scalar>>& x, double dropout = 0.0,
                                 Rng* rng = nullptr);

  // Backward pass for the batch of the last forward: gradients() = dC/dparameters for the cost
  // C(a^L, y), y n^L × m. Every gradient entry is assigned (no accumulation across calls).
  void backward(const Eigen::Ref<const Matrix<Scalar>>& y, Cost cost);

  // Views of the last forward pass (m columns): a(0) is the input a^1, a(k+1) = sigma(z(k));
  // z(k) = z^{k+1}; delta(k) = delta^{k+1} after backward. Hidden a(l) are before dropout.
  ConstMatrixMap<Scalar> a(int level) const;
  ConstMatrixMap<Scalar> z(int k) const;
  ConstMatrixMap<Scalar> delta(int k) const;
  ConstMatrixMap<Scalar> output() const { return a(num_weight_layers()); }
  Index batch_size() const { return m_; }

 private:
  MatrixMap<Scalar> view(Vector<Scalar>& buffer, Index rows) {
    return MatrixMap<Scalar>(buffer.data(), rows, m_);
  }
  ConstMatrixMap<Scalar> view(const Vector<Scalar>& buffer, Index rows) const {
    return ConstMatrixMap<Scalar>(buffer.data(), rows, m_);
  }
  // The input of weight layer k in the last forward: a(k), or its dropped-out copy.
  ConstMatrixMap<Scalar> layer_input(int k) const;

  NetworkSpec spec_;
  ParameterLayout layout_;
  Vector<Scalar> parameters_;
  Vector<Scalar> gradients_;

  Index capacity_ = 0;
  Index m_ = 0;
  bool dropout_active_ = false;
  std::vector<Vector<Scalar>> a_;       // level 0..L-1: n^{level+1} × capacity
  std::vector<Vector<Scalar>> z_;       // k = 0..L-2:  n^{k+2} × capacity
  std::vector<Vector<Scalar>> delta_;   // k = 0..L-2
  std::vector<Vector<Scalar>> mask_;    // hidden levels: 0 or 1/(1-p)
  std::vector<Vector<Scalar>> a_drop_;  // hidden levels: a ⊙ mask
  Vector<Scalar> g_;                    // dC/da scratch, max width × capacity
};

extern template class Network<float>;
extern template class Network<double>;

}  // namespace bp
