// Port of seedrandom.js (npm seedrandom 3.0.5): mixkey(), ARC4() and prng(); see arc4.hpp.
#include "tfp/arc4.hpp"

#include <utility>

#include "error.hpp"

namespace bp::tfp {

std::u16string utf16_from_utf8(std::string_view text, const std::string& field) {
  std::u16string out;
  out.reserve(text.size());
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  for (std::size_t k = 0; k < text.size();) {
    const unsigned char c = byte(k);
    const int extra = c < 0x80 ? 0 : (c >> 5) == 0x6 ? 1 : (c >> 4) == 0xE ? 2 : (c >> 3) == 0x1E ? 3 : -1;
    BP_REQUIRE(extra >= 0, field, "is not valid UTF-8 (byte " + std::to_string(k) + ")");
    BP_REQUIRE(k + static_cast<std::size_t>(extra) < text.size(), field,
               "is not valid UTF-8 (truncated character at byte " + std::to_string(k) + ")");
    char32_t code = extra == 0 ? c : extra == 1 ? (c & 0x1F) : extra == 2 ? (c & 0x0F) : (c & 0x07);
    for (int e = 1; e <= extra; ++e) {
      const unsigned char t = byte(k + static_cast<std::size_t>(e));
      BP_REQUIRE((t & 0xC0) == 0x80, field, "is not valid UTF-8 (byte " + std::to_string(k + e) + ")");
      code = (code << 6) | (t & 0x3F);
    }
    static constexpr char32_t kMin[] = {0, 0x80, 0x800, 0x10000};
    BP_REQUIRE(code >= kMin[extra] && code <= 0x10FFFF && (code < 0xD800 || code > 0xDFFF), field,
               "is not valid UTF-8 (byte " + std::to_string(k) + ")");
    if (code < 0x10000) {
      out.push_back(static_cast<char16_t>(code));
    } else {
      const char32_t v = code - 0x10000;
      out.push_back(static_cast<char16_t>(0xD800 + (v >> 10)));
      out.push_back(static_cast<char16_t>(0xDC00 + (v & 0x3FF)));
    }
    k += static_cast<std::size_t>(extra) + 1;
  }
  return out;
}

std::vector<std::uint8_t> Arc4::mixkey(const std::u16string& seed) {
  // var stringseed = seed + '', smear, j = 0;
  // while (j < stringseed.length)
  //   key[mask & j] = mask & ((smear ^= key[mask & j] * 19) + stringseed.charCodeAt(j++));
  // An entry not yet written is undefined: undefined * 19 is NaN, and smear ^ NaN is smear ^ 0.
  std::vector<std::uint8_t> key;
  std::uint32_t smear = 0;  // key entries are < 256, so smear stays below 2^13
  for (std::size_t j = 0; j < seed.size(); ++j) {
    const std::size_t at = j & 255;
    if (at < key.size()) smear ^= static_cast<std::uint32_t>(key[at]) * 19u;
    const auto value = static_cast<std::uint8_t>((smear + seed[j]) & 255u);
    if (at < key.size()) key[at] = value;
    else key.push_back(value);
  }
  return key;
}

Arc4::Arc4(std::string_view seed_utf8) : Arc4(utf16_from_utf8(seed_utf8)) {}

Arc4::Arc4(const std::u16string& seed) {
  std::vector<std::uint8_t> key = mixkey(seed);
  // The empty key [] is treated as [0].
  if (key.empty()) key.push_back(0);
  // Standard RC4 key scheduling.
  for (int i = 0; i < 256; ++i) s_[static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(i);
  std::uint8_t j = 0;
  for (std::size_t i = 0; i < 256; ++i) {
    const std::uint8_t t = s_[i];
    j = static_cast<std::uint8_t>(j + key[i % key.size()] + t);
    s_[i] = s_[j];
    s_[j] = t;
  }
  i_ = 0;
  j_ = 0;
  // RC4-drop[256]: g(width) is called once and its result thrown away.
  for (int k = 0; k < 256; ++k) g(1);
}

double Arc4::g(int count) {
  // t = s[i = mask & (i + 1)];
  // r = r * width + s[mask & ((s[i] = s[j = mask & (j + t)]) + (s[j] = t))];
  double r = 0;
  while (count-- > 0) {
    i_ = static_cast<std::uint8_t>(i_ + 1);
    const std::uint8_t t = s_[i_];
    j_ = static_cast<std::uint8_t>(j_ + t);
    s_[i_] = s_[j_];
    s_[j_] = t;
    r = r * 256 + s_[static_cast<std::uint8_t>(s_[i_] + s_[j_])];
  }
  return r;
}

double Arc4::next() {
  constexpr double kStartDenom = 281474976710656.0;    // 256^6 = 2^48
  constexpr double kSignificance = 4503599627370496.0;  // 2^52
  constexpr double kOverflow = 2 * kSignificance;       // 2^53
  double n = g(6);
  double d = kStartDenom;
  std::uint32_t x = 0;
  while (n < kSignificance) {
    n = (n + x) * 256;
    d *= 256;
    x = static_cast<std::uint32_t>(g(1));
  }
  while (n >= kOverflow) {
    n /= 2;
    d /= 2;
    x >>= 1;
  }
  return (n + x) / d;
}

}  // namespace bp::tfp
