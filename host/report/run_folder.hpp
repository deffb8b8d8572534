// Where a command writes its results: --out DIR, else runs/<UTC time>-<command>/ under the
// working directory, never reusing an existing folder.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

namespace mosaic::host::report {

// Creates and returns the folder. Throws app::Error (Output) naming it when it cannot.
std::filesystem::path make_run_folder(const std::optional<std::filesystem::path>& out, const std::string& command);

// A new folder <root>/<UTC time>-<name>/ (with -2, -3, ... when taken), for a process that
// writes many (serve's re-optimizations). Throws app::Error (Output) as above.
std::filesystem::path make_run_folder_under(const std::filesystem::path& root, const std::string& name);

// Writes a whole text file; throws app::Error (Output) naming the file on failure.
void write_text_file(const std::filesystem::path& file, const std::string& text);

}  // namespace mosaic::host::report
