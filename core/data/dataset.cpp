#include "data/dataset.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <string>

#include "error.hpp"

namespace bp {
namespace {

// Names the first non-finite entry of m (rows = `row_kind`, columns = samples).
void require_finite(const Matrix<double>& m, const std::string& field, const char* row_kind) {
  for (Index i = 0; i < m.cols(); ++i)
    for (Index r = 0; r < m.rows(); ++r)
      if (!std::isfinite(m(r, i)))
        throw Error(field + ": sample " + std::to_string(i) + ", " + row_kind + " " +
                    std::to_string(r) + " is " + std::to_string(m(r, i)) +
                    "; every value must be a finite number");
}

}  // namespace

void Dataset::validate() const {
  const Index n = num_samples();
  BP_REQUIRE(
      n <= kMaxSamples, "data",
      std::to_string(n) + " samples; at most " + std::to_string(kMaxSamples) + " are accepted");
  BP_REQUIRE(num_features() >= 1 && num_features() <= kMaxFeatures, "data",
             std::to_string(num_features()) + " features; 1 to " + std::to_string(kMaxFeatures) +
                 " are accepted");
  BP_REQUIRE(static_cast<Index>(feature_names.size()) == num_features(), "feature_names",
             std::to_string(feature_names.size()) + " names for " + std::to_string(num_features()) +
                 " features; give one name per feature");
  require_finite(x, "x", "feature");
  if (task == Task::regression) {
    BP_REQUIRE(y.rows() >= 1 && y.cols() == n, "y",
               "is " + std::to_string(y.rows()) + "×" + std::to_string(y.cols()) +
                   "; a regression set needs targets × " + std::to_string(n) +
                   " (one column per sample)");
    BP_REQUIRE(
        labels.empty() && class_names.empty(), "labels",
        "a regression set has no labels or class names; use task classification for classes");
    require_finite(y, "y", "target");
    return;
  }
  const int k = num_classes();
  BP_REQUIRE(k >= 2, "class_names",
             std::to_string(k) + " classes; classification needs at least 2 named classes");
  BP_REQUIRE(static_cast<Index>(labels.size()) == n, "labels",
             std::to_string(labels.size()) + " labels for " + std::to_string(n) +
                 " samples; give one label per sample");
  BP_REQUIRE(y.size() == 0, "y",
             "a classification set keeps its targets in labels; y must be empty");
  for (std::size_t i = 0; i < labels.size(); ++i)
    BP_REQUIRE(labels[i] >= 0 && labels[i] < k, "labels[" + std::to_string(i) + "]",
               std::to_string(labels[i]) + " is out of range; class indices run from 0 to " +
                   std::to_string(k - 1));
}

Dataset Dataset::select(const std::vector<Index>& columns) const {
  const auto m = static_cast<Index>(columns.size());
  if (task == Task::classification)
    BP_REQUIRE(static_cast<Index>(labels.size()) == num_samples(), "labels",
               std::to_string(labels.size()) + " labels for " + std::to_string(num_samples()) +
                   " samples");
  else
    BP_REQUIRE(y.cols() == num_samples(), "y",
               std::to_string(y.cols()) + " target columns for " + std::to_string(num_samples()) +
                   " samples");
  Dataset out;
  out.task = task;
  out.feature_names = feature_names;
  out.class_names = class_names;
  out.x.resize(x.rows(), m);
  if (task == Task::regression) out.y.resize(y.rows(), m);
  if (task == Task::classification) out.labels.resize(columns.size());
  for (Index j = 0; j < m; ++j) {
    const Index i = columns[static_cast<std::size_t>(j)];
    BP_REQUIRE(i >= 0 && i < num_samples(), "columns[" + std::to_string(j) + "]",
               std::to_string(i) + " is outside the " + std::to_string(num_samples()) + " samples");
    out.x.col(j) = x.col(i);
    if (task == Task::regression) out.y.col(j) = y.col(i);
    if (task == Task::classification)
      out.labels[static_cast<std::size_t>(j)] = labels[static_cast<std::size_t>(i)];
  }
  return out;
}

Split split_dataset(const Dataset& data, double train_ratio, Rng& rng) {
  BP_REQUIRE(
      train_ratio > 0.0 && train_ratio <= 1.0, "train_ratio",
      std::to_string(train_ratio) + " is outside (0, 1]; give the training fraction, e.g. 0.5");
  const Index n = data.num_samples();
  BP_REQUIRE(n >= 1, "data", "has no samples to split");
  // round(ratio * n) to train; when a test part is asked for (ratio < 1), both parts keep >= 1.
  Index n_train = static_cast<Index>(std::llround(train_ratio * static_cast<double>(n)));
  if (train_ratio < 1.0 && n >= 2) n_train = std::clamp<Index>(n_train, 1, n - 1);
  n_train = std::clamp<Index>(n_train, 1, n);

  std::vector<Index> order(static_cast<std::size_t>(n));
  std::iota(order.begin(), order.end(), Index{0});
  rng.shuffle(order);
  const auto cut = order.begin() + n_train;
  return {data.select(std::vector<Index>(order.begin(), cut)),
          data.select(std::vector<Index>(cut, order.end()))};
}

Matrix<double> encode_targets(const Dataset& data, Index n_outputs, double negative) {
  const Index n = data.num_samples();
  if (data.task == Task::regression) {
    BP_REQUIRE(n_outputs == data.y.rows(), "n_outputs",
               std::to_string(n_outputs) + " outputs for " + std::to_string(data.y.rows()) +
                   " regression targets; the output layer needs one neuron per target");
    return data.y;
  }
  BP_REQUIRE(static_cast<Index>(data.labels.size()) == n, "labels",
             std::to_string(data.labels.size()) + " labels for " + std::to_string(n) + " samples");
  const int k = data.num_classes();
  const auto label_at = [&](Index i) {
    const int label = data.labels[static_cast<std::size_t>(i)];
    BP_REQUIRE(label >= 0 && label < k, "labels[" + std::to_string(i) + "]",
               std::to_string(label) + " is outside 0.." + std::to_string(k - 1));
    return label;
  };
  if (n_outputs == 1 && k == 2) {
    BP_REQUIRE(std::isfinite(negative), "negative", "must be a finite number (0 or -1)");
    Matrix<double> t(1, n);
    // label 1 -> 1, label 0 -> negative (0 for sigmoid, -1 for tanh).
    for (Index i = 0; i < n; ++i) t(0, i) = label_at(i) == 1 ? 1.0 : negative;
    return t;
  }
  BP_REQUIRE(n_outputs == k, "n_outputs",
             std::to_string(n_outputs) + " outputs for " + std::to_string(k) +
                 " classes; use one output per class (softmax)" +
                 (k == 2 ? std::string(" or a single output (sigmoid or tanh)") : std::string()));
  // One-hot: t_{label, i} = 1, every other entry 0.
  Matrix<double> t = Matrix<double>::Zero(k, n);
  for (Index i = 0; i < n; ++i) t(label_at(i), i) = 1.0;
  return t;
}

Standardizer Standardizer::fit(const Matrix<double>& x) {
  BP_REQUIRE(x.rows() >= 1 && x.cols() >= 1, "x",
             "is " + std::to_string(x.rows()) + "×" + std::to_string(x.cols()) +
                 "; fitting a standardizer needs at least one feature and one sample");
  BP_REQUIRE(x.allFinite(), "x", "holds NaN or infinity; every value must be finite");
  Standardizer s;
  const auto m = static_cast<double>(x.cols());
  // mu_j = (1/m) sum_i x_ji;  sigma_j = sqrt((1/m) sum_i (x_ji - mu_j)^2)  (two passes, exact 0 for
  // a constant feature).
  s.mean = x.rowwise().sum() / m;
  s.stddev = ((x.colwise() - s.mean).array().square().rowwise().sum() / m).sqrt().matrix();
  for (Index j = 0; j < s.stddev.size(); ++j) {
    const double scale = std::max(1.0, std::fabs(s.mean(j)));
    if (!(s.stddev(j) > 1e-12 * scale)) s.stddev(j) = 1.0;  // constant: centre, don't divide
  }
  return s;
}

namespace {
template <typename Derived>
void standardize(const Standardizer& s, Eigen::MatrixBase<Derived>& x) {
  using Scalar = typename Derived::Scalar;
  BP_REQUIRE(s.mean.size() >= 1 && s.mean.size() == s.stddev.size(), "standardizer",
             "is not fitted; call Standardizer::fit on the training inputs first");
  BP_REQUIRE(x.rows() == s.mean.size(), "x",
             "has " + std::to_string(x.rows()) + " features; the standardizer was fitted on " +
                 std::to_string(s.mean.size()));
  // x_ji <- (x_ji - mu_j) / sigma_j
  for (Index j = 0; j < x.rows(); ++j)
    x.row(j).array() =
        (x.row(j).array() - static_cast<Scalar>(s.mean(j))) / static_cast<Scalar>(s.stddev(j));
}
}  // namespace

void Standardizer::apply(Eigen::Ref<Matrix<float>> x) const { standardize(*this, x); }
void Standardizer::apply(Eigen::Ref<Matrix<double>> x) const { standardize(*this, x); }

}  // namespace bp
