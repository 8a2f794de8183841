// core/export: the protobuf encoder's bytes (the examples of the protobuf encoding guide), the ONNX
// graph's structure (decoded back with a small reader here), the PyTorch script's parts, the loss
// CSV, and every refusal with its message. The numbers are checked by real runtimes in
// tests/js/export-onnx.test.mjs (onnxruntime-web) and tests/js/export-pytorch.test.mjs (torch, NumPy).
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <functional>
#include <tuple>
#include <limits>
#include <string>
#include <vector>

#include "data/generators.hpp"
#include "export/export_model.hpp"
#include "export/history_csv.hpp"
#include "export/onnx.hpp"
#include "export/protobuf.hpp"
#include "export/pytorch.hpp"
#include "io/model_json.hpp"
#include "train/trainer.hpp"

using namespace bp;
using Catch::Matchers::Contains;

namespace {

std::string hex(const std::string& bytes) {
  std::string out;
  char b[4];
  for (const unsigned char c : bytes) {
    std::snprintf(b, sizeof b, "%02x", c);
    out += b;
  }
  return out;
}

// A protobuf reader for the test: the fields of one message, each with its number, wire type and
// its varint value or payload.
struct Field {
  std::uint32_t number = 0;
  int wire = 0;
  std::uint64_t varint = 0;
  std::string bytes;
};

std::uint64_t read_varint(const std::string& s, std::size_t& at) {
  std::uint64_t v = 0;
  for (int shift = 0;; shift += 7) {
    REQUIRE(at < s.size());
    const auto c = static_cast<unsigned char>(s[at++]);
    v |= static_cast<std::uint64_t>(c & 0x7f) << shift;
    if (!(c & 0x80)) return v;
  }
}

std::vector<Field> fields(const std::string& s) {
  std::vector<Field> out;
  std::size_t at = 0;
  while (at < s.size()) {
    const std::uint64_t key = read_varint(s, at);
    Field f;
    f.number = static_cast<std::uint32_t>(key >> 3);
    f.wire = static_cast<int>(key & 7);
    if (f.wire == 0) {
      f.varint = read_varint(s, at);
    } else if (f.wire == 2) {
      const auto n = read_varint(s, at);
      REQUIRE(at + n <= s.size());
      f.bytes = s.substr(at, n);
      at += n;
    } else if (f.wire == 5) {
      f.bytes = s.substr(at, 4);
      at += 4;
    } else {
      FAIL("unexpected wire type " << f.wire);
    }
    out.push_back(f);
  }
  REQUIRE(at == s.size());
  return out;
}

std::vector<Field> all(const std::string& message, std::uint32_t number) {
  std::vector<Field> out;
  for (auto& f : fields(message))
    if (f.number == number) out.push_back(f);
  return out;
}
Field one(const std::string& message, std::uint32_t number) {
  auto f = all(message, number);
  REQUIRE(f.size() == 1);
  return f[0];
}

ModelOptions options(std::vector<int> sizes, std::vector<Activation> activations, Cost cost,
                     std::vector<Feature> features = {}) {
  ModelOptions o;
  o.network.sizes = std::move(sizes);
  o.network.activations = std::move(activations);
  o.train.cost = cost;
  o.features = std::move(features);
  o.train.seed = 3;
  return o;
}

Trainer<float> trained_circle(const ModelOptions& o) {
  Trainer<float> t(o);
  Rng rng(7);
  const Dataset d = generate(Generator::circle, 40, 0.1, rng);
  t.set_data(d, Dataset{}, true);
  t.train_steps(5);
  return t;
}

std::string error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const Error& e) {
    return e.what();
  }
  return "(no error)";
}

}  // namespace

TEST_CASE("protobuf encoder writes the encoding guide's bytes", "[export]") {
  proto::Writer w;
  w.int_field(1, 150);  // the guide's first example: 08 96 01
  CHECK(hex(w.bytes()) == "089601");
  proto::Writer s;
  s.string_field(2, "testing");  // 12 07 74 65 73 74 69 6e 67
  CHECK(hex(s.bytes()) == "120774657374696e67");
  proto::Writer nested;
  nested.message(3, w);  // embedded message: 1a 03 08 96 01
  CHECK(hex(nested.bytes()) == "1a03089601");
  proto::Writer packed;
  const std::int64_t values[] = {3, 270, 86942};  // packed repeated: 22 06 03 8e 02 9e a7 05
  packed.packed_int64(4, values);
  CHECK(hex(packed.bytes()) == "2206038e029ea705");
  proto::Writer negative;
  negative.int_field(1, -1);  // int64 -1: ten bytes of two's complement
  CHECK(hex(negative.bytes()) == "08ffffffffffffffffff01");
  proto::Writer f;
  f.float_field(2, 1.0f);  // fixed32, little-endian IEEE 754: 15 00 00 80 3f
  CHECK(hex(f.bytes()) == "150000803f");
  const float floats[] = {1.0f, -2.0f};
  CHECK(hex(proto::raw_floats(floats)) == "0000803f000000c0");
  const std::int64_t ints[] = {1, -1};
  CHECK(hex(proto::raw_int64s(ints)) == "0100000000000000ffffffffffffffff");
}

