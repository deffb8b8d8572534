// The shipped alerting rules in a real Prometheus (Debian's, started here on loopback)
// scraping a real `mosaic serve` whose pipeline holds a module that fails every bar: the
// quarantine alert must reach the firing state in Prometheus's own /api/v1/alerts. The
// Grafana dashboard's queries are run through the same server, so a query that no longer
// parses or names a metric serve does not export fails here.
#include "support/plugin_fixture.hpp"
#include "support/serve_process.hpp"
#include "support/slurp.hpp"

#include <doctest/doctest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <regex>
#include <set>

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using nlohmann::json;

namespace {

// A free loopback port, as the system hands one out.
int free_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  socklen_t len = sizeof addr;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
    ::close(fd);
    throw std::runtime_error("no free port");
  }
  ::close(fd);
  return ntohs(addr.sin_port);
}

// A Prometheus server for the test's life, its output in a file.
class PrometheusServer {
 public:
  PrometheusServer(const fs::path& config, const fs::path& storage, int port, const fs::path& log) {
    pid_ = ::fork();
    if (pid_ < 0) throw std::runtime_error("fork failed");
    if (pid_ == 0) {
      std::FILE* out = std::fopen(log.c_str(), "w");
      if (out) {
        ::dup2(::fileno(out), STDOUT_FILENO);
        ::dup2(::fileno(out), STDERR_FILENO);
      }
      std::vector<std::string> args{MOSAIC_PROMETHEUS, "--config.file=" + config.string(),
                                    "--storage.tsdb.path=" + storage.string(),
                                    "--web.listen-address=127.0.0.1:" + std::to_string(port)};
      std::vector<char*> argv;
      for (auto& a : args) argv.push_back(a.data());
      argv.push_back(nullptr);
      ::execv(argv[0], argv.data());
      ::_exit(127);
    }
  }
  ~PrometheusServer() {
    ::kill(pid_, SIGTERM);
    ::waitpid(pid_, nullptr, 0);
  }
  PrometheusServer(const PrometheusServer&) = delete;
  PrometheusServer& operator=(const PrometheusServer&) = delete;

 private:
  pid_t pid_ = -1;
};

json api(httplib::Client& client, const std::string& path) {
  auto res = client.Get(path.c_str());
  if (!res || res->status != 200) return nullptr;
  return json::parse(res->body, nullptr, false);
}

bool firing(const json& alerts, const std::string& name, const std::string& module) {
  if (!alerts.is_object() || !alerts.contains("data")) return false;
  for (const auto& a : alerts["data"]["alerts"])
    if (a["labels"]["alertname"] == name && a["labels"].value("module", "") == module && a["state"] == "firing")
      return true;
  return false;
}

}  // namespace

TEST_CASE("alerts: a real Prometheus scrapes mosaic serve and the quarantine alert fires") {
  INFO("prometheus comes from Debian (bash scripts/setup installs it); found: " << MOSAIC_PROMETHEUS);
  REQUIRE(fs::exists(MOSAIC_PROMETHEUS));
  mosaic_test::TempDir dir("prometheus");
  const fs::path plugins = dir / "plugins";
  const std::string built = MOSAIC_PLUGIN_DIR;
  mosaic_test::copy_test_plugins(plugins, {built + "/technical.so", built + "/portfolio.so", "erroring"});
  fs::permissions(plugins, fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                               fs::perms::others_read | fs::perms::others_exec);
  const fs::path config = dir.write(
      "serve.toml", "[pipeline]\nmodules = [\"technical\", \"portfolio\", \"erroring\"]\nquarantine_after = 2\n");
  mosaic_test::ServeProcess serve({"--config", config.string(), "--plugins", plugins.string(), "--feed",
                                   "replay:" + std::string(MOSAIC_DATA_DIR) + "/spisector.csv", "--speed", "20",
                                   "--warmup", "300", "--port", "0"},
                                  dir / "serve.stderr");
  REQUIRE_MESSAGE(serve.port() > 0, serve.stderr_text());

  const int port = free_port();
  const fs::path prometheus_yml = dir.write(
      "prometheus.yml", "global: {scrape_interval: 1s, evaluation_interval: 1s}\nrule_files: [\"" +
                            std::string(MOSAIC_SOURCE_DIR) + "/deploy/prometheus/mosaic-rules.yml\"]\n" +
                            "scrape_configs:\n  - job_name: mosaic\n    static_configs: [{targets: [\"127.0.0.1:" +
                            std::to_string(serve.port()) + "\"]}]\n");
  PrometheusServer prometheus(prometheus_yml, dir / "tsdb", port, dir / "prometheus.log");
  httplib::Client client("127.0.0.1", port);
  client.set_read_timeout(std::chrono::seconds(5));

  json alerts;
  const double took = mosaic_test::wait_for(
      [&] {
        alerts = api(client, "/api/v1/alerts");
        return firing(alerts, "MosaicModuleQuarantined", "erroring");
      },
      60s);
  INFO("alerts: " << alerts.dump() << "\nprometheus log:\n" << mosaic_test::slurp(dir / "prometheus.log"));
  CHECK(took >= 0);
  CHECK_FALSE(firing(alerts, "MosaicModuleQuarantined", "technical"));

  // Every rule evaluates without an error against the real metrics.
  const json rules = api(client, "/api/v1/rules");
  REQUIRE(rules.is_object());
  size_t checked = 0;
  for (const auto& group : rules["data"]["groups"])
    for (const auto& rule : group["rules"]) {
      INFO(rule["name"]);
      CHECK(rule["health"] != "err");
      ++checked;
    }
  CHECK(checked == 10);

  // The dashboard's queries parse, and every metric they name is one serve exports.
  const json dashboard = json::parse(mosaic_test::slurp(std::string(MOSAIC_SOURCE_DIR) + "/deploy/grafana/mosaic-dashboard.json"));
  const std::string metrics = serve.client().Get("/metrics")->body;
  const std::regex metric_name(R"(\bmosaic_[a-z_]+)");
  size_t queries = 0;
  for (const auto& panel : dashboard["panels"])
    for (const auto& target : panel["targets"]) {
      std::string expr = target["expr"];
      expr = std::regex_replace(expr, std::regex(R"(\$job)"), "mosaic");
      expr = std::regex_replace(expr, std::regex(R"(\$instance)"), ".*");
      INFO(panel["title"] << ": " << expr);
      const json answer = api(client, "/api/v1/query?query=" + httplib::detail::encode_query_param(expr));
      REQUIRE(answer.is_object());
      CHECK(answer["status"] == "success");
      for (std::sregex_iterator m(expr.begin(), expr.end(), metric_name), end; m != end; ++m) {
        std::string name = m->str();
        for (const char* suffix : {"_bucket"})
          if (name.ends_with(suffix)) name.resize(name.size() - std::string(suffix).size());
        CHECK_MESSAGE(metrics.find("# TYPE " + name + " ") != std::string::npos, name);
      }
      ++queries;
    }
  CHECK(queries >= 10);
  CHECK(serve.stop() == 0);
}
