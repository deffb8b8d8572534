// Where `mosaic` finds its bundled config and its plugins when not told.
#pragma once

#include <filesystem>

namespace mosaic::host::cli {

std::filesystem::path executable_dir();
// The bundled example config: the source tree's examples/default.toml, else the
// installed share/mosaic/examples/default.toml.
std::filesystem::path default_config();
// The bundled data: the source tree's data/, else the installed share/mosaic/data.
std::filesystem::path default_data_dir();
// <exe>/../lib/mosaic/plugins (build tree or install), else the configured install folder.
std::filesystem::path default_plugin_dir();

}  // namespace mosaic::host::cli
