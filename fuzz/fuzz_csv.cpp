// libFuzzer target: CSV text (a user's upload, Dataset.fromCsv) and the built-in data set layouts
// (Dataset.builtin, text handed over by JavaScript). Each input goes through every task and layout.
// Properties: a rejection is bp::Error with a message; a data set that parses passes validate(),
// has finite numbers, one name per feature, consistent columns (a label or a target per sample,
// labels in 0..k-1, at least 2 class names), and its description (dataset_info_json, what JS reads)
// is valid JSON that agrees with it. Auto-detection gives what one of the explicit tasks gives.
#include <nlohmann/json.hpp>

#include "data/csv.hpp"
#include "fuzz_check.hpp"
#include "io/dataset_json.hpp"

namespace {

using bp_fuzz::require;

void check_dataset(const bp::Dataset& d) {
  require(bp_fuzz::accepts([&] { d.validate(); }), "a parsed data set fails validate()");
  require(d.num_samples() >= 1, "a parsed data set has no samples");
  require(d.x.allFinite(), "a parsed feature is not finite");
  require(static_cast<bp::Index>(d.feature_names.size()) == d.num_features(),
          "feature names and feature count differ");
  if (d.task == bp::Task::regression) {
    require(d.y.cols() == d.num_samples() && d.y.rows() >= 1 && d.y.allFinite(),
            "regression targets are missing or not finite");
    require(d.labels.empty(), "a regression set has labels");
  } else {
    require(d.num_classes() >= 2, "fewer than 2 classes");
    require(static_cast<bp::Index>(d.labels.size()) == d.num_samples(), "labels and samples differ");
    for (int label : d.labels) require(label >= 0 && label < d.num_classes(), "label out of range");
  }
  std::string info;
  require(bp_fuzz::accepts([&] { info = bp::dataset_info_json(d); }),
          "dataset_info_json throws on a parsed data set");
  const nlohmann::json j = nlohmann::json::parse(info, nullptr, /*allow_exceptions=*/false);
  require(!j.is_discarded(), "dataset_info_json is not valid JSON");
  require(j["numSamples"] == d.num_samples() && j["numFeatures"] == d.num_features() &&
              j["numClasses"] == d.num_classes() && j["featureNames"].size() == d.feature_names.size(),
          "dataset_info_json disagrees with the data set");
}

bool same(const bp::Dataset& a, const bp::Dataset& b) {
  return a.task == b.task && a.x.rows() == b.x.rows() && a.x.cols() == b.x.cols() && a.x == b.x &&
         a.y.rows() == b.y.rows() && a.y.cols() == b.y.cols() && a.y == b.y && a.labels == b.labels &&
         a.feature_names == b.feature_names && a.class_names == b.class_names;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const unsigned char* data, std::size_t size) {
  const std::string_view text = bp_fuzz::as_text(data, size);
  bp::Dataset by_task[3];
  bool ok[3] = {};
  const bp::CsvTask tasks[3] = {bp::CsvTask::auto_detect, bp::CsvTask::classification,
                                bp::CsvTask::regression};
  for (int t = 0; t < 3; ++t) {
    ok[t] = bp_fuzz::accepts([&] { by_task[t] = bp::parse_csv(text, {tasks[t]}); });
    if (ok[t]) check_dataset(by_task[t]);
  }
  if (ok[0]) {
    const bool as_classes = by_task[0].task == bp::Task::classification;
    require(ok[as_classes ? 1 : 2] && same(by_task[0], by_task[as_classes ? 1 : 2]),
            "auto-detection differs from the explicit task it chose");
  }
  for (bp::Builtin which : {bp::Builtin::iris, bp::Builtin::wine, bp::Builtin::digits}) {
    bp::Dataset d;
    if (bp_fuzz::accepts([&] { d = bp::parse_builtin(which, text); })) check_dataset(d);
  }
  return 0;
}
