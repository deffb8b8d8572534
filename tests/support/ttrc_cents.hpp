#pragma once
// data/ttrc.csv's closes twice over: as exact integer cents, for exact arithmetic on the moving
// averages and the returns, and as the doubles the module sees (strtod of the same text, as the
// host reads it); and its opens as cents, for a fill at the open.

#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace mosaic_test {

struct CentSeries {
  std::vector<std::string> dates;
  std::vector<int64_t> cents;  // closes
  std::vector<double> close;
  std::vector<int64_t> open_cents;

  size_t index_of(const std::string& date) const {
    for (size_t i = 0; i < dates.size(); ++i)
      if (dates[i] == date) return i;
    throw std::runtime_error("no bar dated " + date);
  }
};

// "12.3" -> 1230; throws unless the text is a non-negative number with at most two decimals.
inline int64_t parse_cents(const std::string& text) {
  const size_t dot = text.find('.');
  const std::string whole = text.substr(0, dot);
  std::string frac = dot == std::string::npos ? "" : text.substr(dot + 1);
  if (whole.empty() || frac.size() > 2 || whole.find_first_not_of("0123456789") != std::string::npos ||
      frac.find_first_not_of("0123456789") != std::string::npos)
    throw std::runtime_error("not a whole number of cents: '" + text + "'");
  frac.resize(2, '0');
  return std::stoll(whole) * 100 + std::stoll(frac);
}

inline const CentSeries& ttrc() {
  static const CentSeries series = [] {
    const std::string path = MOSAIC_DATA_DIR "/ttrc.csv";
    std::ifstream in(path);
    if (!in) throw std::runtime_error("cannot open " + path);
    CentSeries s;
    std::string line;
    std::getline(in, line);  // date,ticker,open,high,low,close,volume
    while (std::getline(in, line)) {
      std::vector<std::string> fields;
      std::stringstream ss(line);
      for (std::string f; std::getline(ss, f, ',');) fields.push_back(f);
      if (fields.size() != 7) throw std::runtime_error(path + ": expected 7 fields in '" + line + "'");
      s.dates.push_back(fields[0]);
      s.cents.push_back(parse_cents(fields[5]));
      s.open_cents.push_back(parse_cents(fields[2]));
      s.close.push_back(std::strtod(fields[5].c_str(), nullptr));
    }
    return s;
  }();
  return series;
}

// Running totals: prefix[t] = cents[0] + ... + cents[t-1], so a window sum is exact.
inline std::vector<int64_t> prefix_sums(const std::vector<int64_t>& cents) {
  std::vector<int64_t> prefix(cents.size() + 1, 0);
  for (size_t i = 0; i < cents.size(); ++i) prefix[i + 1] = prefix[i] + cents[i];
  return prefix;
}

// The exact sign of SMA_fast - SMA_slow at bar t >= slow - 1: the averages compared as
// fractions, sum_fast / fast vs sum_slow / slow, cross-multiplied in integers.
inline int exact_crossover_sign(const std::vector<int64_t>& prefix, size_t t, int fast, int slow) {
  const int64_t sum_fast = prefix[t + 1] - prefix[t + 1 - static_cast<size_t>(fast)];
  const int64_t sum_slow = prefix[t + 1] - prefix[t + 1 - static_cast<size_t>(slow)];
  const int64_t lhs = sum_fast * slow, rhs = sum_slow * fast;
  return lhs > rhs ? 1 : (lhs < rhs ? -1 : 0);
}

}  // namespace mosaic_test
