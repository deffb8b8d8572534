#include "host/serve/serve_host.hpp"

#include "host/data/data_error.hpp"
#include "host/data/text_file.hpp"
#include "host/loader/sha256.hpp"
#include "host/monitor/log.hpp"
#include "host/pipeline/data_ports.hpp"
#include "host/pipeline/market_ports.hpp"
#include "host/pipeline/weights_port.hpp"
#include "host/registry/registry.hpp"
#include "host/serve/metrics_text.hpp"
#include "host/serve/serve_clock.hpp"
#include "host/serve/status_documents.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {
constexpr auto kReplaceBadUtf8 = nlohmann::json::error_handler_t::replace;

std::string short_sha(const std::string& sha) { return sha.substr(0, 12); }

std::string change_summary(const mosaic::host::serve::DeployRecord& r) {
  std::string out;
  auto part = [&](const char* what, const std::vector<std::string>& names) {
    if (!names.empty()) out += fmt::format("; {} {}", what, fmt::join(names, ", "));
  };
  part("added", r.added);
  part("removed", r.removed);
  part("changed", r.changed);
  part("state handed over:", r.state_handed_over);
  return out;
}
}  // namespace

namespace mosaic::host::serve {

ServeHost::ServeHost(ServeParts parts, ServeSettings settings) : parts_(std::move(parts)), settings_(std::move(settings)) {
  reloader_.emplace(*parts_.pipeline, parts_.config, parts_.shadow);
  if (settings_.watch_plugins)
    watcher_.emplace(parts_.plugin_dir, settings_.debounce,
                     [](const std::string& name) { return name.ends_with(".so") || name.ends_with(".py"); });
  if (settings_.watch_config) {
    const fs::path file = fs::absolute(*settings_.watch_config);
    config_watcher_.emplace(file.parent_path(), settings_.debounce,
                            [name = file.filename().string()](const std::string& n) { return n == name; });
  }
  for (const auto& [name, why] : parts_.waiting) log_warn(name, fmt::format("waiting: {}", why));
  for (auto& [file, why] : parts_.rejected) stats_.rejected[file] = {std::move(why), unix_ms_now()};
  reloader_->set_waiting(std::move(parts_.waiting), std::move(parts_.parked));
  DeployRecord start;
  start.sha256 = sha256_hex(parts_.config.text);
  start.source = "start " + parts_.config.file.string();
  start.unix_ms = unix_ms_now();
  start.ok = true;
  start.result = "live";
  stats_.live_config = {start.sha256, start.source, start.unix_ms};
  stats_.deploys.push_back(std::move(start));
  reoptimizer_ = std::make_unique<Reoptimizer>(parts_.plugin_dir, settings_.runs_root);
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
  ran_ = history.bars();
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
    if (config_watcher_) handle_config_changes();
    take_reoptimization();
    // Bars still to run from an earlier turn: look for more without waiting.
    const bool behind = ran_ < history.bars();
    if (parts_.feed->poll(behind ? std::chrono::milliseconds(0) : std::chrono::milliseconds(5)) > 0)
      arrivals_.push_back({history.bars(), Clock::now()});
    // A burst (a replay at full speed, a tail catching up) runs in slices, so that commands,
    // reloads and deployments wait for one slice at most, not for the whole burst.
    const auto slice_end = Clock::now() + kBarSlice;
    for (bool first = true; ran_ < history.bars() && (first || Clock::now() < slice_end); first = false) {
      ++ran_;
      while (arrivals_.front().first < ran_) arrivals_.pop_front();
      run_bar(ran_, arrivals_.front().second);
    }
    // The bars not run yet still need their windows.
    parts_.feed->trim(settings_.history_bars + (history.bars() - ran_));
    if (parts_.feed->finished() && !announced_end) {
      log_info("serve", "the replay has shown its last bar; the control plane stays up until stopped");
      announced_end = true;
    }
  }
  // Requests that came in while stopping get an answer instead of a wait for their timeout.
  control_.close();
  stop_reoptimization();
}

