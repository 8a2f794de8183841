#include "nn/init.hpp"

#include <cmath>

namespace bp {

template <typename Scalar>
void initialize_parameters(const NetworkSpec& spec, const ParameterLayout& layout, Init init,
                           Rng& rng, Vector<Scalar>& parameters) {
  parameters.resize(layout.size);
  for (int k = 0; k < spec.num_weight_layers(); ++k) {
    const double n_in = spec.sizes[k];
    const double n_out = spec.sizes[k + 1];
    const Index n_W = static_cast<Index>(n_in * n_out);
    Scalar* W = parameters.data() + layout.W_offset[k];
    Scalar* b = parameters.data() + layout.b_offset[k];
    switch (init) {
      case Init::playground:
        for (Index i = 0; i < n_W; ++i) W[i] = static_cast<Scalar>(rng.uniform(-0.5, 0.5));
        for (Index i = 0; i < n_out; ++i) b[i] = Scalar(0.1);
        break;
      case Init::glorot: {
        const double r = std::sqrt(6.0 / (n_in + n_out));
        for (Index i = 0; i < n_W; ++i) W[i] = static_cast<Scalar>(rng.uniform(-r, r));
        for (Index i = 0; i < n_out; ++i) b[i] = Scalar(0);
        break;
      }
      case Init::he: {
        const double s = std::sqrt(2.0 / n_in);
        for (Index i = 0; i < n_W; ++i) W[i] = static_cast<Scalar>(rng.normal(0.0, s));
        for (Index i = 0; i < n_out; ++i) b[i] = Scalar(0);
        break;
      }
      case Init::nielsen: {
        const double s = std::sqrt(1.0 / n_in);
        for (Index i = 0; i < n_W; ++i) W[i] = static_cast<Scalar>(rng.normal(0.0, s));
        for (Index i = 0; i < n_out; ++i) b[i] = static_cast<Scalar>(rng.normal());
        break;
      }
    }
  }
}

template void initialize_parameters<float>(const NetworkSpec&, const ParameterLayout&, Init, Rng&,
                                           Vector<float>&);
template void initialize_parameters<double>(const NetworkSpec&, const ParameterLayout&, Init, Rng&,
                                            Vector<double>&);

}  // namespace bp
