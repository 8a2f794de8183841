// Generators (TF Playground geometry), Dataset, split, target encoding, Standardizer, features.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <limits>
#include <numbers>

#include "data/dataset.hpp"
#include "data/features.hpp"
#include "data/generators.hpp"
#include "error.hpp"

using bp::Dataset;
using bp::Generator;
using bp::Index;
using Catch::Contains;

namespace {

long count_label(const Dataset& d, int label) {
  return std::count(d.labels.begin(), d.labels.end(), label);
}

double radius(const Dataset& d, Index i) {
  return std::hypot(d.x(0, i), d.x(1, i));
}

// A classification set whose feature row 0 holds the sample's original index.
Dataset indexed_set(Index n) {
  Dataset d;
  d.x.resize(2, n);
  for (Index i = 0; i < n; ++i) {
    d.x(0, i) = static_cast<double>(i);
    d.x(1, i) = static_cast<double>(i * i);
    d.labels.push_back(static_cast<int>(i % 2));
  }
  d.feature_names = {"id", "id^2"};
  d.class_names = {"a", "b"};
  return d;
}

}  // namespace

TEST_CASE("every generator gives the declared shape and passes validate", "[data][generators]") {
  for (const auto& [kind, name] : bp::kGeneratorNames) {
    for (const Index n : {Index{1}, Index{7}, Index{200}}) {
      bp::Rng rng(42);
      const Dataset d = bp::generate(kind, n, 0.25, rng);
      INFO(name << " n=" << n);
      CHECK_NOTHROW(d.validate());
      CHECK(d.x.rows() == 2);
      CHECK(d.x.cols() == n);
      CHECK(d.feature_names == std::vector<std::string>{"x1", "x2"});
      const bool regression =
          kind == Generator::regression_plane || kind == Generator::regression_gaussian;
      if (regression) {
        CHECK(d.task == bp::Task::regression);
        CHECK(d.y.rows() == 1);
        CHECK(d.y.cols() == n);
        CHECK(d.labels.empty());
        CHECK(d.class_names.empty());
      } else {
        CHECK(d.task == bp::Task::classification);
        CHECK(static_cast<Index>(d.labels.size()) == n);
        CHECK(d.num_classes() == 2);
        CHECK(d.y.size() == 0);
      }
    }
  }
}

TEST_CASE("generators are deterministic in the seed", "[data][generators]") {
  for (const auto& [kind, name] : bp::kGeneratorNames) {
    INFO(name);
    bp::Rng a(7), b(7), c(8);
    const Dataset da = bp::generate(kind, 100, 0.3, a);
    const Dataset db = bp::generate(kind, 100, 0.3, b);
    const Dataset dc = bp::generate(kind, 100, 0.3, c);
    CHECK(da.x == db.x);
    CHECK(da.labels == db.labels);
    CHECK(da.y == db.y);
    CHECK(da.x != dc.x);
  }
}

TEST_CASE("circle: inside radius 2.5 is class 1, ring 3.5..5 is class 0", "[data][generators]") {
  bp::Rng rng(1);
  const Dataset d = bp::generate(Generator::circle, 301, 0.0, rng);
  CHECK(count_label(d, 1) == 151);  // ceil(301 / 2): TF would give 302 points
  CHECK(count_label(d, 0) == 150);
  for (Index i = 0; i < d.num_samples(); ++i) {
    const double r = radius(d, i);
    if (d.labels[static_cast<std::size_t>(i)] == 1) {
      CHECK(r < 2.5);
    } else {
      CHECK(r >= 3.5 - 1e-12);
      CHECK(r <= 5.0 + 1e-12);
    }
  }
  // Noise moves the point the label is read from, not the point: some labels cross the boundary.
  bp::Rng noisy_rng(1);
  const Dataset noisy = bp::generate(Generator::circle, 400, 0.5, noisy_rng);
  long flipped = 0;
  for (Index i = 0; i < noisy.num_samples(); ++i)
    flipped += (radius(noisy, i) < 2.5) != (noisy.labels[static_cast<std::size_t>(i)] == 1);
  CHECK(flipped > 0);
  CHECK(noisy.x.cwiseAbs().maxCoeff() <= 5.0);
}

