// Port of tensorflow/playground src/dataset.ts (Apache-2.0; checked against commits 2c87f3d and
// bf5e6fc, which agree on this file) and of generateData() in src/playground.ts (bf5e6fc). Every
// Math.random() is rng.next(), called in the same order, and every formula keeps TFP's order of
// floating-point operations, so the points are TFP's to the last bit wherever sin, cos and log
// agree with the browser's. The d3.scale.linear() calls are d3 3.5.17's (the ^3.5.16 TFP uses):
// uninterpolate t = (x - d0) / (d1 - d0) (clamped to [0, 1] with .clamp(true)), then
// interpolate r0 * (1 - t) + r1 * t.
#include "tfp/generators.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <numbers>
#include <string>

#include "error.hpp"

namespace bp::tfp {
namespace {

constexpr double kPi = std::numbers::pi;  // Math.PI

// d3.scale.linear().domain([d0, d1]).range([r0, r1]) (d3 3.5.17 d3_scale_bilinear).
double d3_linear(double x, double d0, double d1, double r0, double r1, bool clamp) {
  double t = (x - d0) / (d1 - d0);
  if (clamp) t = std::max(0.0, std::min(1.0, t));
  return r0 * (1 - t) + r1 * t;
}

// randUniform(a, b): Math.random() * (b - a) + a.
double rand_uniform(Arc4& rng, double a, double b) { return rng.next() * (b - a) + a; }

// normalRandom(mean, variance): Marsaglia's polar method, one value per call.
double normal_random(Arc4& rng, double mean, double variance) {
  double v1, v2, s;
  do {
    v1 = 2 * rng.next() - 1;
    v2 = 2 * rng.next() - 1;
    s = v1 * v1 + v2 * v2;
  } while (s > 1);
  const double result = std::sqrt(-2 * std::log(s) / s) * v1;
  return mean + std::sqrt(variance) * result;
}

// dist(a, b).
double dist(double ax, double ay, double bx, double by) {
  const double dx = ax - bx;
  const double dy = ay - by;
  return std::sqrt(dx * dx + dy * dy);
}

// classifyTwoGaussData.
void two_gauss(std::vector<Example2D>& points, int n, double noise, Arc4& rng) {
  const double variance = d3_linear(noise, 0, .5, 0.5, 4, false);
  const auto gen_gauss = [&](double cx, double cy, double label) {
    for (int i = 0; i < n / 2.0; i++) {
      const double x = normal_random(rng, cx, variance);
      const double y = normal_random(rng, cy, variance);
      points.push_back({x, y, label});
    }
  };
  gen_gauss(2, 2, 1);
  gen_gauss(-2, -2, -1);
}

// regressPlane.
void regress_plane(std::vector<Example2D>& points, int n, double noise, Arc4& rng) {
  const double radius = 6;
  const auto get_label = [](double x, double y) { return d3_linear(x + y, -10, 10, -1, 1, false); };
  for (int i = 0; i < n; i++) {
    const double x = rand_uniform(rng, -radius, radius);
    const double y = rand_uniform(rng, -radius, radius);
    const double noise_x = rand_uniform(rng, -radius, radius) * noise;
    const double noise_y = rand_uniform(rng, -radius, radius) * noise;
    points.push_back({x, y, get_label(x + noise_x, y + noise_y)});
  }
}

// regressGaussian.
void regress_gaussian(std::vector<Example2D>& points, int n, double noise, Arc4& rng) {
  static constexpr std::array<std::array<double, 3>, 6> kGaussians{{
      {-4, 2.5, 1}, {0, 2.5, -1}, {4, 2.5, 1}, {-4, -2.5, -1}, {0, -2.5, 1}, {4, -2.5, -1}}};
  const auto get_label = [](double x, double y) {
    // Choose the one that is maximum in abs value.
    double label = 0;
    for (const auto& [cx, cy, sign] : kGaussians) {
      const double new_label = sign * d3_linear(dist(x, y, cx, cy), 0, 2, 1, 0, true);
      if (std::abs(new_label) > std::abs(label)) label = new_label;
    }
    return label;
  };
  const double radius = 6;
  for (int i = 0; i < n; i++) {
    const double x = rand_uniform(rng, -radius, radius);
    const double y = rand_uniform(rng, -radius, radius);
    const double noise_x = rand_uniform(rng, -radius, radius) * noise;
    const double noise_y = rand_uniform(rng, -radius, radius) * noise;
    points.push_back({x, y, get_label(x + noise_x, y + noise_y)});
  }
}

// classifySpiralData.
void spiral(std::vector<Example2D>& points, int num, double noise, Arc4& rng) {
  const double n = num / 2.0;
  const auto gen_spiral = [&](double delta_t, double label) {
    for (int i = 0; i < n; i++) {
      const double r = i / n * 5;
      const double t = 1.75 * i / n * 2 * kPi + delta_t;
      const double x = r * std::sin(t) + rand_uniform(rng, -1, 1) * noise;
      const double y = r * std::cos(t) + rand_uniform(rng, -1, 1) * noise;
      points.push_back({x, y, label});
    }
  };
  gen_spiral(0, 1);
  gen_spiral(kPi, -1);
}

// classifyCircleData.
void circle(std::vector<Example2D>& points, int n, double noise, Arc4& rng) {
  const double radius = 5;
  const auto get_circle_label = [&](double px, double py) {
    return dist(px, py, 0, 0) < (radius * 0.5) ? 1.0 : -1.0;
  };
  const auto ring = [&](double r_min, double r_max) {
    for (int i = 0; i < n / 2.0; i++) {
      const double r = rand_uniform(rng, r_min, r_max);
      const double angle = rand_uniform(rng, 0, 2 * kPi);
      const double x = r * std::sin(angle);
      const double y = r * std::cos(angle);
      const double noise_x = rand_uniform(rng, -radius, radius) * noise;
      const double noise_y = rand_uniform(rng, -radius, radius) * noise;
      points.push_back({x, y, get_circle_label(x + noise_x, y + noise_y)});
    }
  };
  ring(0, radius * 0.5);          // positive points inside the circle
  ring(radius * 0.7, radius);     // negative points outside the circle
}

// classifyXORData.
void xor_data(std::vector<Example2D>& points, int n, double noise, Arc4& rng) {
  const auto get_xor_label = [](double px, double py) { return px * py >= 0 ? 1.0 : -1.0; };
  for (int i = 0; i < n; i++) {
    double x = rand_uniform(rng, -5, 5);
    const double padding = 0.3;
    x += x > 0 ? padding : -padding;  // Padding.
    double y = rand_uniform(rng, -5, 5);
    y += y > 0 ? padding : -padding;
    const double noise_x = rand_uniform(rng, -5, 5) * noise;
    const double noise_y = rand_uniform(rng, -5, 5) * noise;
    points.push_back({x, y, get_xor_label(x + noise_x, y + noise_y)});
  }
}

}  // namespace

bool is_regression(TfpDataset dataset) {
  return dataset == TfpDataset::reg_plane || dataset == TfpDataset::reg_gauss;
}

int num_samples(TfpDataset dataset) { return is_regression(dataset) ? 1200 : 500; }

std::vector<Example2D> generate(TfpDataset dataset, int n, double noise, Arc4& rng) {
  BP_REQUIRE(n >= 0 && n <= kMaxSamples, "numSamples",
             "must be in [0, " + std::to_string(kMaxSamples) + "]");
  std::vector<Example2D> points;
  points.reserve(static_cast<std::size_t>(n) + 1);
  switch (dataset) {
    case TfpDataset::circle: circle(points, n, noise, rng); break;
    case TfpDataset::xor_: xor_data(points, n, noise, rng); break;
    case TfpDataset::gauss: two_gauss(points, n, noise, rng); break;
    case TfpDataset::spiral: spiral(points, n, noise, rng); break;
    case TfpDataset::reg_plane: regress_plane(points, n, noise, rng); break;
    case TfpDataset::reg_gauss: regress_gaussian(points, n, noise, rng); break;
  }
  return points;
}

void shuffle(std::vector<Example2D>& points, Arc4& rng) {
  std::size_t counter = points.size();
  while (counter > 0) {
    const auto index = static_cast<std::size_t>(std::floor(rng.next() * static_cast<double>(counter)));
    counter--;
    std::swap(points[counter], points[index]);
  }
}

std::vector<Example2D> generate_shuffled(TfpDataset dataset, double noise_slider, Arc4& rng) {
  BP_REQUIRE(std::isfinite(noise_slider) && noise_slider >= 0 && noise_slider <= 80, "noise",
             "must be a number in [0, 80] (TensorFlow Playground's slider, in percent); got " +
                 format_number(noise_slider));
  // let data = generator(numSamples, state.noise / 100); shuffle(data);
  std::vector<Example2D> points = generate(dataset, num_samples(dataset), noise_slider / 100, rng);
  shuffle(points, rng);
  return points;
}

Split generate_split(TfpDataset dataset, double noise_slider, double perc_train_data, Arc4& rng) {
  BP_REQUIRE(std::isfinite(perc_train_data) && perc_train_data >= 0 && perc_train_data <= 100,
             "percTrainData",
             "must be a number in [0, 100] (the percentage of points used for training); got " +
                 format_number(perc_train_data));
  const std::vector<Example2D> points = generate_shuffled(dataset, noise_slider, rng);
  // let splitIndex = Math.floor(data.length * state.percTrainData / 100);
  const double n = static_cast<double>(points.size());
  const auto split_index = static_cast<Index>(std::floor(n * perc_train_data / 100));
  const bool regression = is_regression(dataset);
  const auto part = [&](Index begin, Index end) {
    Dataset d;
    d.task = regression ? Task::regression : Task::classification;
    d.feature_names = {"x1", "x2"};
    d.x.resize(2, end - begin);
    if (regression) d.y.resize(1, end - begin);
    else d.class_names = {"0", "1"};
    for (Index i = begin; i < end; ++i) {
      const Example2D& p = points[static_cast<std::size_t>(i)];
      d.x(0, i - begin) = p.x;
      d.x(1, i - begin) = p.y;
      if (regression) d.y(0, i - begin) = p.label;
      else d.labels.push_back(p.label > 0 ? 1 : 0);
    }
    return d;
  };
  return Split{part(0, split_index), part(split_index, static_cast<Index>(points.size()))};
}

}  // namespace bp::tfp
