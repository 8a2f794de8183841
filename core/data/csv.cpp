// parse_csv: a user's CSV (optional header, numbers only, target in the last column) -> Dataset.
#include "data/csv.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "data/csv_lexer.hpp"
#include "error.hpp"

namespace bp {
namespace {

using namespace csv_lexer;

// auto_detect: integer targets with at most this many distinct values are class labels.
constexpr std::size_t kMaxAutoClasses = 32;

std::string format_value(double v) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.10g", v);
  return buffer;
}

// The numbers of the file, row-major (one row per sample, target last), with their source lines.
struct Table {
  std::vector<std::string> header;  // empty when the file has no header row
  long header_line = 0;
  std::vector<double> values;  // rows × cols
  std::vector<long> row_lines;
  std::size_t cols = 0;
  std::size_t rows() const { return row_lines.size(); }
};

bool looks_like_header(const std::vector<std::string>& fields) {
  double ignored = 0.0;
  return std::any_of(fields.begin(), fields.end(), [&](const std::string& f) {
    return parse_number(f, ignored) == NumberStatus::not_a_number;
  });
}

void append_row(Table& table, const std::vector<std::string>& fields, long line) {
  if (table.rows() >= static_cast<std::size_t>(kMaxSamples))
    throw Error(where(line) + ": more than " + std::to_string(kMaxSamples) +
                " data rows; at most " + std::to_string(kMaxSamples) + " samples are accepted");
  for (std::size_t c = 0; c < fields.size(); ++c)
    table.values.push_back(require_number(fields[c], line, c + 1));
  table.row_lines.push_back(line);
}

Table read_table(std::string_view text) {
  LineReader reader(text);
  Line line;
  if (!reader.next(line))
    throw Error(
        "csv: the input has no rows (it is empty or holds only blank and '#' lines); expected an "
        "optional header row, then rows of numbers with the target in the last column");
  const char delimiter = detect_delimiter(line.text);
  std::vector<std::string> fields;
  const std::size_t max_fields = static_cast<std::size_t>(kMaxFeatures) + 1;
  split_fields(line, delimiter, max_fields, fields);
  Table table;
  table.cols = fields.size();
  if (table.cols < 2)
    throw Error(where(line.number) +
                ": found 1 column; need at least 2 (one or more features, then the target as the "
                "last column) separated by commas, semicolons or tabs");
  const long first_line = line.number;
  if (looks_like_header(fields)) {
    table.header = fields;
    table.header_line = line.number;
  } else {
    append_row(table, fields, line.number);
  }
  while (reader.next(line)) {
    split_fields(line, delimiter, max_fields, fields);
    if (fields.size() != table.cols)
      throw Error(where(line.number) + ": found " + std::to_string(fields.size()) +
                  " columns, expected " + std::to_string(table.cols) + " as on line " +
                  std::to_string(first_line) + " (separator " + delimiter_name(delimiter) +
                  "); every row needs the same columns, target last");
    append_row(table, fields, line.number);
  }
  if (table.rows() == 0)
    throw Error(where(table.header_line) +
                ": the file has a header row but no data rows; add rows of numbers below it");
  if (table.rows() < 2)
    throw Error("csv: found 1 data row (line " + std::to_string(table.row_lines[0]) +
                "); at least 2 are needed to train and to test");
  return table;
}

// Integer labels -> class indices 0..k-1 in sorted order, class names = the integers' text.
void set_classes(Dataset& data, const Table& table, const std::vector<double>& target,
                 const std::string& target_name) {
  const std::size_t column = table.cols;
  for (std::size_t i = 0; i < target.size(); ++i) {
    if (is_integer_label(target[i])) continue;
    const bool integral = std::trunc(target[i]) == target[i];
    throw Error(where(table.row_lines[i], column) + ": label " + format_value(target[i]) +
                (integral ? " is out of range" : " is not an integer") +
                "; classification targets must be whole numbers between -1e9 and 1e9 (or load "
                "the file as a regression task)");
  }
  std::vector<double> classes = target;
  std::sort(classes.begin(), classes.end());
  classes.erase(std::unique(classes.begin(), classes.end()), classes.end());
  if (classes.size() < 2)
    throw Error("csv column " + std::to_string(column) + " (target" + target_name +
                "): every row has the label " + format_value(classes[0]) +
                ", so there is only one class; classification needs at least 2 (the target must "
                "be the last column)");
  if (classes.size() > static_cast<std::size_t>(kMaxLayerWidth))
    throw Error("csv column " + std::to_string(column) + " (target" + target_name +
                "): " + std::to_string(classes.size()) + " distinct labels, more than the " +
                std::to_string(kMaxLayerWidth) + " classes accepted; load it as regression");
  data.labels.resize(target.size());
  for (std::size_t i = 0; i < target.size(); ++i)
    data.labels[i] = static_cast<int>(std::lower_bound(classes.begin(), classes.end(), target[i]) -
                                      classes.begin());
  for (const double c : classes) data.class_names.push_back(format_value(c));
}

bool targets_look_like_classes(const std::vector<double>& target) {
  if (!std::all_of(target.begin(), target.end(), is_integer_label)) return false;
  std::vector<double> classes = target;
  std::sort(classes.begin(), classes.end());
  return static_cast<std::size_t>(std::unique(classes.begin(), classes.end()) - classes.begin()) <=
         kMaxAutoClasses;
}

}  // namespace

Dataset parse_csv(std::string_view text, const CsvOptions& options) {
  const Table table = read_table(text);
  const auto n = static_cast<Index>(table.rows());
  const auto d = static_cast<Index>(table.cols - 1);

  Dataset data;
  // Row-major samples are column-major features × samples with a stride that skips the target.
  data.x = Eigen::Map<const Matrix<double>, 0, Eigen::OuterStride<>>(
      table.values.data(), d, n, Eigen::OuterStride<>(static_cast<Index>(table.cols)));
  std::vector<double> target(table.rows());
  for (std::size_t i = 0; i < table.rows(); ++i)
    target[i] = table.values[i * table.cols + table.cols - 1];

  for (Index j = 0; j < d; ++j) {
    std::string name = table.header.empty() ? "" : clean_name(table.header[j]);
    // std::string("x") += ..., not "x" + ...: GCC 12 gives a false -Wrestrict on the latter at -O3.
    data.feature_names.push_back(name.empty() ? std::string("x") += std::to_string(j + 1) : name);
  }
  const std::string target_name =
      table.header.empty() ? "" : " '" + clean_name(table.header.back()) + "'";

  const bool classify = options.task == CsvTask::classification ||
                        (options.task == CsvTask::auto_detect && targets_look_like_classes(target));
  if (classify) {
    data.task = Task::classification;
    set_classes(data, table, target, target_name);
  } else {
    data.task = Task::regression;
    data.y = Eigen::Map<const Matrix<double>>(target.data(), 1, n);
  }
  data.validate();
  return data;
}

}  // namespace bp
