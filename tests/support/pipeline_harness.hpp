// A pipeline of test modules built the way the CLI builds one: config text ->
// parse_config -> assemble -> Pipeline -> run, on a small price file in a temp folder.
#pragma once

#include "support/plugin_fixture.hpp"

#include "host/config/config.hpp"
#include "host/data/price_csv.hpp"
#include "host/loader/shadow_dir.hpp"
#include "host/monitor/log.hpp"
#include "host/pipeline/assembly.hpp"
#include "host/pipeline/market_ports.hpp"
#include "host/pipeline/pipeline.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace mosaic_test {

// Silences the host log (failures are expected here) and restores it afterwards.
class QuietLog {
 public:
  QuietLog() : saved_(mosaic::host::log_level()) { mosaic::host::set_log_level(MOSAIC_LOG_ERROR + 1); }
  ~QuietLog() { mosaic::host::set_log_level(saved_); }
  QuietLog(const QuietLog&) = delete;
  QuietLog& operator=(const QuietLog&) = delete;

 private:
  int32_t saved_;
};

// Three assets on five bars, wide layout (closes).
inline constexpr std::string_view kSmallPrices =
    "date,AAA,BBB,CCC\n"
    "2024-01-02,10,20,30\n"
    "2024-01-03,11,21,31\n"
    "2024-01-04,12,22,32\n"
    "2024-01-05,13,23,33\n"
    "2024-01-08,14,24,34\n";

// What a Harness builds. `libraries` are the test modules to copy into its plugin
// folder (an absolute path is copied as it is); `modules` is pipeline.modules and
// defaults to the same names; `module_tables` is appended to the config text as it is
// ([modules.<name>] tables); `prices` defaults to kSmallPrices written next to the config.
struct HarnessOptions {
  // Every member has an initializer: GCC 12 warns (-Wmissing-field-initializers) about
  // designated initializers that skip a member without one.
  std::vector<std::string> libraries{};
  std::optional<std::vector<std::string>> modules{};
  std::string module_tables{};
  int quarantine_after = 3;
  std::optional<fs::path> prices{};
};

//   Harness h({.libraries = {"flaky", "req_reader"},
//              .module_tables = "[modules.flaky.params]\nfail_calls = 1\n"});
//   REQUIRE(h.ok());
//   auto r = h.run();
class Harness {
 public:
  explicit Harness(const HarnessOptions& o) : shadow_(dir_ / "shadow") {
    copy_test_plugins(plugin_dir(), o.libraries);
    const fs::path prices = o.prices ? *o.prices : dir_.write("prices.csv", kSmallPrices);
    std::string text = "[data]\nprices = \"" + prices.generic_string() + "\"\n\n[pipeline]\nmodules = [";
    const std::vector<std::string>& names = o.modules ? *o.modules : o.libraries;
    for (size_t i = 0; i < names.size(); ++i) text += (i ? ", \"" : "\"") + names[i] + "\"";
    text += "]\nquarantine_after = " + std::to_string(o.quarantine_after) + "\n\n" + o.module_tables;
    config_ = mosaic::host::parse_config(text, dir_ / "pipeline.toml");
    data_ = mosaic::host::read_price_csv(config_.prices);
    assembly_ = mosaic::host::assemble(config_, plugin_dir(), shadow_, mosaic::host::market_port_layouts(data_));
  }

  fs::path plugin_dir() const { return dir_ / "plugins"; }
  const mosaic::host::Config& config() const { return config_; }
  const mosaic::host::MarketData& data() const { return data_; }
  const mosaic::host::Assembly& assembly() const { return assembly_; }
  bool ok() const { return assembly_.ok(); }
  const fs::path& shadow_dir() const { return shadow_.path(); }

  // Every issue message, one per line (for CHECK messages and substring checks).
  std::string issues() const {
    std::string all;
    for (const auto& i : assembly_.issues) all += i.message + "\n";
    return all;
  }

  // The pipeline, instantiated on first use; the assembly must be free of issues.
  mosaic::host::Pipeline& pipeline() {
    if (!pipeline_) {
      INFO("assembly issues:\n" << issues());
      REQUIRE(assembly_.ok());
      pipeline_ = std::make_unique<mosaic::host::Pipeline>(std::move(assembly_.setups), assembly_.resolution.order,
                                                           config_.quarantine_after);
    }
    return *pipeline_;
  }

  // Drops the assembly's references to every library it loaded, as a long-running host
  // does, so only the pipeline keeps a generation mapped.
  void release_scanned_libraries() { assembly_.scan.libraries.clear(); }

  mosaic::host::ShadowDir& shadow() { return shadow_; }

  mosaic::host::RunResult run() {
    QuietLog quiet;
    return pipeline().run(mosaic::host::market_ports(data_), mosaic::host::shape_of(data_));
  }

 private:
  TempDir dir_{"pipeline"};
  mosaic::host::ShadowDir shadow_;
  mosaic::host::Config config_;
  mosaic::host::MarketData data_;
  mosaic::host::Assembly assembly_;
  std::unique_ptr<mosaic::host::Pipeline> pipeline_;  // destroyed first: instances before libraries
};

// The record of one module in a run; fails the test when the module did not appear.
inline const mosaic::host::ModuleRun& module_run(const mosaic::host::RunResult& r, const std::string& name) {
  for (const auto& m : r.modules)
    if (m.name == name) return m;
  FAIL("module '" << name << "' is not in the run");
  throw std::logic_error("unreachable");
}

// All degraded reasons of a run, one per line.
inline std::string degraded_text(const mosaic::host::RunResult& r) {
  std::string all;
  for (const auto& reason : r.degraded_reasons) all += reason + "\n";
  return all;
}

}  // namespace mosaic_test
