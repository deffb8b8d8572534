#include "host/cli/progress_line.hpp"

#include <fmt/format.h>

#include <unistd.h>

#include <algorithm>
#include <cstdio>

namespace mosaic::host::cli {
namespace {

std::string duration(double seconds) {
  if (seconds < 60) return fmt::format("{:.0f}s", seconds);
  if (seconds < 3600) return fmt::format("{:.0f}m{:02.0f}s", std::floor(seconds / 60), std::fmod(seconds, 60));
  return fmt::format("{:.0f}h{:02.0f}m", std::floor(seconds / 3600), std::fmod(seconds / 60, 60));
}

}  // namespace

ProgressLine::ProgressLine(std::string label, std::string target)
    : label_(std::move(label)), target_(std::move(target)), tty_(isatty(fileno(stderr)) != 0) {}

void ProgressLine::update(const app::Progress& p) {
  if (!tty_ && last_print_ >= 0 && p.elapsed_seconds - last_print_ < 5) return;
  last_print_ = p.elapsed_seconds;
  const double rate = p.elapsed_seconds > 0 ? static_cast<double>(p.evaluated) / p.elapsed_seconds : 0;
  std::string line = fmt::format("{}{} evaluated, {:.0f}/s, best {} {}, {} elapsed", label_, p.evaluated, rate,
                                 target_, p.best ? fmt::format("{:.4g}", *p.best) : std::string("-"),
                                 duration(p.elapsed_seconds));
  if (p.seconds_left) line += fmt::format(", ~{} left", duration(*p.seconds_left));
  show(line);
}

void ProgressLine::measuring(size_t done, size_t total, double seconds) {
  // A short measurement (the default 1,000 strategies take about a second) says nothing.
  if (last_measuring_ < 0 && seconds < 1) return;
  if (!tty_ && last_measuring_ >= 0 && seconds - last_measuring_ < 5 && done < total) return;
  if (last_measuring_ < 0) finish();  // the search's last line stays
  last_measuring_ = seconds;
  const double rate = seconds > 0 ? static_cast<double>(done) / seconds : 0;
  std::string line = fmt::format("{}measuring out of sample: {} of {} strategies, {:.0f}/s, {} elapsed", label_, done,
                                 total, rate, duration(seconds));
  if (done < total && rate > 0) line += fmt::format(", ~{} left", duration(static_cast<double>(total - done) / rate));
  show(line);
}

void ProgressLine::show(const std::string& line) {
  if (tty_) {
    const size_t pad = width_ > line.size() ? width_ - line.size() : 0;
    width_ = line.size();
    fmt::print(stderr, "\r{}{}", line, std::string(pad, ' '));
  } else {
    fmt::print(stderr, "{}\n", line);
  }
  std::fflush(stderr);
}

void ProgressLine::finish() {
  if (tty_ && width_ > 0) fmt::print(stderr, "\n");
  width_ = 0;
}

}  // namespace mosaic::host::cli
