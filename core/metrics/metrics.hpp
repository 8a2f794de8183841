#pragma once
// Metrics computed from the network's outputs (n_outputs × n_samples) and the data set's targets.
#include <vector>

#include "math/types.hpp"

namespace bp {

// Predicted class per column: argmax over rows when n_outputs > 1; for a single output, 1 when the
// output is above `threshold` (0.5 for sigmoid, 0 for tanh outputs), else 0.
template <typename Scalar>
std::vector<int> predict_classes(const Eigen::Ref<const Matrix<Scalar>>& outputs, double threshold);

// Fraction of predictions equal to labels (0 when there are no samples).
double accuracy(const std::vector<int>& predicted, const std::vector<int>& labels);

// k × k counts, row = true class, column = predicted class.
Eigen::MatrixXi confusion_matrix(const std::vector<int>& predicted, const std::vector<int>& labels,
                                 int num_classes);

// Coefficient of determination over all outputs: 1 - SS_res / SS_tot (SS_tot about each row's mean).
// Returns 0 when SS_tot is 0 and the fit is not exact.
template <typename Scalar>
double r_squared(const Eigen::Ref<const Matrix<Scalar>>& outputs, const Matrix<double>& targets);

}  // namespace bp
