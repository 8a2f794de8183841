#pragma once
// The one error type of the core. Every message names the field (or file position) that was wrong,
// what was found, and what is accepted, so a person can fix the input without reading code.
#include <stdexcept>
#include <string>

namespace bp {

class Error : public std::invalid_argument {
 public:
  explicit Error(const std::string& message) : std::invalid_argument(message) {}
};

}  // namespace bp

// Throws bp::Error("<field>: <message>") when `ok` is false. A macro so that the message (often
// built with std::to_string and +) is only constructed on failure: checks in the training and
// drawing paths then cost a comparison and never allocate.
#define BP_REQUIRE(ok, field, message)                                   \
  do {                                                                   \
    if (!(ok)) throw ::bp::Error(std::string(field) + ": " + (message)); \
  } while (false)
