#include "metrics/metrics.hpp"

#include <string>

#include "error.hpp"

namespace bp {
namespace {

void require_same_size(const std::vector<int>& predicted, const std::vector<int>& labels) {
  BP_REQUIRE(predicted.size() == labels.size(), "predicted",
             std::to_string(predicted.size()) + " predictions for " +
                 std::to_string(labels.size()) + " labels; give one prediction per sample");
}

}  // namespace

template <typename Scalar>
std::vector<int> predict_classes(const Eigen::Ref<const Matrix<Scalar>>& outputs,
                                 double threshold) {
  BP_REQUIRE(outputs.rows() >= 1, "outputs", "has no rows; expected n_outputs × n_samples");
  std::vector<int> predicted(static_cast<std::size_t>(outputs.cols()));
  for (Index i = 0; i < outputs.cols(); ++i)
    predicted[static_cast<std::size_t>(i)] = predicted_class(outputs.col(i), threshold);
  return predicted;
}

double accuracy(const std::vector<int>& predicted, const std::vector<int>& labels) {
  require_same_size(predicted, labels);
  AccuracySums sums;  // the one accuracy rule, as the trainer's streaming passes use it
  for (std::size_t i = 0; i < labels.size(); ++i) sums.add(predicted[i], labels[i]);
  return sums.value();
}

Eigen::MatrixXi confusion_matrix(const std::vector<int>& predicted, const std::vector<int>& labels,
                                 int num_classes) {
  require_same_size(predicted, labels);
  BP_REQUIRE(num_classes >= 1 && num_classes <= kMaxLayerWidth, "num_classes",
             std::to_string(num_classes) + " is outside 1.." + std::to_string(kMaxLayerWidth));
  Eigen::MatrixXi counts = Eigen::MatrixXi::Zero(num_classes, num_classes);
  const auto require_class = [num_classes](int value, const char* field, std::size_t i) {
    BP_REQUIRE(value >= 0 && value < num_classes,
               std::string(field) + "[" + std::to_string(i) + "]",
               std::to_string(value) + " is outside 0.." + std::to_string(num_classes - 1));
  };
  for (std::size_t i = 0; i < labels.size(); ++i) {
    require_class(labels[i], "labels", i);
    require_class(predicted[i], "predicted", i);
    ++counts(labels[i], predicted[i]);  // row = true class, column = predicted class
  }
  return counts;
}

template <typename Scalar>
double r_squared(const Eigen::Ref<const Matrix<Scalar>>& outputs, const Matrix<double>& targets) {
  BP_REQUIRE(outputs.rows() == targets.rows() && outputs.cols() == targets.cols(), "outputs",
             "is " + std::to_string(outputs.rows()) + "×" + std::to_string(outputs.cols()) +
                 " but the targets are " + std::to_string(targets.rows()) + "×" +
                 std::to_string(targets.cols()));
  RSquaredSums sums;
  sums.reset(targets.rows());
  for (Index i = 0; i < targets.cols(); ++i) sums.add(outputs.col(i), targets.col(i));
  return sums.value();
}

template std::vector<int> predict_classes<float>(const Eigen::Ref<const Matrix<float>>&, double);
template std::vector<int> predict_classes<double>(const Eigen::Ref<const Matrix<double>>&, double);
template double r_squared<float>(const Eigen::Ref<const Matrix<float>>&, const Matrix<double>&);
template double r_squared<double>(const Eigen::Ref<const Matrix<double>>&, const Matrix<double>&);

}  // namespace bp
