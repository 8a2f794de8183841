#pragma once
// Loading tabular data from CSV text (never from a path: the browser build has no filesystem).
//
// Hand-written parser, on purpose: the input is untrusted (a stranger's upload), must be bounded in
// size, must say the line and column of every problem, accepts numbers only, and must compile to
// WebAssembly without exceptions leaking from a third-party reader. Debian's libcsv parses fields but
// leaves number conversion, bounds and messages to us, which is most of the work. Fuzzed later.
#include <string>
#include <string_view>

#include "data/dataset.hpp"
#include "names.hpp"

namespace bp {

inline constexpr std::size_t kMaxCsvBytes = 32u * 1024u * 1024u;

enum class CsvTask { auto_detect, classification, regression };

struct CsvOptions {
  CsvTask task = CsvTask::auto_detect;  // auto: integer targets with <= 32 distinct values -> classes
};

// A user's CSV: comma, semicolon or tab separated; an optional header row (detected when its fields
// are not all numbers); every other row numeric; the LAST column is the target. Empty lines and
// lines starting with '#' are skipped. Classification labels must be integers (mapped to 0..k-1
// in sorted order; class names are their text).
// Errors (bp::Error) say "csv line L, column C: ..." and what to do.
Dataset parse_csv(std::string_view text, const CsvOptions& options = {});

// The UCI sets in data/ (layouts in data/README.md):
//  iris/wine: first line "n,d,class0,class1,..." then d floats and the class index per row;
//  digits: no header, 64 pixel columns (0..16) then the label (0..9).
enum class Builtin { iris, wine, digits };
inline constexpr NameTable<Builtin, 3> kBuiltinNames{{
    {Builtin::iris, "iris"},
    {Builtin::wine, "wine"},
    {Builtin::digits, "digits"},
}};
Dataset parse_builtin(Builtin which, std::string_view text);

}  // namespace bp
