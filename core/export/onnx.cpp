#include "export/onnx.hpp"

#include <array>
#include <cstdint>
#include <vector>

#include "export/protobuf.hpp"

namespace bp {
namespace {

using proto::Writer;

// Field numbers of onnx.proto (https://github.com/onnx/onnx/blob/main/onnx/onnx.proto).
namespace field {
// ModelProto
constexpr std::uint32_t ir_version = 1, producer_name = 2, producer_version = 3, model_doc = 6,
                        graph = 7, opset_import = 8;
// OperatorSetIdProto
constexpr std::uint32_t opset_domain = 1, opset_version = 2;
// GraphProto
constexpr std::uint32_t node = 1, graph_name = 2, initializer = 5, graph_input = 11, graph_output = 12;
// NodeProto
constexpr std::uint32_t node_input = 1, node_output = 2, node_name = 3, op_type = 4, attribute = 5;
// AttributeProto
constexpr std::uint32_t attr_name = 1, attr_f = 2, attr_i = 3, attr_type = 20;
constexpr std::int64_t attr_float = 1, attr_int = 2;
// TensorProto
constexpr std::uint32_t dims = 1, data_type = 2, tensor_name = 8, raw_data = 9;
constexpr std::int64_t float32 = 1, int64 = 7;
// ValueInfoProto, TypeProto, TypeProto.Tensor, TensorShapeProto, Dimension
constexpr std::uint32_t value_name = 1, value_type = 2, tensor_type = 1, elem_type = 1, shape = 2,
                        dim = 1, dim_value = 1, dim_param = 2;
}  // namespace field

struct Attribute {
  const char* name;
  bool is_float;
  double value;
};

class GraphBuilder {
 public:
  void node(const char* op, std::vector<std::string> inputs, const std::string& output,
            std::vector<Attribute> attributes = {}) {
    Writer n;
    for (const auto& in : inputs) n.string_field(field::node_input, in);
    n.string_field(field::node_output, output);
    n.string_field(field::node_name, std::string(op) + "_" + std::to_string(++count_));
    n.string_field(field::op_type, op);
    for (const auto& a : attributes) {
      Writer attr;
      attr.string_field(field::attr_name, a.name);
      if (a.is_float) {
        attr.float_field(field::attr_f, static_cast<float>(a.value));
        attr.int_field(field::attr_type, field::attr_float);
      } else {
        attr.int_field(field::attr_i, static_cast<std::int64_t>(a.value));
        attr.int_field(field::attr_type, field::attr_int);
      }
      n.message(field::attribute, attr);
    }
    graph_.message(field::node, n);
  }
  void floats(const std::string& name, std::vector<std::int64_t> shape, std::span<const float> values) {
    tensor(name, shape, field::float32, proto::raw_floats(values));
  }
  void int64s(const std::string& name, std::span<const std::int64_t> values) {
    tensor(name, {static_cast<std::int64_t>(values.size())}, field::int64, proto::raw_int64s(values));
  }
  // Graph inputs/outputs: float32 [batch, width].
  void value(std::uint32_t which, const std::string& name, std::int64_t width) {
    Writer batch, columns, shape, tensor, type, info;
    batch.string_field(field::dim_param, "batch");
    columns.int_field(field::dim_value, width);
    shape.message(field::dim, batch);
    shape.message(field::dim, columns);
    tensor.int_field(field::elem_type, field::float32);
    tensor.message(field::shape, shape);
    type.message(field::tensor_type, tensor);
    info.string_field(field::value_name, name);
    info.message(field::value_type, type);
    io_.message(which, info);
  }
  // Nodes, name, then initializers, inputs and outputs (protobuf fields may come in any order).
  std::string finish(const std::string& name) const {
    Writer named;
    named.string_field(field::graph_name, name);
    return graph_.bytes() + named.bytes() + initializers_.bytes() + io_.bytes();
  }

