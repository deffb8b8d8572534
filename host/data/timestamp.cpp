#include "host/data/timestamp.hpp"

#include <limits>

#include <date/date.h>
#include <fmt/format.h>

namespace mosaic::host {

namespace {

constexpr int64_t kNanosPerSecond = 1'000'000'000;

// Exactly `count` ASCII digits at `pos`: fixed-width fields are what ISO 8601 promises, and
// being strict keeps "2020-1-5" from meaning something by accident.
bool read_digits(std::string_view s, size_t pos, size_t count, int& out) {
  if (pos + count > s.size()) return false;
  int value = 0;
  for (size_t i = pos; i < pos + count; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    value = value * 10 + (s[i] - '0');
  }
  out = value;
  return true;
}

bool is_char(std::string_view s, size_t pos, char c) { return pos < s.size() && s[pos] == c; }

std::optional<int64_t> parse_date_seconds(std::string_view s) {
  int y = 0, m = 0, d = 0;
  if (!read_digits(s, 0, 4, y) || !is_char(s, 4, '-') || !read_digits(s, 5, 2, m) ||
      !is_char(s, 7, '-') || !read_digits(s, 8, 2, d))
    return std::nullopt;
  const date::year_month_day ymd{date::year{y}, date::month{static_cast<unsigned>(m)},
                                 date::day{static_cast<unsigned>(d)}};
  if (!ymd.ok()) return std::nullopt;
  return int64_t{date::sys_days{ymd}.time_since_epoch().count()} * 86'400;
}

// Parses "HH:MM[:SS[.f...]]" from `pos`, advancing it; returns seconds and sets `nanos`.
std::optional<int64_t> parse_time_of_day(std::string_view s, size_t& pos, int64_t& nanos) {
  int h = 0, mi = 0, sec = 0;
  if (!read_digits(s, pos, 2, h) || !is_char(s, pos + 2, ':') || !read_digits(s, pos + 3, 2, mi))
    return std::nullopt;
  pos += 5;
  if (is_char(s, pos, ':')) {
    if (!read_digits(s, pos + 1, 2, sec)) return std::nullopt;
    pos += 3;
    if (is_char(s, pos, '.')) {
      ++pos;
      int64_t scale = kNanosPerSecond;
      size_t digits = 0;
      for (; pos < s.size() && s[pos] >= '0' && s[pos] <= '9'; ++pos, ++digits) {
        if (digits == 9) return std::nullopt;  // finer than the nanoseconds we can store
        scale /= 10;
        nanos += (s[pos] - '0') * scale;
      }
      if (digits == 0) return std::nullopt;
    }
  }
  // Leap second 60 is rejected: the epoch count has no slot for it.
  if (h > 23 || mi > 59 || sec > 59) return std::nullopt;
  return int64_t{h} * 3600 + mi * 60 + sec;
}

// Parses the rest of the string as a zone; returns the offset east of UTC in seconds.
std::optional<int64_t> parse_zone(std::string_view s, size_t pos) {
  if (pos == s.size()) return 0;
  if ((s[pos] == 'Z' || s[pos] == 'z') && pos + 1 == s.size()) return 0;
  if (s[pos] != '+' && s[pos] != '-') return std::nullopt;
  int oh = 0, om = 0;
  if (pos + 6 != s.size() || !read_digits(s, pos + 1, 2, oh) || !is_char(s, pos + 3, ':') ||
      !read_digits(s, pos + 4, 2, om) || oh > 23 || om > 59)
    return std::nullopt;
  const int64_t offset = int64_t{oh} * 3600 + om * 60;
  return s[pos] == '-' ? -offset : offset;
}

}  // namespace

std::optional<int64_t> parse_timestamp(std::string_view s) {
  auto seconds = parse_date_seconds(s);
  if (!seconds) return std::nullopt;
  int64_t nanos = 0;
  if (s.size() > 10) {
    if (s[10] != 'T' && s[10] != 't' && s[10] != ' ') return std::nullopt;
    size_t pos = 11;
    const auto tod = parse_time_of_day(s, pos, nanos);
    if (!tod) return std::nullopt;
    const auto offset = parse_zone(s, pos);
    if (!offset) return std::nullopt;
    *seconds += *tod - *offset;
  }
  // 128 bits because the earliest representable instant only fits after adding the fraction.
  const __int128 total = static_cast<__int128>(*seconds) * kNanosPerSecond + nanos;
  if (total < std::numeric_limits<int64_t>::min() || total > std::numeric_limits<int64_t>::max())
    return std::nullopt;
  return static_cast<int64_t>(total);
}

std::string format_timestamp(int64_t ns) {
  // Split into whole days and a non-negative time of day with integer arithmetic: the
  // chrono route (instant - floor<days>(instant)) converts the day back to nanoseconds,
  // which overflows int64 on the first day of the range (1677-09-21).
  constexpr int64_t kNanosPerDay = 86'400 * kNanosPerSecond;
  int64_t days = ns / kNanosPerDay;
  int64_t since_midnight = ns % kNanosPerDay;
  if (since_midnight < 0) {
    since_midnight += kNanosPerDay;
    --days;
  }
  const date::year_month_day ymd{date::sys_days{date::days{static_cast<date::days::rep>(days)}}};
  const auto date_text =
      fmt::format("{:04}-{:02}-{:02}", static_cast<int>(ymd.year()),
                  static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
  if (since_midnight == 0) return date_text;

  const int64_t secs = since_midnight / kNanosPerSecond;
  const int64_t frac = since_midnight % kNanosPerSecond;
  std::string fraction;
  if (frac % 1'000'000 == 0 && frac != 0)
    fraction = fmt::format(".{:03}", frac / 1'000'000);
  else if (frac % 1'000 == 0 && frac != 0)
    fraction = fmt::format(".{:06}", frac / 1'000);
  else if (frac != 0)
    fraction = fmt::format(".{:09}", frac);
  return fmt::format("{}T{:02}:{:02}:{:02}{}Z", date_text, secs / 3600, secs / 60 % 60, secs % 60,
                     fraction);
}

}  // namespace mosaic::host
