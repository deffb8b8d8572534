// A small engine setup for calling host/app directly: a temporary folder with a plugin
// folder of technical and the test-only toy_weights portfolio, and a config running both
// on one stock's 249 daily bars.
#pragma once

#include "support/plugin_fixture.hpp"

#include "host/app/session.hpp"

#include <string>

namespace mosaic_test {

// An [optimize] table for AppFixture's pipeline: lookback 2..41 on toy_weights only
// (technical's fast held at 10), a grid of 40 configurations per fold.
inline std::string lookback_space(int threads) {
  return "[optimize]\nmethod = \"grid\"\nthreads = " + std::to_string(threads) +
         "\ntrain_fraction = 0.7\nswitches = false\n"
         "[optimize.space.technical]\nsearch = [\"fast\"]\nfast = 10\n"
         "[optimize.space.toy_weights]\nlookback = { min = 2, max = 41, step = 1 }\n";
}

struct AppFixture {
  TempDir dir{"app"};
  std::filesystem::path config;

  // `extra` is appended to the config (e.g. an [optimize] table).
  explicit AppFixture(const std::string& extra = "") {
    copy_test_plugins(dir / "plugins", {MOSAIC_PLUGIN_DIR "/technical.so", "toy_weights"});
    config = dir.write("c.toml", "[data]\nprices = \"" MOSAIC_DATA_DIR "/msft_2000_2001.csv\"\n"
                                 "[pipeline]\nmodules = [\"technical\", \"toy_weights\"]\nplugins = \"plugins\"\n" +
                                     extra);
  }

  mosaic::host::app::SessionSpec spec() const { return {config, std::nullopt, std::nullopt, false}; }
};

}  // namespace mosaic_test
