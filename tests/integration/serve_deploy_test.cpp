// Deploying a config into a running `mosaic serve`: POST /config, `mosaic deploy`, and a
// config file renamed into place under --watch-config, each through the gate, with the
// history in GET /config.
#include "support/plugin_fixture.hpp"
#include "support/serve_process.hpp"

#include <doctest/doctest.h>

#include <cstdlib>
#include <fstream>

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using mosaic_test::ServeProcess;
using nlohmann::json;

namespace {

const std::string kStart = R"([pipeline]
modules = ["technical", "portfolio"]
[modules.technical.params]
fast = 10
slow = 50
)";

std::string with_fast(int fast) {
  return "[pipeline]\nmodules = [\"technical\", \"portfolio\"]\n[modules.technical.params]\nfast = " +
         std::to_string(fast) + "\nslow = 50\n";
}

// The bundled modules and a few fault modules in a folder of their own, and a config file.
struct DeploySetup {
  mosaic_test::TempDir dir{"deploy"};
  fs::path plugins = dir / "plugins";
  fs::path config = dir / "live.toml";
  DeploySetup() {
    const std::string built = MOSAIC_PLUGIN_DIR;
    mosaic_test::copy_test_plugins(plugins, {built + "/technical.so", built + "/portfolio.so", built + "/regime.so",
                                             built + "/risk.so", "erroring", "flaky"});
    fs::permissions(plugins, fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                                 fs::perms::others_read | fs::perms::others_exec);
    dir.write("live.toml", kStart);
  }
  std::vector<std::string> args(std::vector<std::string> extra = {}) const {
    std::vector<std::string> a{"--config", config.string(), "--plugins", plugins.string(), "--feed",
                               "replay:" + std::string(MOSAIC_DATA_DIR) + "/spisector.csv", "--speed", "50",
                               "--warmup", "300", "--port", "0"};
    a.insert(a.end(), extra.begin(), extra.end());
    return a;
  }
};

json post_config(ServeProcess& p, const std::string& text, int expected_status) {
  auto res = p.client().Post("/config", text, "application/toml");
  REQUIRE(res);
  INFO(res->body << "\n" << p.stderr_text());
  CHECK(res->status == expected_status);
  return json::parse(res->body);
}

json technical_params(ServeProcess& p) {
  const json doc = p.get_json("/modules");  // named: a loop over a temporary's member would dangle
  for (const auto& m : doc["modules"])
    if (m["name"] == "technical") return m["params"];
  return nullptr;
}

void wait_bars(ServeProcess& p, int more) {
  const int at = p.get_json("/health")["bars"].get<int>();
  CHECK(mosaic_test::wait_for([&] { return p.get_json("/health")["bars"].get<int>() >= at + more; }, 10s) >= 0);
}

