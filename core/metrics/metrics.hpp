#pragma once
// Metrics computed from the network's outputs (n_outputs × n_samples) and the data set's targets.
#include <vector>

#include "math/types.hpp"

namespace bp {

// The class rule, for one output column a (n_outputs values): argmax over rows (the first on ties)
// when n_outputs > 1; for a single output, 1 when a is above `threshold` (0.5 for sigmoid, 0 for
// tanh outputs), else 0. Every class prediction of the core goes through this function.
template <typename Column>
int predicted_class(const Column& a, double threshold) {
  if (a.size() == 1) return static_cast<double>(a(0)) > threshold ? 1 : 0;
  int label = 0;
  for (Index k = 1; k < a.size(); ++k)
    if (a(k) > a(label)) label = static_cast<int>(k);
  return label;
}

// Accuracy over samples added one at a time (no allocation): correct / n, 0 with no samples.
struct AccuracySums {
  Index correct = 0;
  Index n = 0;
  void add(int predicted, int label) {
    correct += predicted == label;
    ++n;
  }
  double value() const { return n > 0 ? static_cast<double>(correct) / static_cast<double>(n) : 0.0; }
};

// R^2 over columns added one at a time: SS_res summed directly, SS_tot about each row's running mean
// (Welford's update, exact 0 for a constant target). Allocates only in reset(rows).
class RSquaredSums {
 public:
  void reset(Index rows) {
    mean_ = Vector<double>::Zero(rows);
    m2_ = Vector<double>::Zero(rows);
    ss_res_ = 0.0;
    n_ = 0;
  }
  template <typename OutputColumn, typename TargetColumn>
  void add(const OutputColumn& a, const TargetColumn& t) {
    ++n_;
    for (Index r = 0; r < mean_.size(); ++r) {
      const double target = static_cast<double>(t(r));
      const double residual = target - static_cast<double>(a(r));
      ss_res_ += residual * residual;
      // mean_n = mean_{n-1} + (t - mean_{n-1}) / n;  M2_n = M2_{n-1} + (t - mean_{n-1})(t - mean_n)
      const double d = target - mean_(r);
      mean_(r) += d / static_cast<double>(n_);
      m2_(r) += d * (target - mean_(r));
    }
  }
  // 1 - SS_res / SS_tot; 0 with no samples; when SS_tot is 0: 1 for an exact fit, else 0.
  double value() const {
    if (n_ == 0) return 0.0;
    const double ss_tot = m2_.sum();
    if (ss_tot == 0.0) return ss_res_ == 0.0 ? 1.0 : 0.0;
    return 1.0 - ss_res_ / ss_tot;
  }

 private:
  Vector<double> mean_, m2_;
  double ss_res_ = 0.0;
  Index n_ = 0;
};

// predicted_class of every column.
template <typename Scalar>
std::vector<int> predict_classes(const Eigen::Ref<const Matrix<Scalar>>& outputs, double threshold);

// Fraction of predictions equal to labels (0 when there are no samples).
double accuracy(const std::vector<int>& predicted, const std::vector<int>& labels);

// k × k counts, row = true class, column = predicted class.
Eigen::MatrixXi confusion_matrix(const std::vector<int>& predicted, const std::vector<int>& labels,
                                 int num_classes);

// Coefficient of determination over all outputs: 1 - SS_res / SS_tot (SS_tot about each row's mean),
// by RSquaredSums. Returns 0 when SS_tot is 0 and the fit is not exact.
template <typename Scalar>
double r_squared(const Eigen::Ref<const Matrix<Scalar>>& outputs, const Matrix<double>& targets);

}  // namespace bp
