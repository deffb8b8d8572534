#include "host/app/error.hpp"
#include "host/cli/commands.hpp"
#include "host/cli/exit_codes.hpp"
#include "host/cli/server_client.hpp"

#include <nlohmann/json.hpp>

#include <fmt/format.h>

#include <fstream>
#include <sstream>

namespace mosaic::host::cli {
namespace {

std::string read_config_text(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in)
    throw app::Error(app::ErrorKind::Config, fmt::format("{}: cannot open the config file", file.string()),
                     {.file = file.string()});
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

void print_list(const char* what, const nlohmann::json& names) {
  if (!names.is_array() || names.empty()) return;
  std::string joined;
  for (const auto& n : names) joined += (joined.empty() ? "" : ", ") + n.get<std::string>();
  fmt::print("  {}: {}\n", what, joined);
}

}  // namespace

// Sends a config to a running serve's POST /config and prints the verdict.
int cmd_deploy(const CommonOptions& o) {
  if (o.positional.size() != 1)
    throw app::Error(app::ErrorKind::Usage, "deploy takes one config file: mosaic deploy CONFIG.toml --url URL");
  if (!o.url)
    throw url_error("deploy needs the running server: --url http://HOST:PORT (the address `mosaic serve` printed)");
  const std::filesystem::path file = o.positional.front();
  const std::string text = read_config_text(file);
  if (text.empty())
    throw app::Error(app::ErrorKind::Config, fmt::format("{}: the config file is empty", file.string()),
                     {.file = file.string()});

  auto client = server_client(*o.url);
  httplib::Headers headers{{"X-Mosaic-Config-Name", file.filename().string()}};
  if (const std::string token = control_token(o); !token.empty()) headers.emplace("Authorization", "Bearer " + token);
  auto res = client->Post("/config", headers, text, "application/toml");
  if (!res) throw unreachable(*o.url, res.error());
  if (res->status == 401)
    throw url_error(fmt::format("--url {}: the server wants its control token (--token-file F or MOSAIC_SERVE_TOKEN)",
                                *o.url));
  nlohmann::json verdict;
  try {
    verdict = nlohmann::json::parse(res->body);
  } catch (const nlohmann::json::exception&) {
    throw url_error(fmt::format("--url {}: POST /config answered HTTP {}: {}", *o.url, res->status, res->body));
  }
  if (res->status != 200 && res->status != 422)
    throw url_error(fmt::format("--url {}: POST /config answered HTTP {}: {}", *o.url, res->status,
                                verdict.value("error", res->body)));
  if (o.json) {
    fmt::print("{}\n", verdict.dump(2));
    return res->status == 200 ? kOk : kRefused;
  }
  const std::string sha = verdict.value("sha256", "").substr(0, 12);
  if (res->status != 200) {
    fmt::print(stderr, "refused: {} ({}); the live config keeps serving:\n  {}\n", file.string(), sha,
               verdict.value("result", ""));
    return kRefused;
  }
  fmt::print("live: {} ({}) serves from the next bar\n", file.string(), sha);
  print_list("added", verdict["added"]);
  print_list("removed", verdict["removed"]);
  print_list("changed", verdict["changed"]);
  print_list("state handed over", verdict["state_handed_over"]);
  for (const auto& note : verdict.value("notes", nlohmann::json::array())) fmt::print("  note: {}\n", note.get<std::string>());
  const auto& ms = verdict["ms"];
  fmt::print("  gate: parse {:.1f} ms, assemble {:.1f} ms, self-tests {:.1f} ms, golden run {:.1f} ms, swap {:.1f} ms\n",
             ms.value("parse", 0.0), ms.value("assemble", 0.0), ms.value("self_test", 0.0), ms.value("golden_run", 0.0),
             ms.value("swap", 0.0));
  return kOk;
}

}  // namespace mosaic::host::cli
