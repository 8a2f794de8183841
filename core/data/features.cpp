// TensorFlow Playground's INPUTS table (src/playground.ts): x, y, xSquared, ySquared, xTimesY,
// sinX, sinY, here x1 = x and x2 = y.
#include "data/features.hpp"

#include <string>

#include "error.hpp"

namespace bp {
namespace {

void require_features(const std::vector<Feature>& features) {
  BP_REQUIRE(!features.empty(), "features",
             "is empty; choose at least one of " + accepted_names(kFeatureNames));
  unsigned seen = 0;
  for (const Feature f : features) {
    const auto bit = static_cast<unsigned>(f);
    BP_REQUIRE(bit < kFeatureNames.size(), "features",
               "holds an unknown feature; accepted: " + accepted_names(kFeatureNames));
    BP_REQUIRE((seen & (1u << bit)) == 0, "features",
               "lists '" + std::string(enum_name(kFeatureNames, f)) + "' twice; list each once");
    seen |= 1u << bit;
  }
}

}  // namespace

template <typename Scalar>
Matrix<Scalar> derive_features(const Matrix<Scalar>& points, const std::vector<Feature>& features) {
  require_features(features);
  BP_REQUIRE(points.rows() == 2, "points",
             "has " + std::to_string(points.rows()) + " rows; derived features need 2 (x1, x2)");
  Matrix<Scalar> out(static_cast<Index>(features.size()), points.cols());
  derive_features_into<Scalar>(points, features, out);
  return out;
}

template <typename Scalar>
void derive_features_into(const Eigen::Ref<const Matrix<Scalar>>& points,
                          const std::vector<Feature>& features, Eigen::Ref<Matrix<Scalar>> out) {
  require_features(features);
  BP_REQUIRE(points.rows() == 2, "points",
             "has " + std::to_string(points.rows()) + " rows; derived features need 2 (x1, x2)");
  BP_REQUIRE(out.rows() == static_cast<Index>(features.size()) && out.cols() == points.cols(),
             "out",
             "is " + std::to_string(out.rows()) + "×" + std::to_string(out.cols()) + "; expected " +
                 std::to_string(features.size()) + "×" + std::to_string(points.cols()));
  const auto x1 = points.row(0).array();
  const auto x2 = points.row(1).array();
  for (std::size_t r = 0; r < features.size(); ++r) {
    auto row = out.row(static_cast<Index>(r)).array();
    switch (features[r]) {
      case Feature::x1:
        row = x1;
        break;
      case Feature::x2:
        row = x2;
        break;
      case Feature::x1_squared:
        row = x1.square();
        break;
      case Feature::x2_squared:
        row = x2.square();
        break;
      case Feature::x1_times_x2:
        row = x1 * x2;
        break;
      case Feature::sin_x1:
        row = x1.sin();
        break;
      case Feature::sin_x2:
        row = x2.sin();
        break;
    }
  }
}

template Matrix<float> derive_features<float>(const Matrix<float>&, const std::vector<Feature>&);
template Matrix<double> derive_features<double>(const Matrix<double>&, const std::vector<Feature>&);
template void derive_features_into<float>(const Eigen::Ref<const Matrix<float>>&,
                                          const std::vector<Feature>&, Eigen::Ref<Matrix<float>>);
template void derive_features_into<double>(const Eigen::Ref<const Matrix<double>>&,
                                           const std::vector<Feature>&, Eigen::Ref<Matrix<double>>);

}  // namespace bp
