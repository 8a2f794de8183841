#pragma once
// Central difference of ONE training sample's cost for ONE parameter, in double (issue 13 §4,
// trainer.finiteDifference): with theta the current parameters cast to double,
//   FD_p = (C(theta + h e_p) - C(theta - h e_p)) / (2h),   C = cost(a^L(x_i), y_i),  h = 1e-5,
// no batch mean, no regularization, no dropout: the same objective as the sample's trace gradient
// (train/trace.hpp). The forward passes run on the naive double ReferenceNetwork (nn/reference.hpp,
// scalar loops, no Eigen products), so the check is independent of the Eigen path the trace uses.
// h = 1e-5 as in gradient_check: truncation ~h^2 |C'''| ~ 1e-10, round-off ~eps |C| / h ~ 1e-11.
// A ReLU-like unit with |z| < h for this sample straddles the kink and may disagree for a good reason.
#include <vector>

#include "math/types.hpp"
#include "nn/cost.hpp"
#include "nn/network_spec.hpp"
#include "nn/reference.hpp"

namespace bp {

inline constexpr double kFiniteDifferenceStep = 1e-5;

struct FiniteDifferenceResult {
  Index parameter = -1;
  double value = 0.0;  // (plus - minus) / (2h)
  double plus = 0.0;   // C(theta + h e_p)
  double minus = 0.0;  // C(theta - h e_p)
  double cost = 0.0;   // C(theta), in double
  double h = kFiniteDifferenceStep;
};

class SampleFiniteDifference {
 public:
  explicit SampleFiniteDifference(const NetworkSpec& spec);

  // x: n^1 values (network form), y: n^L values. Allocates nothing once constructed.
  template <typename Scalar>
  FiniteDifferenceResult compute(const Vector<Scalar>& parameters, Cost cost,
                                 const Eigen::Ref<const Vector<Scalar>>& x,
                                 const Eigen::Ref<const Vector<Scalar>>& y, Index parameter);

 private:
  double cost_at(Cost cost);
  NetworkSpec spec_;
  ReferenceNetwork<double> net_;
  std::vector<double> theta_, x_, y_;
};

}  // namespace bp
