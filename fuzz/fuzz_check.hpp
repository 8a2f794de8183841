#pragma once
// Helpers shared by the libFuzzer targets: a property that fails aborts with a message (libFuzzer
// then saves the input as crash-*), and a rejection must be bp::Error with a non-empty message.
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <string_view>

#include "error.hpp"

namespace bp_fuzz {

[[noreturn]] inline void fail(const char* what) {
  std::fprintf(stderr, "fuzz property failed: %s\n", what);
  std::abort();
}

inline void require(bool ok, const char* what) {
  if (!ok) fail(what);
}

// Runs f(); returns true when it returned, false when it threw bp::Error with a message. Any other
// exception (std::bad_alloc, nlohmann::json's, std::out_of_range...) is a finding: abort.
template <typename F>
bool accepts(F&& f) {
  try {
    f();
    return true;
  } catch (const bp::Error& e) {
    require(std::strlen(e.what()) > 0, "bp::Error with an empty message");
    return false;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "fuzz: an exception that is not bp::Error escaped: %s\n", e.what());
    std::abort();
  }
}

inline std::string_view as_text(const unsigned char* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

}  // namespace bp_fuzz
