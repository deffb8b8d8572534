#include "host/cli/paths.hpp"

namespace fs = std::filesystem;

namespace mosaic::host::cli {

fs::path executable_dir() {
  std::error_code ec;
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  return ec ? fs::current_path() : exe.parent_path();
}

fs::path default_config() {
  // The source tree for a build, else the copy an install puts beside the executable.
  std::error_code ec;
  fs::path source = fs::path(MOSAIC_SOURCE_DIR) / "examples" / "default.toml";
  if (fs::is_regular_file(source, ec)) return source;
  return executable_dir().parent_path() / MOSAIC_DATA_SUBDIR / "examples" / "default.toml";
}

fs::path default_data_dir() {
  std::error_code ec;
  fs::path source = fs::path(MOSAIC_SOURCE_DIR) / "data";
  if (fs::is_directory(source, ec)) return source;
  return executable_dir().parent_path() / MOSAIC_DATA_SUBDIR / "data";
}

fs::path default_plugin_dir() {
  // The build tree and an install share the layout bin/mosaic + lib/mosaic/plugins.
  std::error_code ec;
  fs::path beside = executable_dir().parent_path() / MOSAIC_PLUGIN_SUBDIR;
  if (fs::is_directory(beside, ec)) return beside;
  return fs::path(MOSAIC_INSTALL_PLUGIN_DIR);
}

}  // namespace mosaic::host::cli
