#include "host/cli/cli_error.hpp"
#include "host/cli/commands.hpp"
#include "host/cli/module_report.hpp"
#include "host/cli/session.hpp"
#include "host/cli/text_table.hpp"
#include "host/pipeline/market_ports.hpp"

#include <fmt/format.h>
#include <httplib.h>

namespace mosaic::host::cli {

namespace {

// scheme://host:port of a URL, without a path or trailing slash, which httplib refuses.
std::string server_of(const std::string& url) {
  const auto scheme = url.find("://");
  const auto path = url.find('/', scheme == std::string::npos ? 0 : scheme + 3);
  return path == std::string::npos ? url : url.substr(0, path);
}

nlohmann::json fetch_health(const CommonOptions& o) {
  std::unique_ptr<httplib::Client> made;
  try {
    made = std::make_unique<httplib::Client>(server_of(*o.url));
  } catch (const std::invalid_argument& e) {
    throw CliError(kUsage, fmt::format("--url {}: expected http://HOST:PORT ({})", *o.url, e.what()));
  }
  httplib::Client& client = *made;
  client.set_connection_timeout(std::chrono::seconds(5));
  client.set_read_timeout(std::chrono::seconds(10));
  auto res = client.Get("/health");
  if (!res)
    throw CliError(kUsage,
                   fmt::format("--url {}: cannot reach the server ({})", *o.url, httplib::to_string(res.error())));
  if (res->status != 200)
    throw CliError(kUsage, fmt::format("--url {}: /health answered HTTP {}", *o.url, res->status));
  try {
    return nlohmann::json::parse(res->body);
  } catch (const nlohmann::json::exception& e) {
    throw CliError(kUsage, fmt::format("--url {}: /health is not JSON: {}", *o.url, e.what()));
  }
}

// Health of a running `mosaic serve`, from its /health route.
int remote_health(const CommonOptions& o) {
  const nlohmann::json h = fetch_health(o);
  if (o.json) {
    fmt::print("{}\n", h.dump(2));
    return kOk;
  }
  try {
    TextTable t({"module", "version", "generation", "state", "last error", "last reload"});
    for (const auto& m : h.value("modules", nlohmann::json::array())) {
      std::string reload = "-";
      if (m.contains("last_reload")) reload = m["last_reload"].value("result", "");
      t.add({m.value("name", ""), m.value("version", ""), std::to_string(m.value("generation", 0)),
             m.value("state", ""), m.value("last_error", ""), reload});
    }
    fmt::print("overall: {} ({} bars, {} degraded, {} without weights)\n\n{}", h.value("state", "?"),
               h.value("bars", 0), h.value("degraded_bars", 0), h.value("failed_bars", 0), t.str());
    for (const auto& r : h.value("degraded_reasons", std::vector<std::string>{})) fmt::print("  {}\n", r);
  } catch (const nlohmann::json::exception& e) {
    throw CliError(kUsage, fmt::format("--url {}: /health is not what mosaic serve answers: {}", *o.url, e.what()));
  }
  return kOk;
}

}  // namespace

// Standalone health: one run of the configured pipeline, then every module's state. With
// --url, the health of a running server instead.
int cmd_health(const CommonOptions& o) {
  if (o.url) return remote_health(o);
  auto s = open_session(o);
  RunResult result = s->pipeline->run(data_ports(*s), shape_of(s->data));
  const ModuleState overall = overall_state(*s->pipeline);
  if (o.json) {
    fmt::print("{}\n", nlohmann::json{{"state", state_name(overall)},
                                      {"degraded_reasons", result.degraded_reasons},
                                      {"modules", module_json(*s->pipeline, &result)}}
                           .dump(2));
    return kOk;
  }
  TextTable t({"module", "version", "state", "latency ms", "calls", "errors", "latency viol.", "conf. viol.", "last error"});
  for (const auto& name : s->pipeline->order()) {
    const ModuleStats& st = s->pipeline->stats(name);
    t.add({name, s->pipeline->contract(name).version.str(), state_name(s->pipeline->state(name)),
           fmt::format("{:.3f}", st.last_latency_ms), std::to_string(st.calls), std::to_string(st.errors),
           std::to_string(st.latency_violations), std::to_string(st.confidence_violations), st.last_error});
  }
  fmt::print("overall: {}\n\n{}", state_name(overall), t.str());
  for (const auto& r : result.degraded_reasons) fmt::print("  {}\n", r);
  return kOk;
}

}  // namespace mosaic::host::cli
