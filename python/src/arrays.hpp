// numpy arrays over the engine's memory, without a copy: each holds the engine object that
// owns its values (a run's outcome, a port's Arrow batch, the session's data) until numpy
// lets the array go, so the array stays valid after the session is closed. Read-only, since
// other results share the same memory.
#pragma once

#include "host/app/run.hpp"  // a run's ports (PortValue)

#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>

#include <cstdint>
#include <memory>
#include <span>

namespace mosaic::python {

// A capsule that keeps `owner` alive.
pybind11::capsule keep_alive(std::shared_ptr<const void> owner);

pybind11::array_t<double> view(std::span<const double> values, const pybind11::capsule& owner);
pybind11::array_t<int64_t> view(std::span<const int64_t> values, const pybind11::capsule& owner);
// A rows x columns view of column-major values (column c at values[c * rows]).
pybind11::array_t<double> view_columns(std::span<const double> values, size_t rows, size_t columns,
                                       const pybind11::capsule& owner);

// A port as a dict: a panel {"kind": "panel", "ts", "columns", "values": [one view per
// asset]}; a table {"kind": "table", "columns", "values": [a view per number column, a
// list of str per text column]}.
pybind11::dict port_arrays(const host::PortValue& port);

}  // namespace mosaic::python