TEST_CASE("ONNX graph: features, standardizer, Gemm + activation per layer, dynamic batch", "[export]") {
  using A = Activation;
  const Trainer<float> t = trained_circle(options({3, 4, 3, 2}, {A::leaky_relu, A::sigmoid, A::softmax},
                                                  Cost::cross_entropy,
                                                  {Feature::x1_squared, Feature::sin_x2, Feature::x1_times_x2}));
  const std::string bytes = onnx_model(export_model_of(t, "ONNX"));
  CHECK(one(bytes, 1).varint == 8);  // ir_version
  const std::string opset = one(bytes, 8).bytes;
  CHECK(one(opset, 2).varint == 17);
  const std::string graph = one(bytes, 7).bytes;
  std::vector<std::string> ops;
  for (const auto& n : all(graph, 1)) ops.push_back(one(n.bytes, 4).bytes);
  CHECK(ops == std::vector<std::string>{"Slice", "Slice", "Mul", "Sin", "Mul", "Concat", "Sub", "Div",
                                        "Gemm", "LeakyRelu", "Gemm", "Sigmoid", "Gemm", "Softmax"});
  // The last node writes "output"; LeakyRelu's alpha is the core's slope.
  const auto nodes = all(graph, 1);
  CHECK(one(nodes.back().bytes, 2).bytes == "output");
  const std::string alpha = one(nodes[9].bytes, 5).bytes;
  float slope;
  std::memcpy(&slope, one(alpha, 2).bytes.data(), 4);
  CHECK(slope == static_cast<float>(kLeakyReluSlope));
  // Inputs and outputs: name, float32, [batch (dim_param), width].
  for (const auto& [number, name, width] : {std::tuple{11u, "input", 2}, std::tuple{12u, "output", 2}}) {
    const std::string info = one(graph, number).bytes;
    CHECK(one(info, 1).bytes == name);
    const std::string tensor = one(one(info, 2).bytes, 1).bytes;
    CHECK(one(tensor, 1).varint == 1);
    const auto dims = all(one(tensor, 2).bytes, 1);
    REQUIRE(dims.size() == 2);
    CHECK(one(dims[0].bytes, 2).bytes == "batch");
    CHECK(one(dims[1].bytes, 1).varint == static_cast<std::uint64_t>(width));
  }
  // W^1's initializer: dims [3, 4] (the transpose of W^1), the column-major buffer as raw floats.
  bool found = false;
  for (const auto& init : all(graph, 5)) {
    if (one(init.bytes, 8).bytes != "W1_transposed") continue;
    found = true;
    const auto dims = one(init.bytes, 1).bytes;
    CHECK(hex(dims) == "0304");
    const std::string raw = one(init.bytes, 9).bytes;
    REQUIRE(raw.size() == 12 * 4);
    float w0;
    std::memcpy(&w0, raw.data() + 4, 4);  // element 1 of the buffer: W^1[1,0]
    CHECK(w0 == t.network().parameters()(1));
  }
  CHECK(found);
}

TEST_CASE("ONNX graph without features or standardizer starts at the first Gemm", "[export]") {
  using A = Activation;
  Trainer<float> t(options({2, 1}, {A::linear}, Cost::quadratic));
  const std::string graph = one(onnx_model(export_model_of(t, "ONNX")), 7).bytes;
  const auto nodes = all(graph, 1);
  REQUIRE(nodes.size() == 1);
  CHECK(one(nodes[0].bytes, 4).bytes == "Gemm");
  CHECK(all(nodes[0].bytes, 1).at(0).bytes == "input");  // Gemm(input, W1_transposed, b1)
  CHECK(all(nodes[0].bytes, 1).size() == 3);
  CHECK(one(nodes[0].bytes, 2).bytes == "output");
}

TEST_CASE("export refuses a diverged network with what to do", "[export]") {
  using A = Activation;
  Trainer<float> t(options({2, 3, 1}, {A::tanh, A::sigmoid}, Cost::binary_cross_entropy));
  ExportModel m = export_model_of(t, "ONNX");
  m.parameters[4] = std::numeric_limits<float>::quiet_NaN();  // W^1 is 3 × 2: index 4 is W^1[1,1]
  const std::string nan = error_of([&] { onnx_model(m); });
  CHECK_THAT(nan, Contains("ONNX export: weight W^1[1,1] is NaN: the network has diverged"));
  CHECK_THAT(nan, Contains("Restore the last good weights"));
  m.parameters[4] = std::numeric_limits<float>::infinity();
  CHECK_THAT(error_of([&] { onnx_model(m); }), Contains("is infinite"));
  // A model file cannot carry NaN: model_to_json writes it as null.
  Trainer<float> nan_trainer(options({2, 3, 1}, {A::tanh, A::sigmoid}, Cost::binary_cross_entropy));
  nan_trainer.network().parameters()(2) = std::numeric_limits<float>::quiet_NaN();
  const std::string json = model_to_json(nan_trainer);
  CHECK_THAT(error_of([&] { export_model_from_json(json, "ONNX"); }),
             Contains("ONNX export: parameters[2] is null (a NaN or infinite weight): the network has diverged"));
  // The trainer's divergence flag, natively and through the model-file path.
  CHECK_THAT(error_of([&] { export_model_from_json(model_to_json(t), "PyTorch", "loss is NaN at step 3"); }),
             Contains("PyTorch export: the run has diverged (loss is NaN at step 3); restore the last good weights"));
}

