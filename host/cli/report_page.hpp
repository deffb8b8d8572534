// report.html after a command has written its folder. The command's results stand without
// the page, so a page that cannot be built is a warning on stderr, not a failure.
#pragma once

#include <filesystem>
#include <string>

namespace mosaic::host::cli {

// The page's path, or "" (after the warning) when it was not written.
std::string write_report_page(const std::string& command, const std::filesystem::path& folder);

}  // namespace mosaic::host::cli
