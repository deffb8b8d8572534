#include "emit_spec.hpp"

#include <charconv>
#include <cmath>
#include <stdexcept>

namespace mosaic::technical {
namespace {

struct Kind {
  const char* name;
  Indicator indicator;
  size_t arity;
};
constexpr Kind kKinds[] = {{"sma", Indicator::Sma, 1},   {"ema", Indicator::Ema, 1},
                           {"rsi", Indicator::Rsi, 1},   {"macd", Indicator::Macd, 3},
                           {"bb", Indicator::Bollinger, 2}, {"atr", Indicator::Atr, 1},
                           {"roc", Indicator::Roc, 1},   {"zscore", Indicator::Zscore, 1}};

std::string trim(std::string s) {
  const auto b = s.find_first_not_of(" \t");
  if (b == std::string::npos) return {};
  return s.substr(b, s.find_last_not_of(" \t") - b + 1);
}

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> parts;
  size_t start = 0;
  for (size_t i = 0; i <= s.size(); ++i)
    if (i == s.size() || s[i] == sep) {
      parts.push_back(trim(s.substr(start, i - start)));
      start = i + 1;
    }
  return parts;
}

std::string number_text(double v) {
  std::string t = std::to_string(v);
  t.erase(t.find_last_not_of('0') + 1);
  if (!t.empty() && t.back() == '.') t.pop_back();
  return t;
}

[[noreturn]] void bad(const std::string& item, const std::string& why) {
  throw std::invalid_argument("emit: '" + item + "': " + why +
                              "; expected items like sma:20, ema:20, rsi:14, macd:12:26:9, bb:20:2, atr:14, roc:20, "
                              "zscore:20 separated by commas");
}

}  // namespace

std::vector<EmitRequest> parse_emit(const std::string& spec) {
  std::vector<EmitRequest> out;
  if (trim(spec).empty()) return out;
  for (const auto& item : split(spec, ',')) {
    if (item.empty()) bad(item, "empty item");
    auto parts = split(item, ':');
    const Kind* kind = nullptr;
    for (const auto& k : kKinds)
      if (parts[0] == k.name) kind = &k;
    if (!kind) bad(item, "unknown indicator '" + parts[0] + "'");
    if (parts.size() - 1 != kind->arity)
      bad(item, std::string(kind->name) + " takes " + std::to_string(kind->arity) + " argument(s)");
    EmitRequest r{kind->indicator, {}, {}};
    for (size_t i = 1; i < parts.size(); ++i) {
      double v = 0;
      auto [end, ec] = std::from_chars(parts[i].data(), parts[i].data() + parts[i].size(), v);
      if (ec != std::errc() || end != parts[i].data() + parts[i].size() || !std::isfinite(v))
        bad(item, "'" + parts[i] + "' is not a number");
      const bool is_width = kind->indicator == Indicator::Bollinger && i == 2;
      if (!is_width && (v != std::floor(v) || v < 1 || v > 10000)) bad(item, "periods are whole numbers in [1, 10000]");
      if (is_width && (v <= 0 || v > 10)) bad(item, "the band width k must be in (0, 10]");
      r.args.push_back(v);
      r.suffix += (r.suffix.empty() ? "" : "_") + number_text(v);
    }
    if (kind->indicator == Indicator::Macd && !(r.args[0] < r.args[1])) bad(item, "macd needs fast < slow");
    for (const auto& earlier : out)
      if (earlier.indicator == r.indicator && earlier.args == r.args) bad(item, "requested twice");
    out.push_back(std::move(r));
  }
  return out;
}

std::vector<std::string> port_names(const EmitRequest& r) {
  const std::string p = "technical.";
  const std::string s = "_" + r.suffix;
  switch (r.indicator) {
    case Indicator::Sma: return {p + "sma" + s};
    case Indicator::Ema: return {p + "ema" + s};
    case Indicator::Rsi: return {p + "rsi" + s};
    case Indicator::Macd: return {p + "macd" + s, p + "macd_signal" + s, p + "macd_hist" + s};
    case Indicator::Bollinger: return {p + "bb_upper" + s, p + "bb_middle" + s, p + "bb_lower" + s, p + "bb_pctb" + s};
    case Indicator::Atr: return {p + "atr" + s};
    case Indicator::Roc: return {p + "roc" + s};
    case Indicator::Zscore: return {p + "zscore" + s};
  }
  return {};
}

}  // namespace mosaic::technical
