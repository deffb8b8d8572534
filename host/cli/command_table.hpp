// The commands and flags of `mosaic`, in one table: what each command takes, its own
// --help, the global usage, and the bash completion script all come from here.
#pragma once

#include <string>
#include <vector>

namespace mosaic::host::cli {

struct CommandInfo {
  std::string name;
  std::string synopsis;  // after "mosaic NAME", e.g. "[NAME]" or "A.toml B.toml"
  std::string summary;   // one or two sentences
  std::vector<std::string> flags;  // long names, without "--"
  std::vector<std::string> subcommands;  // e.g. list, test, bench
  bool positional = false;  // takes words after the command (a subcommand, a name, files)
};

const std::vector<CommandInfo>& commands();
const CommandInfo* find_command(const std::string& name);

// Every command and flag at a glance; printed by `mosaic --help` and after usage errors.
std::string usage();
// `mosaic NAME --help`: the command's synopsis, what it does, and only its flags.
std::string command_usage(const CommandInfo& c);
// `mosaic --version`: the version, the module ABI it hosts, and the build type.
std::string version_text();
// `mosaic completion bash`: a script for bash-completion, from this table.
std::string bash_completion();

}  // namespace mosaic::host::cli
