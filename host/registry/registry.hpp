// Resolves a pipeline's contracts against each other: unique names, dependency ranges,
// producers for every input, layouts, and an acyclic order to run them in.
#pragma once

#include "host/registry/contract_info.hpp"

#include <map>
#include <string>
#include <vector>

namespace mosaic::host {

struct Candidate {
  const ContractInfo* contract = nullptr;
  std::string origin;  // where it came from, e.g. the library file
};

struct ResolveIssue {
  std::string module;   // the module the problem belongs to ("" for the pipeline)
  std::string message;  // one line, naming module, versions and port
};

struct Resolution {
  std::vector<std::string> order;  // every module, dependencies first
  std::vector<ResolveIssue> issues;
  bool ok() const { return issues.empty(); }
};

// `data_ports` are the ports the data source provides, with their layouts.
Resolution resolve(const std::vector<Candidate>& modules, const std::map<std::string, int32_t>& data_ports);

// The producer name used for ports that come from the data source.
inline constexpr const char* kDataSource = "data";

}  // namespace mosaic::host
