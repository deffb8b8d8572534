#include "host/report/dated_csv.hpp"

#include "host/app/error.hpp"
#include "host/report/csv_rows.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace mosaic::host::report {

const std::vector<double>& DatedCsv::column(const std::string& name) const {
  for (size_t i = 0; i < columns.size(); ++i)
    if (columns[i] == name) return values[i];
  throw app::Error(app::ErrorKind::Data, fmt::format("{}: expected a column '{}'", file.string(), name),
                   {.file = file.string(), .line = 1});
}

DatedCsv read_dated_csv(const std::filesystem::path& file) {
  const CsvRows rows = read_csv_rows(file);
  if (rows.header.size() < 2 || rows.header[0] != "date")
    throw app::Error(app::ErrorKind::Data,
                     fmt::format("{}:1: expected a header line: date, then one column per series", file.string()),
                     {.file = file.string(), .line = 1});
  DatedCsv t;
  t.file = file;
  t.columns.assign(rows.header.begin() + 1, rows.header.end());
  t.values.resize(t.columns.size());
  for (size_t r = 0; r < rows.rows.size(); ++r) {
    const std::string& d = rows.rows[r][0];
    const bool date = d.size() >= 10 && d[4] == '-' && d[7] == '-' &&
                      std::all_of(d.begin(), d.begin() + 4, [](char c) { return c >= '0' && c <= '9'; });
    if (!date)
      throw app::Error(app::ErrorKind::Data,
                       fmt::format("{}:{}: expected a date like 2024-01-31, found \"{}\"", file.string(),
                                   rows.lines[r], d),
                       {.file = file.string(), .line = rows.lines[r]});
    t.dates.push_back(d);
    for (size_t c = 1; c < rows.header.size(); ++c) t.values[c - 1].push_back(rows.number(r, c));
  }
  return t;
}

}  // namespace mosaic::host::report
