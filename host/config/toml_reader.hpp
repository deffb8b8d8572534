// Reads typed values out of a parsed TOML document, failing with ConfigError at the node's
// line, so every config error names the file, line and key.
#pragma once

#include "host/config/config_error.hpp"

#include <fmt/format.h>
#include <toml++/toml.h>

#include <cstdint>
#include <filesystem>
#include <set>
#include <string>

namespace mosaic::host {

class TomlReader {
 public:
  explicit TomlReader(const std::filesystem::path& file) : file_(file.string()), dir_(file.parent_path()) {}

  [[noreturn]] void fail(const toml::node& node, const std::string& key, const std::string& message) const {
    throw ConfigError(file_, node.source().begin.line, key, message);
  }

  void only_keys(const toml::table& t, const std::string& prefix, const std::set<std::string>& allowed) const {
    for (auto&& [k, v] : t) {
      if (allowed.count(std::string(k.str()))) continue;
      std::string list;
      for (const auto& a : allowed) list += (list.empty() ? "" : ", ") + a;
      fail(v, prefix + std::string(k.str()), fmt::format("unknown key; expected one of: {}", list));
    }
  }

  const toml::table* table(const toml::table& parent, const std::string& key, const std::string& full) const {
    const toml::node* n = parent.get(key);
    if (!n) return nullptr;
    if (!n->is_table()) fail(*n, full, fmt::format("expected a table, found {}", type_name(*n)));
    return n->as_table();
  }

  std::string string(const toml::node& n, const std::string& key) const {
    if (!n.is_string()) fail(n, key, fmt::format("expected a string, found {}", type_name(n)));
    return n.as_string()->get();
  }

  std::filesystem::path path(const toml::node& n, const std::string& key) const {
    std::filesystem::path p = string(n, key);
    if (p.empty()) fail(n, key, "expected a non-empty path");
    return p.is_absolute() ? p : (dir_ / p).lexically_normal();
  }

  double number(const toml::node& n, const std::string& key) const {
    if (n.is_integer()) return static_cast<double>(n.as_integer()->get());
    if (n.is_floating_point()) return n.as_floating_point()->get();
    fail(n, key, fmt::format("expected a number, found {}", type_name(n)));
  }

  int64_t integer(const toml::node& n, const std::string& key, int64_t min, int64_t max) const {
    if (!n.is_integer() || n.as_integer()->get() < min || n.as_integer()->get() > max)
      fail(n, key, fmt::format("expected an integer in [{}, {}], found {}", min, max,
                               n.is_integer() ? std::to_string(n.as_integer()->get()) : type_name(n)));
    return n.as_integer()->get();
  }

  static std::string type_name(const toml::node& n) {
    switch (n.type()) {
      case toml::node_type::string: return "a string";
      case toml::node_type::integer: return "an integer";
      case toml::node_type::floating_point: return "a float";
      case toml::node_type::boolean: return "a boolean";
      case toml::node_type::table: return "a table";
      case toml::node_type::array: return "an array";
      default: return "a date/time";
    }
  }

  const std::string& file() const { return file_; }

 private:
  std::string file_;
  std::filesystem::path dir_;
};

}  // namespace mosaic::host
