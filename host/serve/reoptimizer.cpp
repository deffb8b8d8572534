#include "host/serve/reoptimizer.hpp"

#include "host/data/timestamp.hpp"
#include "host/loader/sha256.hpp"
#include "host/monitor/log.hpp"
#include "host/report/optimize_report.hpp"
#include "host/report/run_folder.hpp"
#include "host/serve/serve_clock.hpp"
#include "host/serve/status_documents.hpp"

#include <fmt/format.h>

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace mosaic::host::serve {
Reoptimizer::Reoptimizer(fs::path plugin_dir, fs::path runs_root)
    : plugin_dir_(std::move(plugin_dir)), runs_root_(std::move(runs_root)) {}

Reoptimizer::~Reoptimizer() { stop(); }

bool Reoptimizer::due(const ReoptimizeConfig& c, uint64_t bars_run) const {
  if (running()) return false;
  if (c.every_bars) return bars_run >= last_start_bar_ + *c.every_bars;
  return c.every_seconds && std::chrono::duration<double>(Clock::now() - last_start_).count() >= *c.every_seconds;
}

void Reoptimizer::start(const Config& live, MarketData window, uint64_t bars_run) {
  Occasion o;
  o.number = next_number_++;
  o.started_unix_ms = unix_ms_now();
  o.at_bar = bars_run;
  o.live_sha256 = sha256_hex(live.text);
  o.gate = live.reoptimize->gate;
  o.window = fmt::format("{} .. {}: {} bars, the last {} held out", format_timestamp(window.ts.front()),
                         format_timestamp(window.ts.back()), window.bars(), live.reoptimize->holdout);
  try {
    o.run_dir = report::make_run_folder_under(runs_root_, fmt::format("reoptimize-{}", o.number)).string();
  } catch (const std::exception& e) {
    log_error("reoptimize", fmt::format("occasion {}: no run folder: {}", o.number, e.what()));
  }
  occasions_.push_back(std::move(o));
  while (occasions_.size() > kOccasionHistory) occasions_.pop_front();
  last_start_bar_ = bars_run;
  last_start_ = Clock::now();
  log_info("reoptimize", fmt::format("occasion {} started on {}", occasions_.back().number, occasions_.back().window));

  observer_ = std::make_unique<app::Observer>();
  std::promise<SearchResult> promise;
  search_ = promise.get_future();
  thread_ = std::thread([promise = std::move(promise), job = app::ReoptimizeJob{live, std::move(window), plugin_dir_},
                         observer = observer_.get(), dir = occasions_.back().run_dir]() mutable {
    SearchResult r;
    const auto t0 = Clock::now();
    try {
      r.outcome = app::reoptimize(std::move(job), *observer);
      r.seconds = std::chrono::duration<double>(Clock::now() - t0).count();
      if (!dir.empty() && !r.outcome->result.interrupted)
        report::write_optimize_folder(*r.outcome->session, r.outcome->plan, r.outcome->result, dir);
    } catch (const std::exception& e) {
      r.error = e.what();
      r.seconds = std::chrono::duration<double>(Clock::now() - t0).count();
    }
    promise.set_value(std::move(r));
  });
}

std::optional<Reoptimizer::Finished> Reoptimizer::take_finished() {
  if (!search_.valid() || search_.wait_for(std::chrono::seconds(0)) != std::future_status::ready) return std::nullopt;
  SearchResult r = search_.get();
  thread_.join();
  Occasion& o = occasions_.back();
  o.search_seconds = r.seconds;
  if (!r.error.empty()) {
    decide(o, "failed", {r.error});
    return Finished{&o, std::nullopt};
  }
  if (r.outcome->result.interrupted) {
    decide(o, "stopped", {"stopped during the search"});
    return Finished{&o, std::nullopt};
  }
  o.figures = r.outcome->figures;
  return Finished{&o, std::move(r.outcome)};
}

void Reoptimizer::stop() {
  if (!running()) return;
  observer_->request_stop();
  search_.wait();
  search_ = {};
  thread_.join();
  decide(occasions_.back(), "stopped", {"serve stopped during the search; no config was applied"});
}

void Reoptimizer::decide(Occasion& o, const std::string& status, std::vector<std::string> reasons) {
  o.status = status;
  o.reasons = std::move(reasons);
  o.decided_unix_ms = unix_ms_now();
  if (status == "promoted") {
    counts_.promoted++;
    counts_.consecutive_rejections = 0;
  } else if (status == "rejected") {
    counts_.rejected++;
    counts_.consecutive_rejections++;
  } else if (status == "stopped") {
    counts_.stopped++;
  } else if (status == "failed") {
    counts_.failed++;
  }
  write_occasion(o);
}

void Reoptimizer::write_occasion(const Occasion& o) const {
  write_file(o, "occasion.json", occasion_json(o).dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n");
}

void Reoptimizer::write_file(const Occasion& o, const std::string& name, const std::string& text) const {
  if (o.run_dir.empty()) return;
  try {
    report::write_text_file(fs::path(o.run_dir) / name, text);
  } catch (const std::exception& e) {
    log_error("reoptimize", fmt::format("occasion {}: {}", o.number, e.what()));
  }
}

ReoptimizeState Reoptimizer::state() const {
  ReoptimizeState s = counts_;
  s.running = running();
  return s;
}

Occasion* Reoptimizer::find(uint64_t number) {
  for (auto& o : occasions_)
    if (o.number == number) return &o;
  return nullptr;
}

}  // namespace mosaic::host::serve
