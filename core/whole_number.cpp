#include "whole_number.hpp"

#include <cmath>
#include <string>

#include "error.hpp"

namespace bp {
namespace {
// As a JavaScript or JSON user writes the value: NaN, Infinity, 2.9, 1e+300.
std::string describe(double value) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value > 0 ? "Infinity" : "-Infinity";
  return format_number(value);
}
}  // namespace

Index whole_number(double value, std::string_view field, double lo, double hi, Index element) {
  // The comparisons are false for NaN; lo and hi are within Index's range, so the cast is exact.
  BP_REQUIRE(std::isfinite(value) && value == std::floor(value) && value >= lo && value <= hi,
             std::string(field) + (element >= 0 ? "[" + std::to_string(element) + "]" : ""),
             "must be a whole number in [" + format_number(lo) + ", " + format_number(hi) +
                 "]; got " + describe(value));
  return static_cast<Index>(value);
}

}  // namespace bp