 private:
  void tensor(const std::string& name, const std::vector<std::int64_t>& shape, std::int64_t type,
              const std::string& raw) {
    Writer t;
    t.packed_int64(field::dims, shape);
    t.int_field(field::data_type, type);
    t.string_field(field::tensor_name, name);
    t.bytes_field(field::raw_data, raw);
    initializers_.message(field::initializer, t);
  }
  Writer graph_, initializers_, io_;
  int count_ = 0;
};

const char* feature_tensor(Feature f) {
  switch (f) {
    case Feature::x1: return "x1";
    case Feature::x2: return "x2";
    case Feature::x1_squared: return "x1_squared";
    case Feature::x2_squared: return "x2_squared";
    case Feature::x1_times_x2: return "x1_times_x2";
    case Feature::sin_x1: return "sin_x1";
    case Feature::sin_x2: return "sin_x2";
  }
  return "?";
}

}  // namespace

std::string onnx_model(const ExportModel& model) {
  model.check("ONNX");
  GraphBuilder g;
  g.value(field::graph_input, "input", model.raw_inputs());
  g.value(field::graph_output, "output", model.outputs());
  std::string h = "input";

  // Derived features: x1 = input[:, 0:1], x2 = input[:, 1:2], then each feature column, concatenated.
  if (!model.features.empty()) {
    const std::array<std::int64_t, 1> zero{0}, one{1}, two{2};
    g.int64s("index_0", zero);
    g.int64s("index_1", one);
    g.int64s("index_2", two);
    g.node("Slice", {"input", "index_0", "index_1", "index_1"}, "x1");  // starts, ends, axes = [1]
    g.node("Slice", {"input", "index_1", "index_2", "index_1"}, "x2");
    std::vector<std::string> columns;
    for (const Feature f : model.features) {
      const std::string name = feature_tensor(f);
      switch (f) {
        case Feature::x1:
        case Feature::x2: break;
        case Feature::x1_squared: g.node("Mul", {"x1", "x1"}, name); break;
        case Feature::x2_squared: g.node("Mul", {"x2", "x2"}, name); break;
        case Feature::x1_times_x2: g.node("Mul", {"x1", "x2"}, name); break;
        case Feature::sin_x1: g.node("Sin", {"x1"}, name); break;
        case Feature::sin_x2: g.node("Sin", {"x2"}, name); break;
      }
      columns.push_back(name);
    }
    g.node("Concat", columns, "features", {{"axis", false, 1}});
    h = "features";
  }

  // Standardizer: (h - mean) / stddev, per network input, in float as the trainer computes it.
  if (model.standardizer) {
    const auto& s = *model.standardizer;
    std::vector<float> mean(static_cast<std::size_t>(s.mean.size())), stddev(mean.size());
    for (std::size_t j = 0; j < mean.size(); ++j) {
      mean[j] = static_cast<float>(s.mean(static_cast<Index>(j)));
      stddev[j] = static_cast<float>(s.stddev(static_cast<Index>(j)));
    }
    const auto n = static_cast<std::int64_t>(mean.size());
    g.floats("standardizer_mean", {n}, mean);
    g.floats("standardizer_stddev", {n}, stddev);
    g.node("Sub", {h, "standardizer_mean"}, "centered");
    g.node("Div", {"centered", "standardizer_stddev"}, "standardized");
    h = "standardized";
  }

  // Layers: z^l = h W^T + b (a row per sample), a^{l+1} = sigma_l(z^l).
  const ParameterLayout layout = ParameterLayout::of(model.spec);
  const int L = model.spec.num_weight_layers();
  for (int k = 0; k < L; ++k) {
    const auto uk = static_cast<std::size_t>(k);
    const std::int64_t n_in = model.spec.sizes[uk], n_out = model.spec.sizes[uk + 1];
    const std::string l = std::to_string(k + 1);
    const std::span<const float> p(model.parameters);
    // The column-major n_out × n_in buffer of W^l, read row-major, is (W^l)^T: n_in × n_out.
    g.floats("W" + l + "_transposed", {n_in, n_out},
             p.subspan(static_cast<std::size_t>(layout.W_offset[uk]), static_cast<std::size_t>(n_in * n_out)));
    g.floats("b" + l, {n_out}, p.subspan(static_cast<std::size_t>(layout.b_offset[uk]), static_cast<std::size_t>(n_out)));
    const Activation sigma = model.spec.activations[uk];
    const bool last = k == L - 1;
    const std::string z = (last && sigma == Activation::linear) ? "output" : "z" + l;
    g.node("Gemm", {h, "W" + l + "_transposed", "b" + l}, z);
    const std::string a = last ? "output" : "a" + std::to_string(k + 2);
    switch (sigma) {
      case Activation::linear: break;
      case Activation::sigmoid: g.node("Sigmoid", {z}, a); break;
      case Activation::tanh: g.node("Tanh", {z}, a); break;
      case Activation::relu: g.node("Relu", {z}, a); break;
      case Activation::leaky_relu: g.node("LeakyRelu", {z}, a, {{"alpha", true, kLeakyReluSlope}}); break;
      case Activation::softmax: g.node("Softmax", {z}, a, {{"axis", false, 1}}); break;
    }
    h = sigma == Activation::linear ? z : a;
  }
  if (h != "output") g.node("Identity", {h}, "output");  // not reached: the last layer writes "output"

  Writer opset, m;
  opset.string_field(field::opset_domain, "");
  opset.int_field(field::opset_version, kOnnxOpset);
  m.int_field(field::ir_version, kOnnxIrVersion);
  m.string_field(field::producer_name, "backprop-playground");
  m.string_field(field::producer_version, "1");
  m.string_field(field::model_doc,
                 "Backprop Playground network: input = raw inputs [batch, " + std::to_string(model.raw_inputs()) +
                     "], output = what the playground's predict returns [batch, " +
                     std::to_string(model.outputs()) + "]");
  m.bytes_field(field::graph, g.finish("backprop_playground"));
  m.message(field::opset_import, opset);
  return m.bytes();
}

}  // namespace bp
