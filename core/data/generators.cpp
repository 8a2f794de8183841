// Port of tensorflow/playground src/dataset.ts (Apache-2.0, commit 2c87f3d). Same geometry, noise
// model and order of random draws per point; Math.random() becomes rng.uniform(), normalRandom()
// becomes rng.normal(). Deviations, all for odd sample counts or labels:
//  - TF loops `i < numSamples / 2` per class, which yields numSamples + 1 points when numSamples is
//    odd; here the first class gets ceil(n/2) points and the second floor(n/2), n in total.
//  - labels -1/+1 become 0/1.
#include "data/generators.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <numbers>
#include <string>

#include "error.hpp"

namespace bp {
namespace {

constexpr double kPi = std::numbers::pi;

// dist() of dataset.ts.
double dist(double x0, double y0, double x1, double y1) {
  const double dx = x0 - x1;
  const double dy = y0 - y1;
  return std::sqrt(dx * dx + dy * dy);
}

// d3.scale.linear().domain([d0, d1]).range([r0, r1]) without clamping.
double linear_scale(double v, double d0, double d1, double r0, double r1) {
  return r0 + (v - d0) / (d1 - d0) * (r1 - r0);
}

Dataset make_classification(Index n) {
  Dataset data;
  data.task = Task::classification;
  data.x.resize(2, n);
  data.labels.assign(static_cast<std::size_t>(n), 0);
  data.class_names = {"0", "1"};
  return data;
}

Dataset make_regression(Index n) {
  Dataset data;
  data.task = Task::regression;
  data.x.resize(2, n);
  data.y.resize(1, n);
  return data;
}

void put(Dataset& data, Index i, double x, double y, int label) {
  data.x(0, i) = x;
  data.x(1, i) = y;
  data.labels[static_cast<std::size_t>(i)] = label;
}

// classifyCircleData: label 1 inside radius 2.5, 0 outside; points drawn inside (r < 2.5) then in
// the ring 3.5..5. Noise moves only the point the label is computed from, not the point itself.
Dataset circle(Index n, double noise, Rng& rng) {
  const double radius = 5;
  Dataset data = make_classification(n);
  const Index n_inside = n - n / 2;
  for (Index i = 0; i < n; ++i) {
    const double r =
        i < n_inside ? rng.uniform(0, radius * 0.5) : rng.uniform(radius * 0.7, radius);
    const double angle = rng.uniform(0, 2 * kPi);
    const double x = r * std::sin(angle);
    const double y = r * std::cos(angle);
    const double noise_x = rng.uniform(-radius, radius) * noise;
    const double noise_y = rng.uniform(-radius, radius) * noise;
    put(data, i, x, y, dist(x + noise_x, y + noise_y, 0, 0) < radius * 0.5 ? 1 : 0);
  }
  return data;
}

// classifyXORData: uniform in [-5, 5]^2 pushed 0.3 away from the axes; label 1 when x*y >= 0.
Dataset xor_quadrants(Index n, double noise, Rng& rng) {
  const double padding = 0.3;
  Dataset data = make_classification(n);
  for (Index i = 0; i < n; ++i) {
    double x = rng.uniform(-5, 5);
    x += x > 0 ? padding : -padding;
    double y = rng.uniform(-5, 5);
    y += y > 0 ? padding : -padding;
    const double noise_x = rng.uniform(-5, 5) * noise;
    const double noise_y = rng.uniform(-5, 5) * noise;
    put(data, i, x, y, (x + noise_x) * (y + noise_y) >= 0 ? 1 : 0);
  }
  return data;
}

// classifyTwoGaussData: label 1 around (2, 2), label 0 around (-2, -2); variance grows linearly
// from 0.5 (noise 0) to 4 (noise 0.5), extrapolated beyond like d3's unclamped scale.
Dataset two_gaussians(Index n, double noise, Rng& rng) {
  const double variance = linear_scale(noise, 0, 0.5, 0.5, 4);
  const double stddev = std::sqrt(variance);
  Dataset data = make_classification(n);
  const Index n_positive = n - n / 2;
  for (Index i = 0; i < n; ++i) {
    const bool positive = i < n_positive;
    const double c = positive ? 2 : -2;
    const double x = rng.normal(c, stddev);
    const double y = rng.normal(c, stddev);
    put(data, i, x, y, positive ? 1 : 0);
  }
  return data;
}

// classifySpiralData: two arms r = 5 i/n', t = 1.75 * 2 pi i/n' + delta_t with n' = numSamples/2
// (a real number, as in JS); label 1 for delta_t = 0, label 0 for delta_t = pi. Noise is uniform
// in [-noise, noise] on each coordinate.
Dataset spiral(Index n, double noise, Rng& rng) {
  const double half = static_cast<double>(n) / 2;
  Dataset data = make_classification(n);
  const Index n_first = n - n / 2;
  for (Index k = 0; k < n; ++k) {
    const bool first = k < n_first;
    const auto i = static_cast<double>(first ? k : k - n_first);
    const double delta_t = first ? 0 : kPi;
    const double r = i / half * 5;
    const double t = 1.75 * i / half * 2 * kPi + delta_t;
    const double x = r * std::sin(t) + rng.uniform(-1, 1) * noise;
    const double y = r * std::cos(t) + rng.uniform(-1, 1) * noise;
    put(data, k, x, y, first ? 1 : 0);
  }
  return data;
}

// regressPlane: uniform in [-6, 6]^2, target (x + y) / 10 of the noise-shifted point (so |target|
// reaches 1.2, plus noise, as in TF).
Dataset regression_plane(Index n, double noise, Rng& rng) {
  const double radius = 6;
  Dataset data = make_regression(n);
  for (Index i = 0; i < n; ++i) {
    const double x = rng.uniform(-radius, radius);
    const double y = rng.uniform(-radius, radius);
    const double noise_x = rng.uniform(-radius, radius) * noise;
    const double noise_y = rng.uniform(-radius, radius) * noise;
    data.x(0, i) = x;
    data.x(1, i) = y;
    data.y(0, i) = linear_scale(x + noise_x + y + noise_y, -10, 10, -1, 1);
  }
  return data;
}

// regressGaussian: six signed bumps max(0, 1 - d/2) at (+-4 or 0, +-2.5); the target is the bump
// with the largest magnitude at the noise-shifted point.
Dataset regression_gaussian(Index n, double noise, Rng& rng) {
  struct Bump {
    double cx, cy, sign;
  };
  static constexpr std::array<Bump, 6> kBumps{
      {{-4, 2.5, 1}, {0, 2.5, -1}, {4, 2.5, 1}, {-4, -2.5, -1}, {0, -2.5, 1}, {4, -2.5, -1}}};
  const auto label_of = [](double x, double y) {
    double label = 0;
    for (const Bump& b : kBumps) {
      // d3 linear domain [0, 2] -> range [1, 0], clamped.
      const double scaled = std::clamp(linear_scale(dist(x, y, b.cx, b.cy), 0, 2, 1, 0), 0.0, 1.0);
      const double candidate = b.sign * scaled;
      if (std::fabs(candidate) > std::fabs(label)) label = candidate;
    }
    return label;
  };
  const double radius = 6;
  Dataset data = make_regression(n);
  for (Index i = 0; i < n; ++i) {
    const double x = rng.uniform(-radius, radius);
    const double y = rng.uniform(-radius, radius);
    const double noise_x = rng.uniform(-radius, radius) * noise;
    const double noise_y = rng.uniform(-radius, radius) * noise;
    data.x(0, i) = x;
    data.x(1, i) = y;
    data.y(0, i) = label_of(x + noise_x, y + noise_y);
  }
  return data;
}

}  // namespace

Dataset generate(Generator kind, Index num_samples, double noise, Rng& rng) {
  BP_REQUIRE(num_samples >= 1 && num_samples <= kMaxSamples, "num_samples",
             std::to_string(num_samples) + " is outside 1.." + std::to_string(kMaxSamples));
  BP_REQUIRE(std::isfinite(noise) && noise >= 0.0 && noise <= 1.0, "noise",
             std::to_string(noise) +
                 " is outside [0, 1]; give a fraction (TF Playground's 0..50 "
                 "slider is 0..0.5)");
  Dataset data;
  switch (kind) {
    case Generator::circle:
      data = circle(num_samples, noise, rng);
      break;
    case Generator::xor_:
      data = xor_quadrants(num_samples, noise, rng);
      break;
    case Generator::gaussian:
      data = two_gaussians(num_samples, noise, rng);
      break;
    case Generator::spiral:
      data = spiral(num_samples, noise, rng);
      break;
    case Generator::regression_plane:
      data = regression_plane(num_samples, noise, rng);
      break;
    case Generator::regression_gaussian:
      data = regression_gaussian(num_samples, noise, rng);
      break;
    default:
      throw Error("generator: unknown kind; accepted: " + accepted_names(kGeneratorNames));
  }
  data.feature_names = {"x1", "x2"};
  return data;
}

}  // namespace bp
