#pragma once
// A training run: network, optimizer state, data, seeded RNG, mini-batches with a per-epoch shuffle,
// the learning-rate schedule, regularization, dropout, divergence guard and loss history.
//
// Randomness: the initial weights come from Rng(seed) (so reset() reproduces them), shuffles and
// dropout masks from a second stream Rng(seed + 0x9e3779b9). Nothing else draws random numbers.
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "data/dataset.hpp"
#include "math/rng.hpp"
#include "metrics/metrics.hpp"
#include "nn/network.hpp"
#include "tfp/sgd.hpp"
#include "train/history.hpp"
#include "train/optimizer.hpp"
#include "train/options.hpp"
#include "train/trace.hpp"
#include "train/finite_difference.hpp"
#include "train/pending_update.hpp"

namespace bp {

struct StepReport {
  Index steps = 0;        // optimizer steps taken in this run so far
  Index epoch = 0;        // completed passes over the training set
  double loss = 0.0;      // mean cost of the last batch (without the penalty)
  bool diverged = false;  // the run stopped on a non-finite loss or parameter
};

struct Metrics {
  double train_loss = 0.0;
  double test_loss = 0.0;  // NaN without a test set
  double train_accuracy = 0.0;  // classification only (NaN for regression)
  double test_accuracy = 0.0;
  double train_r2 = 0.0;  // regression only (NaN for classification)
  double test_r2 = 0.0;
};

// Limits of one call (the bindings check JS numbers against the same constants).
inline constexpr Index kMaxStepsPerCall = 100'000'000;
inline constexpr Index kMaxEpochsPerCall = 1'000'000;
inline constexpr int kMaxGridSide = 1024;

template <typename Scalar>
class Trainer {
 public:
  explicit Trainer(ModelOptions options);  // validates, builds and initialises the network

  const ModelOptions& options() const { return options_; }
  Network<Scalar>& network() { return net_; }
  const Network<Scalar>& network() const { return net_; }
  OptimizerState<Scalar>& optimizer() { return optimizer_; }

  // Takes the data for training and evaluation. With options().features set, the data must be 2-D
  // points and the features are derived here. With standardize, a z-score fitted on `train` is
  // applied to both sets (and to later predictions). Throws bp::Error (state unchanged) when the
  // data does not fit the network: feature count, class count, output size, task, NaN or Inf.
  void set_data(const Dataset& train, const Dataset& test, bool standardize);
  bool has_data() const { return n_train_ > 0; }
  Index train_size() const { return n_train_; }
  Index test_size() const { return n_test_; }

  // Trains n mini-batch steps (stops early on divergence). Allocates nothing.
  StepReport train_steps(Index n);
  // Trains until n more epochs are complete (stops early on divergence).
  StepReport train_epochs(Index n);
  const StepReport& report() const { return report_; }
  // Why the run stopped, or "" while it is healthy.
  const std::string& divergence_message() const { return divergence_message_; }
  // After a divergence the parameters are those of the last step whose loss was finite; this clears
  // the flag so training can go on (typically after lowering the learning rate).
  void clear_divergence();
  // Back to the weights at the end of the last healthy epoch (finite loss within 1.5x of the best
  // epoch so far; the initial weights before the first epoch), with fresh optimizer moments, and
  // clears the divergence flag. What the page's "back to the last good weights" button does.
  void restore_healthy();
  void set_learning_rate(double eta);

  // Back to the initial weights of this seed, epoch 0, empty history, fresh optimizer state.
  void reset();
  // New seed: new initial weights (and shuffles), then reset().
  void reseed(std::uint32_t seed);

  Metrics evaluate();
  const History& history() const { return history_; }
  // Confusion matrix on the train (false) or test (true) split; classification only.
  Eigen::MatrixXi confusion(bool test);

