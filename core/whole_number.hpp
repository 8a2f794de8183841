#pragma once
// The one check for a count, index, size or seed that comes from outside the core (the JS API,
// options and model JSON, the page's URL state): a finite whole number in [lo, hi]. NaN, ±Infinity,
// fractions (2.9 is not silently 2), negatives below lo and huge values all fail here, with the
// same message everywhere: "<field>: must be a whole number in [lo, hi]; got <value>".
#include <string_view>

#include "math/types.hpp"

namespace bp {

// With element >= 0 the field is named "<field>[<element>]" (an array entry; no string is built
// unless the check fails).
Index whole_number(double value, std::string_view field, double lo, double hi, Index element = -1);

}  // namespace bp
