// The plugin folder as `modules list` and `modules test` show it: contracts as a table,
// as text in detail and as JSON, and the self-test verdicts.
#pragma once

#include "host/app/plugin_catalog.hpp"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace mosaic::host::report {

nlohmann::json contract_json(const ContractInfo& c, const Library& lib);
std::string contract_text(const ContractInfo& c, const Library& lib);
// One line per module: version, role, port and parameter counts, library.
std::string modules_table(const std::vector<app::CatalogModule>& modules);
// The ports the data source offers every module: each price field the file has, and news.
std::string data_ports_text();
nlohmann::json data_ports_json();

std::string self_test_table(const std::vector<app::SelfTestResult>& results);
nlohmann::json self_test_json(const std::vector<app::SelfTestResult>& results);

}  // namespace mosaic::host::report