TEST_CASE("xor: quadrant labels, 0.3 padding off the axes", "[data][generators]") {
  bp::Rng rng(2);
  const Dataset d = bp::generate(Generator::xor_, 500, 0.0, rng);
  for (Index i = 0; i < d.num_samples(); ++i) {
    const double x = d.x(0, i), y = d.x(1, i);
    CHECK(std::fabs(x) >= 0.3);
    CHECK(std::fabs(x) <= 5.3);
    CHECK(std::fabs(y) >= 0.3);
    CHECK(std::fabs(y) <= 5.3);
    CHECK(d.labels[static_cast<std::size_t>(i)] == (x * y >= 0 ? 1 : 0));
  }
  CHECK(count_label(d, 1) > 200);
  CHECK(count_label(d, 0) > 200);
}

TEST_CASE("gaussian: two blobs at (2,2) and (-2,-2), variance 0.5 + 7 * noise",
          "[data][generators]") {
  const Index n = 20000;
  for (const double noise : {0.0, 0.5}) {
    bp::Rng rng(3);
    const Dataset d = bp::generate(Generator::gaussian, n, noise, rng);
    CHECK(count_label(d, 1) == n / 2);
    const double variance = 0.5 + 7.0 * noise;
    for (const int label : {0, 1}) {
      const double centre = label == 1 ? 2.0 : -2.0;
      double sum = 0, sum_sq = 0;
      for (Index i = 0; i < n; ++i) {
        if (d.labels[static_cast<std::size_t>(i)] != label) continue;
        sum += d.x(0, i);
        sum_sq += d.x(0, i) * d.x(0, i);
      }
      const double mean = sum / (n / 2.0);
      const double var = sum_sq / (n / 2.0) - mean * mean;
      CHECK(mean == Approx(centre).margin(0.1));
      CHECK(var == Approx(variance).epsilon(0.05));
    }
  }
}

TEST_CASE("spiral: r = 5 i / (n/2), two arms half a turn apart", "[data][generators]") {
  bp::Rng rng(4);
  const Index n = 200;
  const Dataset d = bp::generate(Generator::spiral, n, 0.0, rng);
  CHECK(count_label(d, 1) == 100);
  for (Index k = 0; k < n; ++k) {
    const Index i = k < 100 ? k : k - 100;
    CHECK(radius(d, k) == Approx(5.0 * static_cast<double>(i) / 100.0).margin(1e-9));
    const double t = 1.75 * static_cast<double>(i) / 100.0 * 2 * std::numbers::pi +
                     (k < 100 ? 0.0 : std::numbers::pi);
    CHECK(d.x(0, k) == Approx(radius(d, k) * std::sin(t)).margin(1e-9));
    CHECK(d.x(1, k) == Approx(radius(d, k) * std::cos(t)).margin(1e-9));
    CHECK(d.labels[static_cast<std::size_t>(k)] == (k < 100 ? 1 : 0));
  }
  bp::Rng noisy_rng(4);
  const Dataset noisy = bp::generate(Generator::spiral, n, 0.5, noisy_rng);
  const double max_shift = (noisy.x - d.x).cwiseAbs().maxCoeff();
  CHECK(max_shift > 0.0);
  CHECK(max_shift <= 0.5);
}

TEST_CASE("regression plane: y = (x1 + x2) / 10 without noise", "[data][generators]") {
  bp::Rng rng(5);
  const Dataset d = bp::generate(Generator::regression_plane, 500, 0.0, rng);
  CHECK(d.x.cwiseAbs().maxCoeff() <= 6.0);
  for (Index i = 0; i < d.num_samples(); ++i)
    CHECK(d.y(0, i) == Approx((d.x(0, i) + d.x(1, i)) / 10.0).margin(1e-12));
  CHECK(d.y.cwiseAbs().maxCoeff() <= 1.2);
  CHECK(d.y.maxCoeff() > 0.8);
  CHECK(d.y.minCoeff() < -0.8);
}

