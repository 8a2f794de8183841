// The CSV parser: accepted layouts, every rejected input with its position, and the builtin sets.
#include <catch2/catch.hpp>
#include <fstream>
#include <sstream>
#include <string>

#include "data/csv.hpp"
#include "error.hpp"

using bp::CsvOptions;
using bp::CsvTask;
using bp::Dataset;
using bp::parse_csv;
using Catch::Contains;

namespace {

std::string read_data_file(const std::string& name) {
  std::ifstream in(std::string(BP_DATA_DIR) + "/" + name, std::ios::binary);
  REQUIRE(in.good());
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::vector<int> class_counts(const Dataset& d) {
  std::vector<int> counts(static_cast<std::size_t>(d.num_classes()), 0);
  for (const int label : d.labels) ++counts[static_cast<std::size_t>(label)];
  return counts;
}

const CsvOptions kClassify{CsvTask::classification};
const CsvOptions kRegress{CsvTask::regression};

}  // namespace

TEST_CASE("csv with a header: names, values, integer labels mapped in sorted order", "[csv]") {
  const Dataset d = parse_csv("width,height,label\n1.5,2,1\n-3,4e-1,-1\n0.25,7,1\n");
  REQUIRE(d.task == bp::Task::classification);
  REQUIRE(d.num_samples() == 3);
  REQUIRE(d.num_features() == 2);
  CHECK(d.feature_names == std::vector<std::string>{"width", "height"});
  CHECK(d.class_names == std::vector<std::string>{"-1", "1"});
  CHECK(d.labels == std::vector<int>{1, 0, 1});
  CHECK(d.x(0, 0) == 1.5);
  CHECK(d.x(1, 1) == 0.4);
  CHECK(d.x(0, 2) == 0.25);
  CHECK(d.y.size() == 0);
}

TEST_CASE("csv without a header gets x1.. names", "[csv]") {
  const Dataset d = parse_csv("1,2,3,0\n4,5,6,1\n");
  CHECK(d.feature_names == std::vector<std::string>{"x1", "x2", "x3"});
  CHECK(d.x(2, 1) == 6.0);
  CHECK(d.labels == std::vector<int>{0, 1});
}

TEST_CASE("csv separators, line endings, BOM, comments, quotes and padding", "[csv]") {
  const std::vector<std::string> texts{
      "a;b\n1;0\n2;1\n",
      "a\tb\r\n1\t0\r\n2\t1\r\n",
      "a,b\r1,0\r2,1",
      "\xEF\xBB\xBF"
      "a,b\n1,0\n2,1\n",
      "# comment\n\n  a , b \n  # indented comment\n 1 , 0 \n\n\"2\", \"1\"\n",
      "\"a\",\"b\"\n+1,0\n2.,1\n",
  };
  for (const std::string& text : texts) {
    INFO(text);
    const Dataset d = parse_csv(text);
    REQUIRE(d.num_samples() == 2);
    CHECK(d.feature_names == std::vector<std::string>{"a"});
    CHECK(d.x(0, 0) == 1.0);
    CHECK(d.x(0, 1) == 2.0);
    CHECK(d.labels == std::vector<int>{0, 1});
  }
  const Dataset quoted = parse_csv("\"say \"\"hi\"\", you\",t\n1,0\n2,1\n");
  CHECK(quoted.feature_names == std::vector<std::string>{"say \"hi\", you"});
}

TEST_CASE("csv task detection: integers -> classes, reals or many values -> regression", "[csv]") {
  const Dataset reals = parse_csv("x,y\n1,0.5\n2,1.5\n3,2\n");
  CHECK(reals.task == bp::Task::regression);
  REQUIRE(reals.y.rows() == 1);
  CHECK(reals.y(0, 1) == 1.5);
  CHECK(reals.labels.empty());
  CHECK(reals.class_names.empty());

  std::string many = "x,y\n";
  for (int i = 0; i < 33; ++i) many += std::to_string(i) + "," + std::to_string(i) + "\n";
  CHECK(parse_csv(many).task == bp::Task::regression);
  const Dataset forced = parse_csv(many, kClassify);
  CHECK(forced.num_classes() == 33);
  CHECK(forced.class_names[10] == "10");

  const Dataset ints_as_reg = parse_csv("x,y\n1,0\n2,1\n", kRegress);
  CHECK(ints_as_reg.task == bp::Task::regression);
  CHECK(ints_as_reg.y(0, 1) == 1.0);
  // 2.0 is the integer 2.
  CHECK(parse_csv("x,y\n1,2.0\n2,3\n").class_names == std::vector<std::string>{"2", "3"});
}

TEST_CASE("csv errors name the line and column", "[csv][errors]") {
  SECTION("empty input") {
    REQUIRE_THROWS_WITH(parse_csv(""), Contains("empty"));
    REQUIRE_THROWS_WITH(parse_csv("\n\n# only a comment\n  \n"), Contains("no rows"));
  }
  SECTION("header only") {
    REQUIRE_THROWS_WITH(parse_csv("a,b,c\n"), Contains("line 1") && Contains("no data rows"));
  }
  SECTION("a single data row") {
    REQUIRE_THROWS_WITH(parse_csv("a,b\n1,0\n"), Contains("1 data row") && Contains("at least 2"));
  }
  SECTION("a single column") {
    REQUIRE_THROWS_WITH(parse_csv("1\n2\n3\n"), Contains("line 1") && Contains("at least 2"));
  }
  SECTION("ragged rows") {
    REQUIRE_THROWS_WITH(parse_csv("a,b,c\n1,2,0\n1,2\n"),
                        Contains("line 3") && Contains("found 2 columns, expected 3"));
    REQUIRE_THROWS_WITH(parse_csv("a,b,c\n1,2,0\n1,2,0\n4,5,6,1\n"), Contains("line 4"));
    REQUIRE_THROWS_WITH(parse_csv("1,2,0\n1,2,0,\n"), Contains("line 2"));
  }
  SECTION("empty field") {
    REQUIRE_THROWS_WITH(parse_csv("a,b,c\n1,2,0\n1,,0\n"),
                        Contains("line 3, column 2") && Contains("empty field"));
    REQUIRE_THROWS_WITH(parse_csv("a,b,c\n1,2,0\n1,\"\",0\n"), Contains("line 3, column 2"));
  }
  SECTION("NaN and infinity") {
    REQUIRE_THROWS_WITH(parse_csv("a,b\n1,0\nNaN,1\n"),
                        Contains("line 3, column 1") && Contains("finite"));
    REQUIRE_THROWS_WITH(parse_csv("a,b\n1,0\n-inf,1\n"), Contains("line 3, column 1"));
    REQUIRE_THROWS_WITH(parse_csv("a,b\n1,0\n2,Infinity\n"), Contains("line 3, column 2"));
    REQUIRE_THROWS_WITH(parse_csv("nan,1\n1,0\n"), Contains("line 1, column 1"));
  }
  SECTION("out of double range") {
    REQUIRE_THROWS_WITH(parse_csv("a,b\n1,0\n1e999,1\n"),
                        Contains("line 3, column 1") && Contains("out of range"));
    REQUIRE_THROWS_WITH(parse_csv("a,b\n1,0\n-1e-999,1\n"), Contains("out of range"));
  }
  SECTION("not a number") {
    for (const char* junk : {"abc", "1.5.2", "0x10", "1e", "--1", "+-1", "1 2", ".", "1,5"}) {
      INFO(junk);
      const std::string text = std::string("a;b\n1;0\n") + junk + ";1\n";
      REQUIRE_THROWS_WITH(parse_csv(text),
                          Contains("line 3, column 1") && Contains("expected a number"));
    }
    REQUIRE_THROWS_WITH(parse_csv("a;b\n1;0\n1,5;1\n"), Contains("decimal commas"));
  }
  SECTION("binary junk") {
    const char raw[] = "a,b\n1,0\n\x89PNG\0\x1a\n";
    const std::string binary(raw, sizeof raw - 1);
    REQUIRE_THROWS_WITH(parse_csv(binary), Contains("line 3") && Contains("binary"));
    REQUIRE_THROWS_WITH(parse_csv(std::string("\0\0\0\0", 4)), Contains("line 1"));
  }
  SECTION("single-class target") {
    REQUIRE_THROWS_WITH(parse_csv("a,b\n1,1\n2,1\n3,1\n"),
                        Contains("column 2") && Contains("only one class"));
  }
  SECTION("labels that are not class indices") {
    REQUIRE_THROWS_WITH(parse_csv("a,b\n1,0\n2,1\n3,1e12\n", kClassify),
                        Contains("line 4, column 2") && Contains("out of range"));
    REQUIRE_THROWS_WITH(parse_csv("a,b\n1,0\n2,1\n3,0.5\n", kClassify),
                        Contains("line 4, column 2") && Contains("not an integer"));
  }
  SECTION("quotes") {
    REQUIRE_THROWS_WITH(parse_csv("a,b\n1,0\n\"2,1\n"),
                        Contains("line 3, column 1") && Contains("not closed"));
    REQUIRE_THROWS_WITH(parse_csv("a,b\n1,0\n\"2\"x,1\n"),
                        Contains("line 3, column 1") && Contains("after the closing quote"));
  }
  SECTION("size limits") {
    std::string huge(bp::kMaxCsvBytes + 1, '1');
    REQUIRE_THROWS_WITH(parse_csv(huge), Contains("limit"));
    std::string wide;
    for (bp::Index c = 0; c < bp::kMaxFeatures + 2; ++c) wide += "1,";
    wide += "0\n";
    REQUIRE_THROWS_WITH(parse_csv(wide), Contains("line 1") && Contains("columns"));
    std::string tall;
    tall.reserve(4 * static_cast<std::size_t>(bp::kMaxSamples + 2));
    for (bp::Index r = 0; r <= bp::kMaxSamples; ++r) tall += "1,0\n";
    REQUIRE_THROWS_WITH(parse_csv(tall), Contains("line 1000001") && Contains("rows"));
  }
}

TEST_CASE("csv numbers are strict but allow spaces, quotes and a plus sign", "[csv]") {
  const Dataset d = parse_csv(" 1e-3 ,\" -2.5E+2 \",+.5, 0\n7,8,9,1\n");
  CHECK(d.x(0, 0) == 0.001);
  CHECK(d.x(1, 0) == -250.0);
  CHECK(d.x(2, 0) == 0.5);
  const Dataset tiny = parse_csv("4.9e-324,0\n1,1\n");  // denormal: representable, accepted
  CHECK(tiny.x(0, 0) > 0.0);
}

TEST_CASE("csv header names are cleaned for display", "[csv]") {
  const Dataset d = parse_csv("caf\xC3\xA9,bad\xFF,,t\n1,2,3,0\n4,5,6,1\n");
  CHECK(d.feature_names[0] == "caf\xC3\xA9");
  CHECK(d.feature_names[1] == "bad?");
  CHECK(d.feature_names[2] == "x3");
}

TEST_CASE("builtin iris: 150 x 4, 3 classes of 50", "[csv][builtin]") {
  const Dataset d = bp::parse_builtin(bp::Builtin::iris, read_data_file("iris.csv"));
  REQUIRE(d.num_samples() == 150);
  REQUIRE(d.num_features() == 4);
  CHECK(d.class_names == std::vector<std::string>{"setosa", "versicolor", "virginica"});
  CHECK(d.feature_names ==
        std::vector<std::string>{"sepal length", "sepal width", "petal length", "petal width"});
  CHECK(class_counts(d) == std::vector<int>{50, 50, 50});
  CHECK(d.x(0, 0) == 5.1);  // first row: 5.1,3.5,1.4,0.2,0
  CHECK(d.x(3, 0) == 0.2);
  CHECK(d.labels[0] == 0);
  CHECK(d.labels[149] == 2);
}

TEST_CASE("builtin wine: 178 x 13, classes 59/71/48", "[csv][builtin]") {
  const Dataset d = bp::parse_builtin(bp::Builtin::wine, read_data_file("wine_data.csv"));
  REQUIRE(d.num_samples() == 178);
  REQUIRE(d.num_features() == 13);
  CHECK(d.class_names == std::vector<std::string>{"class_0", "class_1", "class_2"});
  CHECK(d.feature_names.front() == "alcohol");
  CHECK(d.feature_names[11] == "od280/od315_of_diluted_wines");
  CHECK(d.feature_names.back() == "proline");
  CHECK(class_counts(d) == std::vector<int>{59, 71, 48});
  CHECK(d.x(0, 0) == 14.23);
  CHECK(d.x(12, 0) == 1065.0);
}

TEST_CASE("builtin digits: 1797 x 64, 10 classes, pixels 0..16", "[csv][builtin]") {
  const Dataset d = bp::parse_builtin(bp::Builtin::digits, read_data_file("digits.csv"));
  REQUIRE(d.num_samples() == 1797);
  REQUIRE(d.num_features() == 64);
  REQUIRE(d.num_classes() == 10);
  CHECK(d.class_names.front() == "0");
  CHECK(d.class_names.back() == "9");
  CHECK(d.feature_names[0] == "p0");
  CHECK(d.feature_names[63] == "p63");
  CHECK(d.x.minCoeff() == 0.0);
  CHECK(d.x.maxCoeff() == 16.0);
  CHECK(d.labels[0] == 0);
  CHECK(d.labels[1] == 1);
  for (const int count : class_counts(d)) CHECK(count >= 170);
}

TEST_CASE("builtin loaders reject damaged files with a position", "[csv][builtin][errors]") {
  using bp::Builtin;
  using bp::parse_builtin;
  const std::string iris = read_data_file("iris.csv");
  // Drop the last row: the header promises 150.
  const std::string short_iris = iris.substr(0, iris.rfind('\n', iris.size() - 2) + 1);
  REQUIRE_THROWS_WITH(parse_builtin(Builtin::iris, short_iris),
                      Contains("iris") && Contains("150 rows, found 149"));
  REQUIRE_THROWS_WITH(parse_builtin(Builtin::iris, "3,4,a,b\n1,2,3,4,0\n1,2,3,4,2\n1,2,3,4,0\n"),
                      Contains("line 3, column 5") && Contains("label"));
  REQUIRE_THROWS_WITH(parse_builtin(Builtin::iris, "2,5,a,b\n1,2,3,4,5,0\n1,2,3,4,5,1\n"),
                      Contains("line 1, column 2") && Contains("feature count"));
  REQUIRE_THROWS_WITH(parse_builtin(Builtin::iris, "2,4,a,b\n1,2,3,4,0\n1,2,3,1\n"),
                      Contains("line 3") && Contains("expected 5"));
  REQUIRE_THROWS_WITH(parse_builtin(Builtin::wine, ""), Contains("wine") && Contains("empty"));
  REQUIRE_THROWS_WITH(parse_builtin(Builtin::wine, "1,13\n"), Contains("class names"));
  REQUIRE_THROWS_WITH(parse_builtin(Builtin::iris, "1,4,a,b\n1,2,3,4,0\n1,2,3,4,1\n"),
                      Contains("line 3") && Contains("more rows"));

  std::string digits = read_data_file("digits.csv");
  digits.replace(0, 1, "17");  // first pixel of line 1
  REQUIRE_THROWS_WITH(parse_builtin(Builtin::digits, digits),
                      Contains("line 1, column 1") && Contains("0..16"));
  REQUIRE_THROWS_WITH(parse_builtin(Builtin::digits, std::string(64, '1')), Contains("digits"));
}
