#include "signal_weights.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace mosaic::portfolio {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

std::string_view bare(std::string_view source) {
  constexpr std::string_view prefix = "signal.";
  if (source.substr(0, prefix.size()) == prefix) source.remove_prefix(prefix.size());
  return source;
}

bool valid_name(std::string_view name) {
  if (name.empty()) return false;
  for (char ch : name)
    if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == '_' ||
          ch == '-' || ch == '.'))
      return false;
  return true;
}

}  // namespace

std::vector<std::pair<std::string, double>> SignalWeights::parse(std::string_view spec) {
  std::vector<std::pair<std::string, double>> out;
  if (trim(spec).empty()) return out;
  size_t at = 0;
  while (at <= spec.size()) {
    const size_t comma = std::min(spec.find(',', at), spec.size());
    const std::string_view item = trim(spec.substr(at, comma - at));
    at = comma + 1;
    const std::string where = "signal_weights: item '" + std::string(item) + "'";
    const size_t colon = item.find(':');
    if (colon == std::string_view::npos)
      throw std::invalid_argument(where + ": expected source:weight, e.g. \"technical:1,sentiment:0.5\"");
    const std::string_view name = bare(trim(item.substr(0, colon)));
    const std::string_view number = trim(item.substr(colon + 1));
    if (!valid_name(name))
      throw std::invalid_argument(where + ": the source name must be letters, digits, '_', '-' or '.'");
    double w = std::numeric_limits<double>::quiet_NaN();
    const auto [end, ec] = std::from_chars(number.data(), number.data() + number.size(), w);
    if (ec != std::errc() || end != number.data() + number.size() || !std::isfinite(w) || w < 0.0)
      throw std::invalid_argument(where + ": the weight must be a finite number >= 0");
    for (const auto& [known, unused] : out)
      if (known == name) throw std::invalid_argument(where + ": source '" + known + "' is named twice");
    out.emplace_back(std::string(name), w);
  }
  return out;
}

double SignalWeights::weight(std::string_view source) const {
  const std::string_view name = bare(source);
  for (const auto& [n, w] : named)
    if (n == name) return w;
  if (name == "technical") return technical;
  if (name == "sentiment") return sentiment;
  return other;
}

double blend_at(std::span<const SignalSource> sources, size_t asset, size_t t) {
  double num = 0.0, den = 0.0;
  for (const auto& s : sources) {
    if (!(s.weight > 0.0)) continue;
    const double x = s.columns[asset][t];
    if (!std::isfinite(x)) continue;
    num += s.weight * x;
    den += s.weight;
  }
  return den > 0.0 ? num / den : std::numeric_limits<double>::quiet_NaN();
}

}  // namespace mosaic::portfolio
