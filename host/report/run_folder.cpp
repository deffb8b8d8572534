#include "host/report/run_folder.hpp"

#include "host/app/error.hpp"

#include <fmt/chrono.h>
#include <fmt/format.h>

#include <chrono>
#include <fstream>

namespace fs = std::filesystem;

namespace mosaic::host::report {

namespace {

fs::path create_folder(const fs::path& dir, bool from_out) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec || !fs::is_directory(dir))
    throw app::Error(app::ErrorKind::Output,
                     fmt::format("{}{}: cannot create the folder: {}", from_out ? "--out " : "", dir.string(),
                                 ec ? ec.message() : "a file is in the way"),
                     {.file = dir.string()});
  return dir;
}

}  // namespace

fs::path make_run_folder_under(const fs::path& root, const std::string& name) {
  const auto now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
  const std::string stamp = fmt::format("{:%Y%m%d-%H%M%S}", now);
  std::error_code ec;
  fs::path dir = root / fmt::format("{}-{}", stamp, name);
  for (int i = 2; fs::exists(dir, ec); ++i) dir = root / fmt::format("{}-{}-{}", stamp, name, i);
  return create_folder(dir, false);
}

fs::path make_run_folder(const std::optional<fs::path>& out, const std::string& command) {
  return out ? create_folder(*out, true) : make_run_folder_under("runs", command);
}

void write_text_file(const fs::path& file, const std::string& text) {
  std::ofstream out(file, std::ios::binary);
  out << text;
  out.close();
  if (!out) throw app::Error(app::ErrorKind::Output, fmt::format("cannot write {}", file.string()), {.file = file.string()});
}

}  // namespace mosaic::host::report
