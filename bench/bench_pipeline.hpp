// A pipeline assembled the way `mosaic run` does it, for benchmarks.
#pragma once

#include "host/config/config.hpp"
#include "host/data/price_csv.hpp"
#include "host/loader/shadow_dir.hpp"
#include "host/pipeline/assembly.hpp"
#include "host/pipeline/market_ports.hpp"
#include "host/pipeline/pipeline.hpp"

#include <memory>
#include <stdexcept>
#include <string>

struct BenchPipeline {
  mosaic::host::Config config;
  mosaic::host::MarketData data;
  mosaic::host::ShadowDir shadow;
  mosaic::host::Assembly assembly;
  std::unique_ptr<mosaic::host::Pipeline> pipeline;
  std::vector<mosaic::host::ModuleSetup> setups;  // the libraries stay loaded; for fresh()

  // A new pipeline with new instances, so nothing a module learned in earlier runs helps.
  std::unique_ptr<mosaic::host::Pipeline> fresh() const {
    return std::make_unique<mosaic::host::Pipeline>(setups, assembly.resolution.order, config.quarantine_after);
  }
  std::map<std::string, mosaic::host::PortValue> ports;
  mosaic::Shape shape;

  BenchPipeline(const std::string& config_text, const std::string& plugin_dir,
                const std::string& config_path = "/bench/config.toml") {
    using namespace mosaic::host;
    config = parse_config(config_text, config_path);
    data = read_price_csv(config.prices);
    assembly = assemble(config, plugin_dir, shadow, market_port_layouts(data));
    if (!assembly.ok()) throw std::runtime_error(assembly.issues.front().message);
    setups = assembly.setups;
    pipeline = std::make_unique<Pipeline>(std::move(assembly.setups), assembly.resolution.order, config.quarantine_after);
    ports = market_ports(data);
    shape = shape_of(data);
  }
};
