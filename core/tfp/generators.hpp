#pragma once
// TensorFlow Playground's data, point for point: its six generators (src/dataset.ts), its
// Fisher-Yates shuffle and its train/test split (generateData() in src/playground.ts), all drawing
// from one seedrandom ARC4 stream in TFP's order. (data/generators.hpp has the same geometry on the
// engine's own Rng; this one reproduces TFP's exact numbers.)
#include <string_view>
#include <vector>

#include "data/dataset.hpp"
#include "names.hpp"
#include "tfp/arc4.hpp"

namespace bp::tfp {

// The keys of TFP's `dataset` (classification) and `regDataset` (regression) maps in src/state.ts.
enum class TfpDataset { circle, xor_, gauss, spiral, reg_plane, reg_gauss };

inline constexpr NameTable<TfpDataset, 6> kTfpDatasetNames{{
    {TfpDataset::circle, "circle"},
    {TfpDataset::xor_, "xor"},
    {TfpDataset::gauss, "gauss"},
    {TfpDataset::spiral, "spiral"},
    {TfpDataset::reg_plane, "reg-plane"},
    {TfpDataset::reg_gauss, "reg-gauss"},
}};

bool is_regression(TfpDataset dataset);
// NUM_SAMPLES_CLASSIFY = 500, NUM_SAMPLES_REGRESS = 1200 (src/playground.ts).
int num_samples(TfpDataset dataset);

// dataset.ts's Example2D: classification labels are -1 or 1, regression labels real.
struct Example2D {
  double x;
  double y;
  double label;
};

// generator(numSamples, noise) of dataset.ts: noise is the fraction (TFP passes slider / 100).
std::vector<Example2D> generate(TfpDataset dataset, int num_samples, double noise, Arc4& rng);

// dataset.ts's shuffle(): counter = n; while (counter > 0) { index = floor(random() * counter);
// counter--; swap(array[counter], array[index]) }. Draws n numbers.
void shuffle(std::vector<Example2D>& points, Arc4& rng);

// generateData(true) of playground.ts with `rng` freshly seeded (Math.seedrandom(state.seed)):
// num_samples(dataset) points with noise = noise_slider / 100, shuffled, split at
// floor(n * percTrainData / 100): the first part is train, the rest test. Classification labels
// -1/1 become class indices 0/1 (encode_targets gives -1/1 back for a tanh output); regression
// labels are the targets. `rng` is left where TFP's stream is when buildNetwork starts.
// noise_slider in [0, 80] (TFP's page keeps it there), perc_train_data in [0, 100]; otherwise
// bp::Error naming `noise` or `percTrainData`.
Split generate_split(TfpDataset dataset, double noise_slider, double perc_train_data, Arc4& rng);

// The points in dataset.ts's form, for tests: generate + shuffle, before the split.
std::vector<Example2D> generate_shuffled(TfpDataset dataset, double noise_slider, Arc4& rng);

}  // namespace bp::tfp
