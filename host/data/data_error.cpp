#include "host/data/data_error.hpp"

#include <fmt/format.h>

namespace mosaic::host {

namespace {

std::string located(const std::string& file, size_t line, const std::string& message) {
  if (line == 0) return fmt::format("{}: {}", file, message);
  return fmt::format("{}:{}: {}", file, line, message);
}

}  // namespace

DataError::DataError(std::string file_, size_t line_, const std::string& message)
    : std::runtime_error(located(file_, line_, message)), file(std::move(file_)), line(line_) {}

}  // namespace mosaic::host
