// `mosaic report RUN_DIR` rebuilds report.html from the folder's own files, wherever the
// folder has gone; what it cannot report on it refuses with the reason and a usage exit code.
#include "host/cli/run_mosaic.hpp"
#include "support/plugin_fixture.hpp"

#include <doctest/doctest.h>

#include <filesystem>

namespace fs = std::filesystem;

TEST_CASE("mosaic report rebuilds report.html of a run folder that was moved") {
  mosaic_test::TempDir work("report-command");
  REQUIRE(mosaic_test::run_mosaic("run --out " + (work / "run").string(), MOSAIC_SOURCE_DIR).code == 0);
  CHECK(fs::exists(work / "run" / "report.html"));
  fs::rename(work / "run", work / "moved");
  fs::remove(work / "moved" / "report.html");
  const auto r = mosaic_test::run_mosaic("report " + (work / "moved").string());
  CHECK(r.code == 0);
  CHECK(r.out == "wrote " + (work / "moved" / "report.html").string() + "\n");
  CHECK(fs::file_size(work / "moved" / "report.html") > 1'000'000);
}

TEST_CASE("mosaic report refuses what is not a run folder, naming it") {
  mosaic_test::TempDir work("report-refusals");
  const auto none = mosaic_test::run_mosaic("report");
  CHECK(none.code == 2);
  CHECK(none.err.find("expected one run folder: mosaic report RUN_DIR") != std::string::npos);
  const auto absent = mosaic_test::run_mosaic("report " + (work / "absent").string());
  CHECK(absent.code == 2);
  CHECK(absent.err.find("not a folder") != std::string::npos);
  const auto empty = mosaic_test::run_mosaic("report " + work.path().string());
  CHECK(empty.code == 2);
  CHECK(empty.err.find("not a run folder") != std::string::npos);
}
