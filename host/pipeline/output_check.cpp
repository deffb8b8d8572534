#include "host/pipeline/output_check.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace mosaic::host {

std::string check_panel_shape(const ArrowSchema* schema, const ArrowArray* array, const Shape& shape,
                              VerifiedTimelines* verified) {
  try {
    PanelView view(schema, array);
    if (view.rows() != shape.rows())
      return fmt::format("wrong length: {} rows, the run has {}", view.rows(), shape.rows());
    const bool aggregate = view.assets() == 1 && (view.ticker(0) == kMarketColumn || view.ticker(0) == kPortfolioColumn);
    if (!aggregate) {
      if (view.assets() != shape.assets())
        return fmt::format("wrong universe: {} assets, the run has {} (or one '{}'/'{}' column)", view.assets(),
                           shape.assets(), kMarketColumn, kPortfolioColumn);
      for (size_t a = 0; a < shape.assets(); ++a)
        if (view.ticker(a) != shape.tickers[a])
          return fmt::format("wrong universe: column {} is '{}', expected '{}'", a + 1, view.ticker(a), shape.tickers[a]);
    }
    // One memcmp-backed comparison for the common case; the row is found only on a mismatch.
    auto ts = view.ts();
    if (verified && std::find(verified->begin(), verified->end(), ts.data()) != verified->end()) return {};
    if (std::equal(ts.begin(), ts.end(), shape.ts.begin())) {
      if (verified) verified->push_back(ts.data());
      return {};
    }
    const auto row = std::mismatch(ts.begin(), ts.end(), shape.ts.begin()).first - ts.begin();
    return fmt::format("wrong timestamps: row {} differs from the run's calendar", row);
  } catch (const std::exception& e) {
    return e.what();
  }
}

VerifiedTimelines timelines_on_shape(const std::map<std::string, PortValue>& ports, const Shape& shape) {
  VerifiedTimelines on;
  // A table, or a panel off the shape, adds nothing: its outputs are compared as before.
  for (const auto& [name, port] : ports) check_panel_shape(port.batch->schema(), port.batch->array(), shape, &on);
  return on;
}

std::string check_table(const ArrowSchema* schema, const ArrowArray* array) {
  if (!schema || !array || !schema->format || std::string_view(schema->format) != "+s")
    return "a table must be a struct array ('+s')";
  if (schema->n_children != array->n_children) return "schema and array disagree on the number of columns";
  for (int64_t i = 0; i < array->n_children; ++i)
    if (array->children[i]->length < array->length + array->offset)
      return fmt::format("column {} is shorter than the table", i);
  return {};
}

}  // namespace mosaic::host
