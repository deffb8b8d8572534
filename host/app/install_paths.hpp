// Where the engine finds what ships with it when a caller names nothing: the bundled
// example config, the sample data and the plugin folder, in a build tree or an install.
#pragma once

#include <filesystem>

namespace mosaic::host::app {

std::filesystem::path executable_dir();
// The source tree's examples/default.toml, else the installed share/mosaic/examples/default.toml.
std::filesystem::path default_config();
// The source tree's data/, else the installed share/mosaic/data.
std::filesystem::path default_data_dir();
// <exe>/../lib/mosaic/plugins (build tree or install), else the configured install folder.
std::filesystem::path default_plugin_dir();

// Offers the bundled data folder to modules (mosaic.ext.data_dir/1). Called by every entry
// that loads modules; the first call decides.
void offer_bundled_data_dir();

}  // namespace mosaic::host::app
