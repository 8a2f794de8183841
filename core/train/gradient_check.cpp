#include "train/gradient_check.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "error.hpp"
#include "train/regularization.hpp"

namespace bp {

namespace {

// J(theta) = C(a^L(x), y) + lambda R(W), with the same dropout masks at every evaluation.
double objective(Network<double>& net, const Matrix<double>& x, const Matrix<double>& y,
                 const GradientCheckOptions& o) {
  Rng masks(o.dropout_seed);
  const auto a_L = net.forward(x, o.dropout, o.dropout > 0 ? &masks : nullptr);
  return cost_value<double>(o.cost, a_L, y) + regularization_penalty(net, o.regularization, o.lambda);
}

void require_batch(const Matrix<double>& x, const Matrix<double>& y) {
  BP_REQUIRE(x.cols() > 0 && x.cols() == y.cols(), "gradient check",
          "needs a non-empty batch with as many targets as inputs");
}

// Flat parameter index -> weight layer l (1-based), row, column (-1 for a bias), and its name.
void name_parameter(const Network<double>& net, GradientCheckResult& r) {
  const ParameterLayout& layout = net.layout();
  const Index i = r.worst_parameter;
  for (int k = net.num_weight_layers() - 1; k >= 0; --k) {
    if (i < layout.W_offset[static_cast<std::size_t>(k)]) continue;
    const Index rows = net.spec().sizes[static_cast<std::size_t>(k) + 1];
    const Index b = layout.b_offset[static_cast<std::size_t>(k)];
    const std::string l = std::to_string(k + 1);
    r.worst_layer = k + 1;
    if (i >= b) {
      r.worst_row = i - b;
      r.worst_column = -1;
      r.worst_name = "b^" + l + "[" + std::to_string(r.worst_row) + "]";
    } else {
      // W^l is column-major: entry (row, column) at W_offset + column * rows + row.
      const Index offset = i - layout.W_offset[static_cast<std::size_t>(k)];
      r.worst_row = offset % rows;
      r.worst_column = offset / rows;
      r.worst_name = "W^" + l + "[" + std::to_string(r.worst_row) + ", " +
                     std::to_string(r.worst_column) + "]";
    }
    return;
  }
}

}  // namespace

GradientCheckResult gradient_check(Network<double>& net, const Matrix<double>& x,
                                   const Matrix<double>& y, const GradientCheckOptions& o) {
  require_batch(x, y);
  // Analytic gradient at theta (the forward inside objective() draws the same masks as below).
  objective(net, x, y, o);
  net.backward(y, o.cost);
  regularization_add_gradient(net, o.regularization, o.lambda);
  const Vector<double> analytic = net.gradients();
  return gradient_check_against(net, x, y, o, analytic);
}

GradientCheckResult gradient_check_against(Network<double>& net, const Matrix<double>& x,
                                           const Matrix<double>& y, const GradientCheckOptions& o,
                                           const Vector<double>& analytic) {
  require_batch(x, y);
  BP_REQUIRE(analytic.size() == net.parameters().size(), "analytic",
             "has " + std::to_string(analytic.size()) + " values but the network has " +
                 std::to_string(net.parameters().size()) + " parameters");
  GradientCheckResult result;
  objective(net, x, y, o);  // the activations at theta, for the kink distance

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
    const double plus = objective(net, x, y, o);
    theta(i) = saved - o.h;
    const double minus = objective(net, x, y, o);
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
  result.ok = result.max_relative_error < result.tolerance;
  name_parameter(net, result);
  net.gradients() = analytic;
  return result;
}

template <typename Scalar>
GradientCheckResult gradient_check_trainer(const Trainer<Scalar>& trainer, Index samples,
                                           Index max_parameters) {
  BP_REQUIRE(trainer.has_data(), "gradient check", "needs training data; set a data set first");
  BP_REQUIRE(samples >= 1 && samples <= kMaxCheckSamples, "samples",
             "must be in [1, " + std::to_string(kMaxCheckSamples) + "]");
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
