// Writes a port as CSV: a panel wide (ts, then one column per ticker), a table as is.
#pragma once

#include "host/data/port_value.hpp"

#include <filesystem>

namespace mosaic::host::report {

// Missing values are written as empty fields; timestamps as ISO dates or times.
void write_port_csv(const PortValue& port, const std::filesystem::path& file);

}  // namespace mosaic::host::report