void ServeHost::run_bar(size_t end_bar, Clock::time_point arrived) {
  MarketData window = parts_.feed->history().window(end_bar, settings_.history_bars);
  const Shape shape = shape_of(window);
  RunResult result = parts_.pipeline->run(data_ports(window), shape);
  if (probation_) settle_probation(window, shape, result);
  stats_.bars++;
  stats_.last_bar_ts = window.ts.back();
  stats_.last_bar_unix_ms = unix_ms_now();
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
  if (shadow_) step_shadow(window, shape, *last_);
  maybe_reoptimize();
  publish();
}

Reply ServeHost::handle(const PendingCommand& command) {
  if (command.action == "deploy") {
    // Relative paths in a config sent over HTTP resolve from the live config's folder.
    const fs::path as_file = parts_.config.file.parent_path() / "deployed-config.toml";
    const DeployRecord r =
        deploy(command.body, as_file, command.name.empty() ? "POST /config" : command.name, command.source);
    return {r.ok ? 200 : 422, deploy_json(r).dump(-1, ' ', false, kReplaceBadUtf8)};
  }
  end_probation();  // a switch or a reload acts on the config that serves from now on
  Pipeline& p = *parts_.pipeline;
  if (!p.has(command.module)) {
    return {404, nlohmann::json{{"error", fmt::format("no module '{}' in the pipeline", command.module)}}.dump()};
  }
  if (command.action == "enable" || command.action == "disable") {
    p.set_enabled(command.module, command.action == "enable");
    log_info(command.module, command.action == "enable" ? "enabled" : "disabled");
    return {200, nlohmann::json{{"module", command.module}, {"state", state_name(p.state(command.module))}}.dump()};
  }
  // reload: from the file the module was served from, as it is now
  const auto file = reloader_->file_of(command.module);
  if (file.empty()) {
    return {409, nlohmann::json{{"error", "the module's library file is not known"}}.dump()};
  }
  auto records = reloader_->reload_file(parts_.plugin_dir / file.filename(), live_inputs(), Clock::now());
  note_load(file);
  record(records);
  nlohmann::json body = nlohmann::json::array();
  bool ok = !records.empty();
  for (const auto& r : records) {
    body.push_back(reload_json(r));
    ok &= r.ok;
  }
  return {ok ? 200 : 422, body.dump()};
}

DeployContext ServeHost::deploy_context(std::map<std::string, PortValue>& data) {
  if (last_)
    for (const auto& [name, value] : last_->ports)
      if (value.producer == kDataSource) data.emplace(name, value);
  return {parts_.plugin_dir, parts_.shadow,  parts_.config, *parts_.pipeline, last_ ? &data : nullptr,
          last_shape_,       data_layouts_, settings_.history_bars};
}

DeployRecord ServeHost::deploy(const std::string& text, const fs::path& file, const std::string& label,
                               const std::string& source, uint64_t occasion) {
  std::map<std::string, PortValue> data;
  std::optional<PluginLock> live_lock = parts_.shadow.current_lock();
  DeployContext context = deploy_context(data);
  DeployCandidate c;
  try {
    c = prepare_deploy(text, file, label, source, context);
  } catch (const std::exception& e) {  // the gate's own failure is a refusal too, never the loop's end
    parts_.shadow.set_lock(live_lock);
    c.pipeline.reset();
    c.record.sha256 = sha256_hex(text);
    c.record.source = source;
    c.record.unix_ms = unix_ms_now();
    c.record.result = fmt::format("the gate failed: {}", e.what());
  }
  DeployRecord& r = c.record;
  if (!c.pipeline) {
    log_error("serve", fmt::format("config {} from {} refused; the live config keeps serving: {}", short_sha(r.sha256),
                                   source, r.result));
    stats_.deploy_counts.refused++;
    add_deploy(r);
    return r;
  }
  end_probation();  // a config that goes live confirms the one still on probation
  if (shadow_) end_shadow("stopped", {fmt::format("superseded: config {} from {} went live during the shadow period",
                                                  short_sha(r.sha256), source)});
  const auto t = Clock::now();
  for (const auto& name : c.pipeline->order()) {
    if (!parts_.pipeline->has(name)) continue;
    const SwapReport handed = c.pipeline->take_over(name, *parts_.pipeline);
    if (handed.state_handed_over) r.state_handed_over.push_back(fmt::format("{} ({} bytes)", name, handed.state_bytes));
    if (!handed.error.empty()) r.notes.push_back(fmt::format("{}: state not handed over, it starts fresh: {}", name, handed.error));
  }
  auto [waiting, parked] = reloader_->take_waiting();
  probation_ = Probation{std::move(parts_.config), std::move(parts_.pipeline), std::move(live_lock),
                         stats_.live_config,       std::move(waiting),          std::move(parked),
                         occasion};
  parts_.config = std::move(c.config);
  parts_.pipeline = std::move(c.pipeline);
  reloader_.emplace(*parts_.pipeline, parts_.config, parts_.shadow);
  r.swap_ms = std::chrono::duration<double, std::milli>(Clock::now() - t).count();
  r.result = "live";
  stats_.live_config = {r.sha256, r.source, r.unix_ms};
  stats_.deploy_counts.live++;
  log_info("serve", fmt::format("config {} from {} is live{}", short_sha(r.sha256), source, change_summary(r)));
  add_deploy(r);
  return r;
}

