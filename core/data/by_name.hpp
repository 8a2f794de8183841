#pragma once
// Entry points for outside callers (the JS API, the page's URL state) that pass names and plain
// numbers: names are parsed with the accepted values in the error, seeds checked to be whole
// numbers in [0, 2^32).
#include <cstdint>
#include <string_view>

#include "data/dataset.hpp"
#include "whole_number.hpp"

namespace bp {

// A seed: whole_number in [0, 4294967295].
std::uint32_t seed_from_number(double seed);

Dataset generate_by_name(std::string_view kind, double num_samples, double noise, double seed);
Dataset parse_csv_by_name(std::string_view text, std::string_view task);
Dataset parse_builtin_by_name(std::string_view name, std::string_view text);
Split split_by_seed(const Dataset& data, double train_ratio, double seed);

}  // namespace bp
