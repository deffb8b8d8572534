#include "host/loader/plugin_lock.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <set>
#include <sstream>

#include "host/loader/file_permissions.hpp"

namespace fs = std::filesystem;

namespace mosaic::host {
namespace {

std::string compose(const fs::path& file, size_t line, const std::string& message) {
  return line > 0 ? fmt::format("{}:{}: {}", file.string(), line, message)
                  : fmt::format("{}: {}", file.string(), message);
}

bool is_hex_digest(std::string_view s) {
  return s.size() == 64 &&
         std::all_of(s.begin(), s.end(), [](char c) { return std::isxdigit(static_cast<unsigned char>(c)); });
}

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

constexpr const char* kExpected = "expected '<64 hex digits of sha256>  <library file name>'";

}  // namespace

LockError::LockError(const fs::path& f, size_t l, const std::string& message)
    : std::runtime_error(compose(f, l, message)), file(f), line(l) {}

std::string PluginLock::refusal(const std::string& name, const std::string& sha256) const {
  auto it = entries.find(name);
  if (it == entries.end())
    return fmt::format("not in the plugin lock {} (its sha256 is {}); if you trust it, run `mosaic plugins lock` again",
                       file.string(), sha256);
  if (it->second.sha256 != sha256)
    return fmt::format("sha256 differs from the plugin lock {}:{}: expected {}, found {}", file.string(),
                       it->second.line, it->second.sha256, sha256);
  return {};
}

std::vector<std::string> PluginLock::missing(const std::vector<fs::path>& files, const fs::path& dir) const {
  std::set<std::string> present;
  for (const auto& f : files) present.insert(f.filename().string());
  std::vector<std::string> warnings;
  for (const auto& [name, entry] : entries)
    if (!present.count(name))
      warnings.push_back(
          compose(file, entry.line, fmt::format("{} is in the plugin lock but not in {}", name, dir.string())));
  return warnings;
}

PluginLock parse_plugin_lock(std::string_view text, const fs::path& file) {
  PluginLock lock;
  lock.file = file;
  std::istringstream in{std::string(text)};
  size_t number = 0;
  for (std::string line; std::getline(in, line);) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    const size_t first = line.find_first_not_of(" \t");
    if (first == std::string::npos || line[first] == '#') continue;
    // sha256sum writes "<hex>  <name>" (text mode) or "<hex> *<name>" (binary mode).
    const bool shaped = line.size() > 66 && is_hex_digest(std::string_view(line).substr(0, 64)) && line[64] == ' ' &&
                        (line[65] == ' ' || line[65] == '*');
    if (!shaped) throw LockError(file, number, fmt::format("{}, found '{}'", kExpected, line));
    const std::string name = line.substr(66);
    if (name.find('/') != std::string::npos || name == "." || name == "..")
      throw LockError(file, number, fmt::format("expected a library file name without a folder, found '{}'", name));
    auto [it, fresh] = lock.entries.emplace(name, LockEntry{lower(line.substr(0, 64)), number});
    if (!fresh)
      throw LockError(file, number, fmt::format("'{}' is listed twice (first on line {})", name, it->second.line));
  }
  return lock;
}

PluginLock read_plugin_lock(const fs::path& file) {
  std::error_code ec;
  if (!fs::is_regular_file(file, ec))
    throw LockError(file, 0, "expected a plugin lock file, found none; write one with `mosaic plugins lock`");
  if (std::string why = permission_problem(file); !why.empty()) throw LockError(file, 0, why);
  std::ifstream in(file, std::ios::binary);
  if (!in) throw LockError(file, 0, fmt::format("cannot read the plugin lock: {}", std::strerror(errno)));
  std::stringstream ss;
  ss << in.rdbuf();
  return parse_plugin_lock(ss.str(), file);
}

std::string format_plugin_lock(const std::map<std::string, std::string>& sha256_by_name, std::string_view comment) {
  std::string out;
  std::istringstream lines{std::string(comment)};
  for (std::string line; std::getline(lines, line);) out += line.empty() ? "#\n" : "# " + line + "\n";
  for (const auto& [name, sha256] : sha256_by_name) out += fmt::format("{}  {}\n", sha256, name);
  return out;
}

}  // namespace mosaic::host
