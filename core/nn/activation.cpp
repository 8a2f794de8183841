#include "nn/activation.hpp"

#include "math/runs.hpp"

namespace bp {

template <typename Scalar>
void activation_forward(Activation sigma, const Eigen::Ref<const Matrix<Scalar>>& z,
                        Eigen::Ref<Matrix<Scalar>> a) {
  const Scalar one(1);
  // Element-wise functions run over flat runs (math/runs.hpp); softmax works per column.
  const auto each = [&](auto f) { for_each_run(f, z, a); };
  switch (sigma) {
    case Activation::linear:
      a = z;
      return;
    case Activation::sigmoid:
      // sigma(z) = 1 / (1 + e^{-z}); written through tanh to stay finite for any z.
      return each([](auto z_, auto a_) { a_ = Scalar(0.5) * (Scalar(0.5) * z_).tanh() + Scalar(0.5); });
    case Activation::tanh:
      return each([](auto z_, auto a_) { a_ = z_.tanh(); });
    case Activation::relu:
      return each([](auto z_, auto a_) { a_ = z_.max(Scalar(0)); });
    case Activation::leaky_relu:
      return each([](auto z_, auto a_) {
        a_ = (z_ > Scalar(0)).select(z_, Scalar(kLeakyReluSlope) * z_);
      });
    case Activation::softmax:
      // a_i = e^{z_i - max z} / sum_j e^{z_j - max z}, per column.
      for (Index c = 0; c < z.cols(); ++c) {
        const Scalar zmax = z.col(c).maxCoeff();
        a.col(c) = (z.col(c).array() - zmax).exp().matrix();
        a.col(c) *= one / a.col(c).sum();
      }
      return;
  }
}

template <typename Scalar>
void activation_backward(Activation sigma, const Eigen::Ref<const Matrix<Scalar>>& a,
                         const Eigen::Ref<const Matrix<Scalar>>& g,
                         Eigen::Ref<Matrix<Scalar>> delta) {
  const Scalar one(1);
  const auto each = [&](auto f) { for_each_run(f, a, g, delta); };
  switch (sigma) {
    case Activation::linear:
      delta = g;
      return;
    case Activation::sigmoid:
      return each([one](auto a_, auto g_, auto d_) { d_ = g_ * a_ * (one - a_); });
    case Activation::tanh:
      return each([one](auto a_, auto g_, auto d_) { d_ = g_ * (one - a_.square()); });
    case Activation::relu:
      return each([](auto a_, auto g_, auto d_) { d_ = (a_ > Scalar(0)).select(g_, Scalar(0)); });
    case Activation::leaky_relu:
      return each([](auto a_, auto g_, auto d_) {
        d_ = (a_ > Scalar(0)).select(g_, Scalar(kLeakyReluSlope) * g_);
      });
    case Activation::softmax:
      for (Index c = 0; c < a.cols(); ++c) {
        const Scalar ag = a.col(c).dot(g.col(c));
        delta.col(c) = (a.col(c).array() * (g.col(c).array() - ag)).matrix();
      }
      return;
  }
}

template void activation_forward<float>(Activation, const Eigen::Ref<const Matrix<float>>&,
                                        Eigen::Ref<Matrix<float>>);
template void activation_forward<double>(Activation, const Eigen::Ref<const Matrix<double>>&,
                                         Eigen::Ref<Matrix<double>>);
template void activation_backward<float>(Activation, const Eigen::Ref<const Matrix<float>>&,
                                         const Eigen::Ref<const Matrix<float>>&,
                                         Eigen::Ref<Matrix<float>>);
template void activation_backward<double>(Activation, const Eigen::Ref<const Matrix<double>>&,
                                          const Eigen::Ref<const Matrix<double>>&,
                                          Eigen::Ref<Matrix<double>>);

}  // namespace bp
