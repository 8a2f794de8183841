#include "tfp/by_name.hpp"

#include "tfp/features.hpp"
#include "tfp/weights.hpp"
#include "whole_number.hpp"

namespace bp::tfp {

Split split_by_name(std::string_view dataset, double noise, double perc_train_data,
                    std::string_view seed) {
  const TfpDataset kind = enum_from_name(kTfpDatasetNames, dataset, "dataset");
  Arc4 rng(seed);
  return generate_split(kind, noise, perc_train_data, rng);
}

Vector<double> initial_weights_by_name(std::string_view dataset, double noise,
                                       double perc_train_data, std::string_view seed,
                                       const std::vector<double>& layers, bool init_zero) {
  const TfpDataset kind = enum_from_name(kTfpDatasetNames, dataset, "dataset");
  BP_REQUIRE(layers.size() >= 2 && layers.size() <= static_cast<std::size_t>(kMaxHiddenLayers) + 2,
             "layers", "needs the input size, the hidden sizes and 1 output, e.g. [2, 4, 2, 1]");
  std::vector<int> sizes;
  for (std::size_t i = 0; i < layers.size(); ++i)
    sizes.push_back(static_cast<int>(
        whole_number(layers[i], "layers", 1, kMaxLayerWidth, static_cast<Index>(i))));
  return start(kind, noise, perc_train_data, seed, sizes, init_zero).parameters;
}

std::vector<double> random_numbers(std::string_view seed, double count) {
  std::vector<double> values(
      static_cast<std::size_t>(whole_number(count, "count", 0, static_cast<double>(kMaxSamples))));
  Arc4 rng(seed);
  for (double& v : values) v = rng.next();
  return values;
}

std::vector<std::string> feature_names_from_keys(const std::vector<std::string>& keys) {
  std::vector<std::string> names;
  for (const Feature f : features_from_keys(keys)) names.emplace_back(enum_name(kFeatureNames, f));
  return names;
}

}  // namespace bp::tfp
