#pragma once
// seedrandom's ARC4 generator (David Bau's seedrandom.js, MIT; npm `seedrandom` 3.0.5, the same
// algorithm as the ^2.4.3 that TensorFlow Playground bundles): what `Math.seedrandom(seed)` makes
// `Math.random()` return in TensorFlow Playground. Ported from seedrandom.js:
//   mixkey()  the key: key[j & 255] = 255 & ((smear ^= key[j & 255] * 19) + seed.charCodeAt(j))
//   ARC4()    RC4 key schedule on that key ([] is treated as [0]), then g(256) discarded
//             (RC4-drop[256])
//   prng()    a double in [0, 1) with 52 random bits: n = g(6), d = 2^48; while n < 2^52
//             { n = (n + x) * 256; d *= 256; x = g(1) }; while n >= 2^53 { n /= 2; d /= 2;
//             x >>>= 1 }; return (n + x) / d
// Only the string-seed path of seedrandom is ported (TensorFlow Playground's seeds are strings such
// as "0.58835"); its entropy pool and autoseeding are not.
#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace bp::tfp {

// UTF-8 text to UTF-16 code units, as JavaScript strings hold it (String.prototype.charCodeAt):
// characters above U+FFFF become surrogate pairs. Invalid UTF-8 throws bp::Error naming `field`.
std::u16string utf16_from_utf8(std::string_view text, const std::string& field = "seed");

class Arc4 {
 public:
  // Math.seedrandom(seed) for a seed given as UTF-8.
  explicit Arc4(std::string_view seed_utf8);
  // The same from the seed's UTF-16 code units.
  explicit Arc4(const std::u16string& seed);

  // Math.random() after Math.seedrandom(seed): prng() of seedrandom.js.
  double next();
  // ARC4.g(count): the next `count` RC4 outputs as one base-256 number (count <= 6: exact in double).
  double g(int count);

  // The key mixkey() derives from the seed (at most 256 entries, each 0..255), for tests.
  static std::vector<std::uint8_t> mixkey(const std::u16string& seed);

 private:
  std::array<std::uint8_t, 256> s_{};
  std::uint8_t i_ = 0;
  std::uint8_t j_ = 0;
};

}  // namespace bp::tfp
