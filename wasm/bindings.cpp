// Embind bindings for the Backprop Playground core: glue only, no logic. Every function forwards
// to the core inside js_call, which turns a bp::Error into a JavaScript Error with the same message.
// Types and lifetime rules for the JS side: backprop.d.ts (keep in sync; tests/js checks the names).
#include <emscripten/bind.h>
#include <emscripten/heap.h>
#include <emscripten/val.h>

#include <span>
#include <string>
#include <vector>

#include "data/by_name.hpp"
#include "data/from_arrays.hpp"
#include "error.hpp"
#include "io/dataset_json.hpp"
#include "io/model_json.hpp"
#include "io/options_json.hpp"
#include "js_error.hpp"
#include "tfp/by_name.hpp"
#include "train/gradient_check.hpp"
#include "train/trace.hpp"
#include "train/trainer.hpp"

using namespace emscripten;
using bp::wasm::js_call;

namespace {

using Trainer = bp::Trainer<float>;
using Dataset = bp::Dataset;
using Split = bp::Split;
using RowMajorInts = Eigen::Matrix<int, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
static_assert(sizeof(bp::HistoryPoint) == 5 * sizeof(double), "history() views 5 doubles a point");

// A zero-copy view into WASM memory (backprop.d.ts: valid until the next call that may allocate).
template <typename T>
val view(const T* data, std::size_t size) {
  return val(typed_memory_view(size, data));
}
// A copy the caller may keep.
template <typename T>
val copy(const T* data, std::size_t size) {
  return view(data, size).template call<val>("slice");
}
template <typename T>
std::vector<T> from_js(const val& array) {
  return convertJSArrayToNumberVector<T>(array);
}

// --- Trainer ---
Trainer* trainer_new(const std::string& options) {
  return js_call([&] { return new Trainer(bp::options_from_json_text(options)); });
}
Trainer* trainer_from_model(const std::string& text) {
  return js_call([&] { return new Trainer(bp::model_from_json<float>(text)); });
}
void set_data(Trainer& t, const Dataset& train, const Dataset& test, bool standardize) {
  js_call([&] { t.set_data(train, test, standardize); });
}
bp::StepReport train_steps(Trainer& t, double n) {
  return js_call([&] { return t.train_steps(bp::whole_number(n, "steps", 0, bp::kMaxStepsPerCall)); });
}
bp::StepReport train_epochs(Trainer& t, double n) {
  return js_call([&] { return t.train_epochs(bp::whole_number(n, "epochs", 0, bp::kMaxEpochsPerCall)); });
}
bp::StepReport report(Trainer& t) { return t.report(); }
std::string divergence_message(Trainer& t) { return t.divergence_message(); }
void clear_divergence(Trainer& t) { t.clear_divergence(); }
void restore_healthy(Trainer& t) { t.restore_healthy(); }
void set_learning_rate(Trainer& t, double eta) { js_call([&] { t.set_learning_rate(eta); }); }
void reset(Trainer& t) { t.reset(); }
void reseed(Trainer& t, double seed) { js_call([&] { t.reseed(bp::seed_from_number(seed)); }); }
bp::Metrics evaluate(Trainer& t) {
  return js_call([&] { return t.evaluate(); });
}
val confusion(Trainer& t, bool test) {
  return js_call([&] {
    const RowMajorInts counts = t.confusion(test);
    return copy(counts.data(), static_cast<std::size_t>(counts.size()));
  });
}
val history(Trainer& t) {
  const auto& points = t.history().points();
  return view(reinterpret_cast<const double*>(points.data()), points.size() * 5);
}
val predict(Trainer& t, const val& x, double n) {
  return js_call([&] {
    const std::vector<float> values = from_js<float>(x);
    const bp::Matrix<float> out = t.predict_flat(values, bp::whole_number(n, "n", 1, bp::kMaxSamples));
    return copy(out.data(), static_cast<std::size_t>(out.size()));
  });
}
val predict_classes(Trainer& t, const val& x, double n) {
  return js_call([&] {
    const std::vector<float> values = from_js<float>(x);
    const std::vector<int> classes =
        t.predict_classes_flat(values, bp::whole_number(n, "n", 1, bp::kMaxSamples));
    return copy(classes.data(), classes.size());
  });
}
val predict_grid(Trainer& t, double x0, double x1, double y0, double y1, double nx, double ny,
                 bool all_neurons) {
  return js_call([&] {
    const auto& grid =
        t.predict_grid(x0, x1, y0, y1, static_cast<int>(bp::whole_number(nx, "grid nx", 1, bp::kMaxGridSide)),
                       static_cast<int>(bp::whole_number(ny, "grid ny", 1, bp::kMaxGridSide)), all_neurons);
    return view(grid.data(), static_cast<std::size_t>(grid.size()));
  });
}
val parameters(Trainer& t) {
  const auto& p = t.network().parameters();
  return view(p.data(), static_cast<std::size_t>(p.size()));
}
val gradients(Trainer& t) {
  const auto& g = t.network().gradients();
  return view(g.data(), static_cast<std::size_t>(g.size()));
}
void set_parameter(Trainer& t, double index, double value) {
  js_call([&] { t.set_parameter(bp::whole_number(index, "parameter index", 0, 2147483647.0), value); });
}
void set_parameters(Trainer& t, const val& values, bool as_initial) {
  js_call([&] {
    const std::vector<float> v = from_js<float>(values);
    t.load_parameters(Eigen::Map<const bp::Vector<float>>(v.data(), static_cast<bp::Index>(v.size())),
                      as_initial);
  });
}
std::string options_json(Trainer& t) { return bp::options_to_json(t.options()).dump(); }
std::string to_model_json(Trainer& t) { return bp::model_to_json(t); }
bp::GradientCheckResult gradient_check(Trainer& t, double samples, double max_parameters) {
  return js_call([&] {
    return bp::gradient_check_trainer(t, bp::whole_number(samples, "samples", 1, bp::kMaxCheckSamples),
                                      bp::whole_number(max_parameters, "maxParameters", 0, 1e9));
  });
}

// Trainer::trace_sample as a plain JS object of copies (backprop.d.ts, SampleTrace).
template <typename T>
val copy_vector(const bp::Vector<T>& v) {
  return copy(v.data(), static_cast<std::size_t>(v.size()));
}
val trace_to_js(const bp::SampleTrace<float>& trace) {
  val layers = val::array();
  for (const bp::LayerTrace<float>& layer : trace.layers) {
    val entry = val::object();
    entry.set("z", copy_vector(layer.z));
    entry.set("sigmaPrime", copy_vector(layer.sigma_prime));
    entry.set("dCda", copy_vector(layer.dC_da));
    entry.set("delta", copy_vector(layer.delta));
    layers.call<void>("push", entry);
  }
  val a = val::array();
  for (const bp::Vector<float>& level : trace.a) a.call<void>("push", copy_vector(level));
  val out = val::object();
  out.set("sample", static_cast<double>(trace.sample));
  out.set("rule", std::string(bp::enum_name(bp::kDeltaRuleNames, trace.rule)));
  out.set("outputDelta", std::string(bp::enum_name(bp::kOutputDeltaNames, trace.output_delta)));
  out.set("layers", layers);
  out.set("a", a);
  out.set("gradient", copy_vector(trace.gradient));
  out.set("cost", trace.cost);
  out.set("input", copy_vector(trace.input));
  out.set("target", copy_vector(trace.target));
  out.set("label", trace.label);
  out.set("prediction", copy_vector(trace.a.back()));
  out.set("predictedClass", trace.predicted_class);
  return out;
}
val trace_sample_rule(Trainer& t, double sample, const val& rule) {
  return js_call([&] {
    BP_REQUIRE(rule.typeOf().as<std::string>() == "string", "rule",
               "must be a string, one of: " + bp::accepted_names(bp::kDeltaRuleNames));
    const bp::DeltaRule r = bp::enum_from_name(bp::kDeltaRuleNames, rule.as<std::string>(), "rule");
    return trace_to_js(t.trace_sample(t.train_sample_index(sample), r));
  });
}
val trace_sample(Trainer& t, double sample) {
  return js_call([&] { return trace_to_js(t.trace_sample(t.train_sample_index(sample))); });
}

// --- TRACE (issue 13 §4): finiteDifference and pendingUpdate, plain JS objects (backprop.d.ts) ---
val finite_difference(Trainer& t, double parameter, double sample) {
  return js_call([&] {
    const bp::Index i = t.train_sample_index(sample);
    const bp::FiniteDifferenceResult r = t.finite_difference(t.parameter_index(parameter), i);
    val out = val::object();
    out.set("parameter", static_cast<double>(r.parameter));
    out.set("sample", static_cast<double>(i));
    out.set("value", r.value);
    out.set("plus", r.plus);
    out.set("minus", r.minus);
    out.set("cost", r.cost);
    out.set("h", r.h);
    return out;
  });
}
val pending_update(Trainer& t, double parameter) {
  return js_call([&] {
    const bp::PendingUpdate<float>& r = t.pending_update(t.parameter_index(parameter));
    val state = val::object();
    switch (r.optimizer) {
      case bp::Optimizer::sgd: state.set("gradient", r.gradient); break;
      case bp::Optimizer::momentum:
      case bp::Optimizer::nesterov: state.set("velocity", r.velocity); break;
      case bp::Optimizer::rmsprop: state.set("meanSquare", r.mean_square); break;
      case bp::Optimizer::adam:
        state.set("m", r.m);
        state.set("v", r.v);
        state.set("mHat", r.m_hat);
        state.set("vHat", r.v_hat);
        break;
    }
    val out = val::object();
    out.set("parameter", static_cast<double>(r.parameter));
    out.set("optimizer", std::string(bp::enum_name(bp::kOptimizerNames, r.optimizer)));
    out.set("step", static_cast<double>(r.step));
    out.set("learningRate", r.learning_rate);
    out.set("value", r.value);
    out.set("next", r.next);
    out.set("update", r.update);
    out.set("gradient", r.gradient);
    out.set("state", state);
    out.set("batch", copy(r.batch.data(), r.batch.size()));
    return out;
  });
}
// --- end TRACE ---

// --- Dataset ---
Dataset* dataset_generate(const std::string& kind, double n, double noise, double seed) {
  return js_call([&] { return new Dataset(bp::generate_by_name(kind, n, noise, seed)); });
}
Dataset* dataset_from_csv(const std::string& text, const std::string& task) {
  return js_call([&] { return new Dataset(bp::parse_csv_by_name(text, task)); });
}
Dataset* dataset_builtin(const std::string& name, const std::string& text) {
  return js_call([&] { return new Dataset(bp::parse_builtin_by_name(name, text)); });
}
// The counts stay doubles: the core's whole_number checks them (NaN, 2.9, ... are errors there).
Dataset* dataset_from_arrays(const val& x, const val& y, double num_features,
                             const std::string& task, double num_classes) {
  return js_call([&] {
    const std::vector<double> xs = from_js<double>(x), ys = from_js<double>(y);
    return new Dataset(bp::dataset_from_arrays(
        xs, ys, num_features, bp::enum_from_name(bp::kTaskNames, task, "task"), num_classes));
  });
}
std::string dataset_info(const Dataset& d) { return bp::dataset_info_json(d); }
val dataset_inputs(const Dataset& d) { return view(d.x.data(), static_cast<std::size_t>(d.x.size())); }
val dataset_labels(const Dataset& d) { return view(d.labels.data(), d.labels.size()); }
val dataset_targets(const Dataset& d) { return view(d.y.data(), static_cast<std::size_t>(d.y.size())); }
Split* dataset_split(const Dataset& d, double train_ratio, double seed) {
  return js_call([&] { return new Split(bp::split_by_seed(d, train_ratio, seed)); });
}
// --- TensorFlow Playground (core/tfp/) ---
Split* dataset_generate_tfp(const std::string& name, double noise, double perc_train_data,
                            const std::string& seed) {
  return js_call([&] { return new Split(bp::tfp::split_by_name(name, noise, perc_train_data, seed)); });
}
val tfp_initial_weights(const std::string& name, double noise, double perc_train_data,
                        const std::string& seed, const val& layers, bool init_zero) {
  return js_call([&] {
    const bp::Vector<double> p = bp::tfp::initial_weights_by_name(
        name, noise, perc_train_data, seed, from_js<double>(layers), init_zero);
    return copy(p.data(), static_cast<std::size_t>(p.size()));
  });
}
val tfp_random(const std::string& seed, double count) {
  return js_call([&] {
    const std::vector<double> values = bp::tfp::random_numbers(seed, count);
    return copy(values.data(), values.size());
  });
}
val tfp_features(const val& keys) {
  return js_call([&] {
    BP_REQUIRE(keys.instanceof(val::global("Array")), "features",
               "must be an array of TensorFlow Playground input keys");
    const auto length = keys["length"].as<unsigned>();
    std::vector<std::string> names;
    for (unsigned i = 0; i < length; ++i) {
      BP_REQUIRE(keys[i].typeOf().as<std::string>() == "string", "features",
                 "entry " + std::to_string(i) + " is not a string");
      names.push_back(keys[i].as<std::string>());
    }
    val out = val::array();
    for (const std::string& f : bp::tfp::feature_names_from_keys(names)) out.call<void>("push", f);
    return out;
  });
}

Dataset split_train(const Split& s) { return s.train; }
Dataset split_test(const Split& s) { return s.test; }

// --- Module ---
std::string simd_instruction_sets() { return Eigen::SimdInstructionSetsInUse(); }
double heap_bytes() { return static_cast<double>(emscripten_get_heap_size()); }

}  // namespace

