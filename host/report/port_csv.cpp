#include "host/report/port_csv.hpp"

#include "host/data/timestamp.hpp"

#include <mosaic/arrow.hpp>

#include <fmt/format.h>
#include <fmt/os.h>

#include <cmath>

namespace mosaic::host::report {
namespace {

std::string csv_field(std::string_view s) {
  if (s.find_first_of(",\"\n\r") == std::string_view::npos) return std::string(s);
  std::string q = "\"";
  for (char c : s) {
    if (c == '"') q += '"';
    q += c;
  }
  return q + "\"";
}

std::string number(double v) { return std::isfinite(v) ? fmt::format("{}", v) : std::string(); }

void write_panel(const PanelView& p, fmt::ostream& out) {
  out.print("ts");
  for (size_t a = 0; a < p.assets(); ++a) out.print(",{}", csv_field(p.ticker(a)));
  out.print("\n");
  auto ts = p.ts();
  for (size_t r = 0; r < p.rows(); ++r) {
    out.print("{}", format_timestamp(ts[r]));
    for (size_t a = 0; a < p.assets(); ++a) out.print(",{}", number(p.column(a)[r]));
    out.print("\n");
  }
}

void write_table(const ArrowSchema* schema, const TableView& t, fmt::ostream& out) {
  auto names = t.column_names();
  for (size_t c = 0; c < names.size(); ++c) out.print("{}{}", c ? "," : "", csv_field(names[c]));
  out.print("\n");
  for (size_t r = 0; r < t.rows(); ++r) {
    for (size_t c = 0; c < names.size(); ++c) {
      std::string_view format = schema->children[c]->format;
      std::string cell;
      if (format == kUtf8Format) cell = csv_field(t.string(names[c], r));
      else if (format == kFloat64Format) cell = number(t.float64s(names[c])[r]);
      else if (format.rfind("tsn:", 0) == 0) cell = format_timestamp(t.int64s(names[c])[r]);
      else if (format == kInt64Format) cell = std::to_string(t.int64s(names[c])[r]);
      out.print("{}{}", c ? "," : "", cell);
    }
    out.print("\n");
  }
}

}  // namespace

void write_port_csv(const PortValue& port, const std::filesystem::path& file) {
  auto out = fmt::output_file(file.string());
  const ArrowSchema* schema = port.batch->schema();
  const ArrowArray* array = port.batch->array();
  bool panel = schema->n_children > 0 && schema->children[0]->name == std::string_view("ts") &&
               std::string_view(schema->children[0]->format).rfind("tsn:", 0) == 0;
  if (panel) {
    try {
      write_panel(PanelView(schema, array, port.name), out);
      return;
    } catch (const mosaic::Error&) {
      // A table that happens to start with ts; written as a table below.
    }
  }
  write_table(schema, TableView(schema, array, port.name), out);
}

}  // namespace mosaic::host::report
