#include "host/report/dated_csv.hpp"

#include "host/app/error.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <fstream>
#include <stdexcept>

namespace mosaic::host::report {
namespace {

std::vector<std::string> split(const std::string& line) {
  std::vector<std::string> cells;
  size_t at = 0;
  while (true) {
    const size_t comma = line.find(',', at);
    cells.push_back(line.substr(at, comma == std::string::npos ? std::string::npos : comma - at));
    if (comma == std::string::npos) return cells;
    at = comma + 1;
  }
}

bool parse_number(const std::string& cell, double& out) {
  if (cell.empty() || cell == "nan" || cell == "NaN") {
    out = NAN;
    return true;
  }
  if (cell == "inf") {
    out = INFINITY;
    return true;
  }
  if (cell == "-inf") {
    out = -INFINITY;
    return true;
  }
  const auto [end, ec] = std::from_chars(cell.data(), cell.data() + cell.size(), out);
  return ec == std::errc() && end == cell.data() + cell.size();
}

}  // namespace

const std::vector<double>& DatedCsv::column(const std::string& name) const {
  for (size_t i = 0; i < columns.size(); ++i)
    if (columns[i] == name) return values[i];
  throw app::Error(app::ErrorKind::Data, fmt::format("{}: expected a column '{}'", file.string(), name),
                   {.file = file.string(), .line = 1});
}

DatedCsv read_dated_csv(const std::filesystem::path& file) {
  std::ifstream in(file);
  if (!in)
    throw app::Error(app::ErrorKind::Data, fmt::format("{}: cannot read the file", file.string()),
                     {.file = file.string()});
  DatedCsv t;
  t.file = file;
  std::string line;
  size_t number = 0;
  auto fail = [&](const std::string& what) {
    throw app::Error(app::ErrorKind::Data, fmt::format("{}:{}: {}", file.string(), number, what),
                     {.file = file.string(), .line = number});
  };
  if (!std::getline(in, line)) {
    number = 1;
    fail("expected a header line: date, then one column per series");
  }
  ++number;
  if (!line.empty() && line.back() == '\r') line.pop_back();
  const std::vector<std::string> header = split(line);
  if (header.size() < 2 || header[0] != "date") fail("expected a header line: date, then one column per series");
  t.columns.assign(header.begin() + 1, header.end());
  t.values.resize(t.columns.size());
  while (std::getline(in, line)) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) continue;
    const std::vector<std::string> cells = split(line);
    if (cells.size() != header.size())
      fail(fmt::format("expected {} cells (a date and {} numbers), found {}", header.size(), t.columns.size(),
                       cells.size()));
    const std::string& d = cells[0];
    const bool date = d.size() >= 10 && d[4] == '-' && d[7] == '-' &&
                      std::all_of(d.begin(), d.begin() + 4, [](char c) { return c >= '0' && c <= '9'; });
    if (!date) fail(fmt::format("expected a date like 2024-01-31, found \"{}\"", d));
    t.dates.push_back(d);
    for (size_t c = 1; c < cells.size(); ++c) {
      double v;
      if (!parse_number(cells[c], v)) fail(fmt::format("column {}: expected a number, found \"{}\"", header[c], cells[c]));
      t.values[c - 1].push_back(v);
    }
  }
  return t;
}

}  // namespace mosaic::host::report
