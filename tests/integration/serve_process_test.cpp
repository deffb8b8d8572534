// `mosaic serve` as a user runs it: a real process on loopback, a replayed feed, builds
// renamed into its plugin folder, and the HTTP control plane.
#include "support/plugin_fixture.hpp"
#include "support/prometheus_format.hpp"
#include "support/reload_builds.hpp"
#include "support/serve_process.hpp"

#include <doctest/doctest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>


namespace fs = std::filesystem;
using namespace std::chrono_literals;
using mosaic_test::module_entry;
using mosaic_test::ServeProcess;
using nlohmann::json;

namespace {

// A plugin folder with reloadable v1 and follower, and a config that runs them.
struct ReloadSetup {
  mosaic_test::TempDir dir{"serve"};
  fs::path plugins = dir / "plugins";
  fs::path config;
  explicit ReloadSetup(const std::string& extra_config = "") {
    mosaic_test::copy_test_plugins(plugins, {mosaic_test::reloadable_build("v1").string(), "follower"});
    fs::permissions(plugins, fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                                 fs::perms::others_read | fs::perms::others_exec);
    config = dir.write("serve.toml", "[pipeline]\nmodules = [\"reloadable\", \"follower\"]\nquarantine_after = 3\n" +
                                         extra_config);
  }
  std::vector<std::string> args(double speed = 200) const {
    return {"--config", config.string(), "--plugins", plugins.string(), "--feed",
            "replay:" + std::string(MOSAIC_DATA_DIR) + "/spisector.csv", "--speed", std::to_string(speed),
            "--warmup", "300", "--port", "0"};
  }
};

std::string last_reload_result(ServeProcess& p, const std::string& name) {
  json m = module_entry(p, "/health", name);
  return m.contains("last_reload") ? m["last_reload"]["result"].get<std::string>() : "";
}

// Waits for a rejection of `version` and returns its reason.
std::string rejection_of(ServeProcess& p, const std::string& version) {
  std::string result;
  mosaic_test::wait_for(
      [&] {
        json m = module_entry(p, "/health", "reloadable");
        if (!m.contains("last_reload") || m["last_reload"]["ok"].get<bool>()) return false;
        if (!version.empty() && m["last_reload"]["version"] != version) return false;
        result = m["last_reload"]["result"];
        return true;
      },
      5s);
  return result;
}

}  // namespace

TEST_CASE("serve: a new build renamed into place serves from the next bar, broken builds are refused") {
  ReloadSetup s;
  ServeProcess p(s.args(), s.dir / "stderr.txt");
  REQUIRE_MESSAGE(p.port() > 0, p.stderr_text());
  CHECK(module_entry(p, "/modules", "reloadable")["version"] == "1.0.0");

  mosaic_test::publish(mosaic_test::reloadable_build("v2"), s.plugins);
  const double took = mosaic_test::wait_for(
      [&] { return module_entry(p, "/modules", "reloadable")["version"] == "1.1.0"; }, 2s);
  CHECK_MESSAGE(took >= 0, "v2 was not serving within 2 s:\n" << p.stderr_text());
  const auto bars_at_swap = p.get_json("/health")["bars"].get<int>();
  mosaic_test::wait_for([&] { return p.get_json("/health")["bars"].get<int>() > bars_at_swap + 5; }, 5s);
  CHECK(p.get_json("/signals")["ports"]["signal.reloadable"]["last"]["SPI"] == doctest::Approx(0.2));

  mosaic_test::publish(mosaic_test::reloadable_build("broken"), s.plugins);
  std::string why = rejection_of(p, "1.2.0");
  CHECK(why.find("self-test") != std::string::npos);

  mosaic_test::publish(mosaic_test::test_plugin("wrong_abi"), s.plugins, "reloadable.so");
  mosaic_test::wait_for([&] { return last_reload_result(p, "reloadable").find("ABI major") != std::string::npos; }, 5s);
  CHECK(last_reload_result(p, "reloadable").find("ABI major") != std::string::npos);

  mosaic_test::publish(mosaic_test::reloadable_build("v3"), s.plugins);
  why = rejection_of(p, "2.0.0");
  CHECK(why.find("follower") != std::string::npos);

  const json health = p.get_json("/health");
  CHECK(module_entry(p, "/modules", "reloadable")["version"] == "1.1.0");
  CHECK(health["failed_bars"] == 0);
  CHECK(health["degraded_bars"] == 0);
  CHECK(health["bars"].get<int>() > bars_at_swap);
  CHECK(p.stop() == 0);
}

