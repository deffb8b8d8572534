#include "host/app/error.hpp"
#include "host/app/run.hpp"
#include "host/cli/commands.hpp"
#include "host/cli/exit_codes.hpp"
#include "host/cli/server_client.hpp"
#include "host/report/checks_report.hpp"
#include "host/report/text_table.hpp"

#include <fmt/format.h>

namespace mosaic::host::cli {

namespace {

nlohmann::json fetch_health(const CommonOptions& o) {
  auto client = server_client(*o.url);
  client->set_read_timeout(std::chrono::seconds(10));
  auto res = client->Get("/health");
  if (!res) throw unreachable(*o.url, res.error());
  if (res->status != 200)
    throw url_error(fmt::format("--url {}: /health answered HTTP {}", *o.url, res->status));
  try {
    return nlohmann::json::parse(res->body);
  } catch (const nlohmann::json::exception& e) {
    throw url_error(fmt::format("--url {}: /health is not JSON: {}", *o.url, e.what()));
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
    report::TextTable t({"module", "version", "generation", "state", "last error", "last reload"});
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
    throw url_error(fmt::format("--url {}: /health is not what mosaic serve answers: {}", *o.url, e.what()));
  }
  return kOk;
}

}  // namespace

// Standalone health: one run of the configured pipeline, then every module's state. With
// --url, the health of a running server instead.
int cmd_health(const CommonOptions& o) {
  if (o.url) return remote_health(o);
  auto s = app::open_session(session_spec(o));
  const app::HealthOutcome h = app::check_health(*s);
  if (o.json)
    fmt::print("{}\n", report::health_json(*s, h).dump(2));
  else
    fmt::print("{}", report::health_text(*s, h));
  return kOk;
}

}  // namespace mosaic::host::cli
