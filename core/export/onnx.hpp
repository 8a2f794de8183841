#pragma once
// ONNX export: the whole prediction path of a trained network as one ONNX model, so that a runtime
// given the user's raw inputs returns what the page's predict returns.
//
//   input  "input"  float32 [batch, raw inputs]   (2 with derived features: x1, x2)
//   output "output" float32 [batch, outputs]      (softmax probabilities, sigmoid values, ...)
//   batch is a dynamic dimension ("batch").
//
// Graph, in order: derived features (Slice x1/x2 out of the input, then Mul for x1^2, x2^2, x1*x2,
// Sin for sin x1, sin x2, Concat in the model's feature order); the standardizer (Sub mean, Div
// stddev); then per weight layer Gemm(h, W^T, b) (the column-major W^l buffer read row-major is
// (W^l)^T, n^l × n^{l+1}) and the layer's activation: linear (none), Sigmoid, Tanh, Relu,
// LeakyRelu(alpha = 0.01), Softmax(axis = 1).
// Opset 17 (ai.onnx; onnxruntime supports it since 1.12), IR version 8. Weights are float32 initializers.
#include <string>

#include "export/export_model.hpp"

namespace bp {

inline constexpr int kOnnxOpset = 17;
inline constexpr int kOnnxIrVersion = 8;

// The serialized ModelProto. Calls model.check("ONNX") first (refusals: see ExportModel::check).
std::string onnx_model(const ExportModel& model);

}  // namespace bp
