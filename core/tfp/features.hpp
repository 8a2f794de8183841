#pragma once
// TensorFlow Playground's input features (the INPUTS table of src/playground.ts, commit bf5e6fc) and
// their counterparts in this engine. TFP builds its input layer by iterating INPUTS in declaration
// order and keeping those whose state key is true, so the input nodes are always in this order,
// whatever order the URL lists them in:
//   x -> x1, y -> x2, xSquared -> x1^2, ySquared -> x2^2, xTimesY -> x1*x2, sinX -> sin(x1),
//   sinY -> sin(x2).
// cosX and cosY are keys of src/state.ts (State.PROPS) but are not in INPUTS: TFP reads them from
// the URL and writes them back, and they change nothing. A key hidden with `<key>_hide=true` is
// deleted from INPUTS at start-up, so it is not an input even when `<key>=true`.
#include <string>
#include <string_view>
#include <vector>

#include "data/features.hpp"
#include "names.hpp"

namespace bp::tfp {

inline constexpr NameTable<Feature, 7> kTfpInputs{{
    {Feature::x1, "x"},
    {Feature::x2, "y"},
    {Feature::x1_squared, "xSquared"},
    {Feature::x2_squared, "ySquared"},
    {Feature::x1_times_x2, "xTimesY"},
    {Feature::sin_x1, "sinX"},
    {Feature::sin_x2, "sinY"},
}};

// The engine's features, in TFP's input-node order, for the TFP input keys that are on (any order,
// each at most once). An unknown key throws bp::Error naming `features` with the accepted keys;
// "cosX" / "cosY" get their own message (they have no effect in TFP).
std::vector<Feature> features_from_keys(const std::vector<std::string>& keys);

}  // namespace bp::tfp
