#include "train/options.hpp"

#include <cmath>
#include <string>

#include "error.hpp"

namespace bp {
namespace {
void require_range(double value, double lo, double hi, bool lo_open, const std::string& field,
                   const std::string& hint) {
  const bool ok = std::isfinite(value) && (lo_open ? value > lo : value >= lo) && value <= hi;
  BP_REQUIRE(ok, field,
             "must be a number in " + std::string(lo_open ? "(" : "[") + format_number(lo) + ", " +
                 format_number(hi) + "]; got " + format_number(value) + hint);
}
}  // namespace

void ModelOptions::validate() const {
  network.validate();
  const TrainOptions& t = train;
  cost_check_output(t.cost, network.activations.back());
  require_range(t.learning_rate, 0.0, 100.0, true, "learningRate", "");
  require_range(t.momentum, 0.0, 0.9999, false, "momentum", "");
  require_range(t.beta1, 0.0, 0.9999, false, "beta1", "");
  require_range(t.beta2, 0.0, 0.99999, false, "beta2", "");
  require_range(t.rho, 0.0, 0.9999, false, "rho", "");
  require_range(t.epsilon, 0.0, 1.0, true, "epsilon", "");
  require_range(t.regularization_rate, 0.0, 10.0, false, "regularizationRate", "");
  require_range(t.dropout, 0.0, 0.95, false, "dropout",
                " (the probability of dropping a hidden neuron while training)");
  require_range(t.decay_rate, 0.0, 1.0, true, "decayRate", "");
  BP_REQUIRE(t.decay_steps >= 1 && t.decay_steps <= 1'000'000'000, "decaySteps",
          "must be an integer in [1, 1000000000]; got " + std::to_string(t.decay_steps));
  BP_REQUIRE(t.batch_size >= 1 && t.batch_size <= kMaxBatchSize, "batchSize",
          "must be an integer in [1, " + std::to_string(kMaxBatchSize) + "]; got " +
              std::to_string(t.batch_size));
  if (t.tfp_mode) {
    const std::string why = " (tfpMode trains as TensorFlow Playground does: plain SGD on ½(a - y)², "
                            "a constant learning rate, no dropout, one output)";
    BP_REQUIRE(t.optimizer == Optimizer::sgd, "optimizer", "must be 'sgd' with tfpMode" + why);
    BP_REQUIRE(t.cost == Cost::quadratic, "cost", "must be 'quadratic' with tfpMode" + why);
    BP_REQUIRE(t.schedule == Schedule::constant, "schedule", "must be 'constant' with tfpMode" + why);
    BP_REQUIRE(t.dropout == 0.0, "dropout", "must be 0 with tfpMode" + why);
    BP_REQUIRE(network.sizes.back() == 1, "layers",
               "must end with 1 output with tfpMode" + why);
  }
  if (!features.empty()) {
    BP_REQUIRE(static_cast<int>(features.size()) == network.sizes.front(), "layers[0]",
            "the input layer has " + std::to_string(network.sizes.front()) + " neurons but " +
                std::to_string(features.size()) +
                " input features are selected; they must be equal");
    for (std::size_t i = 0; i < features.size(); ++i)
      for (std::size_t j = i + 1; j < features.size(); ++j)
        BP_REQUIRE(features[i] != features[j], "features",
                "'" + std::string(enum_name(kFeatureNames, features[i])) + "' is listed twice");
  }
}

}  // namespace bp