EMSCRIPTEN_BINDINGS(backprop_playground) {
  value_object<bp::StepReport>("StepReport")
      .field("steps", &bp::StepReport::steps)
      .field("epoch", &bp::StepReport::epoch)
      .field("loss", &bp::StepReport::loss)
      .field("diverged", &bp::StepReport::diverged);
  value_object<bp::Metrics>("Metrics")
      .field("trainLoss", &bp::Metrics::train_loss)
      .field("testLoss", &bp::Metrics::test_loss)
      .field("trainAccuracy", &bp::Metrics::train_accuracy)
      .field("testAccuracy", &bp::Metrics::test_accuracy)
      .field("trainR2", &bp::Metrics::train_r2)
      .field("testR2", &bp::Metrics::test_r2);
  value_object<bp::GradientCheckResult>("GradientCheckResult")
      .field("maxRelativeError", &bp::GradientCheckResult::max_relative_error)
      .field("vectorRelativeError", &bp::GradientCheckResult::vector_relative_error)
      .field("worstParameter", &bp::GradientCheckResult::worst_parameter)
      .field("worstLayer", &bp::GradientCheckResult::worst_layer)
      .field("worstRow", &bp::GradientCheckResult::worst_row)
      .field("worstColumn", &bp::GradientCheckResult::worst_column)
      .field("worstName", &bp::GradientCheckResult::worst_name)
      .field("checked", &bp::GradientCheckResult::checked)
      .field("kinkDistance", &bp::GradientCheckResult::kink_distance)
      .field("nearKink", &bp::GradientCheckResult::near_kink)
      .field("tolerance", &bp::GradientCheckResult::tolerance)
      .field("ok", &bp::GradientCheckResult::ok);

  class_<Trainer>("Trainer")
      .constructor(&trainer_new, allow_raw_pointers())
      .class_function("fromModelJson", &trainer_from_model, allow_raw_pointers())
      .function("setData", &set_data)
      .function("trainSteps", &train_steps)
      .function("trainEpochs", &train_epochs)
      .function("report", &report)
      .function("divergenceMessage", &divergence_message)
      .function("clearDivergence", &clear_divergence)
      .function("restoreHealthy", &restore_healthy)
      .function("setLearningRate", &set_learning_rate)
      .function("reset", &reset)
      .function("reseed", &reseed)
      .function("evaluate", &evaluate)
      .function("confusion", &confusion)
      .function("history", &history)
      .function("predict", &predict)
      .function("predictClasses", &predict_classes)
      .function("predictGrid", &predict_grid)
      .function("parameters", &parameters)
      .function("gradients", &gradients)
      .function("setParameter", &set_parameter)
      .function("setParameters", &set_parameters)
      .function("optionsJson", &options_json)
      .function("toModelJson", &to_model_json)
      .function("gradientCheck", &gradient_check)
      // Overloaded by argument count: traceSample(i) and traceSample(i, rule).
      .function("traceSample", &trace_sample)
      .function("traceSample", &trace_sample_rule)
      // TRACE (issue 13 §4)
      .function("finiteDifference", &finite_difference)
      .function("pendingUpdate", &pending_update);

  class_<Dataset>("Dataset")
      .constructor<>()
      .class_function("generate", &dataset_generate, allow_raw_pointers())
      .class_function("fromCsv", &dataset_from_csv, allow_raw_pointers())
      .class_function("builtin", &dataset_builtin, allow_raw_pointers())
      .class_function("fromArrays", &dataset_from_arrays, allow_raw_pointers())
      .class_function("generateTfp", &dataset_generate_tfp, allow_raw_pointers())
      .function("infoJson", &dataset_info)
      .function("inputs", &dataset_inputs)
      .function("labels", &dataset_labels)
      .function("targets", &dataset_targets)
      .function("split", &dataset_split, allow_raw_pointers());

  class_<Split>("DatasetSplit")
      .function("train", &split_train)
      .function("test", &split_test);

  function("simdInstructionSets", &simd_instruction_sets);
  function("heapBytes", &heap_bytes);
  function("tfpInitialWeights", &tfp_initial_weights);
  function("tfpFeatures", &tfp_features);
  function("tfpRandom", &tfp_random);
}
