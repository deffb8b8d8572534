#include "host/pipeline/output_check.hpp"

#include <fmt/format.h>

namespace mosaic::host {

std::string check_panel_shape(const ArrowSchema* schema, const ArrowArray* array, const Shape& shape) {
  try {
    PanelView view(schema, array);
    if (view.rows() != shape.rows())
      return fmt::format("wrong length: {} rows, the run has {}", view.rows(), shape.rows());
    if (view.assets() != shape.assets())
      return fmt::format("wrong universe: {} assets, the run has {}", view.assets(), shape.assets());
    for (size_t a = 0; a < shape.assets(); ++a)
      if (view.ticker(a) != shape.tickers[a])
        return fmt::format("wrong universe: column {} is '{}', expected '{}'", a + 1, view.ticker(a), shape.tickers[a]);
    auto ts = view.ts();
    for (size_t i = 0; i < shape.rows(); ++i)
      if (ts[i] != shape.ts[i]) return fmt::format("wrong timestamps: row {} differs from the run's calendar", i);
    return {};
  } catch (const std::exception& e) {
    return e.what();
  }
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