TEST_CASE("regression gaussian: six signed bumps, values in [-1, 1]", "[data][generators]") {
  bp::Rng rng(6);
  const Dataset d = bp::generate(Generator::regression_gaussian, 2000, 0.0, rng);
  CHECK(d.x.cwiseAbs().maxCoeff() <= 6.0);
  CHECK(d.y.cwiseAbs().maxCoeff() <= 1.0);
  CHECK(d.y.maxCoeff() > 0.8);
  CHECK(d.y.minCoeff() < -0.8);
  // Hand-checked points: near the bump at (0, 2.5) (sign -1) and far from every bump.
  for (Index i = 0; i < d.num_samples(); ++i) {
    const double dist_top = std::hypot(d.x(0, i) - 0.0, d.x(1, i) - 2.5);
    if (dist_top < 1.0) CHECK(d.y(0, i) == Approx(-(1.0 - dist_top / 2.0)).margin(1e-12));
    if (std::fabs(d.x(1, i)) < 0.5 && std::fabs(std::fabs(d.x(0, i)) - 2.0) < 0.2)
      CHECK(d.y(0, i) == 0.0);  // >= 2 from every centre
  }
}

TEST_CASE("generate rejects bad arguments", "[data][generators]") {
  bp::Rng rng(1);
  REQUIRE_THROWS_AS(bp::generate(Generator::circle, 0, 0.1, rng), bp::Error);
  REQUIRE_THROWS_WITH(bp::generate(Generator::circle, bp::kMaxSamples + 1, 0.1, rng),
                      Contains("num_samples"));
  REQUIRE_THROWS_WITH(bp::generate(Generator::spiral, 10, -0.1, rng), Contains("noise"));
  REQUIRE_THROWS_WITH(bp::generate(Generator::spiral, 10, 1.5, rng), Contains("[0, 1]"));
  REQUIRE_THROWS_WITH(bp::generate(Generator::spiral, 10, std::nan(""), rng), Contains("noise"));
  REQUIRE_THROWS_AS(bp::generate(static_cast<Generator>(99), 10, 0.1, rng), bp::Error);
}

TEST_CASE("Dataset::validate names what is wrong", "[data][dataset]") {
  Dataset d = indexed_set(4);
  REQUIRE_NOTHROW(d.validate());

  Dataset bad = d;
  bad.x(1, 2) = std::numeric_limits<double>::quiet_NaN();
  REQUIRE_THROWS_WITH(bad.validate(), Contains("x: sample 2"));
  bad = d;
  bad.labels[3] = 2;
  REQUIRE_THROWS_WITH(bad.validate(), Contains("labels[3]"));
  bad = d;
  bad.labels.pop_back();
  REQUIRE_THROWS_WITH(bad.validate(), Contains("labels"));
  bad = d;
  bad.feature_names.pop_back();
  REQUIRE_THROWS_WITH(bad.validate(), Contains("feature_names"));
  bad = d;
  bad.class_names = {"only"};
  REQUIRE_THROWS_WITH(bad.validate(), Contains("at least 2"));

  Dataset reg = d;
  reg.task = bp::Task::regression;
  reg.labels.clear();
  reg.class_names.clear();
  reg.y = bp::Matrix<double>::Ones(1, 3);
  REQUIRE_THROWS_WITH(reg.validate(), Contains("y:"));
  reg.y = bp::Matrix<double>::Ones(1, 4);
  REQUIRE_NOTHROW(reg.validate());
  reg.y(0, 0) = std::numeric_limits<double>::infinity();
  REQUIRE_THROWS_WITH(reg.validate(), Contains("finite"));
}

