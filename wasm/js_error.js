// Emscripten JS library (--js-library) behind js_error.hpp: C++ errors leave an Embind call as a
// thrown JavaScript Error *after* the wasm call has returned normally.
//
// Throwing from inside wasm would skip what Embind and C++ clean up on the way out: the argument
// buffers Embind's JS side frees after the call (std::string arguments), the C++ destructors of the
// invoker's argument temporaries, and the wasm stack pointer. So js_call (js_error.hpp) only records
// the message here (bp_set_pending_error) and returns a placeholder value; every Embind invoker is
// wrapped so that, once the call has returned and cleaned up, a recorded message becomes
// `throw new Error(message)`. The wrapper also restores the stack pointer if anything else throws
// (an abort, a binding error, a C++ exception that bypassed js_call).
//
// Emscripten 3.1.6 (Debian): this wraps embind.js's craftInvokerFunction, which every function,
// method and constructor binding goes through. Re-check the wrap when upgrading Emscripten.
mergeInto(LibraryManager.library, {
  $bpEmbindGuard__deps: ['$craftInvokerFunction'],
  $bpEmbindGuard__postset:
    'var bpCraftInvokerFunction = craftInvokerFunction;' +
    'craftInvokerFunction = function() {' +
    '  return bpEmbindGuard(bpCraftInvokerFunction.apply(null, arguments));' +
    '};',
  $bpEmbindGuard: function(invoker) {
    return function() {
      var sp = stackSave();
      var rv;
      try {
        rv = invoker.apply(this, arguments);
      } catch (e) {
        stackRestore(sp);
        throw e;
      }
      var message = bpEmbindGuard.pending;
      if (message != null) {
        bpEmbindGuard.pending = null;
        if (rv && typeof rv.delete === 'function') rv.delete();  // a placeholder Embind object
        throw new Error(message);
      }
      return rv;
    };
  },

  bp_set_pending_error__deps: ['$bpEmbindGuard'],
  bp_set_pending_error__sig: 'vi',
  bp_set_pending_error: function(message) {
    var text = UTF8ToString(message);
    // WebAssembly memory is full (it grows to 2 GB at most): say so in words (issue 15). Here, not
    // in C++: one catch clause less in every binding's js_call.
    if (text === 'std::bad_alloc') {
      text = "out of memory: the engine's WebAssembly memory is full (it grows to 2 GB at most), so this " +
        'call was not done; use less data or a smaller network, or reload the page to start with empty memory';
    }
    bpEmbindGuard.pending = text;
  },
});