  // Network outputs for raw inputs x (raw features × n; the features and the standardization of
  // set_data are applied). Returns n_out × n.
  Matrix<Scalar> predict(const Eigen::Ref<const Matrix<Scalar>>& x);
  // The same from a flat column-major array of n samples (values.size() must be a multiple of n).
  Matrix<Scalar> predict_flat(std::span<const Scalar> values, Index n);
  // Predicted class per sample of a flat column-major array of n raw samples, by the rule of
  // metrics' predict_classes with output_threshold(). Classification only (throws for regression).
  std::vector<int> predict_classes_flat(std::span<const Scalar> values, Index n);
  // The single-output class threshold: 0 for tanh outputs (targets -1/1), else 0.5.
  double output_threshold() const;

  // Decision-boundary grid for 2-D problems: nx × ny points, x_i = x0 + i (x1-x0)/(nx-1),
  // y_j = y0 + j (y1-y0)/(ny-1), point index p = j * nx + i (row j = y_j, bottom row first).
  // output_grid(): n_out × (nx ny). neuron_grid(): every neuron of every layer, input features
  // first, then hidden layers, then outputs: (sum of all layer sizes) × (nx ny).
  // Buffers are owned by the trainer and reused: no allocation when the size repeats.
  const Matrix<Scalar>& predict_grid(double x0, double x1, double y0, double y1, int nx, int ny,
                                     bool all_neurons);

  // The trace of training sample i (a column of the training set as set_data received it, not the
  // epoch's shuffled order) under the current weights, exactly as training sees the sample (derived
  // features, standardization): z, sigma'(z), dC/da and delta per weight layer, a per level, and the
  // gradient of that one sample's cost C(a^L(x_i), y_i) in the layout of parameters() (no
  // regularization, no dropout, no batch mean); also its raw input, target, label and prediction.
  // See train/trace.hpp. Throws bp::Error ("sample: ...") without data or for i outside
  // [0, train_size()). Changes nothing of the training run (parameters, optimizer, RNG, history,
  // the network's workspaces and gradients): the trace runs on a network of its own. The result is
  // valid until the next trace_sample; after the first call a trace allocates nothing.
  const SampleTrace<Scalar>& trace_sample(Index i, DeltaRule rule = DeltaRule::backprop);
  // A sample index from outside (the JS API): a whole number in [0, train_size() - 1], or a
  // bp::Error naming "sample" and that range (or saying there is no data).
  Index train_sample_index(double value) const;

  // --- issue 13 §4: finite difference and pending update (train/finite_difference.hpp,
  // train/pending_update.hpp). Both change nothing of the training run and allocate nothing after
  // their first call.
  // Central difference, in double, of training sample i's own cost C(a^L(x_i), y_i) for parameter p
  // (layout of parameters()), h = kFiniteDifferenceStep. Throws "sample: ..." / "parameterIndex: ...".
  FiniteDifferenceResult finite_difference(Index parameter, Index i);
  // What the next step will do to parameter p: the next batch's gradient, the optimizer's state and
  // the new value (bit-identical to the value after train_steps(1)). Valid until the next call.
  // Throws without data, for a bad index, and in tfpMode (its per-example accumulation has no single
  // batch gradient to show).
  const PendingUpdate<Scalar>& pending_update(Index parameter);
  // A parameter index from outside (the JS API): a whole number in [0, parameters - 1].
  Index parameter_index(double value) const;

  // Replaces parameter i (validated index and finite value).
  void set_parameter(Index i, double value);
  // The parameters before training started (what reset() restores).
  const Vector<Scalar>& initial_parameters() const { return initial_parameters_; }
  // Loads parameters (e.g. from a model file); they become the new initial and last-good state.
  void load_parameters(const Vector<Scalar>& parameters, bool as_initial);

  // The training data in network form (features derived, standardized) and encoded targets.
  const Matrix<Scalar>& train_inputs() const { return x_train_; }
  const Matrix<Scalar>& train_targets() const { return y_train_; }
  Task task() const { return task_; }
  // The current epoch's order of training columns (reshuffled at the first step of each epoch).
  const std::vector<Index>& batch_order() const { return order_; }
  int num_classes() const { return num_classes_; }
  // tfpMode: the weights TensorFlow Playground's L1 rule has frozen at 0 (1 per parameter).
  const std::vector<std::uint8_t>& tfp_dead() const { return tfp_.dead(); }

