#pragma once
// Loss history with bounded memory: when full, every other entry is dropped and the stride doubles,
// so a run of any length keeps at most `capacity` evenly spaced points (what a chart needs). One
// point per completed epoch, with the loss chart's five columns; the page draws these as they are.
#include <vector>

#include "math/types.hpp"

namespace bp {

// The metric is the accuracy for classification and R^2 for regression.
struct HistoryPoint {
  double epoch;
  double train_loss;    // mean of the epoch's batch losses (with dropout active, if any)
  double test_loss;     // on the whole test set at the epoch's end; NaN when there is none
  double train_metric;  // over the epoch's batches, like train_loss (see Trainer::step_once)
  double test_metric;   // on the whole test set at the epoch's end (same pass as test_loss); NaN without
};

class History {
 public:
  explicit History(std::size_t capacity = 4096) : capacity_(capacity) { points_.reserve(capacity); }

  void add(const HistoryPoint& point) {
    if (seen_++ % stride_ != 0) return;
    if (points_.size() == capacity_) {
      std::size_t kept = 0;
      for (std::size_t i = 0; i < points_.size(); i += 2) points_[kept++] = points_[i];
      points_.resize(kept);
      stride_ *= 2;
      if ((seen_ - 1) % stride_ != 0) return;
    }
    points_.push_back(point);
  }
  void clear() {
    points_.clear();
    stride_ = 1;
    seen_ = 0;
  }
  const std::vector<HistoryPoint>& points() const { return points_; }

 private:
  std::size_t capacity_;
  std::vector<HistoryPoint> points_;
  std::size_t stride_ = 1;
  std::size_t seen_ = 0;
};

}  // namespace bp
