#include "host/report/signal_summary.hpp"

#include "host/report/text_table.hpp"
#include "host/data/timestamp.hpp"

#include <mosaic/arrow.hpp>

#include <fmt/format.h>

#include <cmath>

namespace mosaic::host::report {
namespace {

struct Summary {
  std::string port;
  size_t bars = 0, assets = 0;
  double coverage = 0;  // share of (bar, asset) cells with a value
  int64_t last_ts = 0;
  double mean = NAN, min = NAN, max = NAN;  // over assets, last bar
  int longs = 0, shorts = 0, flat = 0, missing = 0;
  std::vector<std::pair<std::string, double>> last;  // per asset
};

// Signals, and the one-column market-wide figures (regime.p_high_vol, sentiment.market).
bool is_signal(const std::string& name, const PortValue& v) {
  if (name.rfind("signal.", 0) == 0) return true;
  const ArrowSchema* s = v.batch->schema();
  return s->n_children == 2 && s->children[1]->name && std::string_view(s->children[1]->name) == kMarketColumn;
}

Summary summarise(const PortValue& v) {
  PanelView p(v.batch->schema(), v.batch->array(), v.name);
  Summary s;
  s.port = v.name;
  s.bars = p.rows();
  s.assets = p.assets();
  if (s.bars == 0) return s;
  s.last_ts = p.ts()[s.bars - 1];
  size_t valid = 0;
  double sum = 0;
  int counted = 0;
  for (size_t a = 0; a < s.assets; ++a) {
    auto col = p.column(a);
    for (double x : col) valid += std::isfinite(x) ? 1 : 0;
    double x = col[s.bars - 1];
    s.last.emplace_back(std::string(p.ticker(a)), x);
    if (!std::isfinite(x)) { s.missing++; continue; }
    sum += x;
    counted++;
    s.min = std::isnan(s.min) ? x : std::min(s.min, x);
    s.max = std::isnan(s.max) ? x : std::max(s.max, x);
    (x > 0 ? s.longs : x < 0 ? s.shorts : s.flat)++;
  }
  s.mean = counted ? sum / counted : NAN;
  s.coverage = static_cast<double>(valid) / static_cast<double>(s.bars * s.assets);
  return s;
}

std::string num(double x) { return std::isfinite(x) ? fmt::format("{:+.3f}", x) : "-"; }

}  // namespace

std::string signal_summary(const RunResult& result) {
  std::string out;
  for (const auto& [name, v] : result.ports) {
    if (!is_signal(name, v)) continue;
    Summary s = summarise(v);
    out += fmt::format("{}: {} bars x {} assets, {:.1f}% of cells valid; last bar {}: mean {}, range [{}, {}], "
                       "{} long, {} short, {} flat, {} missing\n",
                       s.port, s.bars, s.assets, 100 * s.coverage, format_timestamp(s.last_ts), num(s.mean),
                       num(s.min), num(s.max), s.longs, s.shorts, s.flat, s.missing);
    TextTable t({"asset", "last"});
    for (const auto& [ticker, x] : s.last) t.add({ticker, num(x)});
    out += t.str();
  }
  return out.empty() ? "no signal.* or market-wide ports were produced\n" : out;
}

nlohmann::json signal_summary_json(const RunResult& result) {
  nlohmann::json out = nlohmann::json::object();
  auto j = [](double x) { return std::isfinite(x) ? nlohmann::json(x) : nlohmann::json(nullptr); };
  for (const auto& [name, v] : result.ports) {
    if (!is_signal(name, v)) continue;
    Summary s = summarise(v);
    nlohmann::json last = nlohmann::json::object();
    for (const auto& [ticker, x] : s.last) last[ticker] = j(x);
    out[name] = {{"bars", s.bars}, {"assets", s.assets}, {"coverage", s.coverage},
                 {"last_ts", format_timestamp(s.last_ts)}, {"last_mean", j(s.mean)}, {"last_min", j(s.min)},
                 {"last_max", j(s.max)}, {"long", s.longs}, {"short", s.shorts}, {"flat", s.flat},
                 {"missing", s.missing}, {"last", last}};
  }
  return out;
}

}  // namespace mosaic::host::report
