#include "host/serve/serve_host.hpp"

#include "host/monitor/log.hpp"
#include "host/pipeline/data_ports.hpp"
#include "host/pipeline/market_ports.hpp"
#include "host/pipeline/weights_port.hpp"
#include "host/serve/metrics_text.hpp"
#include "host/serve/status_documents.hpp"

#include <fmt/format.h>

using Clock = std::chrono::steady_clock;

namespace {
constexpr auto kReplaceBadUtf8 = nlohmann::json::error_handler_t::replace;
}

namespace mosaic::host::serve {

ServeHost::ServeHost(ServeParts parts, ServeSettings settings)
    : parts_(std::move(parts)), settings_(settings), reloader_(parts_.pipeline, parts_.config, parts_.shadow) {
  if (settings_.watch_plugins) watcher_.emplace(parts_.plugin_dir, settings_.debounce);
  for (const auto& [name, why] : parts_.waiting) log_warn(name, fmt::format("waiting: {}", why));
  reloader_.set_waiting(std::move(parts_.waiting), std::move(parts_.parked));
  // A reload before the first bar still validates against the data source's ports.
  const BarHistory& history = parts_.feed->history();
  data_layouts_ = data_port_layouts(history.window(history.bars(), 1), false);
}

LiveInputs ServeHost::live_inputs() const {
  return {last_ ? &last_->ports : nullptr, last_shape_, data_layouts_};
}

void ServeHost::start() {
  const BarHistory& history = parts_.feed->history();
  if (history.bars() > 0) run_bar(history.bars(), Clock::now());
  publish();
  log_info("serve", fmt::format("serving {}", parts_.feed->describe()));
}

void ServeHost::run(const std::atomic<bool>& stop) {
  const BarHistory& history = parts_.feed->history();
  bool announced_end = false;
  while (!stop.load()) {
    auto commands = control_.take_commands();
    std::vector<Reply> replies;
    for (const auto& command : commands) {
      try {
        replies.push_back(handle(command));
      } catch (const std::exception& e) {
        log_error(command.module, fmt::format("{} failed: {}", command.action, e.what()));
        replies.push_back({500, nlohmann::json{{"error", e.what()}}.dump(-1, ' ', false, kReplaceBadUtf8)});
      }
    }
    if (!commands.empty()) publish();  // before replying: a client's next GET sees the change
    for (size_t i = 0; i < commands.size(); ++i) commands[i].reply.set_value(std::move(replies[i]));
    if (watcher_) handle_plugin_changes();  // publishes what it changed
    const size_t added = parts_.feed->poll(std::chrono::milliseconds(5));
    const auto arrived = Clock::now();
    for (size_t end = history.bars() - added + 1; end <= history.bars(); ++end) run_bar(end, arrived);
    if (added > 0) parts_.feed->trim(settings_.history_bars);
    if (parts_.feed->finished() && !announced_end) {
      log_info("serve", "the replay has shown its last bar; the control plane stays up until stopped");
      announced_end = true;
    }
  }
  // Requests that came in while stopping get an answer instead of a wait for their timeout.
  control_.close();
}

void ServeHost::run_bar(size_t end_bar, Clock::time_point arrived) {
  MarketData window = parts_.feed->history().window(end_bar, settings_.history_bars);
  const Shape shape = shape_of(window);
  RunResult result = parts_.pipeline.run(data_ports(window), shape);
  stats_.bars++;
  stats_.last_bar_ts = window.ts.back();
  if (result.degraded()) {
    stats_.degraded_bars++;
    stats_.last_degraded_reason = result.degraded_reasons.front();
  }
  bool has_weights = false;
  try {
    has_weights = run_weights(result.ports, window.bars(), window.assets()).has_value();
  } catch (const std::exception& e) {
    log_error("serve", fmt::format("bar {}: unusable weights: {}", stats_.bars, e.what()));
  }
  if (!has_weights) stats_.failed_bars++;
  last_ = std::move(result);
  last_shape_ = shape;
  data_layouts_ = data_port_layouts(window, false);
  // Arrival to weights: the weights exist now; publishing them is the next few hundred µs.
  stats_.bar_latency.record(std::chrono::duration<double, std::milli>(Clock::now() - arrived).count());
  publish();
}

Reply ServeHost::handle(const PendingCommand& command) {
  Pipeline& p = parts_.pipeline;
  if (!p.has(command.module)) {
    return {404, nlohmann::json{{"error", fmt::format("no module '{}' in the pipeline", command.module)}}.dump()};
  }
  if (command.action == "enable" || command.action == "disable") {
    p.set_enabled(command.module, command.action == "enable");
    log_info(command.module, command.action == "enable" ? "enabled" : "disabled");
    return {200, nlohmann::json{{"module", command.module}, {"state", state_name(p.state(command.module))}}.dump()};
  }
  // reload: from the file the module was served from, as it is now
  const auto file = reloader_.file_of(command.module);
  if (file.empty()) {
    return {409, nlohmann::json{{"error", "the module's library file is not known"}}.dump()};
  }
  auto records = reloader_.reload_file(parts_.plugin_dir / file.filename(), live_inputs(), Clock::now());
  record(records);
  nlohmann::json body = nlohmann::json::array();
  bool ok = !records.empty();
  for (const auto& r : records) {
    body.push_back(reload_json(r));
    ok &= r.ok;
  }
  return {ok ? 200 : 422, body.dump()};
}

void ServeHost::handle_plugin_changes() {
  for (const auto& change : watcher_->poll()) {
    if (change.removed) {
      record(reloader_.remove_file(change.file));
      continue;
    }
    std::error_code ec;
    if (!std::filesystem::exists(change.file, ec)) continue;  // written, then renamed away again
    auto records = reloader_.reload_file(change.file, live_inputs(), change.first_seen);
    if (records.empty()) log_info("serve", fmt::format("{}: offers no module of this pipeline; ignored", change.file.string()));
    record(records);
  }
}

void ServeHost::record(const std::vector<ReloadRecord>& records) {
  for (const auto& r : records) {
    stats_.last_reload[r.module] = r;
    auto& counts = stats_.reloads[r.module];
    (r.ok ? counts.ok : counts.rejected)++;
  }
  if (!records.empty()) publish();
}

void ServeHost::publish() {
  const Pipeline& p = parts_.pipeline;
  const RunResult* last = last_ ? &*last_ : nullptr;
  stats_.waiting = reloader_.waiting();
  try {
    // Text from modules and files (errors, tickers) need not be UTF-8: replaced, not fatal.
    control_.publish({health_json(p, stats_, last).dump(2, ' ', false, kReplaceBadUtf8),
                      modules_json(p, stats_, last).dump(2, ' ', false, kReplaceBadUtf8),
                      signals_json(last).dump(2, ' ', false, kReplaceBadUtf8), metrics_text(p, stats_)});
  } catch (const std::exception& e) {
    log_error("serve", fmt::format("the status documents were not updated: {}", e.what()));
  }
}

}  // namespace mosaic::host::serve
