// No look-ahead, for every module in the build's plugin folder: replace all data after bar
// t with noise, and every value every module produced at or before t stays identical; and
// so does everything the backtest of those weights books up to t, with a delay and at the
// next open too.
#include <doctest/doctest.h>

#include "host/backtest/evaluator.hpp"
#include "host/data/timestamp.hpp"
#include "host/pipeline/weights_port.hpp"
#include "support/pipeline_harness.hpp"

#include <mosaic/arrow.hpp>

#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

namespace fs = std::filesystem;

namespace {

// The data with every close after bar `cut` replaced by a random walk from the last price.
void write_with_noise_after(const mosaic::host::MarketData& data, size_t cut, unsigned seed, const fs::path& file) {
  std::mt19937_64 rng(seed);
  std::normal_distribution<double> step(0.0, 0.03);
  std::ofstream out(file);
  out << "date";
  for (const auto& t : data.tickers) out << ',' << t;
  out << '\n';
  std::vector<double> last(data.assets(), 100.0);
  out.precision(17);
  for (size_t t = 0; t < data.bars(); ++t) {
    out << mosaic::host::format_timestamp(data.ts[t]);
    for (size_t a = 0; a < data.assets(); ++a) {
      double x = data.series("close", a)[t];
      if (t > cut) x = last[a] * std::exp(step(rng));
      if (std::isfinite(x)) last[a] = x;
      out << ',';
      if (std::isfinite(x)) out << x;
    }
    out << '\n';
  }
}

// Every module in the build's plugin folder that reads prices, plus a weights producer
// when there is no portfolio module yet, so the weights path is covered too. Sentiment reads
// news, not prices: its at-or-after-timestamp rule has its own tests.
std::vector<std::string> libraries() {
  std::vector<std::string> libs;
  bool portfolio = false;
  for (const auto& e : fs::directory_iterator(MOSAIC_PLUGIN_DIR))
    if (e.path().extension() == ".so" && e.path().stem() != "sentiment") {
      libs.push_back(e.path().string());
      portfolio = portfolio || e.path().stem() == "portfolio";
    }
  if (!portfolio) libs.push_back("toy_weights");
  return libs;
}

bool same_bits(double a, double b) { return std::memcmp(&a, &b, sizeof a) == 0; }

// The run's weights backtested on its data. The price files hold closes only, so the opens
// are made from them: each a little above the close before it, so that an open after the
// cut changes with the closes as real data would.
mosaic::host::BacktestResult backtest(const mosaic::host::MarketData& data, const mosaic::host::RunResult& run,
                                      const mosaic::host::BacktestSettings& settings) {
  const auto weights = mosaic::host::run_weights(run.ports, data.bars(), data.assets());
  REQUIRE(weights);
  const auto& close = data.fields.at("close");
  std::vector<double> open(close.size(), NAN);
  for (size_t a = 0; a < data.assets(); ++a)
    for (size_t t = 1; t < data.bars(); ++t) open[a * data.bars() + t] = close[a * data.bars() + t - 1] * 1.001;
  return mosaic::host::run_backtest({data.bars(), data.assets(), close, weights->values, open}, settings);
}

// How many values of a backtest's series at bars <= cut differ between two runs.
size_t changed_up_to(const mosaic::host::BacktestResult& a, const mosaic::host::BacktestResult& b, size_t cut) {
  size_t changed = 0;
  for (const auto series : {&mosaic::host::BacktestResult::returns, &mosaic::host::BacktestResult::equity,
                             &mosaic::host::BacktestResult::drawdown, &mosaic::host::BacktestResult::turnover,
                             &mosaic::host::BacktestResult::gross})
    for (size_t t = 0; t <= cut; ++t) changed += same_bits((a.*series)[t], (b.*series)[t]) ? 0 : 1;
  for (size_t k = 0; k < a.assets; ++k)
    for (size_t t = 0; t <= cut; ++t) changed += same_bits(a.held[k * a.bars + t], b.held[k * a.bars + t]) ? 0 : 1;
  return changed;
}

}  // namespace

TEST_CASE("look-ahead: values at or before t do not depend on data after t, for every module") {
  mosaic_test::TempDir dir("lookahead");
  const auto data = mosaic::host::read_price_csv(fs::path(MOSAIC_DATA_DIR) / "spisector.csv");
  const fs::path original = dir / "original.csv";
  write_with_noise_after(data, data.bars(), 1, original);  // same data, same text format

  auto run_on = [&](const fs::path& prices) {
    auto h = std::make_unique<mosaic_test::Harness>(
        mosaic_test::HarnessOptions{.libraries = libraries(), .modules = std::vector<std::string>{}, .prices = prices});
    INFO(h->issues());
    REQUIRE(h->ok());
    auto result = h->run();
    return std::make_pair(std::move(h), std::move(result));
  };
  auto [base_h, base] = run_on(original);
  size_t module_ports = 0;
  for (const auto& [name, port] : base.ports) module_ports += port.producer != mosaic::host::kDataSource;
  INFO(mosaic_test::degraded_text(base));
  REQUIRE(module_ports >= 2);

  for (size_t cut : {size_t(300), size_t(1000), size_t(2000)}) {
    CAPTURE(cut);
    const fs::path noisy = dir / ("noisy_" + std::to_string(cut) + ".csv");
    write_with_noise_after(data, cut, 7 + static_cast<unsigned>(cut), noisy);
    auto [h, other] = run_on(noisy);
    for (const auto& [name, port] : base.ports) {
      if (port.producer == mosaic::host::kDataSource) continue;
      CAPTURE(name);
      REQUIRE(other.ports.contains(name));
      const auto& p2 = other.ports.at(name);
      mosaic::PanelView a(port.batch->schema(), port.batch->array(), name);
      mosaic::PanelView b(p2.batch->schema(), p2.batch->array(), name);
      size_t differ = 0, after = 0;
      for (size_t k = 0; k < a.assets(); ++k)
        for (size_t t = 0; t < a.rows(); ++t) {
          const bool same = same_bits(a.column(k)[t], b.column(k)[t]);
          if (t <= cut) differ += same ? 0 : 1;
          else after += same ? 0 : 1;
        }
      CHECK_MESSAGE(differ == 0, name << ": " << differ << " values at or before bar " << cut << " changed");
      // The noise does reach the module: it is not ignoring its input.
      CHECK_MESSAGE(after > 0, name << ": nothing after bar " << cut << " changed");
    }
    for (size_t delay : {size_t(0), size_t(1), size_t(5)})
      for (auto fill : {mosaic::host::Fill::Close, mosaic::host::Fill::NextOpen}) {
        CAPTURE(delay);
        CAPTURE(mosaic::host::fill_name(fill));
        mosaic::host::BacktestSettings settings;
        settings.cost_bps = 5;
        settings.delay = delay;
        settings.fill = fill;
        const auto a = backtest(base_h->data(), base, settings), b = backtest(h->data(), other, settings);
        CHECK(changed_up_to(a, b, cut) == 0);
        CHECK(a.equity.back() != b.equity.back());  // the noise reaches the backtest
      }
  }
}
