// Checks a config's text before TOML++ sees it. The text must be UTF-8, and outside quoted
// strings and comments it must be ASCII: TOML 1.0 allows nothing else there (a key with
// other characters is written quoted), and TOML++ 3.3.0, Debian's, reaches undefined
// behaviour on some non-ASCII bare keys (upstream issue #295, fixed by PR #305).
#pragma once

#include <filesystem>
#include <string_view>

namespace mosaic::host {

// Throws ConfigError naming the file and line, and what was expected.
void check_toml_text(std::string_view text, const std::filesystem::path& file);

}  // namespace mosaic::host
