// `mosaic modules check`: what a module author runs before publishing, and CI runs on every
// shipped module. Each check runs in a child process of its own, so a module that crashes,
// aborts or hangs fails that check and not the checker (clap-validator's model).
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace mosaic::host::check {

enum class Verdict { Pass, Fail, Skip };
const char* verdict_name(Verdict v);

struct CheckResult {
  std::string module;  // empty for the library-wide checks
  std::string check;   // e.g. "determinism"
  Verdict verdict = Verdict::Fail;
  std::string detail;  // why it failed or was skipped; what it measured when it passed
  double seconds = 0;
};

struct LibraryReport {
  std::filesystem::path library;
  std::vector<std::string> modules;
  std::vector<CheckResult> results;
  bool passed() const;
};

struct CheckOptions {
  double timeout_seconds = 60;  // per check; a child still running then is killed
  std::string only;             // one check by name; empty: all
};

// The checks, in the order they run.
const std::vector<std::string>& check_names();

// Runs every check on every module of `library`. Never throws for what the module does;
// std::invalid_argument for an unknown check name.
LibraryReport check_library(const std::filesystem::path& library, const CheckOptions& options = {});

}  // namespace mosaic::host::check
