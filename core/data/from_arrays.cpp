#include "data/from_arrays.hpp"

#include <cmath>
#include <string>

#include "error.hpp"

namespace bp {

Dataset dataset_from_arrays(std::span<const double> x, std::span<const double> y,
                            Index num_features, Task task, int num_classes) {
  BP_REQUIRE(num_features >= 1 && num_features <= kMaxFeatures, "numFeatures",
             "must be in [1, " + std::to_string(kMaxFeatures) + "]; got " +
                 std::to_string(num_features));
  const Index n = static_cast<Index>(y.size());
  BP_REQUIRE(n >= 1 && n <= kMaxSamples, "y",
             "needs 1 to " + std::to_string(kMaxSamples) + " samples; got " + std::to_string(n));
  BP_REQUIRE(static_cast<Index>(x.size()) == num_features * n, "x",
             "has " + std::to_string(x.size()) + " values but " + std::to_string(n) +
                 " samples of " + std::to_string(num_features) + " features need " +
                 std::to_string(num_features * n));
  Dataset d;
  d.task = task;
  d.x = Eigen::Map<const Matrix<double>>(x.data(), num_features, n);
  for (Index f = 0; f < num_features; ++f) d.feature_names.push_back("x" + std::to_string(f + 1));
  if (task == Task::classification) {
    BP_REQUIRE(num_classes >= 2 && num_classes <= 1000, "numClasses",
               "a classification set needs 2 to 1000 classes; got " + std::to_string(num_classes));
    for (Index i = 0; i < n; ++i) {
      const double label = y[static_cast<std::size_t>(i)];
      BP_REQUIRE(std::isfinite(label) && label == std::floor(label) && label >= 0 &&
                     label < num_classes,
                 "y[" + std::to_string(i) + "]",
                 "must be a class index in [0, " + std::to_string(num_classes) + ")");
      d.labels.push_back(static_cast<int>(label));
    }
    for (int c = 0; c < num_classes; ++c) d.class_names.push_back(std::to_string(c));
  } else {
    BP_REQUIRE(num_classes == 0, "numClasses", "must be 0 for regression");
    d.y = Eigen::Map<const Matrix<double>>(y.data(), 1, n);
  }
  d.validate();
  return d;
}

}  // namespace bp
