// `mosaic modules check`: the conformance checks from the command line, their exit code and
// their JSON.
#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <string>

#include "run_mosaic.hpp"

using mosaic_test::run_mosaic;

TEST_CASE("modules check NAME passes a shipped module and exits 0, as text and as JSON") {
  const auto text = run_mosaic("modules check technical");
  INFO(text.out << text.err);
  CHECK(text.code == 0);
  CHECK(text.out.find("technical look-ahead") != std::string::npos);
  CHECK(text.out.find("checks passed or did not apply") != std::string::npos);

  const auto json = run_mosaic("modules check technical --json");
  REQUIRE(json.code == 0);
  const auto j = nlohmann::json::parse(json.out);
  CHECK(j.at("passed") == true);
  CHECK(j.at("libraries").at(0).at("modules") == nlohmann::json({"technical"}));
}

TEST_CASE("modules check LIB.so of a crashing module names the signal and exits 3") {
  const auto r = run_mosaic(std::string("modules check ") + MOSAIC_TEST_PLUGIN_DIR + "/crasher.so");
  INFO(r.out << r.err);
  CHECK(r.code == 3);
  CHECK(r.out.find("FAIL  crasher shapes") != std::string::npos);
  CHECK(r.out.find("signal 11") != std::string::npos);
}

TEST_CASE("modules check --check runs one check, --timeout bounds each, and a bad value is a usage error") {
  const auto one = run_mosaic(std::string("modules check --check shapes --timeout 1 ") + MOSAIC_TEST_PLUGIN_DIR +
                              "/hangs.so --json");
  INFO(one.out << one.err);
  CHECK(one.code == 3);
  const auto j = nlohmann::json::parse(one.out);
  const auto& checks = j.at("libraries").at(0).at("checks");
  REQUIRE(checks.size() == 1);
  CHECK(checks.at(0).at("check") == "shapes");
  CHECK(checks.at(0).at("detail").get<std::string>().find("did not finish within 1 s") != std::string::npos);
  const auto unknown = run_mosaic("modules check technical --check vibes");
  CHECK(unknown.code == 2);
  CHECK(unknown.err.find("no check 'vibes'; the checks are load, contract") != std::string::npos);
  CHECK(run_mosaic("modules check technical --timeout 0").code == 2);
}

TEST_CASE("modules check of something that is neither a module nor a library is a usage error") {
  const auto name = run_mosaic("modules check nosuchmodule");
  CHECK(name.code == 2);
  CHECK(name.err.find("no module 'nosuchmodule'") != std::string::npos);
  const auto file = run_mosaic("modules check /nowhere/x.so");
  CHECK(file.code == 2);
  CHECK(file.err.find("/nowhere/x.so: no such library file") != std::string::npos);
}
