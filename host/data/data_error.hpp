#pragma once

#include <cstddef>
#include <stdexcept>
#include <string>

namespace mosaic::host {

// A problem in an input file, located precisely enough that a user can open the file and fix
// it: what() reads "FILE:LINE: message", or "FILE: message" when the whole file is at fault.
struct DataError : std::runtime_error {
  std::string file;
  size_t line;  // 1-based; 0 = the whole file (missing, unreadable, empty)

  DataError(std::string file, size_t line, const std::string& message);
};

}  // namespace mosaic::host
