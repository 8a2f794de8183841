#pragma once
// A data set in the core's layout: x is features × samples (one column per sample).
// Classification stores class indices in `labels` (targets are encoded for the output layer by
// encode_targets); regression stores real targets in `y` (outputs × samples).
#include <string>
#include <vector>

#include "math/rng.hpp"
#include "math/types.hpp"

namespace bp {

enum class Task { regression, classification };

struct Dataset {
  Matrix<double> x;                        // n_features × n_samples
  Matrix<double> y;                        // regression only: n_targets × n_samples (else 0×0)
  std::vector<int> labels;                 // classification only: class index per sample
  Task task = Task::classification;
  std::vector<std::string> feature_names;  // size n_features
  std::vector<std::string> class_names;    // classification only: size n_classes (>= 2)

  Index num_samples() const { return x.cols(); }
  Index num_features() const { return x.rows(); }
  int num_classes() const { return static_cast<int>(class_names.size()); }
  // Throws bp::Error unless shapes agree, every value is finite and every label is in range.
  void validate() const;
  // The samples at the given column indices, in that order.
  Dataset select(const std::vector<Index>& columns) const;
};

struct Split {
  Dataset train;
  Dataset test;
};

// Shuffles with `rng` and puts round(train_ratio * n) samples in train (at least 1 in each part
// when n >= 2 and train_ratio < 1; train_ratio 1 puts every sample in train and leaves test empty).
// train_ratio must be in (0, 1].
Split split_dataset(const Dataset& data, double train_ratio, Rng& rng);

// Targets the output layer is trained against, n_outputs × n_samples:
//  regression: y as is (n_outputs must equal y.rows());
//  classification with n_outputs == 1 (binary): label 1 -> 1, label 0 -> `negative` (0 for
//    sigmoid/linear outputs, -1 for tanh outputs, as TensorFlow Playground uses);
//  classification with n_outputs == n_classes: one-hot columns.
// Throws bp::Error naming `n_outputs` when it fits neither case.
Matrix<double> encode_targets(const Dataset& data, Index n_outputs, double negative);

// z-score per feature with statistics fitted on one set (the training split) and applied to any.
// A constant feature gets stddev 1 (it is centred, not divided by zero).
struct Standardizer {
  Vector<double> mean;
  Vector<double> stddev;
  static Standardizer fit(const Matrix<double>& x);
  // x_ji <- (x_ji - mu_j) / sigma_j, in the matrix's scalar type, in place. Checks first that the
  // standardizer is fitted and that x has as many rows (features) as it was fitted on. Allocates
  // nothing. Two overloads, not a template on Scalar: a dependent non-const Eigen::Ref<Matrix<Scalar>>
  // parameter makes clang 14 (Emscripten 3.1.6) mangle the Eigen::Ref<const Matrix<Scalar>>
  // parameters of later templates (cost_value, ...) differently in that translation unit, and the
  // wasm link fails with undefined symbols.
  void apply(Eigen::Ref<Matrix<float>> x) const;
  void apply(Eigen::Ref<Matrix<double>> x) const;
};

}  // namespace bp
