#include "host/config/config_error.hpp"

#include <fmt/format.h>

namespace mosaic::host {
namespace {
std::string compose(const std::string& file, size_t line, const std::string& key, const std::string& message) {
  std::string s = file.empty() ? std::string("config") : file;
  if (line > 0) s += fmt::format(":{}", line);
  s += ": ";
  if (!key.empty()) s += key + ": ";
  return s + message;
}
}  // namespace

ConfigError::ConfigError(std::string f, size_t l, std::string k, const std::string& message)
    : std::runtime_error(compose(f, l, k, message)), file(std::move(f)), line(l), key(std::move(k)) {}

}  // namespace mosaic::host
