#pragma once
// The dense layer's three products for narrow layers (n^{l+1} <= kNarrowWidth outputs on at most
// kNarrowInputs inputs: the playground's 2-8-8-1 networks), with the layer width R = n^{l+1} fixed
// at compile time. A column of R outputs then lives in one or two SIMD registers and every loop
// left has a run-time count of inputs or samples, not of outputs; Eigen's general product spends
// more on dispatch and blocking than on the arithmetic at these sizes (bench/bench_network.cpp,
// playground_2-8-8-1). Same equations as dense_layer.hpp; tests/test_network.cpp checks that both
// paths agree.
#include <type_traits>
#include <utility>

#include "math/types.hpp"

namespace bp {

inline constexpr Index kNarrowWidth = 8;
inline constexpr Index kNarrowInputs = 32;

template <int R, typename Scalar>
struct NarrowLayer {
  using Column = Eigen::Matrix<Scalar, R, 1>;
  using ColumnMap = Eigen::Map<Column>;
  using ConstColumnMap = Eigen::Map<const Column>;

  // z^l = W^l a^l + b^l:   z_{.j} = b + sum_k W_{.k} a_{kj}
  static void forward(const Scalar* W, const Scalar* b, const Scalar* a, Scalar* z, Index n_in,
                      Index m) {
    const Column bias = ConstColumnMap(b);
    for (Index j = 0; j < m; ++j) {
      const Scalar* a_j = a + j * n_in;
      Column z_j = bias;
      for (Index k = 0; k < n_in; ++k) z_j += ConstColumnMap(W + k * R) * a_j[k];
      ColumnMap(z + j * R) = z_j;
    }
  }

  // dC/dW^l = delta^l (a^l)^T:  dW_{.k} = sum_j delta_{.j} a_{kj};   dC/db^l = sum_j delta_{.j}
  static void backward_params(const Scalar* delta, const Scalar* a, Scalar* dW, Scalar* db,
                              Index n_in, Index m) {
    for (Index k = 0; k < n_in; ++k) {
      Column dW_k = Column::Zero();
      for (Index j = 0; j < m; ++j) dW_k += ConstColumnMap(delta + j * R) * a[k + j * n_in];
      ColumnMap(dW + k * R) = dW_k;
    }
    Column sum = Column::Zero();
    for (Index j = 0; j < m; ++j) sum += ConstColumnMap(delta + j * R);
    ColumnMap{db} = sum;
  }

  // dC/da^l = (W^l)^T delta^l:  g_{kj} = W_{.k} . delta_{.j}
  static void backward_input(const Scalar* W, const Scalar* delta, Scalar* g, Index n_in, Index m) {
    for (Index j = 0; j < m; ++j) {
      const Column delta_j = ConstColumnMap(delta + j * R);
      for (Index k = 0; k < n_in; ++k) g[k + j * n_in] = ConstColumnMap(W + k * R).dot(delta_j);
    }
  }
};

namespace detail {
template <typename Scalar, typename F, int... R>
bool dispatch_narrow(Index width, F&& f, std::integer_sequence<int, R...>) {
  return ((width == R + 1 ? (f(NarrowLayer<R + 1, Scalar>{}), true) : false) || ...);
}
}  // namespace detail

// Calls f(NarrowLayer<width, Scalar>{}) and returns true when the layer is narrow; else false.
// float only: training runs in float32; double networks (the gradient check, golden tests) keep
// Eigen's products, and the WASM module does not carry a second set of 8 widths x 3 kernels.
template <typename Scalar, typename F>
bool with_narrow_layer(Index width, Index n_in, F&& f) {
  if constexpr (!std::is_same_v<Scalar, float>) return false;
  if (width > kNarrowWidth || n_in > kNarrowInputs) return false;
  return detail::dispatch_narrow<Scalar>(width, std::forward<F>(f),
                                         std::make_integer_sequence<int, kNarrowWidth>{});
}

// The narrow kernels take raw column-major storage: every operand must be contiguous.
template <typename... M>
bool all_contiguous(const M&... m) {
  return ((M::InnerStrideAtCompileTime == 1 && (m.cols() <= 1 || m.outerStride() == m.rows())) &&
          ...);
}

}  // namespace bp
