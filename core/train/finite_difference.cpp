#include "train/finite_difference.hpp"

#include <string>

#include "error.hpp"
#include "train/trainer.hpp"
#include "whole_number.hpp"

namespace bp {

void require_index(const char* field, Index i, Index n, const char* what) {
  if (i >= 0 && i < n) return;
  throw Error(std::string(field) + ": index " + std::to_string(i) + " is outside [0, " + std::to_string(n - 1) +
              "] (" + what + " " + std::to_string(n) + (std::string_view(field) == "sample" ? " samples)" : " parameters)"));
}

SampleFiniteDifference::SampleFiniteDifference(const NetworkSpec& spec) : spec_(spec), net_(spec) {
  net_.reserve(1);
  y_.resize(spec.sizes.back(), 1);
}

SampleFiniteDifference::~SampleFiniteDifference() = default;

double SampleFiniteDifference::cost_at(Cost cost) {
  return cost_value<double>(cost, net_.forward_input(1), y_);
}

template <typename Scalar>
FiniteDifferenceResult SampleFiniteDifference::compute(const Vector<Scalar>& parameters, Cost cost,
                                                       const Eigen::Ref<const Vector<Scalar>>& x,
                                                       const Eigen::Ref<const Vector<Scalar>>& y,
                                                       Index parameter) {
  const Index n = net_.layout().size;
  require_index("parameterIndex", parameter, n, "the network has");
  Vector<double>& theta = net_.parameters();
  for (Index i = 0; i < n; ++i) theta(i) = static_cast<double>(parameters(i));
  auto input = net_.input(1);
  for (Index i = 0; i < x.size(); ++i) input(i, 0) = static_cast<double>(x(i));
  for (Index i = 0; i < y.size(); ++i) y_(i, 0) = static_cast<double>(y(i));
  FiniteDifferenceResult r;
  r.parameter = parameter;
  r.h = kFiniteDifferenceStep;
  double& p = theta(parameter);
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

// Trainer::finite_difference and Trainer::parameter_index (train/trainer.hpp), here to be compiled
// for size in the WASM build.
template <typename Scalar>
FiniteDifferenceResult Trainer<Scalar>::finite_difference(Index parameter, Index i) {
  BP_REQUIRE(n_train_ > 0, "sample", "there is no training data yet; set a data set first");
  require_index("sample", i, n_train_, "the training set has");
  if (!finite_difference_) finite_difference_.emplace(options_.network);
  return finite_difference_->compute<Scalar>(net_.parameters(), options_.train.cost, x_train_.col(i),
                                             y_train_.col(i), parameter);
}

template <typename Scalar>
Index Trainer<Scalar>::parameter_index(double value) const {
  return whole_number(value, "parameterIndex", 0.0, static_cast<double>(net_.layout().size - 1));
}

template FiniteDifferenceResult Trainer<float>::finite_difference(Index, Index);
template FiniteDifferenceResult Trainer<double>::finite_difference(Index, Index);
template Index Trainer<float>::parameter_index(double) const;
template Index Trainer<double>::parameter_index(double) const;

template FiniteDifferenceResult SampleFiniteDifference::compute<float>(
    const Vector<float>&, Cost, const Eigen::Ref<const Vector<float>>&,
    const Eigen::Ref<const Vector<float>>&, Index);
template FiniteDifferenceResult SampleFiniteDifference::compute<double>(
    const Vector<double>&, Cost, const Eigen::Ref<const Vector<double>>&,
    const Eigen::Ref<const Vector<double>>&, Index);

}  // namespace bp
