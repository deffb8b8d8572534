// The plugin lock file: the sha256 each module library must have, by file name. When a
// config names one ([plugins] lock), a library that differs from it, or is not in it, is
// refused. The format is sha256sum's, so `sha256sum -c` can check a folder against it:
//
//   # comments and blank lines are ignored
//   ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad  technical.so
#pragma once

#include <filesystem>
#include <map>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace mosaic::host {

// A lock file that cannot be used. what(): "FILE:LINE: MESSAGE" (no line when unknown).
struct LockError : std::runtime_error {
  LockError(const std::filesystem::path& file, size_t line, const std::string& message);
  std::filesystem::path file;
  size_t line;
};

struct LockEntry {
  std::string sha256;  // 64 lowercase hex digits
  size_t line = 0;
};

struct PluginLock {
  std::filesystem::path file;
  std::map<std::string, LockEntry> entries;  // by library file name, e.g. "technical.so"

  // Empty when the library `name` with digest `sha256` matches its entry; else why not.
  std::string refusal(const std::string& name, const std::string& sha256) const;
  // One warning per entry whose library is not among `files` (paths in the plugin folder).
  std::vector<std::string> missing(const std::vector<std::filesystem::path>& files,
                                   const std::filesystem::path& dir) const;
};

// Throws LockError with the line of the first malformed or repeated entry.
PluginLock parse_plugin_lock(std::string_view text, const std::filesystem::path& file);
// As parse_plugin_lock, from the file; refuses a lock file that others can write to,
// like the plugins it protects.
PluginLock read_plugin_lock(const std::filesystem::path& file);

// The file's text: `comment` as # lines, then "<sha256>  <name>" per entry in name order.
std::string format_plugin_lock(const std::map<std::string, std::string>& sha256_by_name, std::string_view comment);

}  // namespace mosaic::host
