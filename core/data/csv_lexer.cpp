#include "data/csv_lexer.hpp"

#include <cmath>
#include <cstdlib>
#include <version>

#include "data/csv.hpp"
#include "error.hpp"

#if defined(__cpp_lib_to_chars)
#include <charconv>
#endif

namespace bp::csv_lexer {

std::string where(long line) {
  return "csv line " + std::to_string(line);
}

std::string where(long line, std::size_t column) {
  return where(line) + ", column " + std::to_string(column);
}

std::string show(std::string_view field) {
  static constexpr std::size_t kShown = 32;
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out = "'";
  for (std::size_t i = 0; i < field.size() && i < kShown; ++i) {
    const auto c = static_cast<unsigned char>(field[i]);
    if (c >= 0x20 && c < 0x7f) {
      out += static_cast<char>(c);
    } else {
      out += "\\x";
      out += kHex[c >> 4];
      out += kHex[c & 0xf];
    }
  }
  if (field.size() > kShown) out += "...";
  return out + "'";
}

namespace {

bool is_blank(char c) {
  return c == ' ' || c == '\t';
}

bool is_control(unsigned char c) {
  return (c < 0x20 && c != '\t') || c == 0x7f;
}

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

bool equals_lower(std::string_view text, std::string_view lower) {
  if (text.size() != lower.size()) return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != lower[i]) return false;
  }
  return true;
}

}  // namespace

LineReader::LineReader(std::string_view text) : text_(text) {
  if (text_.size() > kMaxCsvBytes)
    throw Error("csv: the input is " + std::to_string(text_.size()) + " bytes, over the limit of " +
                std::to_string(kMaxCsvBytes) + " bytes (32 MiB); use a smaller file");
  if (text_.substr(0, 3) == "\xEF\xBB\xBF") pos_ = 3;  // UTF-8 byte-order mark (Excel writes one)
}

bool LineReader::next(Line& line) {
  while (pos_ < text_.size()) {
    ++number_;
    const std::size_t start = pos_;
    std::size_t end = start;
    for (; end < text_.size() && text_[end] != '\n' && text_[end] != '\r'; ++end) {
      const auto c = static_cast<unsigned char>(text_[end]);
      if (is_control(c))
        throw Error(where(number_) + ", character " + std::to_string(end - start + 1) +
                    ": found the control byte " + show(text_.substr(end, 1)) +
                    "; this looks like a binary file, not CSV text (expected numbers separated "
                    "by commas, semicolons or tabs, one row per line)");
    }
    pos_ = end;
    if (pos_ < text_.size()) {
      const bool cr = text_[pos_] == '\r';
      ++pos_;
      if (cr && pos_ < text_.size() && text_[pos_] == '\n') ++pos_;  // CRLF is one break
    }

    const std::string_view text = text_.substr(start, end - start);
    std::size_t first = 0;
    while (first < text.size() && is_blank(text[first])) ++first;
    if (first == text.size() || text[first] == '#') continue;  // blank line or comment
    line.text = text;
    line.number = number_;
    return true;
  }
  return false;
}

char detect_delimiter(std::string_view line) {
  std::size_t tabs = 0, semicolons = 0, commas = 0;
  bool quoted = false;
  for (const char c : line) {
    if (c == '"') quoted = !quoted;
    if (quoted) continue;
    tabs += c == '\t';
    semicolons += c == ';';
    commas += c == ',';
  }
  if (tabs > 0 && tabs >= semicolons && tabs >= commas) return '\t';
  if (semicolons > 0 && semicolons >= commas) return ';';
  return ',';
}

std::string delimiter_name(char delimiter) {
  if (delimiter == '\t') return "tab";
  return std::string("'") + delimiter + "'";
}

void split_fields(const Line& line, char delimiter, std::size_t max_fields,
                  std::vector<std::string>& fields) {
  const std::string_view s = line.text;
  // A tab delimiter is never trimmed away as padding.
  const auto is_padding = [delimiter](char c) {
    return c == ' ' || (c == '\t' && delimiter != '\t');
  };
  std::size_t count = 0;
  std::size_t i = 0;
  while (true) {
    const std::size_t column = count + 1;
    if (count == max_fields)
      throw Error(where(line.number) + ": more than " + std::to_string(max_fields) +
                  " columns; at most " + std::to_string(max_fields) + " are accepted");
    if (count == fields.size()) fields.emplace_back();
    std::string& field = fields[count++];
    field.clear();

    while (i < s.size() && is_padding(s[i])) ++i;
    if (i < s.size() && s[i] == '"') {
      // Quoted field: runs to the next lone quote; "" stands for one quote.
      ++i;
      while (true) {
        const std::size_t close = s.find('"', i);
        if (close == std::string_view::npos)
          throw Error(where(line.number, column) +
                      ": a quote opens here but is not closed on this line; close it with \" "
                      "(quoted fields cannot span lines)");
        field.append(s.substr(i, close - i));
        i = close + 1;
        if (i < s.size() && s[i] == '"') {
          field += '"';
          ++i;
          continue;
        }
        break;
      }
      while (i < s.size() && is_padding(s[i])) ++i;
      if (i < s.size() && s[i] != delimiter)
        throw Error(where(line.number, column) + ": found " + show(s.substr(i, 8)) +
                    " after the closing quote; put the whole field inside the quotes or add the " +
                    delimiter_name(delimiter) + " separator");
    } else {
      std::size_t end = s.find(delimiter, i);
      if (end == std::string_view::npos) end = s.size();
      std::size_t last = end;
      while (last > i && is_padding(s[last - 1])) --last;
      field.assign(s.substr(i, last - i));
      i = end;
    }
    if (i >= s.size()) break;
    ++i;  // past the delimiter; a trailing delimiter leaves one more (empty) field
  }
  fields.resize(count);
}

