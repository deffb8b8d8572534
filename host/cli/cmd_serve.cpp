#include "host/app/error.hpp"
#include "host/app/session.hpp"
#include "host/cli/commands.hpp"
#include "host/cli/exit_codes.hpp"
#include "host/cli/interrupt_scope.hpp"
#include "host/cli/server_client.hpp"
#include "host/serve/http_api.hpp"
#include "host/serve/serve_host.hpp"
#include "host/serve/serve_inputs.hpp"
#include "host/serve/serve_start.hpp"

#include <fmt/format.h>

#include <cstdio>

namespace mosaic::host::cli {
int cmd_serve(const CommonOptions& options) {
  if (!options.feed) throw app::Error(app::ErrorKind::Usage, "serve needs --feed replay:FILE or --feed tail:FILE");
  const std::string token = control_token(options);

  // The feed's file is the session's data: the config, plugins, lock and pipeline are
  // validated exactly as for `mosaic run`.
  app::SessionSpec spec = session_spec(options);
  const auto colon = options.feed->find(':');
  if (colon != std::string::npos) spec.data = options.feed->substr(colon + 1);
  spec.tolerate_module_issues = true;
  auto session = app::open_session(spec);
  serve::PartialPipeline partial;
  if (!session->pipeline) partial = serve::start_partial(*session);
  session->assembly.scan.libraries.clear();  // only the pipeline may keep a generation alive
  std::map<std::string, std::string> rejected = serve::rejected_files(*session);

  serve::FeedOptions feed_options{options.speed, static_cast<size_t>(options.warmup),
                                  {.allow_nonpositive = session->config.allow_nonpositive_prices}};
  std::unique_ptr<serve::BarFeed> feed = serve::open_feed_checked(*options.feed, feed_options);

  serve::ServeSettings settings;
  settings.history_bars = static_cast<size_t>(options.history);
  if (options.watch_config) {
    if (!options.config)
      throw app::Error(app::ErrorKind::Usage, "--watch-config watches the --config file: pass --config FILE too",
                       {.key = "watch-config"});
    settings.watch_config = *options.config;
  }
  if (options.runs) settings.runs_root = *options.runs;
  if (const auto& r = session->config.reoptimize; r && r->window > settings.history_bars)
    throw app::Error(app::ErrorKind::Config,
                     fmt::format("{}: serve.reoptimize.window: {} bars, but serve keeps {} (raise --history)",
                                 session->config.file.string(), r->window, settings.history_bars),
                     {.file = session->config.file.string(), .key = "serve.reoptimize.window"});
  serve::ServeHost host({session->config, session->plugin_dir, session->shadow, std::move(session->pipeline),
                         std::move(feed), std::move(partial.waiting), std::move(partial.parked), std::move(rejected)},
                        settings);
  InterruptScope interrupt;
  host.start();
  std::unique_ptr<serve::HttpApi> http;
  try {
    http = std::make_unique<serve::HttpApi>(host.control(), serve::HttpSettings{options.bind, options.port, token});
  } catch (const std::runtime_error& e) {
    throw app::Error(app::ErrorKind::Usage, e.what(), {.key = "port"});
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
