// Good libraries load and their contracts read back: the real technical module, and a
// module written in plain C against mosaic.h alone.
#include <doctest/doctest.h>

#include "host/loader/host_services.hpp"
#include "host/loader/library.hpp"
#include "host/loader/shadow_dir.hpp"
#include "support/plugin_fixture.hpp"

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

using mosaic::host::ContractInfo;
using mosaic::host::Library;
using mosaic::host::ShadowDir;
using mosaic_test::TempDir;
namespace fs = std::filesystem;

namespace {

std::vector<std::string> port_names(const std::vector<mosaic::host::PortInfo>& ports) {
  std::vector<std::string> names;
  for (const auto& p : ports) names.push_back(p.name);
  return names;
}

}  // namespace

TEST_CASE("Library::open: the real technical module and its contract") {
  TempDir dir("loader");
  ShadowDir shadow(dir / "shadow");
  const fs::path file = fs::path(MOSAIC_PLUGIN_DIR) / "technical.so";
  REQUIRE(fs::exists(file));
  auto lib = Library::open(file, shadow);

  CHECK(lib->file() == file);
  CHECK(lib->abi_version().major == MOSAIC_ABI_MAJOR);
  CHECK(lib->abi_version().minor <= MOSAIC_ABI_MINOR);
  REQUIRE(lib->modules().size() == 1);
  const ContractInfo& c = lib->modules()[0].contract;
  CHECK(c.name == "technical");
  CHECK(c.id == "org.mosaic.technical");
  CHECK(c.version.str() == "1.1.0");
  CHECK(c.label() == "technical 1.1.0");
  CHECK(c.role == MOSAIC_ROLE_SIGNAL);
  CHECK(port_names(c.outputs) == std::vector<std::string>{"signal.technical", "technical.*"});
  CHECK(c.outputs[1].is_pattern());
  CHECK(c.output_for("technical.sma_20") == &c.outputs[1]);
  CHECK(c.output_for("signal.technical") == &c.outputs[0]);
  CHECK(c.output_for("signal.other") == nullptr);

  REQUIRE(port_names(c.inputs) == std::vector<std::string>{"close", "high", "low"});
  CHECK(c.inputs[0].required);
  CHECK_FALSE(c.inputs[1].required);
  CHECK_FALSE(c.inputs[2].required);
  for (const auto& p : c.inputs) CHECK(p.layout == MOSAIC_LAYOUT_PANEL);

  const auto* fast = c.param("fast");
  REQUIRE(fast != nullptr);
  CHECK(fast->type() == MOSAIC_PARAM_INT);
  CHECK(fast->default_value.i == 10);
  CHECK(fast->has_range);
  CHECK(fast->min == 2);
  CHECK(fast->max == 100);
  const auto* trend_ma = c.param("trend_ma");
  REQUIRE(trend_ma != nullptr);
  CHECK(trend_ma->type() == MOSAIC_PARAM_ENUM);
  CHECK(trend_ma->choices == std::vector<std::string>{"sma", "ema"});
  CHECK(c.param("no_such_param") == nullptr);
  CHECK(c.sla.max_latency_ms == doctest::Approx(5.0));
  CHECK(c.sla.min_confidence == doctest::Approx(0.5));
}

TEST_CASE("Library::open: a plain C module loads and makes instances") {
  TempDir dir("loader");
  ShadowDir shadow(dir / "shadow");
  const fs::path file = mosaic_test::copy_test_plugins(dir / "plugins", {"c_ok"}).front();
  auto lib = Library::open(file, shadow);
  REQUIRE(lib->modules().size() == 1);
  const auto& m = lib->modules()[0];
  CHECK(m.contract.name == "c_ok");
  CHECK(m.contract.version.str() == "1.0.0");
  CHECK(port_names(m.contract.outputs) == std::vector<std::string>{"signal.c_ok"});

  mosaic_instance* instance = nullptr;
  mosaic_error err{};
  REQUIRE(m.factory->create(mosaic::host::host_services(), nullptr, 0, &instance, &err) == MOSAIC_OK);
  REQUIRE(instance != nullptr);
  CHECK(instance->self_test(instance, &err) == MOSAIC_OK);
  instance->destroy(instance);
}

TEST_CASE("Library::open: every library a fault module is built from has its own contract") {
  TempDir dir("loader");
  ShadowDir shadow(dir / "shadow");
  auto files = mosaic_test::copy_test_plugins(dir / "plugins", {"provider", "consumer", "consumer_ok"});
  auto provider = Library::open(files[0], shadow);
  auto consumer = Library::open(files[1], shadow);
  auto consumer_ok = Library::open(files[2], shadow);
  CHECK(provider->modules().at(0).contract.label() == "provider 1.3.0");
  const ContractInfo& needs2 = consumer->modules().at(0).contract;
  const ContractInfo& needs1 = consumer_ok->modules().at(0).contract;
  CHECK(needs2.name == "consumer");
  CHECK(needs1.name == "consumer");
  REQUIRE(needs2.dependencies.size() == 1);
  REQUIRE(needs1.dependencies.size() == 1);
  CHECK(needs2.dependencies[0].module == "provider");
  CHECK(needs2.dependencies[0].range.str() == "^2.0");
  CHECK(needs1.dependencies[0].range.str() == "^1.2");
}
