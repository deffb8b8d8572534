#include "host/report/dated_csv.hpp"

#include "host/app/error.hpp"
#include "support/plugin_fixture.hpp"

#include <doctest/doctest.h>

#include <cmath>

using namespace mosaic::host;

TEST_CASE("report: a run folder's dated CSV is read back, nan and inf included") {
  mosaic_test::TempDir dir("dated-csv");
  const auto f = dir.write("equity.csv", "date,equity,drawdown\n2024-01-02,1,0\n2024-01-03,1.5,nan\n2024-01-04,inf,\n");
  const report::DatedCsv t = report::read_dated_csv(f);
  CHECK(t.columns == std::vector<std::string>{"equity", "drawdown"});
  CHECK(t.dates == std::vector<std::string>{"2024-01-02", "2024-01-03", "2024-01-04"});
  CHECK(t.column("equity")[1] == 1.5);
  CHECK(std::isinf(t.column("equity")[2]));
  CHECK(std::isnan(t.column("drawdown")[1]));
  CHECK(std::isnan(t.column("drawdown")[2]));
  CHECK_THROWS_AS(t.column("sharpe"), app::Error);
}

TEST_CASE("report: a malformed dated CSV names its file and line") {
  mosaic_test::TempDir dir("dated-csv-bad");
  auto error_of = [&](const std::string& text) {
    try {
      report::read_dated_csv(dir.write("x.csv", text));
    } catch (const app::Error& e) {
      CHECK(e.kind == app::ErrorKind::Data);
      return std::string(e.what()).substr((dir / "x.csv").string().size());
    }
    return std::string("no error");
  };
  CHECK(error_of("when,equity\n") == ":1: expected a header line: date, then one column per series");
  CHECK(error_of("date,equity\n2024-01-02,1\n2024-01-03,abc\n") ==
        ":3: column equity: expected a number, found \"abc\"");
  CHECK(error_of("date,equity\n2024-01-02,1,2\n") == ":2: expected 2 cells, as in the header, found 3");
  CHECK(error_of("date,equity\n24-1-2,1\n") == ":2: expected a date like 2024-01-31, found \"24-1-2\"");
  CHECK_THROWS_AS(report::read_dated_csv(dir / "missing.csv"), app::Error);
}
