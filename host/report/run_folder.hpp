// Where a command writes its results: --out DIR, else runs/<UTC time>-<command>/ under the
// working directory, never reusing an existing folder.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

namespace mosaic::host::report {

// Creates and returns the folder. Throws app::Error (Output) naming it when it cannot.
std::filesystem::path make_run_folder(const std::optional<std::filesystem::path>& out, const std::string& command);

// Writes a whole text file; throws app::Error (Output) naming the file on failure.
void write_text_file(const std::filesystem::path& file, const std::string& text);

}  // namespace mosaic::host::report
