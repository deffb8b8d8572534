#pragma once

#include <filesystem>
#include <string>

namespace mosaic::host {

// The whole file as bytes; throws DataError (line 0, naming the path) when it is missing,
// a directory, or unreadable.
std::string read_text_file(const std::filesystem::path& file);

}  // namespace mosaic::host