  const std::optional<Standardizer>& standardizer() const { return standardizer_; }
  void set_standardizer(std::optional<Standardizer> s) { standardizer_ = std::move(s); }

 private:
  static constexpr Index kEvalChunk = 512;
  // Mean cost and metric (accuracy or R^2) of one split; NaN for both with no samples.
  struct Score {
    double loss;
    double metric;
  };
  // Raw data (raw features × n) to network form: derived features, then standardize_inputs.
  void prepare_inputs(const Eigen::Ref<const Matrix<double>>& raw, Matrix<Scalar>& out) const;
  // The one place inputs are standardized (training data, predict, the grid): checks the row count
  // against the standardizer before touching any row. No-op without a standardizer.
  // Takes a Matrix, not an Eigen::Ref<Matrix<Scalar>>: see Standardizer::apply (data/dataset.hpp).
  void standardize_inputs(Matrix<Scalar>& inputs) const;
  // The one chunked forward pass over inputs in network form: for each chunk of at most kEvalChunk
  // columns, forwards it and calls each(start, m, a_L); the network's views (a(level)) hold that chunk.
  template <typename Each>
  void forward_chunks(const Eigen::Ref<const Matrix<Scalar>>& inputs, Each&& each);
  // Loss and metric of the train (false) or test (true) split in one pass; `classes`, when given,
  // receives the predicted class per sample (classification).
  Score score(bool test, std::vector<int>* classes = nullptr);
  void step_once();
  // One step of tfpMode: the examples up to the next TFP update (or the epoch's end), one at a time.
  void step_once_tfp();
  void start_epoch_sums();
  // The divergence guard's snapshot: parameters, optimizer moments and step counts as they are now.
  void remember_good_state();
  void diverge(const std::string& why);
  void record_epoch();

  ModelOptions options_;
  Network<Scalar> net_;
  OptimizerState<Scalar> optimizer_;
  Rng rng_;
  Vector<Scalar> initial_parameters_;

  // Data in network form (after features and standardization), targets encoded.
  Matrix<Scalar> x_train_, y_train_, x_test_, y_test_;
  std::vector<int> labels_train_, labels_test_;
  Matrix<double> raw_y_train_, raw_y_test_;
  Matrix<double> raw_x_train_;  // the training inputs as given (trace_sample's raw input)
  Task task_ = Task::classification;
  int num_classes_ = 0;
  Index n_train_ = 0, n_test_ = 0;
  std::optional<Standardizer> standardizer_;

  // Batching: a permutation of the training columns, reshuffled at each epoch start.
  std::vector<Index> order_;
  Index cursor_ = 0;
  double epoch_loss_sum_ = 0.0;  // sum of batch loss x batch size since the epoch began
  AccuracySums epoch_accuracy_;  // over the epoch's batches (classification)
  RSquaredSums epoch_r2_;        // over the epoch's batches (regression)
  RSquaredSums score_r2_;        // reused by score(): no allocation at an epoch's end
  Matrix<Scalar> y_batch_;
  tfp::Accumulator<Scalar> tfp_;  // tfpMode's accumulated derivatives and dead weights

  // Divergence guard: parameters and optimizer moments of the last step with a finite loss.
  Vector<Scalar> good_parameters_, good_m_, good_v_;
  Index good_steps_ = 0;         // optimizer steps at the snapshot
  Index good_report_steps_ = 0;  // report().steps at the snapshot
  std::string divergence_message_;
  Vector<Scalar> healthy_parameters_;
  double best_epoch_loss_ = 0.0;

  StepReport report_;
  History history_;
  Matrix<Scalar> grid_points_, grid_inputs_, grid_out_;
  std::optional<SampleTracer<Scalar>> tracer_;  // built by the first trace_sample
  std::optional<SampleFiniteDifference> finite_difference_;  // built by the first finite_difference
  std::optional<PendingWorkspace<Scalar>> pending_;            // built by the first pending_update
};

extern template class Trainer<float>;
extern template class Trainer<double>;

}  // namespace bp
