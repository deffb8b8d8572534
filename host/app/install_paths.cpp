#include "host/app/install_paths.hpp"

#include "host/loader/host_services.hpp"

#include <mutex>

namespace fs = std::filesystem;

namespace mosaic::host::app {

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

void offer_bundled_data_dir() {
  // The data folder is read by modules without a lock, so it is written once, before any loads.
  static std::once_flag once;
  std::call_once(once, [] { set_host_data_dir(default_data_dir().string()); });
}

}  // namespace mosaic::host::app
