#pragma once
// A minimal Protocol Buffers wire-format encoder (varints, fixed32, length-delimited fields), enough
// to write an ONNX ModelProto. Why not libprotobuf: it does not fit this build (Debian's libprotobuf
// is a native library; a wasm copy would need protoc-generated code and a port of the runtime to
// Emscripten 3.1.6, hundreds of KB for the ~15 fields ONNX export writes). The wire format is small
// and fixed (https://protobuf.dev/programming-guides/encoding/); tests/test_export.cpp checks the
// bytes against the specification's own examples and onnxruntime reads the result
// (tests/js/export-onnx.test.mjs).
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace bp::proto {

enum class WireType : std::uint32_t { varint = 0, fixed64 = 1, length_delimited = 2, fixed32 = 5 };

// Appends to a byte string. A nested message is written into its own Writer, then added with
// message(field, inner.bytes()) (its length must be known before its bytes).
class Writer {
 public:
  void varint(std::uint64_t value);
  void tag(std::uint32_t field, WireType type) {
    varint((static_cast<std::uint64_t>(field) << 3) | static_cast<std::uint32_t>(type));
  }
  // int32/int64/uint64/bool/enum fields: negative values take 10 bytes (two's complement), as in protobuf.
  void int_field(std::uint32_t field, std::int64_t value) {
    tag(field, WireType::varint);
    varint(static_cast<std::uint64_t>(value));
  }
  void float_field(std::uint32_t field, float value);
  void bytes_field(std::uint32_t field, std::string_view bytes) {
    tag(field, WireType::length_delimited);
    varint(bytes.size());
    bytes_.append(bytes);
  }
  void string_field(std::uint32_t field, std::string_view text) { bytes_field(field, text); }
  void message(std::uint32_t field, const Writer& inner) { bytes_field(field, inner.bytes()); }
  // A packed repeated int64 field.
  void packed_int64(std::uint32_t field, std::span<const std::int64_t> values);

  const std::string& bytes() const { return bytes_; }

 private:
  std::string bytes_;
};

// Little-endian IEEE 754 bytes of a float array / int64 array (ONNX TensorProto.raw_data).
std::string raw_floats(std::span<const float> values);
std::string raw_int64s(std::span<const std::int64_t> values);

}  // namespace bp::proto
