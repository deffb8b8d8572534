// A CSV file of the run folders read back as text cells (results.csv, out_of_sample.csv,
// pbo_logits.csv): a header, then rows of the same width. Cells may be quoted as RFC 4180
// says ("a, b" and "say ""x"""); a row is one line.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace mosaic::host::report {

struct CsvRows {
  std::filesystem::path file;
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  std::vector<size_t> lines;  // each row's line in the file
  // The index of a column; throws app::Error (Data) naming the file and the column.
  size_t column(const std::string& name) const;
  bool has(const std::string& name) const;
  // The cell as a number: NaN when empty; throws app::Error (Data) naming file, line and
  // column when it is not a number.
  double number(size_t row, size_t column) const;
};

// Throws app::Error (Data) naming the file and line of a row of another width, or of an
// unterminated quote.
CsvRows read_csv_rows(const std::filesystem::path& file);

}  // namespace mosaic::host::report
