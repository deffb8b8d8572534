#include "host/serve/mapped_libraries.hpp"

#include <fstream>
#include <string>

namespace mosaic::host::serve {

bool is_mapped(const std::filesystem::path& file) {
  std::ifstream maps("/proc/self/maps");
  const std::string wanted = file.string();
  std::string line;
  while (std::getline(maps, line)) {
    // The path is the last field; a deleted file shows as "PATH (deleted)".
    const auto slash = line.find('/');
    if (slash == std::string::npos) continue;
    std::string_view path(line.c_str() + slash, line.size() - slash);
    if (path == wanted || path == wanted + " (deleted)") return true;
  }
  return false;
}

}  // namespace mosaic::host::serve