NumberStatus parse_number(std::string_view field, double& value) {
  std::string_view s = field;  // padding inside quotes (" 1.5 ") is allowed too
  while (!s.empty() && is_blank(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_blank(s.back())) s.remove_suffix(1);
  if (s.empty()) return NumberStatus::empty;
  // std::from_chars takes no leading '+'; accept one before a digit or a point.
  if (s.size() > 1 && s[0] == '+' && (is_digit(s[1]) || s[1] == '.')) s.remove_prefix(1);
  const std::string_view unsigned_part = s.substr(s[0] == '-' || s[0] == '+' ? 1 : 0);
  if (equals_lower(unsigned_part, "nan") || equals_lower(unsigned_part, "inf") ||
      equals_lower(unsigned_part, "infinity"))
    return NumberStatus::not_finite;

  // Grammar check first, so both conversions below see only plain decimal text.
  std::size_t i = s[0] == '-' ? 1 : 0;
  std::size_t mantissa_digits = 0;
  bool nonzero = false;
  for (; i < s.size() && is_digit(s[i]); ++i, ++mantissa_digits) nonzero |= s[i] != '0';
  if (i < s.size() && s[i] == '.')
    for (++i; i < s.size() && is_digit(s[i]); ++i, ++mantissa_digits) nonzero |= s[i] != '0';
  if (mantissa_digits == 0) return NumberStatus::not_a_number;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    std::size_t exponent_digits = 0;
    for (; i < s.size() && is_digit(s[i]); ++i) ++exponent_digits;
    if (exponent_digits == 0) return NumberStatus::not_a_number;
  }
  if (i != s.size()) return NumberStatus::not_a_number;

#if defined(__cpp_lib_to_chars)
  const auto result = std::from_chars(s.data(), s.data() + s.size(), value);
  if (result.ec == std::errc::result_out_of_range) return NumberStatus::out_of_range;
  if (result.ec != std::errc() || result.ptr != s.data() + s.size())
    return NumberStatus::not_a_number;
#else
  // Emscripten 3.1.6's libc++ has no floating-point from_chars. strtod on grammar-checked text in
  // the "C" locale (the only one in WebAssembly) rounds the same way; over- and underflow are
  // detected from the result so both paths agree: overflow -> inf, underflow -> 0 from nonzero
  // text.
  const std::string copy(s);
  value = std::strtod(copy.c_str(), nullptr);
  if (!std::isfinite(value) || (value == 0.0 && nonzero)) return NumberStatus::out_of_range;
#endif
  (void)nonzero;
  return NumberStatus::ok;
}

double require_number(std::string_view field, long line, std::size_t column) {
  double value = 0.0;
  switch (parse_number(field, value)) {
    case NumberStatus::ok:
      return value;
    case NumberStatus::empty:
      throw Error(where(line, column) +
                  ": empty field; every cell must hold a number (fill it in or delete the row)");
    case NumberStatus::not_finite:
      throw Error(where(line, column) + ": found " + show(field) +
                  "; values must be finite numbers (NaN and infinity are not accepted)");
    case NumberStatus::out_of_range:
      throw Error(where(line, column) + ": " + show(field) +
                  " is out of range for a double (about 1e-308 to 1e308 in magnitude)");
    case NumberStatus::not_a_number:
      break;
  }
  std::string hint = "write numbers like 1.5, -2 or 3e-4";
  if (field.find(',') != std::string_view::npos)
    hint += "; decimal commas are not accepted, use a point";
  throw Error(where(line, column) + ": expected a number, found " + show(field) + " (" + hint +
              ")");
}

bool is_integer_label(double value) {
  return std::isfinite(value) && value == std::trunc(value) &&
         std::fabs(value) <= kMaxLabelMagnitude;
}

std::string clean_name(std::string_view raw) {
  static constexpr std::size_t kMaxCodePoints = 64;
  std::string out;
  std::size_t code_points = 0;
  std::size_t i = 0;
  while (i < raw.size() && code_points < kMaxCodePoints) {
    const auto c = static_cast<unsigned char>(raw[i]);
    if (c < 0x80) {
      if (!is_control(c) && c != '\t') {
        out += static_cast<char>(c);
        ++code_points;
      }
      ++i;
      continue;
    }
    // UTF-8 sequence length and the allowed range of its second byte (RFC 3629, table 3-7).
    const std::size_t length = c >= 0xF0 ? (c <= 0xF4 ? 4 : 0) : c >= 0xE0 ? 3 : c >= 0xC2 ? 2 : 0;
    const unsigned char lo = c == 0xE0 ? 0xA0 : c == 0xF0 ? 0x90 : 0x80;
    const unsigned char hi = c == 0xED ? 0x9F : c == 0xF4 ? 0x8F : 0xBF;
    bool valid = length > 0 && i + length <= raw.size();
    for (std::size_t k = 1; valid && k < length; ++k) {
      const auto b = static_cast<unsigned char>(raw[i + k]);
      valid = k == 1 ? (b >= lo && b <= hi) : (b >= 0x80 && b <= 0xBF);
    }
    if (valid) {
      out.append(raw.substr(i, length));
      i += length;
    } else {
      out += '?';
      ++i;
    }
    ++code_points;
  }
  return out;
}

}  // namespace bp::csv_lexer
