#include "host/report/folder_files.hpp"

#include "host/app/error.hpp"

#include <fmt/format.h>

#include <cmath>
#include <fstream>
#include <sstream>

namespace mosaic::host::report {

std::string read_folder_file(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in)
    throw app::Error(app::ErrorKind::Data, fmt::format("{}: cannot read the file", file.string()),
                     {.file = file.string()});
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

nlohmann::json read_folder_json(const std::filesystem::path& file) {
  try {
    return nlohmann::json::parse(read_folder_file(file));
  } catch (const nlohmann::json::parse_error& e) {
    throw app::Error(app::ErrorKind::Data, fmt::format("{}: not JSON: {}", file.string(), e.what()),
                     {.file = file.string()});
  }
}

nlohmann::json chart_numbers(const std::vector<double>& v) {
  nlohmann::json out = nlohmann::json::array();
  for (double x : v) out.push_back(std::isfinite(x) ? nlohmann::json(x) : nlohmann::json());
  return out;
}

}  // namespace mosaic::host::report
