// Hot reload and per-bar latency of a real `mosaic serve` on the default pipeline:
//   bench_serve_reload [reloads=50] [speed=50]
// Starts serve on spisector.csv, renames a fresh copy of a module library into the plugin
// folder `reloads` times (alternating technical and regime), and reports:
//   - rename -> serving as a client sees it (polling /modules every 1 ms)
//   - the server's own split: debounce wait, load, validation, self-test, golden run, swap
//   - the per-bar latency (arrival -> weights) from the server's summary line
// Not a Google Benchmark: it times a whole process across a file-system event.
#include "support/plugin_fixture.hpp"
#include "support/serve_process.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <vector>

namespace fs = std::filesystem;

namespace {

double pct(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  const size_t rank = std::max<size_t>(1, static_cast<size_t>(p / 100.0 * static_cast<double>(v.size()) + 0.999999));
  return v[std::min(rank, v.size()) - 1];
}

std::string row(const std::string& name, const std::vector<double>& v) {
  return fmt::format("{:<28} p50 {:8.3f}  p95 {:8.3f}  max {:8.3f}  (n={})\n", name, pct(v, 50), pct(v, 95),
                     pct(v, 100), v.size());
}

}  // namespace

int main(int argc, char** argv) {
  const int reloads = argc > 1 ? std::atoi(argv[1]) : 50;
  const std::string speed = argc > 2 ? argv[2] : "50";
  mosaic_test::TempDir dir("bench-serve");
  const fs::path plugins = dir / "plugins";
  const std::string built = MOSAIC_PLUGIN_DIR;
  mosaic_test::copy_test_plugins(plugins, {built + "/technical.so", built + "/regime.so", built + "/portfolio.so",
                                           built + "/risk.so"});
  mosaic_test::ServeProcess p({"--config", std::string(MOSAIC_SOURCE_DIR) + "/examples/default.toml", "--plugins",
                               plugins.string(), "--feed", "replay:" + std::string(MOSAIC_DATA_DIR) + "/spisector.csv",
                               "--speed", speed, "--port", "0"},
                              dir / "stderr.txt");
  if (p.port() <= 0) {
    fmt::print(stderr, "serve did not start:\n{}", p.stderr_text());
    return 1;
  }
  std::vector<double> client_ms;
  std::map<std::string, std::vector<double>> server_ms;
  for (int i = 0; i < reloads; ++i) {
    const std::string module = i % 2 ? "regime" : "technical";
    auto generation = [&] {
      const auto doc = p.get_json("/modules");  // a named document: the loop must not outlive it
      for (const auto& m : doc["modules"])
        if (m["name"] == module) return m["generation"].get<uint64_t>();
      return uint64_t{0};
    };
    const uint64_t before = generation();
    const fs::path tmp = plugins / ".incoming.tmp";
    fs::copy_file(built + "/" + module + ".so", tmp, fs::copy_options::overwrite_existing);
    const auto renamed = std::chrono::steady_clock::now();
    fs::rename(tmp, plugins / (module + ".so"));
    while (generation() == before) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    client_ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - renamed).count());
    const auto doc = p.get_json("/modules");
    for (const auto& m : doc["modules"])
      if (m["name"] == module)
        for (const auto& [step, ms] : m["reloads"]["last"]["ms"].items()) server_ms[step].push_back(ms.get<double>());
  }
  std::this_thread::sleep_for(std::chrono::seconds(1));
  const auto health = p.get_json("/health");
  p.stop();
  fmt::print("{} reloads of the default pipeline's modules while serving spisector.csv at {} bars/s\n", reloads, speed);
  fmt::print("{}", row("rename -> serving (client)", client_ms));
  for (const auto& [step, v] : server_ms) fmt::print("{}", row("  server: " + step, v));
  std::vector<double> without_tests;
  for (size_t i = 0; i < client_ms.size(); ++i)
    without_tests.push_back(client_ms[i] - server_ms["self_test"][i] - server_ms["golden_run"][i]);
  fmt::print("{}", row("client minus self-test+golden", without_tests));
  fmt::print("bars {} (failed {}, degraded {}); bar latency p50 {:.3f} ms, p99 {:.3f} ms\n", health["bars"].get<int>(),
             health["failed_bars"].get<int>(), health["degraded_bars"].get<int>(),
             health["bar_latency_ms"]["p50"].get<double>(), health["bar_latency_ms"]["p99"].get<double>());
  return 0;
}