int run_mosaic(const std::string& args, const fs::path& out) {
  const std::string cmd = std::string(MOSAIC_BIN_DIR) + "/mosaic " + args + " > " + out.string() + " 2>&1";
  const int status = std::system(cmd.c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

std::string slurp(const fs::path& file) {
  std::ifstream in(file);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace

TEST_CASE("deploy: a good config goes live at the next bar; bad ones are refused and the live config serves on") {
  DeploySetup s;
  ServeProcess p(s.args(), s.dir / "stderr.txt");
  REQUIRE_MESSAGE(p.port() > 0, p.stderr_text());
  json config = p.get_json("/config");
  const std::string start_sha = config["sha256"];
  CHECK(start_sha.size() == 64);
  CHECK(config["text"] == kStart);
  CHECK(config["source"].get<std::string>().find("start ") == 0);
  REQUIRE(config["history"].size() == 1);

  // Good: a new parameter value, live before the reply, run from the next bar.
  json verdict = post_config(p, with_fast(5), 200);
  CHECK(verdict["ok"] == true);
  CHECK(verdict["result"] == "live");
  CHECK(verdict["changed"] == json::array({"technical"}));
  CHECK(verdict["ms"]["golden_run"].get<double>() > 0);
  const std::string good_sha = verdict["sha256"];
  CHECK(good_sha != start_sha);
  CHECK(p.get_json("/config")["sha256"] == good_sha);
  CHECK(technical_params(p)["fast"] == 5);
  wait_bars(p, 3);

  // Bad: out of range, a module that fails its golden run, a module that is not there.
  verdict = post_config(p, with_fast(-5), 422);
  CHECK(verdict["ok"] == false);
  CHECK(verdict["result"].get<std::string>().find("modules.technical.params.fast") != std::string::npos);
  CHECK(verdict["result"].get<std::string>().find("POST /config") == 0);  // named as sent, not by a server path
  verdict = post_config(p, "[pipeline]\nmodules = [\"technical\", \"portfolio\", \"erroring\"]\n", 422);
  CHECK(verdict["result"].get<std::string>().find("golden run: erroring") == 0);
  verdict = post_config(p, "[pipeline]\nmodules = [\"technical\", \"nosuch\"]\n", 422);
  CHECK(verdict["result"].get<std::string>().find("'nosuch'") != std::string::npos);
  verdict = post_config(p, "[pipeline\n", 422);
  CHECK(verdict["result"].get<std::string>().find("TOML syntax error") != std::string::npos);
  CHECK(technical_params(p)["fast"] == 5);

  // Add modules, then remove them; the regime module's state is handed over in between.
  std::string with_regime = slurp(std::string(MOSAIC_SOURCE_DIR) + "/examples/default.toml");
  with_regime = with_regime.substr(with_regime.find("[pipeline]"));
  verdict = post_config(p, with_regime, 200);
  CHECK(verdict["added"].size() == 2);  // regime and risk
  wait_bars(p, 2);
  verdict = post_config(p, with_regime + "\n# the same strategy, one comment longer\n", 200);
  REQUIRE(verdict["state_handed_over"].size() >= 1);
  CHECK(verdict["state_handed_over"][0].get<std::string>().find("regime (") == 0);
  verdict = post_config(p, with_fast(7), 200);
  CHECK(verdict["removed"] == json::array({"regime", "risk"}));
  wait_bars(p, 3);

  const json health = p.get_json("/health");
  CHECK(health["failed_bars"] == 0);
  CHECK(health["degraded_bars"] == 0);
  config = p.get_json("/config");
  REQUIRE(config["history"].size() == 9);
  CHECK(config["history"][2]["ok"] == false);
  CHECK(config["history"][2]["sha256"].get<std::string>().size() == 64);
  CHECK(config["history"][2]["time"].get<std::string>().back() == 'Z');
  CHECK(config["deploys"]["live"] == 4);
  CHECK(config["deploys"]["refused"] == 4);
  const std::string metrics = p.client().Get("/metrics")->body;
  CHECK(metrics.find("mosaic_config_deploys_total{result=\"refused\"} 4") != std::string::npos);
  CHECK(metrics.find("mosaic_config_info{sha256=\"" + config["sha256"].get<std::string>() + "\"} 1") !=
        std::string::npos);
  CHECK(p.stop() == 0);
}

TEST_CASE("deploy: a config that passes the gate but fails its first live bar is rolled back, and the bar is served") {
  DeploySetup s;
  ServeProcess p(s.args(), s.dir / "stderr.txt");
  REQUIRE_MESSAGE(p.port() > 0, p.stderr_text());
  const std::string start_sha = p.get_json("/config")["sha256"];
  // flaky passes its golden run (call 1) and throws from call 2, its first live bar.
  const json verdict = post_config(
      p, "[pipeline]\nmodules = [\"technical\", \"portfolio\", \"flaky\"]\n[modules.flaky.params]\nfail_after = 1\n", 200);
  REQUIRE(verdict["ok"] == true);
  const double took = mosaic_test::wait_for([&] { return p.get_json("/config")["sha256"] == start_sha; }, 5s);
  CHECK_MESSAGE(took >= 0, p.stderr_text());
  const json last = p.get_json("/config")["history"].back();
  CHECK(last["ok"] == false);
  CHECK(last["result"].get<std::string>().find("rolled back: first live bar: flaky") == 0);
  const json health = p.get_json("/health");
  CHECK(health["config"]["sha256"] == start_sha);
  CHECK(health["config"]["last_deploy"]["result"] == last["result"]);
  CHECK(p.get_json("/config")["deploys"]["rolled_back"] == 1);
  wait_bars(p, 2);
  CHECK(p.get_json("/health")["failed_bars"] == 0);
  CHECK(p.stderr_text().find("rolled back") != std::string::npos);
}

TEST_CASE("deploy: the command line sends a file, and --watch-config takes a file renamed into place") {
  DeploySetup s;
  ServeProcess p(s.args({"--watch-config"}), s.dir / "stderr.txt");
  REQUIRE_MESSAGE(p.port() > 0, p.stderr_text());
  const std::string url = "--url http://127.0.0.1:" + std::to_string(p.port());

  const fs::path good = s.dir.write("good.toml", with_fast(6));
  CHECK(run_mosaic("deploy " + good.string() + " " + url, s.dir / "out.txt") == 0);
  CHECK(slurp(s.dir / "out.txt").find("live: ") == 0);
  CHECK(p.get_json("/config")["source"].get<std::string>().find("(good.toml)") != std::string::npos);
  const fs::path bad = s.dir.write("bad.toml", with_fast(-1));
  CHECK(run_mosaic("deploy " + bad.string() + " " + url, s.dir / "out.txt") == 6);
  CHECK(slurp(s.dir / "out.txt").find("bad.toml:") != std::string::npos);
  CHECK(run_mosaic("deploy " + good.string(), s.dir / "out.txt") == 2);
  CHECK(run_mosaic("deploy " + good.string() + " --url http://127.0.0.1:1", s.dir / "out.txt") == 2);
  CHECK(slurp(s.dir / "out.txt").find("cannot reach") != std::string::npos);

  // A publisher writes aside and renames over the watched file.
  s.dir.write("next.toml.tmp", with_fast(8));
  fs::rename(s.dir / "next.toml.tmp", s.config);
  CHECK(mosaic_test::wait_for([&] { return technical_params(p)["fast"] == 8; }, 5s) >= 0);
  const json live = p.get_json("/config");
  CHECK(live["source"] == "file " + s.config.string());
  s.dir.write("next.toml.tmp", with_fast(-8));
  fs::rename(s.dir / "next.toml.tmp", s.config);
  CHECK(mosaic_test::wait_for([&] { return p.get_json("/config")["deploys"]["refused"] == 2; }, 5s) >= 0);
  CHECK(p.get_json("/config")["sha256"] == live["sha256"]);
  CHECK(p.get_json("/config")["history"].back()["result"].get<std::string>().find(s.config.string()) == 0);
  CHECK(p.get_json("/health")["failed_bars"] == 0);
}
