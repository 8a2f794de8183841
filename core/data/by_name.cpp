#include "data/by_name.hpp"

#include <cmath>
#include <string>

#include "data/csv.hpp"
#include "data/from_arrays.hpp"
#include "data/generators.hpp"
#include "error.hpp"

namespace bp {

std::uint32_t seed_from_number(double seed) {
  return static_cast<std::uint32_t>(whole_number(seed, "seed", 0, 4294967295.0));
}

Dataset generate_by_name(std::string_view kind, double num_samples, double noise, double seed) {
  const Generator g = enum_from_name(kGeneratorNames, kind, "dataset");
  const Index n = whole_number(num_samples, "numSamples", 1, static_cast<double>(kMaxSamples));
  BP_REQUIRE(std::isfinite(noise) && noise >= 0 && noise <= 1, "noise", "must be in [0, 1]");
  Rng rng(seed_from_number(seed));
  return generate(g, n, noise, rng);
}

Dataset parse_csv_by_name(std::string_view text, std::string_view task) {
  return parse_csv(text, CsvOptions{enum_from_name(kCsvTaskNames, task, "task")});
}

Dataset parse_builtin_by_name(std::string_view name, std::string_view text) {
  return parse_builtin(enum_from_name(kBuiltinNames, name, "builtin"), text);
}

Split split_by_seed(const Dataset& data, double train_ratio, double seed) {
  BP_REQUIRE(std::isfinite(train_ratio) && train_ratio > 0 && train_ratio <= 1, "trainRatio",
             "must be in (0, 1]");
  Rng rng(seed_from_number(seed));
  return split_dataset(data, train_ratio, rng);
}

}  // namespace bp