TEST_CASE("serve: a hundred reloads keep at most two generations mapped") {
  ReloadSetup s;
  ServeProcess p(s.args(50), s.dir / "stderr.txt");
  REQUIRE_MESSAGE(p.port() > 0, p.stderr_text());
  auto client = p.client();
  for (int i = 0; i < 100; ++i) {
    mosaic_test::publish(mosaic_test::reloadable_build(i % 2 ? "v1" : "v2"), s.plugins, "reloadable.so");
    auto res = client.Post("/modules/reloadable/reload");
    REQUIRE(res);
    REQUIRE_MESSAGE(res->status == 200, res->body);
  }
  const size_t generations = mosaic_test::mapped_reloadable_generations("/proc/" + std::to_string(p.pid()) + "/maps");
  CHECK(generations <= 2);
  CHECK(generations >= 1);
  CHECK(p.get_json("/health")["failed_bars"] == 0);
}

TEST_CASE("serve: disable and enable over HTTP, and /metrics in the Prometheus format") {
  ReloadSetup s;
  ServeProcess p(s.args(), s.dir / "stderr.txt");
  REQUIRE_MESSAGE(p.port() > 0, p.stderr_text());
  auto client = p.client();
  auto res = client.Post("/modules/follower/disable");
  REQUIRE(res);
  CHECK(res->status == 200);
  CHECK(module_entry(p, "/modules", "follower")["state"] == "disabled");
  res = client.Post("/modules/follower/enable");
  REQUIRE(res);
  CHECK(res->status == 200);
  CHECK(module_entry(p, "/modules", "follower")["state"] != "disabled");
  res = client.Post("/modules/nosuch/enable");
  REQUIRE(res);
  CHECK(res->status == 404);
  res = client.Post("/modules/%00%ff/disable");  // a name that is not UTF-8: refused, not a 500
  REQUIRE(res);
  CHECK(res->status == 400);
  CHECK(nlohmann::json::parse(res->body)["error"].get<std::string>().find("is not UTF-8") != std::string::npos);
  // An unknown route whose path is not UTF-8 (found by fuzzing): once, the 404's JSON threw
  // in the error handler and ended the process.
  res = client.Get("/%ff%fe");
  REQUIRE(res);
  CHECK(res->status == 404);
  CHECK(nlohmann::json::parse(res->body)["error"].get<std::string>().find("GET /\\xFF\\xFE: no such route") == 0);
  REQUIRE(client.Get("/health"));

  res = client.Get("/metrics");
  REQUIRE(res);
  CHECK(res->get_header_value("Content-Type").find("text/plain") == 0);
  INFO(res->body);
  CHECK(mosaic_test::prometheus_problems(res->body) == "");
  CHECK(res->body.find("mosaic_module_latency_seconds_bucket{module=\"follower\",le=\"+Inf\"}") != std::string::npos);
}

TEST_CASE("serve: with a token, control routes need it") {
  ReloadSetup s;
  ServeProcess p(s.args(), s.dir / "stderr.txt", {"MOSAIC_SERVE_TOKEN=s3cret"});
  REQUIRE_MESSAGE(p.port() > 0, p.stderr_text());
  auto client = p.client();
  auto res = client.Post("/modules/follower/disable");
  REQUIRE(res);
  CHECK(res->status == 401);
  CHECK(module_entry(p, "/modules", "follower")["state"] != "disabled");
  client.set_bearer_token_auth("s3cret");
  res = client.Post("/modules/follower/disable");
  REQUIRE(res);
  CHECK(res->status == 200);
  CHECK(p.get_json("/health")["state"].is_string());  // reads stay open
}

TEST_CASE("serve: refuses a non-loopback address without a token") {
  ReloadSetup s;
  auto args = s.args();
  args.insert(args.end(), {"--bind", "0.0.0.0"});
  ServeProcess p(args, s.dir / "stderr.txt");
  CHECK(p.port() == 0);
  CHECK(p.exit_code() == 2);
  CHECK(p.stderr_text().find("needs a token") != std::string::npos);
}

TEST_CASE("serve: the regime module's fitted model survives a reload of its library") {
  mosaic_test::TempDir dir("serve");
  const fs::path plugins = dir / "plugins";
  const std::string built = MOSAIC_PLUGIN_DIR;
  mosaic_test::copy_test_plugins(plugins, {built + "/technical.so", built + "/regime.so", built + "/portfolio.so",
                                           built + "/risk.so"});
  ServeProcess p({"--config", std::string(MOSAIC_SOURCE_DIR) + "/examples/default.toml", "--plugins", plugins.string(),
                  "--feed", "replay:" + std::string(MOSAIC_DATA_DIR) + "/spisector.csv", "--speed", "100", "--warmup",
                  "600", "--port", "0"},
                 dir / "stderr.txt");
  REQUIRE_MESSAGE(p.port() > 0, p.stderr_text());
  mosaic_test::publish(built + "/regime.so", plugins, "regime.so");
  json last;
  mosaic_test::wait_for(
      [&] {
        json m = module_entry(p, "/modules", "regime");
        if (!m["reloads"].contains("last")) return false;
        last = m["reloads"]["last"];
        return true;
      },
      5s);
  INFO(last.dump() << "\n" << p.stderr_text());
  REQUIRE(last.is_object());
  CHECK(last["ok"] == true);
  CHECK(last["state_handed_over"] == true);
  CHECK(last["state_bytes"].get<int>() > 0);
  CHECK(last["old_generation_unloaded"] == true);
  CHECK(p.get_json("/health")["failed_bars"] == 0);
}

