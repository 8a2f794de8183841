#pragma once
// Central-difference gradient check, in double: for every parameter theta_i,
//   numeric_i = (J(theta + h e_i) - J(theta - h e_i)) / (2h),   J = C(a^L(x), y) + lambda R(W),
// compared with backpropagation's dJ/dtheta_i. With dropout the same masks are drawn for every
// evaluation (the check fixes the random stream), so J is a deterministic function of theta.
//
// Errors: per parameter |analytic - numeric| / max(|analytic|, |numeric|, 1e-4) (below 1e-4 it is
// the absolute error scaled by 1e4, so round-off on a near-zero gradient does not read as a failure),
// and over the whole vector ||analytic - numeric|| / (||analytic|| + ||numeric||).
// Kinks: ReLU/leaky ReLU at z = 0 and |w| at w = 0 (L1) are not differentiable; kink_distance is the
// smallest |z| of a ReLU-like unit (and |w| under L1) at theta. When it is below ~h the difference
// quotient straddles the kink and may disagree for a good reason; near_kink says so.
//
// Verdict: ok when max_relative_error < kGradientCheckTolerance. The result carries the tolerance
// and the verdict, so a caller (the page's math panel) shows the core's answer instead of its own.
#include <string>

#include "nn/network.hpp"
#include "train/options.hpp"
#include "train/trainer.hpp"

namespace bp {

struct GradientCheckOptions {
  Cost cost = Cost::quadratic;
  Regularization regularization = Regularization::none;
  double lambda = 0.0;
  double dropout = 0.0;
  std::uint64_t dropout_seed = 7;
  double h = 1e-5;
  Index max_parameters = 0;  // 0: all; else an evenly spaced subset of this many
};

// In double, central differences agree with a correct backprop to about 1e-9 (h = 1e-5); a wrong
// term (a missing sigma', a transposed W) gives errors of order 1e-2 to 1.
inline constexpr double kGradientCheckTolerance = 1e-6;
inline constexpr Index kMaxCheckSamples = 4096;

struct GradientCheckResult {
  double max_relative_error = 0.0;
  double vector_relative_error = 0.0;
  Index worst_parameter = -1;  // flat index into parameters() of the largest relative error
  // The same parameter in the seed's notation: weight layer l (1-based, W^l maps layer l to l+1),
  // W^l[row, column] or, for a bias, b^l[row] (column -1). worst_name: "W^2[0, 3]" or "b^1[2]".
  int worst_layer = 0;
  Index worst_row = -1;
  Index worst_column = -1;
  std::string worst_name;
  Index checked = 0;
  double kink_distance = 0.0;
  bool near_kink = false;
  double tolerance = kGradientCheckTolerance;
  bool ok = false;  // max_relative_error < tolerance
};

// Backprop's gradient (with regularization) at the network's parameters against central differences.
GradientCheckResult gradient_check(Network<double>& net, const Matrix<double>& x,
                                   const Matrix<double>& y, const GradientCheckOptions& options);
// The comparison on its own: a given analytic gradient (parameters().size() values, the layout of
// parameters()) against central differences of the same objective. gradient_check passes backprop's
// gradient; a test passes a corrupted one to see that the check names the corrupted parameter.
GradientCheckResult gradient_check_against(Network<double>& net, const Matrix<double>& x,
                                           const Matrix<double>& y, const GradientCheckOptions& options,
                                           const Vector<double>& analytic);

// Checks a trainer's current parameters (cast to double) on its first `samples` training samples,
// with its cost, regularization and dropout.
template <typename Scalar>
GradientCheckResult gradient_check_trainer(const Trainer<Scalar>& trainer, Index samples,
                                           Index max_parameters);

}  // namespace bp
