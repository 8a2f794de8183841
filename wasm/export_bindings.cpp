// Embind bindings of the exporter module (backprop-export.{js,wasm}): glue only. The exports
// themselves are in core/export/ (one implementation for native code, the engine and the page).
// The engine's loader.js loads this module on the first trainer.toOnnx() / toPyTorch() /
// historyCsv(), so that none of it is in the default page's .wasm. Types: backprop.d.ts (EXPORT).
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <string>
#include <vector>

#include "export/export_model.hpp"
#include "export/history_csv.hpp"
#include "export/onnx.hpp"
#include "export/pytorch.hpp"
#include "js_error.hpp"

using namespace emscripten;
using bp::wasm::js_call;

namespace {

// The serialized ONNX model, as a Uint8Array the caller owns.
val onnx(const std::string& model_json, const std::string& divergence) {
  return js_call([&] {
    const std::string bytes = bp::onnx_model(bp::export_model_from_json(model_json, "ONNX", divergence));
    return val(typed_memory_view(bytes.size(), reinterpret_cast<const unsigned char*>(bytes.data())))
        .call<val>("slice");
  });
}

std::string pytorch(const std::string& model_json, const std::string& divergence, const std::string& samples) {
  return js_call([&] {
    const bp::ExportModel model = bp::export_model_from_json(model_json, "PyTorch", divergence);
    return bp::pytorch_script(model, bp::export_samples_from_json(samples));
  });
}

std::string history_csv(const val& history, const std::string& metric) {
  return js_call([&] {
    const std::vector<double> values = convertJSArrayToNumberVector<double>(history);
    return bp::history_csv(bp::history_from_flat(values), metric);
  });
}

int onnx_opset() { return bp::kOnnxOpset; }

}  // namespace

EMSCRIPTEN_BINDINGS(backprop_export) {
  function("onnx", &onnx);
  function("pytorch", &pytorch);
  function("historyCsv", &history_csv);
  function("onnxOpset", &onnx_opset);
}
