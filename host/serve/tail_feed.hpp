// Follows a price CSV that another program appends to, as `tail -f` does. The rows already
// in the file are the history. Only complete lines (ending in a newline) are read. In a
// wide file every line is a bar. In a long file (one row per date and ticker) a date's bar
// is complete when a row of a later date arrives, when it has a value for every known
// ticker, or when the file has been quiet for `quiet_flush`. A bad row is logged with its
// file and line and skipped: the feed goes on.
#pragma once

#include "host/data/price_csv.hpp"

#include "host/data/price_header.hpp"
#include "host/serve/bar_feed.hpp"

#include <filesystem>
#include <optional>

namespace mosaic::host::serve {

class TailFeed final : public BarFeed {
 public:
  explicit TailFeed(const std::filesystem::path& file,
                    std::chrono::milliseconds quiet_flush = std::chrono::milliseconds(1000),
                    const PriceReadOptions& prices = {});
  size_t poll(std::chrono::milliseconds wait) override;
  std::string describe() const override;

  size_t skipped_rows() const { return skipped_; }

 private:
  size_t read_new_lines();  // bars committed
  size_t take_line(std::string_view line, size_t line_number);
  void hold(const BarValues& values);
  bool has_every_known_close() const;
  size_t commit_pending();

  std::filesystem::path file_;
  std::chrono::milliseconds quiet_flush_;
  PriceReadOptions prices_;
  std::string header_line_;
  PriceHeader header_;
  uintmax_t offset_ = 0;   // bytes consumed: always at a line start
  size_t next_line_ = 1;   // the number of the line at offset_
  std::optional<int64_t> pending_ts_;
  BarValues pending_;
  std::chrono::steady_clock::time_point last_growth_;
  size_t skipped_ = 0;
  uintmax_t reported_shrink_ = UINTMAX_MAX;  // the size last warned about, to warn once
};

}  // namespace mosaic::host::serve