void ServeHost::settle_probation(const MarketData& window, const Shape& shape, RunResult& result) {
  const std::string why = run_verdict(result, shape);
  if (why.empty()) {
    end_probation();
    return;
  }
  Probation previous = std::move(*probation_);
  probation_.reset();
  // The deployment on probation is the last that went live: any later one ended the probation.
  auto on_probation = std::find_if(stats_.deploys.rbegin(), stats_.deploys.rend(), [](const DeployRecord& d) { return d.ok; });
  DeployRecord& r = *on_probation;
  log_error("serve", fmt::format("config {} from {} failed its first live bar and is rolled back; the previous config "
                                 "serves again: {}",
                                 short_sha(r.sha256), r.source, why));
  r.ok = false;
  r.result = "rolled back: first live bar: " + why;
  stats_.deploy_counts.rolled_back++;  // `live` keeps counting it: a counter only grows
  parts_.config = std::move(previous.config);
  parts_.pipeline = std::move(previous.pipeline);
  parts_.shadow.set_lock(std::move(previous.lock));
  reloader_.emplace(*parts_.pipeline, parts_.config, parts_.shadow);
  reloader_->set_waiting(std::move(previous.waiting), std::move(previous.parked));
  stats_.live_config = previous.live;
  if (Occasion* o = previous.occasion ? reoptimizer_->find(previous.occasion) : nullptr) {
    std::vector<std::string> reasons = o->reasons;
    reasons.push_back(r.result);
    reoptimizer_->decide(*o, "rejected", std::move(reasons));
  }
  if (shadow_) end_shadow("stopped", {"the live config was rolled back; the shadow compared against another one"});
  result = parts_.pipeline->run(data_ports(window), shape);  // the bar is served all the same
}

void ServeHost::end_probation() { probation_.reset(); }

void ServeHost::add_deploy(DeployRecord record) {
  stats_.deploys.push_back(std::move(record));
  while (stats_.deploys.size() > kDeployHistory) stats_.deploys.pop_front();
}

void ServeHost::handle_config_changes() {
  for (const auto& change : config_watcher_->poll()) {
    if (change.removed) continue;  // the live config keeps serving; the next file renamed in is deployed
    std::string text;
    try {
      text = read_text_file(change.file);
    } catch (const DataError& e) {
      DeployRecord r;
      r.source = "file " + change.file.string();
      r.unix_ms = unix_ms_now();
      r.result = e.what();
      log_error("serve", fmt::format("config not deployed: {}", r.result));
      stats_.deploy_counts.refused++;
      add_deploy(std::move(r));
      publish();
      continue;
    }
    if (sha256_hex(text) == stats_.live_config.sha256) continue;  // touched, not changed
    deploy(text, fs::absolute(change.file), change.file.string(), "file " + change.file.string());
    publish();
  }
}

