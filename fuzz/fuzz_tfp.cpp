// libFuzzer target: the TensorFlow Playground entry points (core/tfp/by_name.*): data set names,
// noise and train percentage as JS numbers (any double, NaN included), seed strings of any bytes,
// layer lists, input keys. Input layout (FuzzedDataProvider): a name, a seed, the numbers, then keys.
// Properties: a rejection is bp::Error with a message; results are deterministic for a seed
// (two calls agree bit for bit), Math.random() values lie in [0, 1) and a shorter sequence is a
// prefix of a longer one, a split has finite 2-D points and TFP's train size floor(n * percTrainData / 100), initial weights are
// finite and as many as the layers need, feature names are known and one per distinct key.
#include <fuzzer/FuzzedDataProvider.h>

#include <cmath>
#include <string>
#include <vector>

#include "fuzz_check.hpp"
#include "names.hpp"
#include "tfp/by_name.hpp"

namespace {

using bp_fuzz::require;

const char* const kNames[] = {"circle", "xor", "gauss", "spiral", "reg-plane", "reg-gauss"};

// Mostly a real name (so the generators run), sometimes whatever the bytes say.
std::string pick_name(FuzzedDataProvider& in) {
  const unsigned choice = in.ConsumeIntegralInRange<unsigned>(0, 7);
  if (choice < 6) return kNames[choice];
  return in.ConsumeRandomLengthString(32);
}

// A JS number: mostly in the slider's range, sometimes any double (NaN, infinities, huge).
double pick_number(FuzzedDataProvider& in, double lo, double hi) {
  if (in.ConsumeBool()) return in.ConsumeFloatingPoint<double>();
  return in.ConsumeFloatingPointInRange<double>(lo, hi);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const unsigned char* data, std::size_t size) {
  FuzzedDataProvider in(data, size);
  const std::string name = pick_name(in);
  const std::string seed = in.ConsumeRandomLengthString(64);
  const double noise = pick_number(in, 0, 80);
  const double perc = pick_number(in, 10, 90);

  // Math.seedrandom(seed) then Math.random(): deterministic, in [0, 1), prefix-consistent.
  const double count = in.ConsumeBool() ? in.ConsumeFloatingPoint<double>()
                                        : in.ConsumeIntegralInRange<int>(0, 64);
  std::vector<double> values;
  if (bp_fuzz::accepts([&] { values = bp::tfp::random_numbers(seed, count); })) {
    for (double v : values) require(v >= 0.0 && v < 1.0, "Math.random() outside [0, 1)");
    if (!values.empty()) {
      const std::vector<double> shorter = bp::tfp::random_numbers(seed, double(values.size() - 1));
      require(std::equal(shorter.begin(), shorter.end(), values.begin()),
              "a shorter random sequence is not a prefix of a longer one");
    }
  }

  bp::Split split;
  if (bp_fuzz::accepts([&] { split = bp::tfp::split_by_name(name, noise, perc, seed); })) {
    const bp::Split again = bp::tfp::split_by_name(name, noise, perc, seed);
    require(split.train.x == again.train.x && split.test.x == again.test.x &&
                split.train.labels == again.train.labels && split.train.y == again.train.y,
            "split_by_name is not deterministic for a seed");
    require(split.train.x.allFinite() && split.test.x.allFinite(), "a TFP point is not finite");
    require(split.train.x.rows() == 2 && split.test.x.rows() == 2, "a TFP point is not 2-D");
    // TFP: splitIndex = Math.floor(data.length * percTrainData / 100), the first part trains.
    const bp::Index total = split.train.num_samples() + split.test.num_samples();
    require(total >= 1 && split.train.num_samples() ==
                              static_cast<bp::Index>(std::floor(double(total) * perc / 100)),
            "a TFP split's train size is not floor(n * percTrainData / 100)");
    require((split.train.num_samples() == 0 || bp_fuzz::accepts([&] { split.train.validate(); })) &&
                (split.test.num_samples() == 0 || bp_fuzz::accepts([&] { split.test.validate(); })),
            "a TFP split fails validate()");
  }

  // Layers: mostly small widths (so a step stays fast), sometimes any double.
  std::vector<double> layers(in.ConsumeIntegralInRange<std::size_t>(0, 6));
  for (double& l : layers)
    l = in.ConsumeIntegralInRange<int>(0, 15) == 0 ? in.ConsumeFloatingPoint<double>()
                                                   : in.ConsumeIntegralInRange<int>(1, 8);
  const bool init_zero = in.ConsumeBool();
  bp::Vector<double> weights;
  if (bp_fuzz::accepts([&] {
        weights = bp::tfp::initial_weights_by_name(name, noise, perc, seed, layers, init_zero);
      })) {
    bp::Index expected = 0;
    for (std::size_t i = 0; i + 1 < layers.size(); ++i)
      expected += static_cast<bp::Index>(layers[i + 1]) * (static_cast<bp::Index>(layers[i]) + 1);
    require(weights.size() == expected, "initial weights of the wrong length");
    require(weights.allFinite(), "an initial weight is not finite");
    const bp::Vector<double> again =
        bp::tfp::initial_weights_by_name(name, noise, perc, seed, layers, init_zero);
    require(weights == again, "initial weights are not deterministic for a seed");
  }

  std::vector<std::string> keys;
  while (in.remaining_bytes() > 0 && keys.size() < 16) keys.push_back(in.ConsumeRandomLengthString(16));
  std::vector<std::string> features;
  if (bp_fuzz::accepts([&] { features = bp::tfp::feature_names_from_keys(keys); })) {
    require(features.size() <= keys.size(), "more features than keys");
    for (const std::string& f : features) require(!f.empty(), "an empty feature name");
  }
  return 0;
}
