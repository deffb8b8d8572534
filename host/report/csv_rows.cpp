#include "host/report/csv_rows.hpp"

#include "host/app/error.hpp"

#include <fmt/format.h>

#include <charconv>
#include <cmath>
#include <fstream>

namespace mosaic::host::report {
namespace {

[[noreturn]] void fail(const std::filesystem::path& file, size_t line, const std::string& what) {
  throw app::Error(app::ErrorKind::Data, fmt::format("{}:{}: {}", file.string(), line, what),
                   {.file = file.string(), .line = line});
}

std::vector<std::string> split(const std::filesystem::path& file, size_t line, const std::string& text) {
  std::vector<std::string> cells(1);
  bool quoted = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') cells.back() += '"', ++i;
      else if (c == '"') quoted = false;
      else cells.back() += c;
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      cells.emplace_back();
    } else {
      cells.back() += c;
    }
  }
  if (quoted) fail(file, line, "a quoted cell does not end on its line");
  return cells;
}

}  // namespace

size_t CsvRows::column(const std::string& name) const {
  for (size_t i = 0; i < header.size(); ++i)
    if (header[i] == name) return i;
  fail(file, 1, fmt::format("expected a column '{}'", name));
}

bool CsvRows::has(const std::string& name) const {
  for (const auto& h : header)
    if (h == name) return true;
  return false;
}

double CsvRows::number(size_t row, size_t column) const {
  const std::string& cell = rows[row][column];
  if (cell.empty() || cell == "nan" || cell == "NaN") return NAN;
  if (cell == "inf") return INFINITY;
  if (cell == "-inf") return -INFINITY;
  double v = 0;
  const auto [end, ec] = std::from_chars(cell.data(), cell.data() + cell.size(), v);
  if (ec != std::errc() || end != cell.data() + cell.size())
    fail(file, lines[row], fmt::format("column {}: expected a number, found \"{}\"", header[column], cell));
  return v;
}

CsvRows read_csv_rows(const std::filesystem::path& file) {
  std::ifstream in(file);
  if (!in)
    throw app::Error(app::ErrorKind::Data, fmt::format("{}: cannot read the file", file.string()),
                     {.file = file.string()});
  CsvRows t;
  t.file = file;
  std::string line;
  size_t number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) continue;
    auto cells = split(file, number, line);
    if (t.header.empty()) {
      t.header = std::move(cells);
      continue;
    }
    if (cells.size() != t.header.size())
      fail(file, number, fmt::format("expected {} cells, as in the header, found {}", t.header.size(), cells.size()));
    t.rows.push_back(std::move(cells));
    t.lines.push_back(number);
  }
  if (t.header.empty()) fail(file, 1, "expected a header line");
  return t;
}

}  // namespace mosaic::host::report
