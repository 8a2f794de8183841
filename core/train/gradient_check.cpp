#include "train/gradient_check.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "error.hpp"
#include "train/regularization.hpp"

namespace bp {

GradientCheckResult gradient_check(Network<double>& net, const Matrix<double>& x,
                                   const Matrix<double>& y, const GradientCheckOptions& o) {
  BP_REQUIRE(x.cols() > 0 && x.cols() == y.cols(), "gradient check",
          "needs a non-empty batch with as many targets as inputs");
  const auto objective = [&]() {
    Rng masks(o.dropout_seed);
    const auto a_L = net.forward(x, o.dropout, o.dropout > 0 ? &masks : nullptr);
    return cost_value<double>(o.cost, a_L, y) + regularization_penalty(net, o.regularization, o.lambda);
  };
  GradientCheckResult result;
  // Analytic gradient at theta (the forward inside objective() draws the same masks as below).
  objective();
  net.backward(y, o.cost);
  regularization_add_gradient(net, o.regularization, o.lambda);
  const Vector<double> analytic = net.gradients();

  double kink = std::numeric_limits<double>::infinity();
  for (int k = 0; k < net.num_weight_layers(); ++k) {
    const Activation s = net.spec().activations[k];
    if (s == Activation::relu || s == Activation::leaky_relu)
      kink = std::min(kink, net.z(k).cwiseAbs().minCoeff());
    if (o.regularization == Regularization::l1 && o.lambda > 0)
      kink = std::min(kink, std::as_const(net).W(k).cwiseAbs().minCoeff());
  }
  result.kink_distance = kink;
  result.near_kink = kink < 10.0 * o.h * std::max(1.0, x.cwiseAbs().maxCoeff());

  Vector<double>& theta = net.parameters();
  const Index n = theta.size();
  const Index count = o.max_parameters > 0 ? std::min(o.max_parameters, n) : n;
  double diff2 = 0.0, sum_a2 = 0.0, sum_n2 = 0.0;
  for (Index c = 0; c < count; ++c) {
    const Index i = count == n ? c : (c * n) / count;
    const double saved = theta(i);
    theta(i) = saved + o.h;
    const double plus = objective();
    theta(i) = saved - o.h;
    const double minus = objective();
    theta(i) = saved;
    const double numeric = (plus - minus) / (2.0 * o.h);
    const double err = std::abs(analytic(i) - numeric);
    const double rel = err / std::max({std::abs(analytic(i)), std::abs(numeric), 1e-4});
    if (result.worst_parameter < 0 || rel > result.max_relative_error) {
      result.max_relative_error = rel;
      result.worst_parameter = i;
    }
    diff2 += err * err;
    sum_a2 += analytic(i) * analytic(i);
    sum_n2 += numeric * numeric;
  }
  const double denom = std::sqrt(sum_a2) + std::sqrt(sum_n2);
  result.vector_relative_error = denom > 0 ? std::sqrt(diff2) / denom : 0.0;
  result.checked = count;
  net.gradients() = analytic;
  return result;
}

template <typename Scalar>
GradientCheckResult gradient_check_trainer(const Trainer<Scalar>& trainer, Index samples,
                                           Index max_parameters) {
  BP_REQUIRE(trainer.has_data(), "gradient check", "needs training data; set a data set first");
  BP_REQUIRE(samples >= 1 && samples <= 4096, "samples", "must be in [1, 4096]");
  BP_REQUIRE(max_parameters >= 0, "maxParameters", "must be 0 (all) or positive");
  const Index m = std::min(samples, trainer.train_size());
  Network<double> net(trainer.options().network);
  net.parameters() = trainer.network().parameters().template cast<double>();
  const TrainOptions& t = trainer.options().train;
  GradientCheckOptions o;
  o.cost = t.cost;
  o.regularization = t.regularization;
  o.lambda = t.regularization_rate;
  o.dropout = t.dropout;
  o.max_parameters = max_parameters;
  return gradient_check(net, trainer.train_inputs().leftCols(m).template cast<double>(),
                        trainer.train_targets().leftCols(m).template cast<double>(), o);
}

template GradientCheckResult gradient_check_trainer<float>(const Trainer<float>&, Index, Index);
template GradientCheckResult gradient_check_trainer<double>(const Trainer<double>&, Index, Index);

}  // namespace bp
