#include "nn/activation.hpp"

namespace bp {

template <typename Scalar>
void activation_forward(Activation sigma, const Eigen::Ref<const Matrix<Scalar>>& z,
                        Eigen::Ref<Matrix<Scalar>> a) {
  const Scalar one(1);
  switch (sigma) {
    case Activation::linear:
      a = z;
      return;
    case Activation::sigmoid:
      // sigma(z) = 1 / (1 + e^{-z}); written through tanh to stay finite for any z.
      a = (Scalar(0.5) * (Scalar(0.5) * z.array()).tanh() + Scalar(0.5)).matrix();
      return;
    case Activation::tanh:
      a = z.array().tanh().matrix();
      return;
    case Activation::relu:
      a = z.cwiseMax(Scalar(0));
      return;
    case Activation::leaky_relu:
      a = (z.array() > Scalar(0)).select(z.array(), Scalar(kLeakyReluSlope) * z.array()).matrix();
      return;
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
  switch (sigma) {
    case Activation::linear:
      delta = g;
      return;
    case Activation::sigmoid:
      delta = (g.array() * a.array() * (one - a.array())).matrix();
      return;
    case Activation::tanh:
      delta = (g.array() * (one - a.array().square())).matrix();
      return;
    case Activation::relu:
      delta = (a.array() > Scalar(0)).select(g.array(), Scalar(0)).matrix();
      return;
    case Activation::leaky_relu:
      delta = (a.array() > Scalar(0)).select(g.array(), Scalar(kLeakyReluSlope) * g.array()).matrix();
      return;
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