TEST_CASE("export refuses a malformed model file, naming the field", "[export]") {
  CHECK_THAT(error_of([] { export_model_from_json("{not json", "ONNX"); }), Contains("ONNX export: model JSON: "));
  CHECK_THAT(error_of([] { export_model_from_json(R"({"format": "something-else"})", "ONNX"); }),
             Contains("ONNX export: model JSON: format: is not 'backprop-playground-model'"));
  using A = Activation;
  Trainer<float> t(options({2, 3, 1}, {A::tanh, A::sigmoid}, Cost::binary_cross_entropy));
  std::string json = model_to_json(t);
  const auto at = json.find("\"parameters\":[");
  REQUIRE(at != std::string::npos);
  json.insert(at + 14, "1,");  // one value too many
  CHECK_THAT(error_of([&] { export_model_from_json(json, "PyTorch"); }),
             Contains("PyTorch export: model JSON: parameters: has 14 values but the architecture needs 13"));
}

TEST_CASE("PyTorch script: Sequential with the weights, NumPy forward, samples; refusals", "[export]") {
  using A = Activation;
  const Trainer<float> t = trained_circle(
      options({2, 3, 1}, {A::relu, A::tanh}, Cost::quadratic, {Feature::x1, Feature::x2_squared}));
  const ExportModel m = export_model_of(t, "PyTorch");
  ExportSamples samples{{{0.5, -1.25}, {1, 2}}, {{0.1}, {-0.2}}};
  const std::string script = pytorch_script(m, samples);
  CHECK_THAT(script, Contains("return nn.Sequential(\n        PlaygroundInputs(),\n        linear(LAYERS[0]),\n"
                              "        nn.ReLU(),\n        linear(LAYERS[1]),\n        nn.Tanh(),\n    )"));
  CHECK_THAT(script, Contains("h = torch.cat([x1, x2 * x2], dim=1)"));
  CHECK_THAT(script, Contains("h = np.concatenate([x1, x2 * x2], axis=1)"));
  CHECK_THAT(script, Contains("def numpy_forward(x):"));
  CHECK_THAT(script, Contains("SAMPLE_INPUTS = [\n    [0.5, -1.25],\n    [1, 2],\n]"));
  CHECK_THAT(script, Contains("MEAN = ["));
  // Refusals: no samples, samples of the wrong width.
  CHECK_THAT(error_of([&] { pytorch_script(m, ExportSamples{}); }),
             Contains("PyTorch export: there are no training samples to check the script against; set a data set"));
  ExportSamples wide{{{1, 2, 3}}, {{0}}};
  CHECK_THAT(error_of([&] { pytorch_script(m, wide); }),
             Contains("PyTorch export: sample 0 has 3 inputs but the network takes 2"));
  CHECK_THAT(error_of([] { export_samples_from_json(R"({"inputs": [[1]], "outputs": []})"); }),
             Contains("samples: has 1 inputs but 0 outputs"));
  CHECK_THAT(error_of([] { export_samples_from_json(R"({"inputs": [[1, null]], "outputs": [[1]]})"); }),
             Contains("samples.inputs[0]: must hold finite numbers only"));
}

TEST_CASE("loss history CSV: header, a row per point, NaN as an empty field", "[export]") {
  const std::vector<HistoryPoint> points{{1, 0.5, std::nan(""), 0.75, std::nan("")}, {2, 0.25, 0.3, 1, 0.9}};
  CHECK(history_csv(points, "accuracy") ==
        "epoch,train_loss,test_loss,train_accuracy,test_accuracy\n1,0.5,,0.75,\n2,0.25,0.29999999999999999,1,"
        "0.90000000000000002\n");
  CHECK(history_csv({}, "r2") == "epoch,train_loss,test_loss,train_r2,test_r2\n");
  CHECK_THAT(error_of([] { history_csv({}, "loss"); }), Contains("metric: unknown value 'loss'; accepted: accuracy, r2"));
  const double flat[] = {1, 2, 3, 4, 5, 6};
  CHECK_THAT(error_of([&] { history_from_flat(flat); }), Contains("history: has 6 numbers; expected 5 per point"));
}
