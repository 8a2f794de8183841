// bp_demo: the native "main job". Trains the playground network on the 2-D spiral and prints an
// ASCII loss curve and the final accuracy, then trains a 64-32-10 network on the UCI digits and
// prints its test accuracy and confusion matrix.
//
//   bp_demo [--data-dir DIR]     (default: the repository's data/ folder, fixed at compile time)
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "data/csv.hpp"
#include "data/generators.hpp"
#include "error.hpp"
#include "train/trainer.hpp"

#ifndef BP_DATA_DIR
#define BP_DATA_DIR "data"
#endif

namespace {

using bp::Index;
using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    throw bp::Error("--data-dir: cannot open " + path + "; pass the folder holding digits.csv");
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// "#########               " : value on a scale where `full` fills `width` characters.
std::string bar(double value, double full, int width) {
  const double fraction = full > 0 ? std::clamp(value / full, 0.0, 1.0) : 0.0;
  const int filled = static_cast<int>(std::lround(fraction * width));
  return std::string(filled, '#') + std::string(width - filled, ' ');
}

// Trains `epochs` epochs, printing the train/test loss every `every` epochs as a bar chart whose
// scale is the loss before training. Returns the final metrics.
bp::Metrics train_with_curve(bp::Trainer<float>& trainer, int epochs, int every) {
  const bp::Metrics start = trainer.evaluate();
  const double full = std::max(start.train_loss, start.test_loss);
  std::printf("  epoch   train loss  test loss   (bar: test loss, full width = %.3f)\n", full);
  std::printf("  %5d   %10.4f  %9.4f   |%s|\n", 0, start.train_loss, start.test_loss,
              bar(start.test_loss, full, 40).c_str());
  bp::Metrics metrics = start;
  for (int epoch = every; epoch <= epochs; epoch += every) {
    const bp::StepReport report = trainer.train_epochs(every);
    metrics = trainer.evaluate();
    std::printf("  %5d   %10.4f  %9.4f   |%s|\n", epoch, metrics.train_loss, metrics.test_loss,
                bar(metrics.test_loss, full, 40).c_str());
    if (report.diverged) {
      std::printf("  diverged: %s\n", trainer.divergence_message().c_str());
      break;
    }
  }
  return metrics;
}

void print_confusion(const Eigen::MatrixXi& confusion) {
  std::printf("  true \\ predicted");
  for (Index k = 0; k < confusion.cols(); ++k) std::printf("%4d", static_cast<int>(k));
  std::printf("\n");
  for (Index r = 0; r < confusion.rows(); ++r) {
    std::printf("  %16d", static_cast<int>(r));
    for (Index k = 0; k < confusion.cols(); ++k) std::printf("%4d", confusion(r, k));
    std::printf("\n");
  }
}

// The playground network 2-8-8-1 (tanh) on the raw spiral coordinates x1, x2, the same network the
// benchmarks time. Measured with this split, 1000 epochs, batch 10: Adam eta 0.003
// reaches 97.6-98.4% test accuracy for seeds 1-3; SGD needs eta ~0.03 (91.6-98.0%) and stalls near
// 70% at 0.003. The 7-feature variant (x1, x2, x1^2, x2^2, x1*x2, sin x1, sin x2 into 7-8-8-1) also
// passes 90% but is no better here, so the demo keeps the plain network.
void run_spiral() {
  const auto start = Clock::now();
  bp::Rng rng(7);
  const bp::Dataset all = bp::generate(bp::Generator::spiral, 500, 0.0, rng);
  const bp::Split split = bp::split_dataset(all, 0.5, rng);

  bp::ModelOptions options;
  options.network.sizes = {2, 8, 8, 1};
  options.network.activations = {bp::Activation::tanh, bp::Activation::tanh, bp::Activation::tanh};
  options.train.cost = bp::Cost::quadratic;
  options.train.init = bp::Init::glorot;
  options.train.optimizer = bp::Optimizer::adam;
  options.train.learning_rate = 0.003;
  options.train.batch_size = 10;
  options.train.seed = 1;
  bp::Trainer<float> trainer(options);
  trainer.set_data(split.train, split.test, false);

  std::printf(
      "Spiral: 500 points, noise 0, 250 train / 250 test, inputs x1 x2\n"
      "Network 2-8-8-1 tanh, quadratic cost, Adam eta 0.003, batch 10, glorot init, seed 1\n");
  const bp::Metrics m = train_with_curve(trainer, 1000, 50);
  std::printf("  train accuracy %.1f%%   test accuracy %.1f%%   (%.2f s)\n\n",
              100 * m.train_accuracy, 100 * m.test_accuracy, seconds_since(start));
}

void run_digits(const std::string& data_dir) {
  const auto start = Clock::now();
  const bp::Dataset all =
      bp::parse_builtin(bp::Builtin::digits, read_file(data_dir + "/digits.csv"));
  bp::Rng rng(11);
  const bp::Split split = bp::split_dataset(all, 0.8, rng);

  bp::ModelOptions options;
  options.network.sizes = {64, 32, 10};
  options.network.activations = {bp::Activation::relu, bp::Activation::softmax};
  options.train.cost = bp::Cost::cross_entropy;
  options.train.init = bp::Init::he;
  options.train.optimizer = bp::Optimizer::adam;
  options.train.learning_rate = 0.003;
  options.train.batch_size = 32;
  options.train.seed = 1;
  bp::Trainer<float> trainer(options);
  trainer.set_data(split.train, split.test, true);

  std::printf(
      "Digits (UCI 8x8): %ld samples, %ld train / %ld test, standardized\n"
      "Network 64-32-10 relu/softmax, cross-entropy, Adam eta 0.003, batch 32, he init, "
      "seed 1\n",
      static_cast<long>(all.num_samples()), static_cast<long>(trainer.train_size()),
      static_cast<long>(trainer.test_size()));
  const bp::Metrics m = train_with_curve(trainer, 60, 5);
  std::printf("  train accuracy %.1f%%   test accuracy %.1f%%   (%.2f s)\n", 100 * m.train_accuracy,
              100 * m.test_accuracy, seconds_since(start));
  std::printf("  test confusion matrix (rows: true digit, columns: predicted)\n");
  print_confusion(trainer.confusion(true));
}

}  // namespace

int main(int argc, char** argv) {
  std::string data_dir = BP_DATA_DIR;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "--data-dir" && i + 1 < argc) {
      data_dir = argv[++i];
    } else {
      std::fprintf(stderr, "usage: %s [--data-dir DIR]   (default %s)\n", argv[0], BP_DATA_DIR);
      return arg == "--help" || arg == "-h" ? 0 : 2;
    }
  }
  try {
    run_spiral();
    run_digits(data_dir);
  } catch (const bp::Error& e) {
    std::fprintf(stderr, "bp_demo: %s\n", e.what());
    return 1;
  }
  return 0;
}
