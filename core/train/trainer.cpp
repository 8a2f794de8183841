#include "train/trainer.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <string>

#include "error.hpp"
#include "metrics/metrics.hpp"
#include "train/regularization.hpp"
#include "whole_number.hpp"

namespace bp {
namespace {
constexpr std::uint64_t kShuffleStream = 0x9e3779b9u;
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
}  // namespace

template <typename Scalar>
Trainer<Scalar>::Trainer(ModelOptions options)
    : options_((options.validate(), std::move(options))),
      net_(options_.network),
      optimizer_(options_.train, net_.layout().size),
      rng_(options_.train.seed + kShuffleStream) {
  Rng init_rng(options_.train.seed);
  net_.initialize(options_.train.init, init_rng);
  initial_parameters_ = net_.parameters();
  net_.reserve(std::max<Index>(options_.train.batch_size, kEvalChunk), options_.train.dropout > 0);
  y_batch_.resize(net_.output_size(), options_.train.batch_size);
  reset();
}

template <typename Scalar>
void Trainer<Scalar>::standardize_inputs(Matrix<Scalar>& inputs) const {
  if (standardizer_) standardizer_->apply(inputs);  // checks the row count first
}

template <typename Scalar>
void Trainer<Scalar>::prepare_inputs(const Eigen::Ref<const Matrix<double>>& raw,
                                     Matrix<Scalar>& out) const {
  if (!options_.features.empty()) {
    BP_REQUIRE(raw.rows() == 2, "data",
            "has " + std::to_string(raw.rows()) +
                " input columns, but derived features (x1^2, sin(x1), ...) need 2-D points; "
                "clear 'features' to use the data's own columns");
    out = derive_features<Scalar>(raw.cast<Scalar>(), options_.features);
  } else {
    out = raw.cast<Scalar>();
  }
  standardize_inputs(out);
}

template <typename Scalar>
template <typename Each>
void Trainer<Scalar>::forward_chunks(const Eigen::Ref<const Matrix<Scalar>>& inputs, Each&& each) {
  for (Index start = 0; start < inputs.cols(); start += kEvalChunk) {
    const Index m = std::min(kEvalChunk, inputs.cols() - start);
    net_.input(m) = inputs.middleCols(start, m);
    each(start, m, net_.forward_input(m));
  }
}

template <typename Scalar>
void Trainer<Scalar>::set_data(const Dataset& train, const Dataset& test, bool standardize) {
  train.validate();
  if (test.num_samples() > 0) test.validate();
  BP_REQUIRE(train.num_samples() > 0, "data", "the training set is empty; add at least one sample");
  BP_REQUIRE(test.num_samples() == 0 || test.num_features() == train.num_features(), "data",
          "train and test sets have different feature counts");
  BP_REQUIRE(test.num_samples() == 0 || test.task == train.task, "data",
          "train and test sets are of different tasks");
  const Index n_in = options_.features.empty() ? train.num_features()
                                               : static_cast<Index>(options_.features.size());
  BP_REQUIRE(n_in == net_.input_size(), "layers[0]",
          "the input layer has " + std::to_string(net_.input_size()) + " neurons but the data has " +
              std::to_string(n_in) + " input features; make them equal");
  const Cost cost = options_.train.cost;
  if (train.task == Task::regression)
    BP_REQUIRE(cost == Cost::quadratic || cost == Cost::huber, "cost",
            "a regression data set needs the quadratic or huber cost");
  const Activation out_sigma = net_.output_activation();
  const double negative = out_sigma == Activation::tanh ? -1.0 : 0.0;
  // Everything is built in locals first: on any error the trainer keeps its previous data.
  const Matrix<double> y_train = encode_targets(train, net_.output_size(), negative);
  const Matrix<double> y_test = test.num_samples() > 0
                                    ? encode_targets(test, net_.output_size(), negative)
                                    : Matrix<double>(net_.output_size(), 0);
  std::optional<Standardizer> previous = standardizer_;
  standardizer_.reset();
  Matrix<Scalar> x_train, x_test;
  try {
    prepare_inputs(train.x, x_train);  // not standardized yet: standardizer_ is empty here
    if (standardize) {
      standardizer_ = Standardizer::fit(x_train.template cast<double>());
      standardize_inputs(x_train);
    }
    if (test.num_samples() > 0) prepare_inputs(test.x, x_test);
    else x_test.resize(n_in, 0);
  } catch (...) {
    standardizer_ = previous;
    throw;
  }
  x_train_ = std::move(x_train);
  x_test_ = std::move(x_test);
  y_train_ = y_train.cast<Scalar>();
  y_test_ = y_test.cast<Scalar>();
  labels_train_ = train.labels;
  labels_test_ = test.labels;
  raw_y_train_ = train.y;
  raw_x_train_ = train.x;
  raw_y_test_ = test.y;
  task_ = train.task;
  num_classes_ = train.num_classes();
  n_train_ = train.num_samples();
  n_test_ = test.num_samples();
  order_.resize(n_train_);
  std::iota(order_.begin(), order_.end(), Index(0));
  cursor_ = 0;
  tfp_.reset(net_.layout().size);
  start_epoch_sums();
}

template <typename Scalar>
void Trainer<Scalar>::start_epoch_sums() {
  epoch_loss_sum_ = 0.0;
  epoch_accuracy_ = AccuracySums{};
  epoch_r2_.reset(net_.output_size());  // allocates only when the output size changes
}

template <typename Scalar>
void Trainer<Scalar>::diverge(const std::string& why) {
  // The bad step is the last update that produced these parameters: go back to before it.
  const Index bad_step = good_report_steps_ + 1;
  net_.parameters() = good_parameters_;
  optimizer_.first_moment() = good_m_;
  optimizer_.second_moment() = good_v_;
  optimizer_.set_steps(good_steps_);
  report_.steps = good_report_steps_;
  report_.diverged = true;
  divergence_message_ =
      why + " after step " + std::to_string(bad_step) + " (epoch " + std::to_string(report_.epoch) +
      "). The weights from before that step are restored. Lower the learning rate (now " +
      format_number(learning_rate_at(options_.train, bad_step - 1)) +
      ") or switch to an adaptive optimizer, then train again.";
}

template <typename Scalar>
void Trainer<Scalar>::remember_good_state() {
  good_parameters_ = net_.parameters();
  good_m_ = optimizer_.first_moment();
  good_v_ = optimizer_.second_moment();
  good_steps_ = optimizer_.steps();
  good_report_steps_ = report_.steps;
}

template <typename Scalar>
void Trainer<Scalar>::step_once() {
  const TrainOptions& o = options_.train;
  if (o.tfp_mode) return step_once_tfp();
  if (cursor_ == 0 && o.shuffle) rng_.shuffle(order_);
  const Index m = std::min<Index>(o.batch_size, n_train_ - cursor_);
  auto x = net_.input(m);
  MatrixMap<Scalar> y(y_batch_.data(), net_.output_size(), m);
  // The batch's columns, gathered with plain loops: a few coefficients each for the playground's
  // 2-D points, where Eigen's per-block setup would cost more than the copy.
  const Index n_x = x.rows(), n_y = y.rows();
  for (Index j = 0; j < m; ++j) {
    const Index column = order_[cursor_ + j];
    const Scalar* x_from = x_train_.data() + column * n_x;
    const Scalar* y_from = y_train_.data() + column * n_y;
    Scalar* x_to = x.data() + j * n_x;
    Scalar* y_to = y.data() + j * n_y;
    for (Index r = 0; r < n_x; ++r) x_to[r] = x_from[r];
    for (Index r = 0; r < n_y; ++r) y_to[r] = y_from[r];
  }
  const auto a_L = net_.forward_input(m, o.dropout, o.dropout > 0 ? &rng_ : nullptr);
  const double loss = static_cast<double>(cost_value<Scalar>(o.cost, a_L, y));
  if (!std::isfinite(loss)) return diverge("The loss became " + std::to_string(loss));
  remember_good_state();
  net_.backward(y, o.cost);
  regularization_add_gradient(net_, o.regularization, o.regularization_rate);
  optimizer_.step(net_.parameters(), net_.gradients(), learning_rate_at(o, report_.steps));
  // Any NaN or infinity makes the sum non-finite; one vectorised sum is cheaper than allFinite().
  if (!std::isfinite(net_.parameters().sum()) && !net_.parameters().allFinite())
    return diverge("A weight became infinite or NaN (the update overflowed)");
  report_.loss = loss;
  epoch_loss_sum_ += loss * static_cast<double>(m);
  // The epoch's train metric comes from its batches, like its train loss: free (a^L is computed
  // already; backward and the update leave it in place) and consistent with the loss column, but
  // measured while the weights move and with dropout active. evaluate() measures the current
  // weights exactly, with another pass over the training set.
  const double threshold = output_threshold();
  for (Index j = 0; j < m; ++j) {
    const Index column = order_[cursor_ + j];
    if (task_ == Task::classification)
      epoch_accuracy_.add(predicted_class(a_L.col(j), threshold), labels_train_[column]);
    else
      epoch_r2_.add(a_L.col(j), raw_y_train_.col(column));
  }
  ++report_.steps;
  cursor_ += m;
  if (cursor_ == n_train_) {
    cursor_ = 0;
    ++report_.epoch;
    record_epoch();
  }
}

// oneStep() of TensorFlow Playground's src/playground.ts, split at its updates:
//   trainData.forEach((point, i) => { forwardProp; backProp;
//     if ((i + 1) % state.batchSize === 0) updateWeights(...) });
// One step here runs the examples from the cursor to the next i with (i + 1) % batchSize == 0, or
// to the epoch's end (the examples left then stay accumulated, as in TFP).
template <typename Scalar>
void Trainer<Scalar>::step_once_tfp() {
  const TrainOptions& o = options_.train;
  const Index B = o.batch_size;
  const Index m = std::min<Index>(B - cursor_ % B, n_train_ - cursor_);
  const Index n_x = x_train_.rows();
  const double threshold = output_threshold();
  remember_good_state();
  double loss_sum = 0.0;
  for (Index j = 0; j < m; ++j) {
    const Index column = cursor_ + j;  // the training data in its own order, never reshuffled
    auto x = net_.input(1);
    for (Index r = 0; r < n_x; ++r) x(r, 0) = x_train_(r, column);
    const auto y = y_train_.col(column);
    const auto a_L = net_.forward_input(1);
    // Errors.SQUARE: ½(a - y)²
    const double loss = static_cast<double>(cost_value<Scalar>(Cost::quadratic, a_L, y));
    if (!std::isfinite(loss)) {
      tfp_.clear();
      return diverge("The loss became " + std::to_string(loss));
    }
    loss_sum += loss;
    if (task_ == Task::classification)
      epoch_accuracy_.add(predicted_class(a_L.col(0), threshold), labels_train_[column]);
    else
      epoch_r2_.add(a_L.col(0), raw_y_train_.col(column));
    net_.backward(y, Cost::quadratic);
    tfp_.add(net_.gradients());
  }
  cursor_ += m;
  if (cursor_ % B == 0) tfp_.update(net_, o.learning_rate, o.regularization, o.regularization_rate);
  if (!std::isfinite(net_.parameters().sum()) && !net_.parameters().allFinite()) {
    tfp_.clear();
    return diverge("A weight became infinite or NaN (the update overflowed)");
  }
  report_.loss = loss_sum / static_cast<double>(m);
  epoch_loss_sum_ += loss_sum;
  ++report_.steps;
  if (cursor_ == n_train_) {
    cursor_ = 0;
    ++report_.epoch;
    record_epoch();
  }
}

template <typename Scalar>
StepReport Trainer<Scalar>::train_steps(Index n) {
  BP_REQUIRE(n_train_ > 0, "data", "there is no training data yet; set a data set first");
  BP_REQUIRE(n >= 0 && n <= kMaxStepsPerCall, "steps",
             "must be in [0, " + std::to_string(kMaxStepsPerCall) + "]");
  for (Index i = 0; i < n && !report_.diverged; ++i) step_once();
  return report_;
}

template <typename Scalar>
StepReport Trainer<Scalar>::train_epochs(Index n) {
  BP_REQUIRE(n_train_ > 0, "data", "there is no training data yet; set a data set first");
  BP_REQUIRE(n >= 0 && n <= kMaxEpochsPerCall, "epochs",
             "must be in [0, " + std::to_string(kMaxEpochsPerCall) + "]");
  const Index target = report_.epoch + n;
  while (report_.epoch < target && !report_.diverged) step_once();
  return report_;
}

template <typename Scalar>
void Trainer<Scalar>::clear_divergence() {
  report_.diverged = false;
  divergence_message_.clear();
}

template <typename Scalar>
void Trainer<Scalar>::set_learning_rate(double eta) {
  ModelOptions changed = options_;
  changed.train.learning_rate = eta;
  changed.validate();
  options_ = std::move(changed);
}

template <typename Scalar>
void Trainer<Scalar>::reset() {
  net_.parameters() = initial_parameters_;
  net_.gradients().setZero();
  optimizer_.reset();
  tfp_.reset(net_.layout().size);
  rng_.reseed(options_.train.seed + kShuffleStream);
  std::iota(order_.begin(), order_.end(), Index(0));
  cursor_ = 0;
  start_epoch_sums();
  report_ = StepReport{};
  history_.clear();
  divergence_message_.clear();
  remember_good_state();
  healthy_parameters_ = net_.parameters();
  best_epoch_loss_ = std::numeric_limits<double>::infinity();
}

template <typename Scalar>
void Trainer<Scalar>::reseed(std::uint32_t seed) {
  options_.train.seed = seed;
  Rng init_rng(seed);
  net_.initialize(options_.train.init, init_rng);
  initial_parameters_ = net_.parameters();
  reset();
}

template <typename Scalar>
double Trainer<Scalar>::output_threshold() const {
  return net_.output_activation() == Activation::tanh ? 0.0 : 0.5;
}

template <typename Scalar>
typename Trainer<Scalar>::Score Trainer<Scalar>::score(bool test, std::vector<int>* classes) {
  const Matrix<Scalar>& x = test ? x_test_ : x_train_;
  const Matrix<Scalar>& y = test ? y_test_ : y_train_;
  const std::vector<int>& labels = test ? labels_test_ : labels_train_;
  const Matrix<double>& targets = test ? raw_y_test_ : raw_y_train_;
  const Index n = x.cols();
  if (classes) classes->clear();
  if (n == 0) return {kNaN, kNaN};
  if (classes) classes->reserve(static_cast<std::size_t>(n));
  const bool classify = task_ == Task::classification;
  const double threshold = output_threshold();
  double total = 0.0;
  AccuracySums hits;
  score_r2_.reset(net_.output_size());
  forward_chunks(x, [&](Index start, Index m, const ConstMatrixMap<Scalar>& a_L) {
    total += static_cast<double>(cost_value<Scalar>(options_.train.cost, a_L, y.middleCols(start, m))) *
             static_cast<double>(m);
    for (Index j = 0; j < m; ++j) {
      const Index i = start + j;
      if (classify) {
        const int c = predicted_class(a_L.col(j), threshold);
        hits.add(c, labels[static_cast<std::size_t>(i)]);
        if (classes) classes->push_back(c);
      } else {
        score_r2_.add(a_L.col(j), targets.col(i));
      }
    }
  });
  return {total / static_cast<double>(n), classify ? hits.value() : score_r2_.value()};
}

template <typename Scalar>
void Trainer<Scalar>::record_epoch() {
  // The epoch's training loss is the mean of its batch losses (as Keras reports it): exact loss
  // needs another pass over the data, which evaluate() does on demand.
  double train_loss = epoch_loss_sum_ / static_cast<double>(n_train_);
  double train_metric =
      task_ == Task::classification ? epoch_accuracy_.value() : epoch_r2_.value();
  if (options_.train.tfp_mode) {
    // TFP's lossTrain = getLoss(network, trainData): the mean ½(a - y)² after the epoch.
    const Score train = score(false);
    train_loss = train.loss;
    train_metric = train.metric;
  }
  start_epoch_sums();
  const Score test = score(true);  // NaN, NaN without a test set
  history_.add({static_cast<double>(report_.epoch), train_loss, test.loss, train_metric, test.metric});
  // A healthy point to go back to after a divergence: the end of an epoch whose loss is finite and
  // within 1.5x of the best epoch so far (the step just before a blow-up is rarely usable).
  if (std::isfinite(train_loss) && !(train_loss > 1.5 * best_epoch_loss_)) {
    healthy_parameters_ = net_.parameters();
    best_epoch_loss_ = std::min(best_epoch_loss_, train_loss);
  }
}

template <typename Scalar>
void Trainer<Scalar>::restore_healthy() {
  net_.parameters() = healthy_parameters_;
  optimizer_.reset();
  remember_good_state();
  clear_divergence();
}

template <typename Scalar>
Metrics Trainer<Scalar>::evaluate() {
  BP_REQUIRE(n_train_ > 0, "data", "there is no training data yet; set a data set first");
  Metrics metrics;
  const Score train = score(false), test = score(true);
  metrics.train_loss = train.loss;
  metrics.test_loss = test.loss;
  const bool classify = task_ == Task::classification;
  metrics.train_accuracy = classify ? train.metric : kNaN;
  metrics.test_accuracy = classify ? test.metric : kNaN;
  metrics.train_r2 = classify ? kNaN : train.metric;
  metrics.test_r2 = classify ? kNaN : test.metric;
  return metrics;
}

template <typename Scalar>
Eigen::MatrixXi Trainer<Scalar>::confusion(bool test) {
  BP_REQUIRE(task_ == Task::classification && n_train_ > 0, "confusion",
          "a confusion matrix needs a classification data set");
  std::vector<int> classes;
  score(test, &classes);
  return confusion_matrix(classes, test ? labels_test_ : labels_train_, num_classes_);
}

template <typename Scalar>
Matrix<Scalar> Trainer<Scalar>::predict(const Eigen::Ref<const Matrix<Scalar>>& x) {
  // The feature count first: everything after it (derived features, the standardizer) reads x's rows.
  const bool derived = !options_.features.empty();
  const Index n_raw = derived ? 2 : net_.input_size();
  BP_REQUIRE(x.rows() == n_raw, "input",
             "has " + std::to_string(x.rows()) + " features per sample but the network takes " +
                 std::to_string(n_raw) + (derived ? " (2-D points; its features are derived from them)" : ""));
  BP_REQUIRE(x.allFinite(), "input", "contains NaN or Inf; every input must be a finite number");
  Matrix<Scalar> inputs;
  prepare_inputs(x.template cast<double>(), inputs);
  Matrix<Scalar> outputs(net_.output_size(), inputs.cols());
  forward_chunks(inputs, [&](Index start, Index m, const ConstMatrixMap<Scalar>& a_L) {
    outputs.middleCols(start, m) = a_L;
  });
  return outputs;
}

template <typename Scalar>
Matrix<Scalar> Trainer<Scalar>::predict_flat(std::span<const Scalar> values, Index n) {
  BP_REQUIRE(n >= 1 && n <= kMaxSamples, "n", "must be in [1, " + std::to_string(kMaxSamples) + "]");
  const Index rows = static_cast<Index>(values.size()) / n;
  BP_REQUIRE(rows >= 1 && rows * n == static_cast<Index>(values.size()), "input",
             "has " + std::to_string(values.size()) + " values, not a multiple of n = " +
                 std::to_string(n) + " samples");
  return predict(Eigen::Map<const Matrix<Scalar>>(values.data(), rows, n));
}

template <typename Scalar>
std::vector<int> Trainer<Scalar>::predict_classes_flat(std::span<const Scalar> values, Index n) {
  BP_REQUIRE(n_train_ > 0, "data", "there is no data yet; set a data set first (it sets the task)");
  BP_REQUIRE(task_ == Task::classification, "predictClasses",
             "needs a classification data set; this one is regression (use predict for values)");
  return predict_classes<Scalar>(predict_flat(values, n), output_threshold());
}

template <typename Scalar>
const Matrix<Scalar>& Trainer<Scalar>::predict_grid(double x0, double x1, double y0, double y1,
                                                    int nx, int ny, bool all_neurons) {
  BP_REQUIRE(std::isfinite(x0) && std::isfinite(x1) && std::isfinite(y0) && std::isfinite(y1),
          "grid", "bounds must be finite numbers");
  BP_REQUIRE(nx >= 1 && ny >= 1 && nx <= kMaxGridSide && ny <= kMaxGridSide, "grid",
             "needs 1 to " + std::to_string(kMaxGridSide) + " points per side; got " +
                 std::to_string(nx) + " x " + std::to_string(ny));
  const Index n_raw = options_.features.empty() ? net_.input_size() : 2;
  BP_REQUIRE(n_raw == 2, "grid", "a decision-boundary grid needs a network on 2-D inputs");
  const Index P = Index(nx) * ny;
  grid_points_.resize(2, P);
  for (int j = 0; j < ny; ++j)
    for (int i = 0; i < nx; ++i) {
      grid_points_(0, Index(j) * nx + i) =
          static_cast<Scalar>(nx > 1 ? x0 + (x1 - x0) * i / (nx - 1) : 0.5 * (x0 + x1));
      grid_points_(1, Index(j) * nx + i) =
          static_cast<Scalar>(ny > 1 ? y0 + (y1 - y0) * j / (ny - 1) : 0.5 * (y0 + y1));
    }
  grid_inputs_.resize(net_.input_size(), P);
  if (options_.features.empty())
    grid_inputs_ = grid_points_;
  else
    derive_features_into<Scalar>(grid_points_, options_.features, grid_inputs_);
  standardize_inputs(grid_inputs_);
  const auto& sizes = options_.network.sizes;
  const Index rows = all_neurons ? std::accumulate(sizes.begin(), sizes.end(), Index(0))
                                 : net_.output_size();
  grid_out_.resize(rows, P);
  forward_chunks(grid_inputs_, [&](Index start, Index m, const ConstMatrixMap<Scalar>& a_L) {
    if (!all_neurons) {
      grid_out_.middleCols(start, m) = a_L;
      return;
    }
    Index row = 0;
    for (int level = 0; level <= net_.num_weight_layers(); ++level) {
      grid_out_.block(row, start, sizes[level], m) = net_.a(level);
      row += sizes[level];
    }
  });
  return grid_out_;
}

template <typename Scalar>
Index Trainer<Scalar>::train_sample_index(double value) const {
  BP_REQUIRE(n_train_ > 0, "sample", "there is no training data yet; set a data set first");
  return whole_number(value, "sample", 0.0, static_cast<double>(n_train_ - 1));
}

template <typename Scalar>
const SampleTrace<Scalar>& Trainer<Scalar>::trace_sample(Index i, DeltaRule rule) {
  BP_REQUIRE(n_train_ > 0, "sample", "there is no training data yet; set a data set first");
  BP_REQUIRE(i >= 0 && i < n_train_, "sample",
             "index " + std::to_string(i) + " is outside [0, " + std::to_string(n_train_ - 1) +
                 "] (the training set has " + std::to_string(n_train_) + " samples)");
  if (!tracer_) tracer_.emplace(options_.network);
  tracer_->trace(net_.parameters(), options_.train.cost, x_train_.col(i), y_train_.col(i), rule);
  SampleTrace<Scalar>& t = tracer_->result();
  t.sample = i;
  t.input = raw_x_train_.col(i);
  t.target = y_train_.col(i);
  const bool classify = task_ == Task::classification;
  t.label = classify ? labels_train_[static_cast<std::size_t>(i)] : -1;
  t.predicted_class = classify ? predicted_class(t.a.back(), output_threshold()) : -1;
  return t;
}

// --- issue 13 §4: Trainer::finite_difference and parameter_index are in train/finite_difference.cpp,
// Trainer::pending_update is in train/pending_update.cpp (compiled for size in the WASM build).

template <typename Scalar>
void Trainer<Scalar>::set_parameter(Index i, double value) {
  BP_REQUIRE(i >= 0 && i < net_.layout().size, "parameter",
          "index " + std::to_string(i) + " is outside [0, " + std::to_string(net_.layout().size) +
              ")");
  BP_REQUIRE(std::isfinite(value), "parameter", "the value must be a finite number");
  net_.parameters()(i) = static_cast<Scalar>(value);
  good_parameters_ = net_.parameters();
  healthy_parameters_ = net_.parameters();
}

template <typename Scalar>
void Trainer<Scalar>::load_parameters(const Vector<Scalar>& parameters, bool as_initial) {
  BP_REQUIRE(parameters.size() == net_.layout().size, "parameters",
          "has " + std::to_string(parameters.size()) + " values but the network has " +
              std::to_string(net_.layout().size) + " parameters");
  BP_REQUIRE(parameters.allFinite(), "parameters", "contains NaN or Inf");
  net_.parameters() = parameters;
  if (as_initial) initial_parameters_ = parameters;
  tfp_.reset(net_.layout().size);  // new weights: nothing accumulated, no weight dead
  good_parameters_ = parameters;
  healthy_parameters_ = parameters;
}

template class Trainer<float>;
template class Trainer<double>;

}  // namespace bp
