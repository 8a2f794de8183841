#pragma once
// TensorFlow Playground's derived input features for 2-D data: x1, x2, x1^2, x2^2, x1*x2, sin x1,
// sin x2. The same transform is applied to training data and to heatmap grids.
#include <vector>

#include "math/types.hpp"
#include "names.hpp"

namespace bp {

enum class Feature { x1, x2, x1_squared, x2_squared, x1_times_x2, sin_x1, sin_x2 };

inline constexpr NameTable<Feature, 7> kFeatureNames{{
    {Feature::x1, "x1"},
    {Feature::x2, "x2"},
    {Feature::x1_squared, "x1^2"},
    {Feature::x2_squared, "x2^2"},
    {Feature::x1_times_x2, "x1*x2"},
    {Feature::sin_x1, "sin(x1)"},
    {Feature::sin_x2, "sin(x2)"},
}};

// points: 2 × n. Returns features.size() × n, rows in the order given. Throws bp::Error when
// `features` is empty or has a duplicate, or points has not 2 rows.
template <typename Scalar>
Matrix<Scalar> derive_features(const Matrix<Scalar>& points, const std::vector<Feature>& features);

// Allocation-free form for per-frame use: out must already be features.size() × points.cols().
template <typename Scalar>
void derive_features_into(const Eigen::Ref<const Matrix<Scalar>>& points,
                          const std::vector<Feature>& features, Eigen::Ref<Matrix<Scalar>> out);

}  // namespace bp
