#include "data/from_arrays.hpp"

#include <cmath>
#include <string>

#include "error.hpp"
#include "whole_number.hpp"

namespace bp {

Dataset dataset_from_arrays(std::span<const double> x, std::span<const double> y,
                            double num_features_value, Task task, double num_classes_value) {
  const Index num_features =
      whole_number(num_features_value, "numFeatures", 1, static_cast<double>(kMaxFeatures));
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
    // A classification set needs 2 to 1000 classes.
    const int num_classes = static_cast<int>(whole_number(num_classes_value, "numClasses", 2, 1000));
    for (Index i = 0; i < n; ++i) {
      // A class index in [0, numClasses).
      const Index label = whole_number(y[static_cast<std::size_t>(i)], "y", 0, num_classes - 1, i);
      d.labels.push_back(static_cast<int>(label));
    }
    for (int c = 0; c < num_classes; ++c) d.class_names.push_back(std::to_string(c));
  } else {
    BP_REQUIRE(num_classes_value == 0, "numClasses", "must be 0 for regression");
    d.y = Eigen::Map<const Matrix<double>>(y.data(), 1, n);
  }
  d.validate();
  return d;
}

}  // namespace bp
