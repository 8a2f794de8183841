#pragma once
// Element-wise work on column-major blocks, run by run: one flat run over the whole block when
// every operand is contiguous (the network's own buffers always are), else one run per column.
// A flat run lets Eigen vectorise across column boundaries: tanh on a 1×10 output layer is three
// packets, not ten scalar calls, and an 8×10 layer is one loop instead of ten short ones.
#include <type_traits>

#include "math/types.hpp"

namespace bp {

template <typename Scalar>
using ArrayMap = Eigen::Map<Eigen::Array<Scalar, Eigen::Dynamic, 1>>;
template <typename Scalar>
using ConstArrayMap = Eigen::Map<const Eigen::Array<Scalar, Eigen::Dynamic, 1>>;

namespace detail {
// n coefficients of m starting at column c, as a flat array (const when m is read-only).
template <typename M>
auto run_of(M& m, Index c, Index n) {
  using Scalar = typename std::remove_cvref_t<M>::Scalar;
  if constexpr (std::is_const_v<std::remove_pointer_t<decltype(m.data())>>)
    return ConstArrayMap<Scalar>(m.data() + c * m.outerStride(), n);
  else
    return ArrayMap<Scalar>(m.data() + c * m.outerStride(), n);
}
}  // namespace detail

// Calls f(run_0, run_1, ...) with matching runs of every operand; all have the shape of `first`.
template <typename F, typename First, typename... Rest>
void for_each_run(F&& f, First& first, Rest&... rest) {
  const Index rows = first.rows(), cols = first.cols();
  const bool contiguous =
      cols <= 1 || ((first.outerStride() == rows) && ... && (rest.outerStride() == rows));
  if (contiguous) {
    f(detail::run_of(first, 0, rows * cols), detail::run_of(rest, 0, rows * cols)...);
    return;
  }
  for (Index c = 0; c < cols; ++c)
    f(detail::run_of(first, c, rows), detail::run_of(rest, c, rows)...);
}

}  // namespace bp
