#include "host/cli/cli_error.hpp"
#include "host/cli/commands.hpp"
#include "host/cli/interrupt_scope.hpp"
#include "host/cli/session.hpp"
#include "host/data/data_error.hpp"
#include "host/data/text_file.hpp"
#include "host/serve/http_api.hpp"
#include "host/serve/partial_pipeline.hpp"
#include "host/serve/serve_host.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>

namespace mosaic::host::cli {
namespace {

std::string read_token(const CommonOptions& o) {
  std::string token;
  if (o.token_file) {
    try {
      token = read_text_file(*o.token_file);
    } catch (const DataError& e) {
      throw CliError(kUsage, fmt::format("--token-file: {}", e.what()));
    }
  } else if (const char* env = std::getenv("MOSAIC_SERVE_TOKEN")) {
    token = env;
  }
  while (!token.empty() && (token.back() == '\n' || token.back() == '\r' || token.back() == ' ')) token.pop_back();
  if (o.token_file && token.empty()) throw CliError(kUsage, fmt::format("{}: the token file is empty", o.token_file->string()));
  return token;
}

// A pipeline that misses modules: serve runs the part that resolves and lets the rest
// join when their libraries arrive. Any other module problem is fatal, as for `run`.
serve::PartialPipeline start_partial(Session& s) {
  const auto& resolution_issues = s.assembly.resolution.issues;
  std::string fatal;
  for (const auto& issue : s.assembly.issues) {
    const bool from_resolution = std::any_of(resolution_issues.begin(), resolution_issues.end(),
                                             [&](const ResolveIssue& r) { return r.message == issue.message; });
    const bool absent = std::none_of(s.assembly.setups.begin(), s.assembly.setups.end(), [&](const ModuleSetup& m) {
      return m.factory->contract.name == issue.module;
    });
    if (!from_resolution && !absent) fatal += "\n  " + issue.message;
  }
  serve::PartialPipeline partial;
  try {
    if (fatal.empty())
      partial = serve::largest_resolvable({}, std::move(s.assembly.setups), s.config.modules, data_port_layouts(s));
  } catch (const std::runtime_error& e) {
    fatal += "\n  " + std::string(e.what());
  }
  if (!fatal.empty()) throw CliError(kModule, "module validation failed:" + fatal);
  s.pipeline = std::make_unique<Pipeline>(std::move(partial.serving), partial.order, s.config.quarantine_after);
  return partial;
}

}  // namespace

int cmd_serve(const CommonOptions& options) {
  if (!options.feed) throw CliError(kUsage, "serve needs --feed replay:FILE or --feed tail:FILE");
  const std::string token = read_token(options);

  // The feed's file is the session's data: the config, plugins, lock and pipeline are
  // validated exactly as for `mosaic run`.
  CommonOptions session_options = options;
  const auto colon = options.feed->find(':');
  if (colon != std::string::npos) session_options.data = options.feed->substr(colon + 1);
  auto session = open_session(session_options, /*tolerate_module_issues=*/true);
  serve::PartialPipeline partial;
  if (!session->pipeline) partial = start_partial(*session);
  session->assembly.scan.libraries.clear();  // only the pipeline may keep a generation alive

  serve::FeedOptions feed_options{options.speed, static_cast<size_t>(options.warmup)};
  std::unique_ptr<serve::BarFeed> feed;
  try {
    feed = serve::open_feed(*options.feed, feed_options);
  } catch (const DataError& e) {
    throw CliError(kData, e.what());
  } catch (const std::invalid_argument& e) {
    throw CliError(kUsage, e.what());
  }

  serve::ServeHost host({session->config, session->plugin_dir, session->shadow, *session->pipeline, std::move(feed),
                         std::move(partial.waiting), std::move(partial.parked)},
                        {.history_bars = static_cast<size_t>(options.history)});
  InterruptScope interrupt;
  host.start();
  std::unique_ptr<serve::HttpApi> http;
  try {
    http = std::make_unique<serve::HttpApi>(host.control(), serve::HttpSettings{options.bind, options.port, token});
  } catch (const std::runtime_error& e) {
    throw CliError(kUsage, e.what());
  }
  // Scripts and tests wait for this line to learn the port.
  fmt::print("listening on http://{}:{}\n", options.bind, http->port());
  std::fflush(stdout);
  host.run(InterruptScope::flag());
  http.reset();
  const auto& st = host.stats();
  fmt::print("stopped after {} bars ({} degraded, {} without weights); bar latency p50 {:.3f} ms, p99 {:.3f} ms\n",
             st.bars, st.degraded_bars, st.failed_bars, st.bar_latency.percentile(50), st.bar_latency.percentile(99));
  return kOk;
}

}  // namespace mosaic::host::cli
