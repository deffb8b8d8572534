// OpenSSH's StrictModes, for plugins: a plugin folder or library that someone other than
// the current user (or root) can change could slip their code into the host, so the
// loader refuses it and says how to fix it.
#pragma once

#include <filesystem>
#include <string>

namespace mosaic::host {

// Empty when `path` (followed through symlinks) is owned by the current user or root and
// is neither group- nor world-writable. Otherwise the problem and its fix, written to
// follow the path in a message ("PATH: " + problem):
//   bad permissions: the folder is writable by group and others (mode 0777); chmod go-w plugins
std::string permission_problem(const std::filesystem::path& path);

// `text` as one shell word: unchanged when it is plain, else single-quoted.
std::string shell_word(const std::string& text);

}  // namespace mosaic::host
