#include "arrays.hpp"

#include <mosaic/arrow.hpp>

#include <string_view>

namespace py = pybind11;

namespace mosaic::python {
namespace {

template <typename T>
py::array_t<T> read_only(py::array_t<T> a) {
  a.attr("setflags")(py::arg("write") = false);
  return a;
}

bool is_panel(const ArrowSchema* schema) {
  return schema->n_children > 0 && std::string_view(schema->children[0]->name) == "ts" &&
         std::string_view(schema->children[0]->format).rfind("tsn:", 0) == 0;
}

py::dict panel_arrays(const PanelView& p, const py::capsule& owner) {
  py::list columns, values;
  for (size_t a = 0; a < p.assets(); ++a) {
    columns.append(std::string(p.ticker(a)));
    values.append(view(p.column(a), owner));
  }
  py::dict d;
  d["kind"] = "panel";
  d["ts"] = view(p.ts(), owner);
  d["columns"] = columns;
  d["values"] = values;
  return d;
}

py::dict table_arrays(const ArrowSchema* schema, const TableView& t, const py::capsule& owner) {
  py::list columns, values;
  const auto names = t.column_names();
  for (size_t c = 0; c < names.size(); ++c) {
    const std::string_view format = schema->children[c]->format;
    columns.append(names[c]);
    if (format == kFloat64Format) {
      values.append(view(t.float64s(names[c]), owner));
    } else if (format == kInt64Format || format.rfind("tsn:", 0) == 0) {
      values.append(view(t.int64s(names[c]), owner));
    } else {
      py::list texts;
      for (size_t r = 0; r < t.rows(); ++r) texts.append(std::string(t.string(names[c], r)));
      values.append(texts);
    }
  }
  py::dict d;
  d["kind"] = "table";
  d["columns"] = columns;
  d["values"] = values;
  return d;
}

}  // namespace

py::capsule keep_alive(std::shared_ptr<const void> owner) {
  return py::capsule(new std::shared_ptr<const void>(std::move(owner)),
                     [](void* p) { delete static_cast<std::shared_ptr<const void>*>(p); });
}

py::array_t<double> view(std::span<const double> values, const py::capsule& owner) {
  return read_only(py::array_t<double>({values.size()}, {sizeof(double)}, values.data(), owner));
}

py::array_t<int64_t> view(std::span<const int64_t> values, const py::capsule& owner) {
  return read_only(py::array_t<int64_t>({values.size()}, {sizeof(int64_t)}, values.data(), owner));
}

py::array_t<double> view_columns(std::span<const double> values, size_t rows, size_t columns,
                                 const py::capsule& owner) {
  return read_only(py::array_t<double>({rows, columns}, {sizeof(double), rows * sizeof(double)}, values.data(), owner));
}

py::dict port_arrays(const host::PortValue& port) {
  const py::capsule owner = keep_alive(port.batch);
  const ArrowSchema* schema = port.batch->schema();
  const ArrowArray* array = port.batch->array();
  if (is_panel(schema)) {
    try {
      return panel_arrays(PanelView(schema, array, port.name), owner);
    } catch (const mosaic::Error&) {
      // A table that happens to start with ts: read as a table below.
    }
  }
  return table_arrays(schema, TableView(schema, array, port.name), owner);
}

}  // namespace mosaic::python
