// News files: one article or headline per row, read into columns for the `news` port.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace mosaic::host {

// News items in timestamp order (stable: items with the same timestamp keep file order).
// Each vector has rows() entries; ticker and body are empty strings when the file has no
// such column or leaves the cell empty.
struct NewsTable {
  std::vector<int64_t> ts;  // ns since the epoch, UTC
  std::vector<std::string> ticker;
  std::vector<std::string> headline;
  std::vector<std::string> body;

  size_t rows() const { return ts.size(); }
};

// Reads an RFC 4180 news file. Columns are found by header name, case-insensitively:
//   time      required: ts, timestamp, date, datetime or time (the forms parse_timestamp takes)
//   headline  required
//   ticker    optional: ticker or symbol
//   body      optional
// Other columns (a topic, a source, ...) are ignored. Quoted fields may span lines. Rows
// need not be sorted; the table comes back sorted by time. Every problem throws DataError
// with the file, the line, and what was expected.
NewsTable read_news_csv(const std::filesystem::path& file);

// The same from text in memory; `file_label` names it in errors.
NewsTable parse_news_csv(std::string_view text, const std::string& file_label);

}  // namespace mosaic::host
