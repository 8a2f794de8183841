#include "export/history_csv.hpp"

#include <cmath>
#include <cstdio>

#include "error.hpp"

namespace bp {

std::string history_csv(const std::vector<HistoryPoint>& points, std::string_view metric) {
  BP_REQUIRE(metric == "accuracy" || metric == "r2", "metric",
             "unknown value '" + std::string(metric.substr(0, 32)) + "'; accepted: accuracy, r2");
  const std::string m(metric);
  std::string csv = "epoch,train_loss,test_loss,train_" + m + ",test_" + m + "\n";
  auto digits17 = [](double v) {
    char text[40];
    std::snprintf(text, sizeof text, "%.17g", v);
    return std::string(text);
  };
  auto number = [&](double v) { return std::isfinite(v) ? digits17(v) : std::string(); };
  for (const auto& p : points)
    csv += number(p.epoch) + "," + number(p.train_loss) + "," + number(p.test_loss) + "," +
           number(p.train_metric) + "," + number(p.test_metric) + "\n";
  return csv;
}

}  // namespace bp
