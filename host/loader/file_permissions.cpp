#include "host/loader/file_permissions.hpp"

#include <fmt/format.h>
#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <vector>

namespace mosaic::host {
namespace {

std::string user_name(uid_t uid) {
  const passwd* pw = ::getpwuid(uid);
  return pw ? pw->pw_name : std::to_string(uid);
}

std::string join(const std::vector<std::string>& parts, const char* glue) {
  std::string s;
  for (const auto& p : parts) s += (s.empty() ? "" : glue) + p;
  return s;
}

}  // namespace

std::string shell_word(const std::string& text) {
  const bool plain = !text.empty() && text.find_first_not_of(
                                          "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                          "0123456789_./+-,:@%=") == std::string::npos;
  if (plain) return text;
  std::string quoted = "'";
  for (char c : text) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return quoted + "'";
}

std::string permission_problem(const std::filesystem::path& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0)
    return fmt::format("cannot check ownership and permissions: {}", std::strerror(errno));
  const std::string what = S_ISDIR(st.st_mode) ? "the folder" : "the file";
  const std::string where = shell_word(path.string());
  const uid_t me = ::getuid();
  std::vector<std::string> problems, fixes;
  const bool bad_owner = st.st_uid != me && st.st_uid != 0;
  const bool group = st.st_mode & S_IWGRP, others = st.st_mode & S_IWOTH;
  const bool writable = group || others;
  if (bad_owner) {
    problems.push_back(me == 0 ? fmt::format("owned by uid {} ({}), not by root", st.st_uid, user_name(st.st_uid))
                               : fmt::format("owned by uid {} ({}), not by you ({}) or root", st.st_uid,
                                             user_name(st.st_uid), user_name(me)));
    fixes.push_back(fmt::format("{}chown {} {}", me == 0 ? "" : "sudo ", shell_word(user_name(me)), where));
  }
  if (writable) {
    problems.push_back(fmt::format("writable by {} (mode {:04o})",
                                   group && others ? "group and others"
                                   : group         ? "group"
                                                   : "others",
                                   st.st_mode & 07777));
    fixes.push_back(fmt::format("chmod {}-w {}", group && others ? "go" : group ? "g" : "o", where));
  }
  if (problems.empty()) return {};
  const char* label = bad_owner && writable ? "bad ownership and permissions"
                      : bad_owner           ? "bad ownership"
                                            : "bad permissions";
  return fmt::format("{}: {} is {}; {}", label, what, join(problems, ", and "), join(fixes, " && "));
}

}  // namespace mosaic::host
