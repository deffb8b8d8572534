// `mosaic modules list` names the data source's ports beside the modules', so an author
// knows what an input can be without running into an error first.
#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <string>

#include "run_mosaic.hpp"

using mosaic_test::run_mosaic;

TEST_CASE("modules list shows the data source's ports, as text and as JSON") {
  const auto text = run_mosaic("modules list");
  INFO(text.out << text.err);
  REQUIRE(text.code == 0);
  CHECK(text.out.find("data source ports, for any module's inputs:") != std::string::npos);
  CHECK(text.out.find("open, high, low, close, volume  PANEL") != std::string::npos);
  CHECK(text.out.find("news  TABLE") != std::string::npos);

  const auto json = run_mosaic("modules list --json");
  REQUIRE(json.code == 0);
  const auto ports = nlohmann::json::parse(json.out).at("data_ports");
  REQUIRE(ports.size() == 6);
  CHECK(ports.at(3).at("name") == "close");
  CHECK(ports.at(5) == nlohmann::json({{"name", "news"}, {"layout", "table"}, {"when", "[data] news names a file"}}));
}
