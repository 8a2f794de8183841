#include "train/finite_difference.hpp"

#include <string>

#include "error.hpp"

namespace bp {

SampleFiniteDifference::SampleFiniteDifference(const NetworkSpec& spec)
    : spec_(spec), net_(spec, 1) {
  theta_.resize(static_cast<std::size_t>(ParameterLayout::of(spec).size));
  x_.resize(static_cast<std::size_t>(spec.sizes.front()));
  y_.resize(static_cast<std::size_t>(spec.sizes.back()));
}

double SampleFiniteDifference::cost_at(Cost cost) {
  const std::vector<double>& a_L = net_.forward(theta_.data(), x_.data(), 1);
  const ConstMatrixMap<double> a(a_L.data(), static_cast<Index>(a_L.size()), 1);
  const ConstMatrixMap<double> y(y_.data(), static_cast<Index>(y_.size()), 1);
  return cost_value<double>(cost, a, y);
}

template <typename Scalar>
FiniteDifferenceResult SampleFiniteDifference::compute(const Vector<Scalar>& parameters, Cost cost,
                                                       const Eigen::Ref<const Vector<Scalar>>& x,
                                                       const Eigen::Ref<const Vector<Scalar>>& y,
                                                       Index parameter) {
  const Index n = static_cast<Index>(theta_.size());
  BP_REQUIRE(parameters.size() == n, "parameters",
             "has " + std::to_string(parameters.size()) + " values but the network has " +
                 std::to_string(n) + " parameters");
  BP_REQUIRE(x.size() == static_cast<Index>(x_.size()) && y.size() == static_cast<Index>(y_.size()),
             "sample", "does not fit the network's input or output size");
  BP_REQUIRE(parameter >= 0 && parameter < n, "parameterIndex",
             "index " + std::to_string(parameter) + " is outside [0, " + std::to_string(n - 1) +
                 "] (the network has " + std::to_string(n) + " parameters)");
  for (Index i = 0; i < n; ++i) theta_[static_cast<std::size_t>(i)] = static_cast<double>(parameters(i));
  for (std::size_t i = 0; i < x_.size(); ++i) x_[i] = static_cast<double>(x(static_cast<Index>(i)));
  for (std::size_t i = 0; i < y_.size(); ++i) y_[i] = static_cast<double>(y(static_cast<Index>(i)));
  FiniteDifferenceResult r;
  r.parameter = parameter;
  r.h = kFiniteDifferenceStep;
  double& p = theta_[static_cast<std::size_t>(parameter)];
  const double saved = p;
  r.cost = cost_at(cost);
  p = saved + r.h;
  r.plus = cost_at(cost);
  p = saved - r.h;
  r.minus = cost_at(cost);
  p = saved;
  r.value = (r.plus - r.minus) / (2.0 * r.h);
  return r;
}

template FiniteDifferenceResult SampleFiniteDifference::compute<float>(
    const Vector<float>&, Cost, const Eigen::Ref<const Vector<float>>&,
    const Eigen::Ref<const Vector<float>>&, Index);
template FiniteDifferenceResult SampleFiniteDifference::compute<double>(
    const Vector<double>&, Cost, const Eigen::Ref<const Vector<double>>&,
    const Eigen::Ref<const Vector<double>>&, Index);

}  // namespace bp
