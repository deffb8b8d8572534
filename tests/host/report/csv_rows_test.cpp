#include "host/report/csv_rows.hpp"

#include "host/app/error.hpp"
#include "support/plugin_fixture.hpp"

#include <doctest/doctest.h>

#include <cmath>

using namespace mosaic::host;

TEST_CASE("report: CSV rows read quoted cells as RFC 4180 writes them") {
  mosaic_test::TempDir dir("csv-rows");
  const auto f = dir.write("r.csv", "fold,problem,x\n1,\"broke: a, b\",2.5\n1,\"say \"\"x\"\"\",\n");
  const report::CsvRows t = report::read_csv_rows(f);
  REQUIRE(t.rows.size() == 2);
  CHECK(t.rows[0][1] == "broke: a, b");
  CHECK(t.rows[1][1] == "say \"x\"");
  CHECK(t.number(0, t.column("x")) == 2.5);
  CHECK(std::isnan(t.number(1, 2)));
  CHECK(t.lines == std::vector<size_t>{2, 3});
  CHECK(t.has("problem"));
  CHECK_FALSE(t.has("y"));
}

TEST_CASE("report: CSV rows name the file, line and column of what is wrong") {
  mosaic_test::TempDir dir("csv-rows-bad");
  auto error_of = [&](const std::string& text, auto&& use) {
    const auto f = dir.write("r.csv", text);
    try {
      use(report::read_csv_rows(f));
    } catch (const app::Error& e) {
      CHECK(e.kind == app::ErrorKind::Data);
      return std::string(e.what()).substr(f.string().size());
    }
    return std::string("no error");
  };
  auto nothing = [](const report::CsvRows&) {};
  CHECK(error_of("a,b\n1,2,3\n", nothing) == ":2: expected 2 cells, as in the header, found 3");
  CHECK(error_of("a,b\n1,\"2\n", nothing) == ":2: a quoted cell does not end on its line");
  CHECK(error_of("a,b\n1,x\n", [](const report::CsvRows& t) { t.number(0, 1); }) ==
        ":2: column b: expected a number, found \"x\"");
  CHECK(error_of("a,b\n1,2\n", [](const report::CsvRows& t) { t.column("c"); }) == ":1: expected a column 'c'");
}
