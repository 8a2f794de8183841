#pragma once
// The one error type of the core. Every message names the field (or file position) that was wrong,
// what was found, and what is accepted, so a person can fix the input without reading code.
#include <cstdio>
#include <stdexcept>
#include <string>

namespace bp {

class Error : public std::invalid_argument {
 public:
  explicit Error(const std::string& message) : std::invalid_argument(message) {}
};

// A number as a person writes it in a message: 0.03, 100, 1e-08 (not std::to_string's 0.030000).
inline std::string format_number(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.10g", value);
  return text;
}

}  // namespace bp

// Throws bp::Error("<field>: <message>") when `ok` is false. A macro so that the message (often
// built with std::to_string and +) is only constructed on failure: checks in the training and
// drawing paths then cost a comparison and never allocate.
#define BP_REQUIRE(ok, field, message)                                   \
  do {                                                                   \
    if (!(ok)) throw ::bp::Error(std::string(field) + ": " + (message)); \
  } while (false)
