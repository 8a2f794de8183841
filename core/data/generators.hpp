#pragma once
// The six 2-D data sets of TensorFlow Playground (src/dataset.ts), ported with the same geometry and
// noise model, drawing from an explicit Rng. Points lie in [-6, 6]^2, except the Gaussian set's
// tails and the spiral's noise. Classification sets use labels 0/1 (TF Playground's -1 is our 0);
// regression targets lie in [-1, 1] for reg-gauss and, as in TF, in [-1.2, 1.2] plus noise for
// reg-plane ((x + y) / 10 over [-6, 6]^2).
#include <string_view>

#include "data/dataset.hpp"
#include "names.hpp"

namespace bp {

enum class Generator { circle, xor_, gaussian, spiral, regression_plane, regression_gaussian };

inline constexpr NameTable<Generator, 6> kGeneratorNames{{
    {Generator::circle, "circle"},
    {Generator::xor_, "xor"},
    {Generator::gaussian, "gaussian"},
    {Generator::spiral, "spiral"},
    {Generator::regression_plane, "reg-plane"},
    {Generator::regression_gaussian, "reg-gauss"},
}};

// num_samples in [1, kMaxSamples]; noise in [0, 1] (TF Playground's slider 0..50 maps to 0..0.5;
// we take the fraction). Feature names are "x1", "x2".
Dataset generate(Generator kind, Index num_samples, double noise, Rng& rng);

}  // namespace bp