TEST_CASE("serve: with a plugin lock, a build missing from the lock is refused until the lock names it") {
  ReloadSetup s("[plugins]\nlock = \"plugins.lock\"\n");
  auto lock = [&] {
    const std::string cmd = std::string(MOSAIC_BIN_DIR) + "/mosaic plugins lock --plugins " + s.plugins.string() +
                            " --out " + (s.dir / "plugins.lock").string() + " > /dev/null";
    REQUIRE(std::system(cmd.c_str()) == 0);
  };
  lock();
  ServeProcess p(s.args(), s.dir / "stderr.txt");
  REQUIRE_MESSAGE(p.port() > 0, p.stderr_text());
  mosaic_test::publish(mosaic_test::reloadable_build("v2"), s.plugins);
  mosaic_test::wait_for([&] { return last_reload_result(p, "reloadable").find("sha256") != std::string::npos; }, 5s);
  CHECK(last_reload_result(p, "reloadable").find("plugin lock") != std::string::npos);
  CHECK(module_entry(p, "/modules", "reloadable")["version"] == "1.0.0");

  lock();  // the publisher records the new build's hash
  auto res = p.client().Post("/modules/reloadable/reload");
  REQUIRE(res);
  CHECK_MESSAGE(res->status == 200, res->body);
  CHECK(module_entry(p, "/modules", "reloadable")["version"] == "1.1.0");
}

TEST_CASE("serve: a plugin folder others can write to is refused at start") {
  ReloadSetup s;
  fs::permissions(s.plugins, fs::perms::all);
  ServeProcess p(s.args(), s.dir / "stderr.txt");
  CHECK(p.port() == 0);
  CHECK(p.exit_code() == 3);
  CHECK(p.stderr_text().find("writable by group and others") != std::string::npos);
}

TEST_CASE("serve: a tailed file's appended bars are run as they arrive, and health --url reads the server") {
  mosaic_test::TempDir dir("serve");
  std::ifstream source(std::string(MOSAIC_DATA_DIR) + "/spisector.csv");
  std::vector<std::string> lines;
  for (std::string line; std::getline(source, line);) lines.push_back(line);
  const size_t kStart = 1 + 10 * 400;  // the header and 400 dates of 10 sectors
  const fs::path live = dir / "live.csv";
  {
    std::ofstream out(live);
    for (size_t i = 0; i < kStart; ++i) out << lines[i] << "\n";
  }
  ServeProcess p({"--config", std::string(MOSAIC_SOURCE_DIR) + "/examples/default.toml", "--feed",
                  "tail:" + live.string(), "--port", "0"},
                 dir / "stderr.txt");
  REQUIRE_MESSAGE(p.port() > 0, p.stderr_text());
  const int at_start = p.get_json("/health")["bars"].get<int>();
  CHECK(at_start == 1);  // the history (399 complete dates) is run once
  {
    std::ofstream out(live, std::ios::app);
    for (size_t i = kStart; i < kStart + 10 * 20; ++i) out << lines[i] << "\n" << std::flush;
  }
  const std::string last_date = lines[kStart + 10 * 20 - 1].substr(0, 10);
  mosaic_test::wait_for([&] { return p.get_json("/health")["last_bar"] == last_date; }, 5s);
  const json health = p.get_json("/health");
  CHECK(health["last_bar"] == last_date);
  CHECK(health["bars"].get<int>() == at_start + 21);  // the held-back 400th date and 20 new ones
  CHECK(health["failed_bars"] == 0);

  const std::string url = "http://127.0.0.1:" + std::to_string(p.port());
  const std::string out = (dir / "health.txt").string();
  REQUIRE(std::system((std::string(MOSAIC_BIN_DIR) + "/mosaic health --url " + url + " > " + out).c_str()) == 0);
  std::ifstream text(out);
  const std::string printed((std::istreambuf_iterator<char>(text)), std::istreambuf_iterator<char>());
  CHECK(printed.find("overall: ") == 0);
  CHECK(printed.find("regime") != std::string::npos);
  REQUIRE(std::system((std::string(MOSAIC_BIN_DIR) + "/mosaic health --json --url " + url + " > " + out).c_str()) == 0);
  std::ifstream json_text(out);
  CHECK(json::parse(json_text)["modules"].size() == 4);
  CHECK(std::system((std::string(MOSAIC_BIN_DIR) + "/mosaic health --url http://127.0.0.1:1 2> /dev/null").c_str()) !=
        0);
}

