// `mosaic serve` with isolated modules (isolate = true), as a user runs it: a module that
// crashes its process is restarted and, at the limit, quarantined with the signal in the
// log, /health and /metrics, while serve and the other modules go on; a new build of an
// isolated module hot-reloads into a new child.
#include "support/plugin_fixture.hpp"
#include "support/reload_builds.hpp"
#include "support/serve_process.hpp"

#include <doctest/doctest.h>

#include <fstream>
#include <set>
#include <sstream>

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using mosaic_test::module_entry;
using mosaic_test::ServeProcess;
using nlohmann::json;

namespace {

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// The mosaic-module-host children of `parent`, by process id.
std::set<int> module_hosts(pid_t parent) {
  std::set<int> pids;
  for (const auto& e : fs::directory_iterator("/proc")) {
    const std::string name = e.path().filename();
    if (name.find_first_not_of("0123456789") != std::string::npos) continue;
    std::ifstream stat(e.path() / "stat");
    std::string line;
    std::getline(stat, line);
    const size_t close = line.rfind(')');
    if (close == std::string::npos) continue;
    std::istringstream rest(line.substr(close + 2));
    char state;
    int ppid = 0;
    rest >> state >> ppid;
    std::ifstream cmdline(e.path() / "cmdline");
    std::string argv0;
    std::getline(cmdline, argv0, '\0');
    if (ppid == parent && contains(argv0, "mosaic-module-host")) pids.insert(std::stoi(name));
  }
  return pids;
}

std::vector<std::string> serve_args(const fs::path& config, const fs::path& plugins) {
  return {"--config", config.string(), "--plugins", plugins.string(), "--feed",
          "replay:" + std::string(MOSAIC_DATA_DIR) + "/spisector.csv", "--speed", "200", "--warmup", "300",
          "--port", "0"};
}

}  // namespace

TEST_CASE("serve: an isolated module that segfaults is restarted, then quarantined with the signal as the reason") {
  mosaic_test::TempDir dir("serve-iso");
  const fs::path plugins = dir / "plugins";
  mosaic_test::copy_test_plugins(plugins, {"wrecker", "counter"});
  const fs::path config = dir.write("serve.toml",
                                    "[pipeline]\nmodules = [\"counter\", \"wrecker\"]\nquarantine_after = 100\n"
                                    "[modules.wrecker]\nisolate = true\n"
                                    "[modules.wrecker.isolation]\nquarantine_after_crashes = 3\n"
                                    "[modules.wrecker.params]\nhow = \"segfault\"\n");
  ServeProcess p(serve_args(config, plugins), dir / "stderr.txt");
  REQUIRE_MESSAGE(p.port() > 0, p.stderr_text());
  const double took = mosaic_test::wait_for(
      [&] { return module_entry(p, "/health", "wrecker")["state"] == "quarantined"; }, 10s);
  REQUIRE_MESSAGE(took >= 0, p.stderr_text());

  const json wrecker = module_entry(p, "/health", "wrecker");
  CHECK(wrecker["isolated"] == true);
  CHECK(wrecker["crashes"] == 3);
  CHECK(contains(wrecker["last_crash"], "killed by signal 11"));
  CHECK_MESSAGE(contains(wrecker["quarantine_reason"], "3 crashes of its isolated process (last: killed by signal 11"),
                wrecker.dump());
  CHECK(module_entry(p, "/modules", "wrecker")["crashes"] == 3);
  CHECK(module_entry(p, "/health", "counter")["state"] == "healthy");

  const std::string metrics = p.client().Get("/metrics")->body;
  CHECK(contains(metrics, "mosaic_module_crashes_total{module=\"wrecker\"} 3\n"));
  CHECK(contains(metrics, "mosaic_module_crashes_total{module=\"counter\"} 0\n"));
  CHECK_MESSAGE(contains(metrics, "mosaic_module_quarantined{module=\"wrecker\",reason=\"3 crashes of its isolated "
                                  "process (last: killed by signal 11"),
                metrics);

  // Serve goes on: bars keep coming, and the counter keeps running.
  const int bars = p.get_json("/health")["bars"].get<int>();
  CHECK(mosaic_test::wait_for([&] { return p.get_json("/health")["bars"].get<int>() > bars + 5; }, 5s) >= 0);
  const std::string log = p.stderr_text();
  CHECK(contains(log, "killed by signal 11"));
  CHECK(contains(log, "quarantined after 3 crashes of its isolated process"));
  CHECK(p.stop() == 0);
}

