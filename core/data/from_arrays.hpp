#pragma once
// A data set from flat arrays (points a user drew, or any JS typed array), validated.
#include <span>

#include "data/csv.hpp"
#include "data/dataset.hpp"
#include "names.hpp"

namespace bp {

inline constexpr NameTable<Task, 2> kTaskNames{{
    {Task::classification, "classification"},
    {Task::regression, "regression"},
}};
inline constexpr NameTable<CsvTask, 3> kCsvTaskNames{{
    {CsvTask::auto_detect, "auto"},
    {CsvTask::classification, "classification"},
    {CsvTask::regression, "regression"},
}};

// x: num_features × n column-major (x.size() = num_features * n). Classification: y holds n class
// indices in [0, num_classes), num_classes in [2, 1000]. Regression: y holds n targets (one output),
// num_classes must be 0. Feature names "x1", "x2", ...; class names "0", "1", ...
// The counts and labels are doubles as JS passes them, checked by whole_number (no truncation).
Dataset dataset_from_arrays(std::span<const double> x, std::span<const double> y,
                            double num_features, Task task, double num_classes);

}  // namespace bp
