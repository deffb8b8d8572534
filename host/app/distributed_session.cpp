#include "host/app/distributed_session.hpp"

#include "host/app/error.hpp"
#include "host/config/config_error.hpp"
#include "host/loader/sha256.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <iterator>
#include <map>

namespace mosaic::host::app {
namespace {

std::string read_bytes(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw Error(ErrorKind::Data, fmt::format("{}: cannot be read again to send to the other ranks", file.string()),
                       {.file = file.string()});
  return std::string(std::istreambuf_iterator<char>(in), {});
}

std::filesystem::path write_bytes(const std::filesystem::path& dir, const std::string& name, const std::string& bytes) {
  std::filesystem::create_directories(dir);
  const auto file = dir / name;
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (!out) throw Error(ErrorKind::Output, fmt::format("{}: cannot write the data received from rank 0", file.string()),
                        {.file = file.string()});
  return file;
}

}  // namespace

SessionBytes session_bytes(const Session& s) {
  SessionBytes b;
  b.config_text = s.config.text;
  b.config_path = s.config.file.string();
  b.prices = read_bytes(s.config.prices);
  b.prices_name = s.config.prices.filename().string();
  if (s.config.news) b.news = read_bytes(*s.config.news);
  b.plugin_dir = std::filesystem::absolute(s.plugin_dir).string();
  return b;
}

std::unique_ptr<Session> open_session_from(const SessionBytes& bytes, const std::filesystem::path& scratch) {
  // The config as rank 0 read it, its paths resolved against rank 0's config path, then
  // pointed at the copies written here.
  Config parsed;
  try {
    parsed = parse_config(bytes.config_text, bytes.config_path);
  } catch (const ConfigError& e) {
    throw Error(ErrorKind::Config, e.what(), {.file = bytes.config_path});
  }
  SessionSpec spec;
  spec.data = write_bytes(scratch / "data", bytes.prices_name, bytes.prices);
  spec.plugins = bytes.plugin_dir;
  if (bytes.news) parsed.news = write_bytes(scratch / "data", "news.csv", *bytes.news);
  return open_session_on_config(std::move(parsed), spec);
}

std::vector<PluginIdentity> plugin_identities(const Session& s) {
  std::vector<PluginIdentity> out;
  for (const auto& lib : s.assembly.scan.libraries) {
    const mosaic_version v = lib->abi_version();
    out.push_back({lib->file().filename().string(), sha256_file(lib->file()), fmt::format("{}.{}.{}", v.major, v.minor, v.patch)});
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
  return out;
}

std::string compare_plugins(const std::vector<PluginIdentity>& a, const std::string& a_name,
                            const std::vector<PluginIdentity>& b, const std::string& b_name) {
  std::map<std::string, const PluginIdentity*> by_name;
  for (const auto& p : b) by_name[p.name] = &p;
  for (const auto& p : a) {
    auto it = by_name.find(p.name);
    if (it == by_name.end()) return fmt::format("{}: loaded {}, not {}", p.name, a_name, b_name);
    if (it->second->sha256 != p.sha256)
      return fmt::format("{}: sha256 {} {}, {} {}", p.name, p.sha256, a_name, it->second->sha256, b_name);
    if (it->second->abi != p.abi) return fmt::format("{}: ABI {} {}, {} {}", p.name, p.abi, a_name, it->second->abi, b_name);
    by_name.erase(it);
  }
  if (!by_name.empty()) return fmt::format("{}: loaded {}, not {}", by_name.begin()->first, b_name, a_name);
  return "";
}

}  // namespace mosaic::host::app