TEST_CASE("serve: an isolated module hot-reloads into a new child with the new build") {
  mosaic_test::TempDir dir("serve-iso");
  const fs::path plugins = dir / "plugins";
  mosaic_test::copy_test_plugins(plugins, {mosaic_test::reloadable_build("v1").string(), "follower"});
  fs::permissions(plugins, fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                               fs::perms::others_read | fs::perms::others_exec);
  const fs::path config = dir.write("serve.toml",
                                    "[pipeline]\nmodules = [\"reloadable\", \"follower\"]\n"
                                    "[modules.reloadable]\nisolate = true\n");
  ServeProcess p(serve_args(config, plugins), dir / "stderr.txt");
  REQUIRE_MESSAGE(p.port() > 0, p.stderr_text());
  CHECK(module_entry(p, "/modules", "reloadable")["isolated"] == true);
  const std::set<int> before = module_hosts(p.pid());
  CHECK(before.size() == 1);

  mosaic_test::publish(mosaic_test::reloadable_build("v2"), plugins);
  const double took =
      mosaic_test::wait_for([&] { return module_entry(p, "/modules", "reloadable")["version"] == "1.1.0"; }, 5s);
  REQUIRE_MESSAGE(took >= 0, "v2 was not serving within 5 s:\n" << p.stderr_text());
  const int bars = p.get_json("/health")["bars"].get<int>();
  mosaic_test::wait_for([&] { return p.get_json("/health")["bars"].get<int>() > bars + 5; }, 5s);
  CHECK(p.get_json("/signals")["ports"]["signal.reloadable"]["last"]["SPI"] == doctest::Approx(0.2));
  const std::set<int> after = module_hosts(p.pid());
  CHECK(after.size() == 1);
  CHECK(after != before);

  // The same validation as in-process: a build whose self-test fails is refused, and v2 serves on.
  mosaic_test::publish(mosaic_test::reloadable_build("broken"), plugins);
  mosaic_test::wait_for(
      [&] {
        const json m = module_entry(p, "/health", "reloadable");
        return m.contains("last_reload") && !m["last_reload"]["ok"].get<bool>();
      },
      5s);
  CHECK(contains(module_entry(p, "/health", "reloadable")["last_reload"]["result"], "self-test"));
  CHECK(module_entry(p, "/modules", "reloadable")["version"] == "1.1.0");
  CHECK(p.get_json("/health")["failed_bars"] == 0);
  CHECK(p.stop() == 0);
  CHECK(module_hosts(p.pid()).empty());
}

TEST_CASE("serve: killed with SIGKILL, its module hosts end with it") {
  mosaic_test::TempDir dir("serve-iso");
  const fs::path plugins = dir / "plugins";
  mosaic_test::copy_test_plugins(plugins, {"wrecker", "counter"});
  const fs::path config = dir.write("serve.toml",
                                    "[pipeline]\nmodules = [\"counter\", \"wrecker\"]\n"
                                    "[modules.wrecker]\nisolate = true\n[modules.counter]\nisolate = true\n"
                                    "[modules.wrecker.params]\nhow = \"none\"\n");
  ServeProcess p(serve_args(config, plugins), dir / "stderr.txt");
  REQUIRE_MESSAGE(p.port() > 0, p.stderr_text());
  std::set<int> children;
  mosaic_test::wait_for([&] { return (children = module_hosts(p.pid())).size() == 2; }, 5s);
  REQUIRE(children.size() == 2);
  ::kill(p.pid(), SIGKILL);
  p.exit_code();
  auto gone = [](int pid) {
    std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
    std::string line;
    if (!std::getline(stat, line)) return true;
    const size_t close = line.rfind(')');
    return close != std::string::npos && line.size() > close + 2 && line[close + 2] == 'Z';  // ended, not yet reaped
  };
  const double took = mosaic_test::wait_for([&] { return gone(*children.begin()) && gone(*children.rbegin()); }, 5s);
  CHECK_MESSAGE(took >= 0, "a module host outlived its host");
}