TEST_CASE("serve: a configured module whose library is not there yet joins when its file appears") {
  ReloadSetup s;
  fs::remove(s.plugins / "reloadable.so");  // follower alone: it waits for its input's producer
  ServeProcess p(s.args(), s.dir / "stderr.txt");
  REQUIRE_MESSAGE(p.port() > 0, p.stderr_text());
  json health = p.get_json("/health");
  CHECK(health["state"] == "degraded");
  REQUIRE(health["waiting"].size() == 2);
  CHECK(health["waiting"][0]["name"] == "follower");
  CHECK(health["waiting"][0]["reason"].get<std::string>().find("signal.reloadable") != std::string::npos);
  CHECK(health["waiting"][1]["name"] == "reloadable");
  CHECK(health["modules"].empty());

  mosaic_test::publish(mosaic_test::reloadable_build("v2"), s.plugins);
  const double took = mosaic_test::wait_for([&] { return p.get_json("/modules")["modules"].size() == 2; }, 2s);
  CHECK_MESSAGE(took >= 0, p.stderr_text());
  const int bars = p.get_json("/health")["bars"].get<int>();
  mosaic_test::wait_for([&] { return p.get_json("/health")["bars"].get<int>() > bars + 3; }, 5s);
  health = p.get_json("/health");
  CHECK(health["waiting"].empty());
  CHECK(health["state"] == "healthy");
  CHECK(p.get_json("/signals")["weights"]["port"] == "weights.target");
  CHECK(module_entry(p, "/modules", "follower")["reloads"]["last"]["result"] == "serving: added to the pipeline");
}

TEST_CASE("serve: a file in the plugin folder that cannot be loaded is reported until it changes or goes") {
  ReloadSetup s;
  // One broken file from the start, one renamed in while serving: 4 KB of random bytes.
  s.dir.write("plugins/aa_garbage.so", std::string(100, 'x'));
  std::string noise(4096, '\0');
  uint32_t x = 12345;
  for (auto& c : noise) c = static_cast<char>((x = x * 1103515245 + 12345) >> 16);
  ServeProcess p(s.args(), s.dir / "stderr.txt");
  REQUIRE_MESSAGE(p.port() > 0, p.stderr_text());
  json rejected = p.get_json("/health")["rejected"];
  REQUIRE(rejected.size() == 1);
  CHECK(rejected[0]["file"] == "aa_garbage.so");
  CHECK(rejected[0]["reason"].get<std::string>().find("not a") != std::string::npos);

  s.dir.write("zz_broken.tmp", noise);
  fs::rename(s.dir / "zz_broken.tmp", s.plugins / "zz_broken.so");
  CHECK(mosaic_test::wait_for([&] { return p.get_json("/health")["rejected"].size() == 2; }, 5s) >= 0);
  const json modules = p.get_json("/modules");
  REQUIRE(modules["rejected"].size() == 2);
  CHECK(modules["rejected"][1]["file"] == "zz_broken.so");
  CHECK(modules["modules"].size() == 2);
  CHECK(p.client().Get("/metrics")->body.find("mosaic_plugin_files_rejected 2") != std::string::npos);
  CHECK(p.stderr_text().find("zz_broken.so: refused, not loaded: ") != std::string::npos);

  fs::remove(s.plugins / "zz_broken.so");
  CHECK(mosaic_test::wait_for([&] { return p.get_json("/health")["rejected"].size() == 1; }, 5s) >= 0);
  CHECK(p.get_json("/health")["failed_bars"] == 0);
}

TEST_CASE("serve: 200 idle connections do not stall /health and /metrics") {
  ReloadSetup s;
  ServeProcess p(s.args(), s.dir / "stderr.txt");
  REQUIRE_MESSAGE(p.port() > 0, p.stderr_text());
  std::vector<int> idle;
  for (int i = 0; i < 200; ++i) {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<uint16_t>(p.port()));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
    idle.push_back(fd);  // connected, and silent
  }
  // Stalled, these waited 5 to 30 s. The bound here only tells a stall from an answer; the
  // answer's own time is measured in the note, not in a test. It leaves room for one SYN
  // retry (1 s): Debian's cpp-httplib is a compiled library whose listen backlog is 5, so a
  // connection can be dropped once while a loaded machine accepts a burst.
  for (const char* route : {"/health", "/metrics", "/health"}) {
    const auto start = std::chrono::steady_clock::now();
    auto res = p.client().Get(route);
    const auto took = std::chrono::steady_clock::now() - start;
    REQUIRE(res);
    CHECK(res->status == 200);
    CHECK_MESSAGE(took < 3s, route << " took " << std::chrono::duration<double>(took).count() << " s");
  }
  for (int fd : idle) ::close(fd);
}
