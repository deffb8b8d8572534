// A session for a process that has no files of its own: an MPI worker rank, which gets rank
// 0's config text and data bytes over the wire, and the identities of the plugins each rank
// loaded, which must match rank 0's before any evaluation.
#pragma once

#include "host/app/session.hpp"

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace mosaic::host::app {

struct SessionBytes {
  std::string config_text;
  std::string config_path;  // rank 0's, for the config's relative keys and for messages
  std::string prices;       // the price file's bytes
  std::string prices_name;  // its file name, for messages
  std::optional<std::string> news;
  std::string plugin_dir;  // as rank 0 resolved it: plugins are installed at the same place on every node
};

// Rank 0's side: what a worker needs to open the same session. Throws app::Error (Data)
// when a file cannot be read again.
SessionBytes session_bytes(const Session& s);

// A worker's side: the data written into `scratch` (a folder of its own), then opened as
// open_session would open rank 0's files. Throws what open_session throws.
std::unique_ptr<Session> open_session_from(const SessionBytes& bytes, const std::filesystem::path& scratch);

struct PluginIdentity {
  std::string name;    // the library's file name
  std::string sha256;
  std::string abi;     // "1.1.0"
  bool operator==(const PluginIdentity&) const = default;
};

// The libraries the session loaded, sorted by name.
std::vector<PluginIdentity> plugin_identities(const Session& s);

// "" when the two sets are equal; else the first difference, naming the library and both
// sides by their names ("technical.so: sha256 ab12… on rank 2, cd34… on rank 0").
std::string compare_plugins(const std::vector<PluginIdentity>& a, const std::string& a_name,
                            const std::vector<PluginIdentity>& b, const std::string& b_name);

}  // namespace mosaic::host::app
