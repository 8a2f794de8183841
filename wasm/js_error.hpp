#pragma once
// Glue for the Embind bindings: run a callable and turn a C++ exception into a thrown JavaScript
// Error whose message is the exception's what(). Wrap the whole body of every binding that reaches
// the core:
//   float train_steps(Trainer& t, int n) { return bp::wasm::js_call([&] { return t.train_steps(n); }); }
// JavaScript then sees `catch (e) { e.message }` with the core's message (bp::Error names the field).
//
// How: on an exception, js_call records the message (js_error.js) and *returns* a placeholder
// (0, nullptr, "", undefined), so the call unwinds normally: destructors run, Embind frees its
// argument buffers, the stack pointer is restored. Embind's JS side then throws the Error. So code
// after js_call in the same binding still runs on failure: make js_call the binding's return value.
#include <emscripten/val.h>

#include <exception>
#include <type_traits>

extern "C" void bp_set_pending_error(const char* message);  // wasm/js_error.js

namespace bp::wasm {

namespace detail {

// The callable runs in a frame of its own (not inlined into js_call), so that what it put on the
// stack, Eigen's blocking buffers included, is released by the C++ unwind.
template <typename F>
[[gnu::noinline]] decltype(auto) call_in_own_frame(F& f) {
  return f();
}

// What a failed call returns to Embind before the Error is thrown; never seen by JavaScript.
template <typename R>
R placeholder() {
  if constexpr (std::is_void_v<R>) {
    return;
  } else if constexpr (std::is_same_v<R, emscripten::val>) {
    return emscripten::val::undefined();
  } else {
    static_assert(std::is_default_constructible_v<R> && !std::is_reference_v<R>,
                  "js_call: the callable must return void, a value type with a default "
                  "constructor, a pointer or emscripten::val");
    return R{};
  }
}

}  // namespace detail

// Calls f() and returns its result; a std::exception (bp::Error included) leaves as a JS Error.
template <typename F>
decltype(auto) js_call(F&& f) {
  using R = decltype(f());
#if defined(__cpp_exceptions)
  try {
    return detail::call_in_own_frame(f);
  } catch (const std::exception& e) {
    bp_set_pending_error(e.what());
  } catch (...) {
    bp_set_pending_error("unknown C++ exception");
  }
  return detail::placeholder<R>();
#else
  return static_cast<R>(f());  // built without exception support: a throw in the core aborts
#endif
}

}  // namespace bp::wasm