TEST_CASE("Dataset::select keeps the given order and checks indices", "[data][dataset]") {
  const Dataset d = indexed_set(5);
  const Dataset s = d.select({4, 0, 2});
  REQUIRE(s.num_samples() == 3);
  CHECK(s.x(0, 0) == 4.0);
  CHECK(s.x(0, 1) == 0.0);
  CHECK(s.x(1, 2) == 4.0);
  CHECK(s.labels == std::vector<int>{0, 0, 0});
  CHECK(s.class_names == d.class_names);
  REQUIRE_THROWS_WITH(d.select({1, 5}), Contains("columns[1]"));
  REQUIRE_THROWS_AS(d.select({-1}), bp::Error);
}

TEST_CASE("split_dataset sizes, partition and determinism", "[data][split]") {
  const Dataset d = indexed_set(10);
  struct Case {
    double ratio;
    Index train;
  };
  for (const Case c : {Case{0.7, 7}, Case{0.5, 5}, Case{0.01, 1}, Case{0.99, 9}, Case{1.0, 10}}) {
    bp::Rng rng(11);
    const bp::Split s = bp::split_dataset(d, c.ratio, rng);
    INFO("ratio " << c.ratio);
    CHECK(s.train.num_samples() == c.train);
    CHECK(s.test.num_samples() == 10 - c.train);
    // Every original sample lands in exactly one part.
    std::vector<int> seen(10, 0);
    for (const Dataset* part : {&s.train, &s.test})
      for (Index i = 0; i < part->num_samples(); ++i) {
        const auto id = static_cast<std::size_t>(part->x(0, i));
        ++seen[id];
        CHECK(part->labels[static_cast<std::size_t>(i)] == static_cast<int>(id % 2));
      }
    CHECK(std::all_of(seen.begin(), seen.end(), [](int k) { return k == 1; }));
  }
  bp::Rng a(3), b(3), c(4);
  const bp::Split sa = bp::split_dataset(d, 0.6, a);
  const bp::Split sb = bp::split_dataset(d, 0.6, b);
  const bp::Split sc = bp::split_dataset(d, 0.6, c);
  CHECK(sa.train.x == sb.train.x);
  CHECK(sa.train.x != sc.train.x);

  bp::Rng rng(1);
  const bp::Split one = bp::split_dataset(indexed_set(1), 0.5, rng);
  CHECK(one.train.num_samples() == 1);
  CHECK(one.test.num_samples() == 0);
  REQUIRE_THROWS_WITH(bp::split_dataset(d, 0.0, rng), Contains("train_ratio"));
  REQUIRE_THROWS_WITH(bp::split_dataset(d, 1.5, rng), Contains("train_ratio"));
  REQUIRE_THROWS_AS(bp::split_dataset(d, std::nan(""), rng), bp::Error);
}

TEST_CASE("encode_targets: binary 0/1 and -1/+1, one-hot, regression", "[data][targets]") {
  Dataset d = indexed_set(4);  // labels 0 1 0 1
  const bp::Matrix<double> sigmoid = bp::encode_targets(d, 1, 0.0);
  REQUIRE(sigmoid.rows() == 1);
  REQUIRE(sigmoid.cols() == 4);
  CHECK(sigmoid(0, 0) == 0.0);
  CHECK(sigmoid(0, 1) == 1.0);
  const bp::Matrix<double> tanh = bp::encode_targets(d, 1, -1.0);
  CHECK(tanh(0, 0) == -1.0);
  CHECK(tanh(0, 1) == 1.0);
  CHECK(tanh(0, 2) == -1.0);
  const bp::Matrix<double> two = bp::encode_targets(d, 2, -1.0);
  CHECK(two == (bp::Matrix<double>(2, 4) << 1, 0, 1, 0, 0, 1, 0, 1).finished());

  d.class_names = {"a", "b", "c"};
  d.labels = {2, 0, 1, 2};
  const bp::Matrix<double> one_hot = bp::encode_targets(d, 3, 0.0);
  CHECK(one_hot == (bp::Matrix<double>(3, 4) << 0, 1, 0, 0, 0, 0, 1, 0, 1, 0, 0, 1).finished());
  REQUIRE_THROWS_WITH(bp::encode_targets(d, 1, 0.0), Contains("n_outputs"));
  REQUIRE_THROWS_WITH(bp::encode_targets(d, 4, 0.0), Contains("n_outputs"));

  bp::Rng rng(1);
  const Dataset reg = bp::generate(Generator::regression_plane, 5, 0.0, rng);
  CHECK(bp::encode_targets(reg, 1, 0.0) == reg.y);
  REQUIRE_THROWS_WITH(bp::encode_targets(reg, 2, 0.0), Contains("n_outputs"));
}

