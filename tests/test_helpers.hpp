#pragma once
// Small builders shared by the core tests.
#include <fstream>
#include <sstream>
#include <string>

#include "data/dataset.hpp"
#include "math/rng.hpp"
#include "math/types.hpp"
#include "nn/network.hpp"

namespace bp::test {

inline std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot open " + path);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

inline NetworkSpec spec_of(std::vector<int> sizes, std::vector<Activation> activations) {
  return NetworkSpec{std::move(sizes), std::move(activations)};
}

// Random matrix with entries uniform in [lo, hi).
template <typename Scalar>
Matrix<Scalar> random_matrix(Index rows, Index cols, Rng& rng, double lo = -1.0, double hi = 1.0) {
  Matrix<Scalar> m(rows, cols);
  for (Index i = 0; i < m.size(); ++i) m.data()[i] = static_cast<Scalar>(rng.uniform(lo, hi));
  return m;
}

// Targets that suit the output activation: one-hot columns for softmax, values in (0,1) for
// sigmoid (0/1 labels when binary), anything for the others.
inline Matrix<double> targets_for(Activation output, Index rows, Index cols, Rng& rng) {
  Matrix<double> y = Matrix<double>::Zero(rows, cols);
  for (Index c = 0; c < cols; ++c) {
    if (output == Activation::softmax) {
      y(static_cast<Index>(rng.below(static_cast<std::uint64_t>(rows))), c) = 1.0;
    } else {
      for (Index r = 0; r < rows; ++r)
        y(r, c) = output == Activation::sigmoid ? (rng.uniform() < 0.5 ? 0.0 : 1.0)
                                                : rng.uniform(-1.0, 1.0);
    }
  }
  return y;
}

}  // namespace bp::test
