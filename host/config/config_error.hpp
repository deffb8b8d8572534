// A problem in a config file, located by file, line and key.
#pragma once

#include <stdexcept>
#include <string>

namespace mosaic::host {

struct ConfigError : std::runtime_error {
  // what(): "FILE:LINE: KEY: MESSAGE" (parts that are unknown are left out).
  ConfigError(std::string file, size_t line, std::string key, const std::string& message);
  std::string file;
  size_t line;
  std::string key;
};

}  // namespace mosaic::host
