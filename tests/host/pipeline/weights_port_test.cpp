// The weights a backtest trades, read from a run's ports: copied out (run_weights) or, for
// a search, viewed in place where the panel is already the column-major matrix.
#include "host/loader/host_services.hpp"
#include "host/pipeline/weights_port.hpp"

#include <mosaic/arrow.hpp>

#include <doctest/doctest.h>

#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

using namespace mosaic::host;

namespace {

// A weights panel with value(asset, bar) = 10 * asset + bar.
PortValue weights_port(const std::string& name, size_t bars, size_t assets) {
  mosaic::Shape shape;
  for (size_t t = 0; t < bars; ++t) shape.ts.push_back(static_cast<int64_t>(t));
  for (size_t a = 0; a < assets; ++a) shape.tickers.push_back("T" + std::to_string(a));
  mosaic::PanelWriter w(host_services(), shape);
  for (size_t a = 0; a < assets; ++a)
    for (size_t t = 0; t < bars; ++t) w.column(a)[t] = static_cast<double>(10 * a + t);
  ArrowSchema schema{};
  ArrowArray array{};
  w.release_into(&schema, &array);
  return PortValue{name, "test", std::make_shared<ArrowBatch>(&schema, &array)};
}

std::vector<double> expected(size_t bars, size_t assets) {
  std::vector<double> v;
  for (size_t a = 0; a < assets; ++a)
    for (size_t t = 0; t < bars; ++t) v.push_back(static_cast<double>(10 * a + t));
  return v;
}

}  // namespace

TEST_CASE("weights view: one asset is read in place, several are gathered into the scratch") {
  std::map<std::string, PortValue> ports;
  ports.emplace("weights.target", weights_port("weights.target", 5, 1));
  std::vector<double> scratch;
  auto one = run_weights_view(ports, 5, 1, scratch);
  REQUIRE(one);
  CHECK(one->port == "weights.target");
  CHECK(std::vector<double>(one->values.begin(), one->values.end()) == expected(5, 1));
  CHECK(scratch.empty());  // nothing copied

  ports.clear();
  ports.emplace("weights.target", weights_port("weights.target", 4, 3));
  ports.emplace("weights.final", weights_port("weights.final", 4, 3));
  auto three = run_weights_view(ports, 4, 3, scratch);
  REQUIRE(three);
  CHECK(three->port == "weights.final");
  CHECK(three->values.data() == scratch.data());
  CHECK(std::vector<double>(three->values.begin(), three->values.end()) == expected(4, 3));
  const auto copied = run_weights(ports, 4, 3);
  REQUIRE(copied);
  CHECK(copied->port == "weights.final");
  CHECK(copied->values == expected(4, 3));
}

TEST_CASE("weights view: no weights port gives nothing, a wrong-shaped one is refused") {
  std::map<std::string, PortValue> ports;
  std::vector<double> scratch;
  CHECK_FALSE(run_weights_view(ports, 4, 1, scratch));
  CHECK_FALSE(run_weights(ports, 4, 1));
  ports.emplace("weights.target", weights_port("weights.target", 4, 2));
  CHECK_THROWS_AS(run_weights_view(ports, 5, 2, scratch), std::runtime_error);
  CHECK_THROWS_AS(run_weights(ports, 4, 1), std::runtime_error);
}
