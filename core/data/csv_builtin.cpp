// parse_builtin: the UCI sets shipped in data/ (layouts in data/README.md, as packaged in
// sklearn/datasets/data/). Values are loaded as they are; the caller standardizes on the train
// split.
#include <array>
#include <cmath>
#include <string>
#include <vector>

#include "data/csv.hpp"
#include "data/csv_lexer.hpp"
#include "error.hpp"

namespace bp {
namespace {

using namespace csv_lexer;

const std::array<const char*, 4> kIrisFeatures{"sepal length", "sepal width", "petal length",
                                               "petal width"};
const std::array<const char*, 13> kWineFeatures{
    "alcohol",         "malic_acid",      "ash",        "alcalinity_of_ash",
    "magnesium",       "total_phenols",   "flavanoids", "nonflavanoid_phenols",
    "proanthocyanins", "color_intensity", "hue",        "od280/od315_of_diluted_wines",
    "proline"};
constexpr std::size_t kDigitsPixels = 64;
constexpr double kDigitsMaxPixel = 16.0;
constexpr int kDigitsClasses = 10;

const std::size_t kMaxFields = static_cast<std::size_t>(kMaxFeatures) + 1;

// An integer in [lo, hi] at (line, column), or bp::Error naming `what`.
long require_integer(std::string_view field, long line, std::size_t column, double lo, double hi,
                     const std::string& what) {
  const double v = require_number(field, line, column);
  if (v != std::trunc(v) || v < lo || v > hi)
    throw Error(where(line, column) + ": " + what + " " + show(field) +
                " is out of range; expected " + "an integer from " +
                std::to_string(static_cast<long>(lo)) + " to " +
                std::to_string(static_cast<long>(hi)));
  return static_cast<long>(v);
}

// The shape of one data row: `num_features` numbers in [min_value, max_value], then the class
// index.
struct RowFormat {
  std::size_t num_features;
  int num_classes;
  double min_value = -HUGE_VAL;
  double max_value = HUGE_VAL;
};

void read_row(const Line& line, const RowFormat& format, std::vector<std::string>& fields,
              std::vector<double>& x, std::vector<int>& labels) {
  const std::size_t d = format.num_features;
  split_fields(line, ',', kMaxFields, fields);
  if (fields.size() != d + 1)
    throw Error(where(line.number) + ": found " + std::to_string(fields.size()) +
                " columns, expected " + std::to_string(d + 1) + " (" + std::to_string(d) +
                " features, then the class index)");
  for (std::size_t c = 0; c < d; ++c) {
    const double v = require_number(fields[c], line.number, c + 1);
    if (v < format.min_value || v > format.max_value)
      throw Error(where(line.number, c + 1) + ": " + show(fields[c]) + " is outside " +
                  std::to_string(static_cast<long>(format.min_value)) + ".." +
                  std::to_string(static_cast<long>(format.max_value)));
    x.push_back(v);
  }
  labels.push_back(static_cast<int>(
      require_integer(fields[d], line.number, d + 1, 0, format.num_classes - 1, "label")));
}

Dataset make_dataset(std::vector<double>& x, std::vector<int>& labels,
                     std::vector<std::string> feature_names, std::vector<std::string> class_names) {
  Dataset data;
  const auto d = static_cast<Index>(feature_names.size());
  data.x = Eigen::Map<const Matrix<double>>(x.data(), d, static_cast<Index>(labels.size()));
  data.labels = std::move(labels);
  data.task = Task::classification;
  data.feature_names = std::move(feature_names);
  data.class_names = std::move(class_names);
  data.validate();
  return data;
}

// iris / wine: "n,d,class0,class1,..." then n rows of d floats and the class index.
template <std::size_t D>
Dataset parse_uci(std::string_view text, const std::array<const char*, D>& names) {
  LineReader reader(text);
  Line line;
  if (!reader.next(line))
    throw Error("csv: the input is empty; expected a first line 'rows,features,class names...'");
  std::vector<std::string> fields;
  split_fields(line, ',', kMaxFields, fields);
  if (fields.size() < 4)
    throw Error(where(line.number) +
                ": the header needs 'rows,features,class0,class1,...' with at "
                "least 2 class names; found " +
                std::to_string(fields.size()) + " fields");
  const long n =
      require_integer(fields[0], line.number, 1, 1, static_cast<double>(kMaxSamples), "row count");
  require_integer(fields[1], line.number, 2, D, D, "feature count");
  std::vector<std::string> class_names;
  for (std::size_t c = 2; c < fields.size(); ++c) {
    class_names.push_back(clean_name(fields[c]));
    if (class_names.back().empty())
      throw Error(where(line.number, c + 1) + ": empty class name; name every class");
  }
  const long header_line = line.number;

  std::vector<double> x;
  std::vector<int> labels;
  while (reader.next(line)) {
    if (static_cast<long>(labels.size()) == n)
      throw Error(where(line.number) + ": more rows than the " + std::to_string(n) +
                  " the header (line " + std::to_string(header_line) + ") announces");
    read_row(line, {D, static_cast<int>(class_names.size())}, fields, x, labels);
  }
  if (static_cast<long>(labels.size()) != n)
    throw Error("csv: the header (line " + std::to_string(header_line) + ") announces " +
                std::to_string(n) + " rows, found " + std::to_string(labels.size()));
  return make_dataset(x, labels, std::vector<std::string>(names.begin(), names.end()),
                      std::move(class_names));
}

// digits: no header; 64 pixel values (0..16) then the digit.
Dataset parse_digits(std::string_view text) {
  LineReader reader(text);
  Line line;
  std::vector<std::string> fields;
  std::vector<double> x;
  std::vector<int> labels;
  while (reader.next(line)) {
    if (static_cast<Index>(labels.size()) == kMaxSamples)
      throw Error(where(line.number) + ": more than " + std::to_string(kMaxSamples) + " rows");
    read_row(line, {kDigitsPixels, kDigitsClasses, 0.0, kDigitsMaxPixel}, fields, x, labels);
  }
  if (labels.size() < 2)
    throw Error("csv: found " + std::to_string(labels.size()) +
                " rows; expected rows of 64 pixel values and the digit");
  std::vector<std::string> feature_names, class_names;
  // std::string("p") += ..., not "p" + ...: GCC 12 gives a false -Wrestrict on the latter at -O3.
  for (std::size_t p = 0; p < kDigitsPixels; ++p)
    feature_names.push_back(std::string("p") += std::to_string(p));
  for (int k = 0; k < kDigitsClasses; ++k) class_names.push_back(std::to_string(k));
  return make_dataset(x, labels, std::move(feature_names), std::move(class_names));
}

}  // namespace

Dataset parse_builtin(Builtin which, std::string_view text) {
  const std::string name(enum_name(kBuiltinNames, which));
  try {
    switch (which) {
      case Builtin::iris:
        return parse_uci(text, kIrisFeatures);
      case Builtin::wine:
        return parse_uci(text, kWineFeatures);
      case Builtin::digits:
        return parse_digits(text);
    }
  } catch (const Error& e) {
    throw Error(name + ": " + e.what());
  }
  throw Error("builtin: unknown data set; accepted: " + accepted_names(kBuiltinNames));
}

}  // namespace bp