TEST_CASE("Standardizer: mean 0 and std 1 on the fitted set, constant feature safe",
          "[data][standardizer]") {
  bp::Matrix<double> x(3, 4);
  x << 1, 2, 3, 4,     //
      10, 10, 10, 10,  //
      -5, 0, 5, 100;
  const bp::Standardizer s = bp::Standardizer::fit(x);
  CHECK(s.mean(0) == Approx(2.5));
  CHECK(s.stddev(0) == Approx(std::sqrt(1.25)));
  CHECK(s.stddev(1) == 1.0);  // constant: centred, not divided by zero
  bp::Matrix<double> z = x;
  s.apply(z);
  for (const Index r : {Index{0}, Index{2}}) {
    CHECK(z.row(r).mean() == Approx(0.0).margin(1e-12));
    CHECK((z.row(r).array().square().mean()) == Approx(1.0));
  }
  CHECK(z.row(1).isZero());
  CHECK(z.allFinite());

  // Applied to other data with the fitted statistics.
  bp::Matrix<double> other(3, 1);
  other << 2.5, 11, 0;
  s.apply(other);
  CHECK(other(0, 0) == Approx(0.0).margin(1e-12));
  CHECK(other(1, 0) == 1.0);

  bp::Matrix<double> wrong(2, 1);
  REQUIRE_THROWS_WITH(s.apply(wrong), Contains("fitted on 3"));
  REQUIRE_THROWS_AS(bp::Standardizer::fit(bp::Matrix<double>(3, 0)), bp::Error);
  bp::Standardizer unfitted;
  REQUIRE_THROWS_WITH(unfitted.apply(z), Contains("not fitted"));
}

TEST_CASE("derive_features computes TF Playground's inputs in the given order",
          "[data][features]") {
  using bp::Feature;
  bp::Matrix<double> p(2, 2);
  p << 1.0, -2.0,  //
      3.0, 0.5;
  const std::vector<Feature> all{Feature::sin_x2,     Feature::x1,         Feature::x2,
                                 Feature::x1_squared, Feature::x2_squared, Feature::x1_times_x2,
                                 Feature::sin_x1};
  const bp::Matrix<double> f = bp::derive_features(p, all);
  REQUIRE(f.rows() == 7);
  REQUIRE(f.cols() == 2);
  CHECK(f(0, 0) == Approx(std::sin(3.0)));
  CHECK(f(1, 1) == -2.0);
  CHECK(f(2, 1) == 0.5);
  CHECK(f(3, 1) == 4.0);
  CHECK(f(4, 0) == 9.0);
  CHECK(f(5, 1) == -1.0);
  CHECK(f(6, 1) == Approx(std::sin(-2.0)));

  const bp::Matrix<float> pf = p.cast<float>();
  bp::Matrix<float> out(2, 2);
  bp::derive_features_into<float>(pf, {Feature::x1_times_x2, Feature::x2}, out);
  CHECK(out(0, 0) == 3.0f);
  CHECK(out(1, 1) == 0.5f);

  REQUIRE_THROWS_WITH(bp::derive_features(p, {}), Contains("features"));
  REQUIRE_THROWS_WITH(bp::derive_features(p, {Feature::x1, Feature::x1}), Contains("twice"));
  REQUIRE_THROWS_WITH(bp::derive_features(bp::Matrix<double>(3, 2), {Feature::x1}),
                      Contains("points"));
  bp::Matrix<float> small(1, 2);
  REQUIRE_THROWS_WITH(bp::derive_features_into<float>(pf, {Feature::x1, Feature::x2}, small),
                      Contains("out"));
}
