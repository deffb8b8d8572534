#include "host/report/plugin_lock_file.hpp"

#include "host/app/error.hpp"
#include "host/loader/file_permissions.hpp"
#include "host/loader/plugin_lock.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <fstream>

namespace fs = std::filesystem;

namespace mosaic::host::report {
namespace {

void write_atomically(const fs::path& file, const std::string& text) {
  fs::path tmp = file;
  tmp += fmt::format(".tmp{}", ::getpid());
  std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
  out << text;
  out.close();
  std::error_code ec;
  if (out) fs::permissions(tmp, fs::perms(0644), ec);
  if (out && !ec) fs::rename(tmp, file, ec);
  if (!out || ec) {
    fs::remove(tmp, ec);
    throw app::Error(app::ErrorKind::Output,
                     fmt::format("{}: cannot write the plugin lock{}", file.string(),
                                 ec ? ": " + ec.message() : std::string()),
                     {.file = file.string()});
  }
}

}  // namespace

void write_plugin_lock(const app::LockPlan& plan) {
  const fs::path shown_dir = fs::absolute(plan.dir).lexically_normal();
  write_atomically(plan.file, format_plugin_lock(plan.sha256_by_name,
                                                 fmt::format("Mosaic plugin lock: the sha256 of each module library "
                                                             "in {}.\n"
                                                             "Written by `mosaic plugins lock`. Check by hand with:\n"
                                                             "  cd {} && sha256sum -c {}",
                                                             shown_dir.string(), shell_word(shown_dir.string()),
                                                             shell_word(plan.file.string()))));
}

std::string plugin_lock_text(const app::LockPlan& plan) {
  const auto& hashes = plan.sha256_by_name;
  std::string out = fmt::format("wrote {}: {} librar{} in {}\n", plan.file.string(), hashes.size(),
                                hashes.size() == 1 ? "y" : "ies", fs::absolute(plan.dir).lexically_normal().string());
  for (const auto& [name, sha256] : hashes) out += fmt::format("  {}  {}\n", sha256, name);
  const auto& config = plan.config;
  if (!config || config->plugin_lock != plan.file) {
    std::string where;  // as a TOML basic string
    for (char c : config ? plan.file.lexically_relative(config->file.parent_path()).string() : plan.file.string())
      where += c == '"' || c == '\\' ? std::string{'\\', c} : std::string{c};
    out += fmt::format("to use it, add to {}:\n  [plugins]\n  lock = \"{}\"\n",
                       config ? config->file.string() : "your config", where);
  }
  return out;
}

}  // namespace mosaic::host::report
