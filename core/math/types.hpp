#pragma once
// Layout, stated once for the whole core: features × batch, column-major, one column per sample.
// A batch of m inputs with n features is an n×m matrix; a^l, z^l and delta^l are n^{l+1}×m (or n^l×m).
#include <Eigen/Core>
#include <cstdint>

namespace bp {

using Index = Eigen::Index;

template <typename Scalar>
using Matrix = Eigen::Matrix<Scalar, Eigen::Dynamic, Eigen::Dynamic, Eigen::ColMajor>;
template <typename Scalar>
using Vector = Eigen::Matrix<Scalar, Eigen::Dynamic, 1>;
template <typename Scalar>
using MatrixMap = Eigen::Map<Matrix<Scalar>>;
template <typename Scalar>
using ConstMatrixMap = Eigen::Map<const Matrix<Scalar>>;
template <typename Scalar>
using VectorMap = Eigen::Map<Vector<Scalar>>;
template <typename Scalar>
using ConstVectorMap = Eigen::Map<const Vector<Scalar>>;

// Limits for anything that arrives from outside (URLs, files, API calls). Bounded so that a
// stranger's input cannot ask for gigabytes.
inline constexpr int kMaxLayerWidth = 4096;
inline constexpr int kMaxHiddenLayers = 32;
inline constexpr Index kMaxParameters = 64 * 1024 * 1024;  // 256 MB of float32
inline constexpr int kMaxBatchSize = 65536;
inline constexpr Index kMaxSamples = 1'000'000;
inline constexpr Index kMaxFeatures = 4096;

}  // namespace bp
