#pragma once
// The loss history (train/history.hpp) as CSV, for a spreadsheet or pandas.read_csv.
#include <string>
#include <string_view>
#include <vector>

#include "train/history.hpp"

namespace bp {

// The loss history as CSV: "epoch,train_loss,test_loss,train_<metric>,test_<metric>" and a row per
// point; NaN (no test set) is an empty field. metric: "accuracy" or "r2" (refused otherwise).
// Numbers are written with 17 significant digits (they read back as the same doubles).
std::string history_csv(const std::vector<HistoryPoint>& points, std::string_view metric);

}  // namespace bp