void ServeHost::handle_plugin_changes() {
  std::optional<FileChange> module_file;  // the first .py of this poll: one reload for them all
  for (const auto& change : watcher_->poll()) {
    if (change.file.extension() != ".so") {
      if (!module_file) module_file = change;
      continue;
    }
    end_probation();  // a library that comes or goes changes the config that serves from now on
    if (change.removed) {
      if (stats_.rejected.erase(change.file.filename().string())) publish();
      record(reloader_->remove_file(change.file));
      continue;
    }
    std::error_code ec;
    if (!std::filesystem::exists(change.file, ec)) continue;  // written, then renamed away again
    auto records = reloader_->reload_file(change.file, live_inputs(), change.first_seen);
    note_load(change.file);
    if (records.empty() && reloader_->last_load_refusal().empty())
      log_info("serve", fmt::format("{}: offers no module of this pipeline; ignored", change.file.string()));
    record(records);
  }
  if (module_file) reload_folder_readers(*module_file);
}

// Module files of a bridge (.py files for python.so) came, changed or went: the bridges that
// serve reload once, and offer the folder's files as they are now. A bridge that serves nothing
// yet is not known to read its folder: rename it in again to load it.
void ServeHost::reload_folder_readers(const FileChange& change) {
  const std::vector<fs::path> readers = reloader_->folder_readers();
  if (readers.empty()) {
    log_info("serve", fmt::format("{}: no library that serves reads its folder; ignored", change.file.string()));
    return;
  }
  end_probation();
  for (const auto& library : readers) {
    log_info("serve", fmt::format("{} changed: reloading {}", change.file.string(), library.string()));
    auto records = reloader_->reload_file(library, live_inputs(), change.first_seen);
    note_load(library);
    record(records);
  }
}

void ServeHost::note_load(const fs::path& file) {
  const std::string name = file.filename().string();
  const std::string& why = reloader_->last_load_refusal();
  if (why.empty()) {
    if (stats_.rejected.erase(name)) publish();
    return;
  }
  auto& entry = stats_.rejected[name];
  if (entry.reason == why) return;  // the same refusal again: logged once
  entry = {why, unix_ms_now()};
  log_error("serve", fmt::format("{}: refused, not loaded: {}", file.string(), why));
  publish();
}

void ServeHost::record(const std::vector<ReloadRecord>& records) {
  bool changed = false;
  for (const auto& r : records) {
    stats_.last_reload[r.module] = r;
    auto& counts = stats_.reloads[r.module];
    (r.ok ? counts.ok : counts.rejected)++;
    changed |= r.ok;
  }
  // The shadow was judged on the code the live config ran; a new build breaks the comparison.
  if (changed && shadow_)
    end_shadow("stopped", {"a library was reloaded during the shadow period; the candidate was judged on the old build"});
  if (!records.empty()) publish();
}

void ServeHost::publish() {
  const Pipeline& p = *parts_.pipeline;
  const RunResult* last = last_ ? &*last_ : nullptr;
  stats_.waiting = reloader_->waiting();
  stats_.feed_live = !parts_.feed->finished();
  stats_.reoptimize = reoptimizer_->state();
  stats_.reoptimize.configured = parts_.config.reoptimize.has_value();
  stats_.reoptimize.shadowing = shadow_.has_value();
  try {
    // Text from modules and files (errors, tickers) need not be UTF-8: replaced, not fatal.
    control_.publish({health_json(p, stats_, last, reoptimizer_->occasions()).dump(2, ' ', false, kReplaceBadUtf8),
                      modules_json(p, stats_, last).dump(2, ' ', false, kReplaceBadUtf8),
                      signals_json(last).dump(2, ' ', false, kReplaceBadUtf8), metrics_text(p, stats_),
                      config_json(parts_.config.text, stats_, reoptimizer_->occasions()).dump(2, ' ', false, kReplaceBadUtf8)});
  } catch (const std::exception& e) {
    log_error("serve", fmt::format("the status documents were not updated: {}", e.what()));
  }
}

}  // namespace mosaic::host::serve
