// resolve() on hand-made contracts: the checks that need no library.
#include "host/registry/registry.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace mosaic::host;

namespace {

ContractInfo module(const std::string& name, std::vector<PortInfo> inputs, std::vector<PortInfo> outputs) {
  ContractInfo c;
  c.name = name;
  c.version = *Version::parse("1.0.0");
  c.inputs = std::move(inputs);
  c.outputs = std::move(outputs);
  return c;
}

PortInfo panel(const std::string& name, bool required = true) { return {name, MOSAIC_LAYOUT_PANEL, required, {}}; }

std::vector<std::string> messages(const Resolution& r) {
  std::vector<std::string> m;
  for (const auto& i : r.issues) m.push_back(i.message);
  return m;
}

const std::map<std::string, int32_t> kClose = {{"close", MOSAIC_LAYOUT_PANEL}};

}  // namespace

TEST_CASE("resolve: a port family may not overlap another module's port") {
  ContractInfo tech = module("technical", {panel("close")}, {panel("technical.*")});
  ContractInfo other = module("other", {panel("close")}, {panel("technical.sma_20")});
  Resolution r = resolve({{&tech, "t.so"}, {&other, "o.so"}}, kClose);
  REQUIRE(r.issues.size() == 1);
  CHECK(r.issues[0].message ==
        "port family 'technical.*' of technical overlaps 'technical.sma_20' of other; each port needs exactly one producer");
}

TEST_CASE("resolve: two overlapping families are reported once") {
  ContractInfo a = module("a", {panel("close")}, {panel("signal.*")});
  ContractInfo b = module("b", {panel("close")}, {panel("signal.b.*")});
  Resolution r = resolve({{&a, "a.so"}, {&b, "b.so"}}, kClose);
  CHECK(messages(r) == std::vector<std::string>{
                           "port family 'signal.*' of a overlaps 'signal.b.*' of b; each port needs exactly one producer"});
}

TEST_CASE("resolve: a family may not cover a data port") {
  ContractInfo a = module("a", {}, {panel("clo.*")});
  ContractInfo b = module("b", {}, {panel("close.*")});
  Resolution r = resolve({{&a, "a.so"}, {&b, "b.so"}}, {{"close.adj", MOSAIC_LAYOUT_PANEL}});
  REQUIRE(r.issues.size() == 1);
  CHECK(r.issues[0].module == "b");
  CHECK(r.issues[0].message.find("'close.*' of b overlaps 'close.adj' of data") != std::string::npos);
}

TEST_CASE("resolve: disjoint families and a consumer of a family resolve in order") {
  ContractInfo tech = module("technical", {panel("close")}, {panel("technical.*"), panel("signal.technical")});
  ContractInfo mom = module("momentum", {panel("close")}, {panel("signal.momentum")});
  ContractInfo port = module("portfolio", {panel("signal.*", false), panel("technical.rsi_14")}, {panel("weights.target")});
  Resolution r = resolve({{&port, "p.so"}, {&tech, "t.so"}, {&mom, "m.so"}}, kClose);
  CHECK(messages(r).empty());
  REQUIRE(r.order.size() == 3);
  CHECK(r.order.back() == "portfolio");
}

TEST_CASE("resolve: a layout mismatch names both sides") {
  ContractInfo news = module("news", {}, {{"news", MOSAIC_LAYOUT_TABLE, false, {}}});
  ContractInfo reader = module("reader", {panel("news")}, {panel("signal.reader")});
  Resolution r = resolve({{&news, "n.so"}, {&reader, "r.so"}}, {});
  CHECK(messages(r) == std::vector<std::string>{"reader 1.0.0 reads 'news' as a panel, but news produces it as a table"});
}
