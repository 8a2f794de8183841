#pragma once
// A saved model: versioned JSON with the options (architecture, hyper-parameters, seed), the current
// and the initial parameters (in the one-buffer layout, see nn/network_spec.hpp), the input
// standardization if any, and the training position.
//
// {"format": "backprop-playground-model", "version": 1, "options": {...},
//  "layout": "W^l (n^{l+1} x n^l, column-major) then b^l, for l = 1..L-1",
//  "parameters": [...], "initialParameters": [...],
//  "standardizer": {"mean": [...], "stddev": [...]} or null, "epoch": 12, "step": 600}
// Numbers are written with enough digits to read back bit-exact (float and double).
#include <string>
#include <string_view>

#include "train/trainer.hpp"

namespace bp {

inline constexpr const char* kModelFormat = "backprop-playground-model";
inline constexpr int kModelVersion = 1;

template <typename Scalar>
std::string model_to_json(const Trainer<Scalar>& trainer);

// Builds a trainer from a model file. Throws bp::Error naming the field for anything malformed:
// wrong format or version, bad options, a parameter array of the wrong length or with non-numbers.
template <typename Scalar>
Trainer<Scalar> model_from_json(std::string_view text);

}  // namespace bp
