// Metrics against small hand-computed cases.
#include <catch2/catch.hpp>

#include "error.hpp"
#include "metrics/metrics.hpp"

using bp::Matrix;
using Catch::Contains;

TEST_CASE("predict_classes: threshold for one output, argmax for several", "[metrics]") {
  Matrix<float> sigmoid(1, 4);
  sigmoid << 0.1f, 0.5f, 0.51f, 0.9f;
  CHECK(bp::predict_classes<float>(sigmoid, 0.5) == std::vector<int>{0, 0, 1, 1});
  Matrix<double> tanh(1, 3);
  tanh << -0.3, 0.0, 0.2;
  CHECK(bp::predict_classes<double>(tanh, 0.0) == std::vector<int>{0, 0, 1});

  Matrix<double> softmax(3, 4);
  softmax << 0.7, 0.1, 0.2, 0.4,  //
      0.2, 0.3, 0.2, 0.4,         //
      0.1, 0.6, 0.6, 0.2;
  // Column 3 ties rows 0 and 1: the first wins.
  CHECK(bp::predict_classes<double>(softmax, 0.5) == std::vector<int>{0, 2, 2, 0});
  CHECK(bp::predict_classes<double>(Matrix<double>(2, 0), 0.5).empty());
  REQUIRE_THROWS_WITH(bp::predict_classes<double>(Matrix<double>(0, 3), 0.5), Contains("outputs"));
}

TEST_CASE("accuracy", "[metrics]") {
  CHECK(bp::accuracy({0, 1, 2, 1}, {0, 1, 1, 1}) == 0.75);
  CHECK(bp::accuracy({1, 1}, {1, 1}) == 1.0);
  CHECK(bp::accuracy({}, {}) == 0.0);
  REQUIRE_THROWS_WITH(bp::accuracy({0, 1}, {0}), Contains("predicted"));
}

TEST_CASE("confusion_matrix: row = true class, column = predicted", "[metrics]") {
  const std::vector<int> truth{0, 0, 1, 1, 1, 2};
  const std::vector<int> predicted{0, 1, 1, 1, 2, 0};
  Eigen::MatrixXi expected(3, 3);
  expected << 1, 1, 0,  //
      0, 2, 1,          //
      1, 0, 0;
  CHECK(bp::confusion_matrix(predicted, truth, 3) == expected);
  CHECK(bp::confusion_matrix(predicted, truth, 3).sum() == 6);
  REQUIRE_THROWS_WITH(bp::confusion_matrix({0, 3}, {0, 1}, 3), Contains("predicted[1]"));
  REQUIRE_THROWS_WITH(bp::confusion_matrix({0, 1}, {-1, 1}, 3), Contains("labels[0]"));
  REQUIRE_THROWS_WITH(bp::confusion_matrix({0}, {0}, 0), Contains("num_classes"));
}

TEST_CASE("r_squared", "[metrics]") {
  Matrix<double> t(1, 4);
  t << 1, 2, 3, 4;
  CHECK(bp::r_squared<double>(t, t) == 1.0);
  // SS_tot = 2.25 + 0.25 + 0.25 + 2.25 = 5, SS_res = 1 -> R^2 = 0.8.
  Matrix<float> a(1, 4);
  a << 1, 2, 3, 5;
  CHECK(bp::r_squared<float>(a, t) == Approx(0.8));
  // Predicting the mean gives 0; worse than the mean is negative.
  CHECK(bp::r_squared<double>(Matrix<double>::Constant(1, 4, 2.5), t) == Approx(0.0).margin(1e-15));
  CHECK(bp::r_squared<double>(Matrix<double>::Constant(1, 4, 5.0), t) < 0.0);

  // Two outputs, SS_tot about each row's own mean: row 0 as above (5, 1), row 1 t = 10,10,20,20
  // (SS_tot 100) predicted 10,10,20,10 (SS_res 100): R^2 = 1 - 101 / 105.
  Matrix<double> t2(2, 4), a2(2, 4);
  t2 << 1, 2, 3, 4, 10, 10, 20, 20;
  a2 << 1, 2, 3, 5, 10, 10, 20, 10;
  CHECK(bp::r_squared<double>(a2, t2) == Approx(1.0 - 101.0 / 105.0));

  const Matrix<double> flat = Matrix<double>::Constant(1, 3, 7.0);
  CHECK(bp::r_squared<double>(flat, flat) == 1.0);
  CHECK(bp::r_squared<double>(Matrix<double>::Constant(1, 3, 6.0), flat) == 0.0);
  REQUIRE_THROWS_WITH(bp::r_squared<double>(Matrix<double>(1, 3), t), Contains("outputs"));
}
