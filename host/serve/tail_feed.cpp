#include "host/serve/tail_feed.hpp"

#include "host/data/csv_tokenizer.hpp"
#include "host/data/data_error.hpp"
#include "host/data/price_csv.hpp"
#include "host/monitor/log.hpp"
#include "host/serve/replay_feed.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <thread>

namespace fs = std::filesystem;

namespace mosaic::host::serve {
namespace {

std::string read_range(const fs::path& file, uintmax_t from, uintmax_t to) {
  std::ifstream in(file, std::ios::binary);
  in.seekg(static_cast<std::streamoff>(from));
  std::string text(static_cast<size_t>(to - from), '\0');
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  text.resize(static_cast<size_t>(in.gcount()));
  return text;
}

// The message of a DataError without its "FILE:LINE: " prefix.
std::string bare_message(const DataError& e) {
  const std::string prefix = fmt::format("{}:{}: ", e.file, e.line);
  std::string what = e.what();
  return what.starts_with(prefix) ? what.substr(prefix.size()) : what;
}

}  // namespace

TailFeed::TailFeed(const fs::path& file, std::chrono::milliseconds quiet_flush, const PriceReadOptions& prices)
    : file_(file), quiet_flush_(quiet_flush), prices_(prices) {
  std::error_code ec;
  const uintmax_t size = fs::file_size(file, ec);
  if (ec) throw DataError(file.string(), 0, fmt::format("cannot follow: {}", ec.message()));
  const std::string text = read_range(file, 0, size);
  const size_t complete = text.rfind('\n');
  if (complete == std::string::npos) throw DataError(file.string(), 1, "no complete header line to follow");
  const std::string_view lines(text.data(), complete + 1);
  header_line_ = std::string(lines.substr(0, lines.find('\n')));
  CsvTokenizer csv(header_line_, file.string());
  CsvRecord record;
  csv.next(record);
  header_ = read_price_header(record, file.string());

  // The rows already written are history, read as a whole so a bad one stops start-up.
  offset_ = complete + 1;
  next_line_ = static_cast<size_t>(std::count(lines.begin(), lines.end(), '\n')) + 1;
  if (next_line_ > 2) {
    MarketData initial = parse_price_csv(lines, file.string(), prices_);
    // A long file's last date may still be being written: hold it back as pending.
    if (header_.layout == PriceLayout::Long && initial.bars() > 0) {
      pending_ts_ = initial.ts.back();
      hold(bar_values(initial, initial.bars() - 1));
      initial = initial.slice(0, initial.bars() - 1);
    }
    history_ = BarHistory(std::move(initial));
  }
  last_growth_ = std::chrono::steady_clock::now();
}

size_t TailFeed::poll(std::chrono::milliseconds wait) {
  const auto deadline = std::chrono::steady_clock::now() + wait;
  for (;;) {
    size_t added = read_new_lines();
    if (pending_ts_ && std::chrono::steady_clock::now() - last_growth_ >= quiet_flush_) added += commit_pending();
    if (added > 0 || std::chrono::steady_clock::now() >= deadline) return added;
    std::this_thread::sleep_for(std::min<std::chrono::steady_clock::duration>(
        std::chrono::milliseconds(5), deadline - std::chrono::steady_clock::now()));
  }
}

size_t TailFeed::read_new_lines() {
  std::error_code ec;
  const uintmax_t size = fs::file_size(file_, ec);
  if (ec || size <= offset_) {
    if (!ec && size < offset_ && size != reported_shrink_)
      log_warn("serve", fmt::format("{}: the file shrank from {} to {} bytes; waiting for it to grow past the rows "
                                    "already read (a rotated file is not followed)",
                                    file_.string(), offset_, size));
    if (!ec && size < offset_) reported_shrink_ = size;
    return 0;
  }
  const std::string text = read_range(file_, offset_, size);
  const size_t complete = text.rfind('\n');
  if (complete == std::string::npos) return 0;  // half a line so far
  last_growth_ = std::chrono::steady_clock::now();
  size_t added = 0;
  size_t start = 0;
  while (start <= complete) {
    const size_t end = text.find('\n', start);
    std::string_view line(text.data() + start, end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (!line.empty()) added += take_line(line, next_line_);
    ++next_line_;
    start = end + 1;
  }
  offset_ += complete + 1;
  return added;
}

size_t TailFeed::take_line(std::string_view line, size_t line_number) {
  MarketData row;
  try {
    row = parse_price_csv(header_line_ + "\n" + std::string(line) + "\n", file_.string(), prices_);
  } catch (const DataError& e) {
    ++skipped_;
    log_warn("serve", fmt::format("{}:{}: row skipped: {}", file_.string(), line_number, bare_message(e)));
    return 0;
  }
  const int64_t ts = row.ts.front();
  // Rows of the pending bar may still come; a committed bar is closed.
  if (pending_ts_ ? ts < *pending_ts_ : ts <= history_.last_ts()) {
    ++skipped_;
    log_warn("serve", fmt::format("{}:{}: row skipped: its time is not after the last bar's (rows must be appended "
                                  "in time order)",
                                  file_.string(), line_number));
    return 0;
  }
  size_t added = 0;
  if (pending_ts_ && ts > *pending_ts_) added += commit_pending();
  pending_ts_ = ts;
  hold(bar_values(row, 0));
  if (header_.layout == PriceLayout::Wide || has_every_known_close()) added += commit_pending();
  return added;
}

bool TailFeed::has_every_known_close() const {
  // A bar with a close for every ticker of the history is complete: no need to wait. A new
  // ticker does not count towards that.
  const auto close = pending_.find("close");
  if (close == pending_.end() || history_.assets() == 0) return false;
  for (const auto& ticker : history_.tickers())
    if (!close->second.contains(ticker)) return false;
  return true;
}

void TailFeed::hold(const BarValues& values) {
  // Only real values count towards a complete bar; a missing one is NaN in the bar anyway.
  for (const auto& [field, by_ticker] : values)
    for (const auto& [ticker, value] : by_ticker)
      if (!std::isnan(value)) pending_[field][ticker] = value;
}

size_t TailFeed::commit_pending() {
  if (!pending_ts_) return 0;
  history_.append(*pending_ts_, pending_);
  pending_ts_.reset();
  pending_.clear();
  return 1;
}

std::string TailFeed::describe() const {
  return fmt::format("tail of {} ({} bars so far, {} layout)", file_.string(), history_.bars(),
                     header_.layout == PriceLayout::Long ? "long" : "wide");
}

}  // namespace mosaic::host::serve
