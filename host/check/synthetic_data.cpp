#include "host/check/synthetic_data.hpp"

#include "host/data/price_header.hpp"

#include "host/loader/host_services.hpp"
#include "host/pipeline/market_ports.hpp"
#include "host/pipeline/news_port.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace mosaic::host::check {
namespace {

constexpr int64_t kDay = int64_t{86400} * 1000000000;
constexpr int64_t kStart = int64_t{1704153600} * 1000000000;  // 2024-01-02

// A small deterministic generator, so a shape's data never changes between runs.
struct Lcg {
  uint64_t s;
  double uniform() {
    s = s * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<double>(s >> 11) / 9007199254740992.0;
  }
};

bool is_market(const std::string& name) {
  const auto& fields = price_field_names();
  return std::find(fields.begin(), fields.end(), name) != fields.end();
}

}  // namespace

const std::vector<ShapeSpec>& synthetic_shapes() {
  static const std::vector<ShapeSpec> shapes = {
      {"1 asset, 300 bars", 300, 1, false, false}, {"5 assets, 300 bars", 300, 5, false, false},
      {"3 assets with gaps", 300, 3, true, false}, {"3 assets with a 40-bar NaN run", 300, 3, false, true},
      {"2 assets, 1 bar", 1, 2, false, false},     {"2 assets, 0 bars", 0, 2, false, false},
  };
  return shapes;
}

const ShapeSpec& standard_shape() { return synthetic_shapes()[1]; }

SyntheticData::SyntheticData(const ContractInfo& contract, const ShapeSpec& spec) : declared_(contract.inputs) {
  const size_t n = spec.bars, p = spec.assets;
  Lcg rng{0x5eed0000ULL + n * 31 + p};
  for (size_t t = 0; t < n; ++t) market_.ts.push_back(kStart + static_cast<int64_t>(t) * kDay);
  for (size_t a = 0; a < p; ++a) market_.tickers.push_back(fmt::format("SYN{}", a + 1));
  for (std::string_view f : price_field_names()) market_.fields[std::string(f)].assign(n * p, NAN);
  for (size_t a = 0; a < p; ++a) {
    double close = 50.0 + 25.0 * static_cast<double>(a);
    for (size_t t = 0; t < n; ++t) {
      const double open = close * (1.0 + 0.004 * (rng.uniform() - 0.5));
      close = open * (1.0 + 0.03 * (rng.uniform() - 0.5));
      const size_t i = a * n + t;
      market_.fields["open"][i] = open;
      market_.fields["close"][i] = close;
      market_.fields["high"][i] = std::max(open, close) * (1.0 + 0.01 * rng.uniform());
      market_.fields["low"][i] = std::min(open, close) * (1.0 - 0.01 * rng.uniform());
      market_.fields["volume"][i] = std::floor(1e5 + 1e6 * rng.uniform());
      const bool gap = spec.gaps && t > 0 && (t * 7 + a * 3) % 23 == 0;
      const bool run = spec.nan_run && a == 1 && t >= n / 3 && t < n / 3 + 40;
      if (gap || run)
        for (std::string_view f : price_field_names()) market_.fields[std::string(f)][i] = NAN;
    }
  }
  for (const auto& in : contract.inputs) {
    if (in.layout == MOSAIC_LAYOUT_TABLE) {
      if (in.name == "news") {
        wants_news_ = true;
      } else if (in.required) {
        unsupported_ = fmt::format("input '{}' is a table the checker cannot make up data for", in.name);
      }
      continue;
    }
    if (is_market(in.name)) {
      market_fields_.push_back(in.name);
    } else if (in.is_pattern()) {
      const std::string port = in.name.substr(0, in.name.size() - 1) + "check";
      panels_[port] = random_panel(p, -1.0, 1.0, std::hash<std::string>{}(port));
    } else if (in.required) {
      panels_[in.name] = random_panel(p, 0.0, 1.0, std::hash<std::string>{}(in.name));
    }
  }
  // News: a few items a day, some for no asset of the universe, in time order.
  const char* const headlines[] = {"Profits surge on strong demand", "Shares plunge after weak guidance",
                                   "Company announces new product", "Regulator opens an investigation",
                                   "Analysts upgrade the stock :)"};
  for (size_t t = 0; t < n; ++t)
    for (size_t k = 0; k < 2; ++k) {
      news_.ts.push_back(market_.ts[t] + static_cast<int64_t>(k + 1) * 3600 * 1000000000LL);
      const size_t a = static_cast<size_t>(rng.uniform() * static_cast<double>(p + 1));
      news_.ticker.push_back(a < p ? market_.tickers[a] : "OTHER");
      news_.headline.push_back(headlines[(t + k) % 5]);
      news_.body.push_back("");
    }
}

std::vector<double> SyntheticData::random_panel(size_t assets, double lo, double hi, uint64_t seed) const {
  Lcg rng{seed | 1};
  const size_t n = market_.bars();
  std::vector<double> v(n * assets);
  for (auto& x : v) x = lo + (hi - lo) * rng.uniform();
  return v;
}

Shape SyntheticData::shape(size_t end) const {
  Shape s;
  s.ts.assign(market_.ts.begin(), market_.ts.begin() + static_cast<std::ptrdiff_t>(end));
  s.tickers = market_.tickers;
  return s;
}

std::map<std::string, PortValue> SyntheticData::ports(size_t end, bool extra) const {
  const MarketData cut = market_.slice(0, end);
  std::map<std::string, PortValue> out;
  for (auto& [name, port] : market_ports(cut))
    if (extra || std::find(market_fields_.begin(), market_fields_.end(), name) != market_fields_.end())
      out[name] = port;
  const Shape s = shape(end);
  auto panel = [&](const std::string& name, const std::vector<double>& values) {
    PanelWriter w(host_services(), s);
    const size_t n = market_.bars();
    for (size_t a = 0; a < s.assets(); ++a)
      std::copy_n(values.begin() + static_cast<std::ptrdiff_t>(a * n), end, w.column(a).begin());
    ArrowSchema schema{};
    ArrowArray array{};
    w.release_into(&schema, &array);
    out[name] = PortValue{name, "data", std::make_shared<ArrowBatch>(&schema, &array), 1.0};
  };
  for (const auto& [name, values] : panels_) panel(name, values);
  if (wants_news_ || extra) {
    NewsTable upto;
    const int64_t last = end > 0 ? market_.ts[end - 1] : INT64_MIN;
    for (size_t i = 0; i < news_.rows() && news_.ts[i] <= last; ++i) {
      upto.ts.push_back(news_.ts[i]);
      upto.ticker.push_back(news_.ticker[i]);
      upto.headline.push_back(news_.headline[i]);
      upto.body.push_back(news_.body[i]);
    }
    out["news"] = news_port(upto);
  }
  if (extra) {
    const auto noise = random_panel(s.assets(), -1.0, 1.0, 0xbadULL);
    panel("signal.undeclared_by_module", noise);
    panel("check.undeclared", noise);
    // Only ports the module did not ask for: one a declared pattern takes is its to read.
    for (auto it = out.begin(); it != out.end();) {
      const bool declared = std::any_of(declared_.begin(), declared_.end(), [&](const PortInfo& d) {
        return d.name == it->first || d.matches(it->first);
      });
      const bool fed = std::find(market_fields_.begin(), market_fields_.end(), it->first) != market_fields_.end() ||
                       panels_.contains(it->first) || (it->first == "news" && wants_news_);
      it = declared && !fed ? out.erase(it) : std::next(it);
    }
  }
  return out;
}

}  // namespace mosaic::host::check
