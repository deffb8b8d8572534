// The run folder's own CSV files read back (equity.csv, benchmark.csv, weights.csv): a date
// column, then numeric columns, as the folder writers lay them out. `mosaic report` rebuilds
// report.html from these, so a folder that was moved or mailed still renders.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace mosaic::host::report {

struct DatedCsv {
  std::filesystem::path file;
  std::vector<std::string> columns;          // after the date column
  std::vector<std::string> dates;            // as written (YYYY-MM-DD or with a time)
  std::vector<std::vector<double>> values;   // one vector per column, one value per date
  // Throws app::Error (Data) naming the file and the column when there is none.
  const std::vector<double>& column(const std::string& name) const;
};

// Throws app::Error (Data) naming the file and line of a row that is not a date (YYYY-MM-DD,
// maybe with a time) followed by one number per column (empty, nan, inf and -inf are read
// as such).
DatedCsv read_dated_csv(const std::filesystem::path& file);

}  // namespace mosaic::host::report
