#include "export/protobuf.hpp"

#include <cstring>
#include <type_traits>

namespace bp::proto {
namespace {

template <typename T>
void append_little_endian(std::string& out, T value) {
  // Written byte by byte so the result does not depend on the host's byte order.
  using U = std::conditional_t<sizeof(T) == 4, std::uint32_t, std::uint64_t>;
  U bits;
  std::memcpy(&bits, &value, sizeof bits);  // std::bit_cast: not in Emscripten 3.1.6's libc++
  for (std::size_t i = 0; i < sizeof(U); ++i) out.push_back(static_cast<char>((bits >> (8 * i)) & 0xff));
}

}  // namespace

void Writer::varint(std::uint64_t value) {
  // 7 bits per byte, least significant group first, high bit set on every byte but the last.
  while (value >= 0x80) {
    bytes_.push_back(static_cast<char>((value & 0x7f) | 0x80));
    value >>= 7;
  }
  bytes_.push_back(static_cast<char>(value));
}

void Writer::float_field(std::uint32_t field, float value) {
  tag(field, WireType::fixed32);
  append_little_endian(bytes_, value);
}

void Writer::packed_int64(std::uint32_t field, std::span<const std::int64_t> values) {
  Writer packed;
  for (const std::int64_t v : values) packed.varint(static_cast<std::uint64_t>(v));
  message(field, packed);
}

std::string raw_floats(std::span<const float> values) {
  std::string out;
  out.reserve(values.size() * 4);
  for (const float v : values) append_little_endian(out, v);
  return out;
}

std::string raw_int64s(std::span<const std::int64_t> values) {
  std::string out;
  out.reserve(values.size() * 8);
  for (const std::int64_t v : values) append_little_endian(out, v);
  return out;
}

}  // namespace bp::proto
