#pragma once
// Internal to core/data: the lexical layer shared by parse_csv and parse_builtin. Text -> lines ->
// fields -> numbers, each step bounded and every error carrying "csv line L, column C".
// Lines and columns are 1-based; a column is a field's position in its row.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace bp::csv_lexer {

// "csv line L" or "csv line L, column C".
std::string where(long line);
std::string where(long line, std::size_t column);
// A field as it may appear in a message: quoted, at most 32 characters, control and non-ASCII bytes
// shown as \xNN.
std::string show(std::string_view field);

struct Line {
  std::string_view text;  // without the line break
  long number = 0;        // physical line number, 1-based
};

// Walks the text line by line (LF, CRLF or lone CR), skipping blank lines and lines whose first
// non-blank character is '#'. The constructor rejects an input over kMaxCsvBytes and skips a UTF-8
// byte-order mark; next() rejects control bytes (binary input) in the lines it returns.
class LineReader {
 public:
  explicit LineReader(std::string_view text);
  bool next(Line& line);

 private:
  std::string_view text_;
  std::size_t pos_ = 0;
  long number_ = 0;
};

// The separator of a row: whichever of tab, ';' and ',' occurs most often outside quotes (ties go
// to tab, then ';'; ',' when none occurs).
char detect_delimiter(std::string_view line);
std::string delimiter_name(char delimiter);

// Splits one line into fields with surrounding spaces/tabs trimmed and double quotes removed ("" is
// a literal quote inside quotes). Throws bp::Error on an unclosed quote, text after a closing
// quote, or more than max_fields fields. `fields` is reused to avoid reallocating per row.
void split_fields(const Line& line, char delimiter, std::size_t max_fields,
                  std::vector<std::string>& fields);

enum class NumberStatus { ok, empty, not_finite, out_of_range, not_a_number };

// Strict, whole-field decimal number: [+-] digits [. digits] [e [+-] digits] (".5" and "5." too).
// No hex, no NaN or infinity, no thousands separators. Correctly rounded.
NumberStatus parse_number(std::string_view field, double& value);

// parse_number, throwing bp::Error "csv line L, column C: ..." unless the field is a finite number.
double require_number(std::string_view field, long line, std::size_t column);

// Largest magnitude accepted for an integer label (keeps every label exactly representable as int).
inline constexpr double kMaxLabelMagnitude = 1e9;
bool is_integer_label(double value);

// A header name made safe for display and JSON: invalid UTF-8 bytes become '?', control characters
// are dropped, and the result is cut to 64 code points.
std::string clean_name(std::string_view raw);

}  // namespace bp::csv_lexer
