#pragma once
// Parameter initialisation schemes, drawing from an explicit Rng in a fixed order (layer by layer,
// W column-major then b), so the same seed gives the same weights on every build.
#include "math/rng.hpp"
#include "math/types.hpp"
#include "names.hpp"
#include "nn/network_spec.hpp"

namespace bp {

enum class Init {
  playground,  // W ~ U(-0.5, 0.5), b = 0.1            (TensorFlow Playground)
  glorot,      // W ~ U(-r, r), r = sqrt(6/(n_in+n_out)), b = 0   (Glorot & Bengio 2010)
  he,          // W ~ N(0, 2/n_in), b = 0                (He et al. 2015)
  nielsen,     // W ~ N(0, 1/n_in), b ~ N(0, 1)          (Nielsen, ch. 3)
};

inline constexpr NameTable<Init, 4> kInitNames{{
    {Init::playground, "playground"},
    {Init::glorot, "glorot"},
    {Init::he, "he"},
    {Init::nielsen, "nielsen"},
}};

template <typename Scalar>
void initialize_parameters(const NetworkSpec& spec, const ParameterLayout& layout, Init init,
                           Rng& rng, Vector<Scalar>& parameters);

}  // namespace bp
