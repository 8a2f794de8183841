#pragma once
// Central difference of ONE training sample's cost for ONE parameter, in double (issue 13 §4,
// trainer.finiteDifference): with theta the current parameters cast to double,
//   FD_p = (C(theta + h e_p) - C(theta - h e_p)) / (2h),   C = cost(a^L(x_i), y_i),  h = 1e-5,
// no batch mean, no regularization, no dropout: the same objective as the sample's trace gradient
// (train/trace.hpp). The forward passes run on a double Network of its own (the gradient check's
// double path, train/gradient_check.hpp), never on the float network whose trace it checks. (Not
// the naive ReferenceNetwork: its libm exp/tanh in double would add ~6 KB gzip to the page's WASM.)
// h = 1e-5 as in gradient_check: truncation ~h^2 |C'''| ~ 1e-10, round-off ~eps |C| / h ~ 1e-11.
// A ReLU-like unit with |z| < h for this sample straddles the kink and may disagree for a good reason.
#include "math/types.hpp"
#include "nn/cost.hpp"
#include "nn/network_spec.hpp"
#include "nn/network.hpp"

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

// Throws bp::Error "<field>: index i is outside [0, n-1] (<what> has n <unit>)" unless 0 <= i < n.
void require_index(const char* field, Index i, Index n, const char* what);

class SampleFiniteDifference {
 public:
  explicit SampleFiniteDifference(const NetworkSpec& spec);
  ~SampleFiniteDifference();  // out of line: one copy of the members' destructors (WASM size)
  SampleFiniteDifference(const SampleFiniteDifference&) = default;  // the trainer is copyable (model_from_json returns one)
  SampleFiniteDifference(SampleFiniteDifference&&) = default;
  SampleFiniteDifference& operator=(const SampleFiniteDifference&) = default;
  SampleFiniteDifference& operator=(SampleFiniteDifference&&) = default;

  // x: n^1 values (network form), y: n^L values, parameters: the layout of Network::parameters()
  // (the caller's own network: sizes are not checked again). Allocates nothing once constructed.
  template <typename Scalar>
  FiniteDifferenceResult compute(const Vector<Scalar>& parameters, Cost cost,
                                 const Eigen::Ref<const Vector<Scalar>>& x,
                                 const Eigen::Ref<const Vector<Scalar>>& y, Index parameter);

 private:
  double cost_at(Cost cost);
  NetworkSpec spec_;
  Network<double> net_;
  Matrix<double> y_;
};

}  // namespace bp
