// The chart library of report.html: plotly.js as Debian's python3-plotly installs it (MIT),
// read from its installed path at report time and inlined, so the report opens offline.
// The 8.7 MB script goes in gzip-compressed and base64-encoded (about 2.5 MB) and the page
// unpacks it with the browser's DecompressionStream before drawing.
#pragma once

#include <filesystem>
#include <string>

namespace mosaic::host::report {

// Where the library is read from (MOSAIC_PLOTLY_JS at build time).
std::filesystem::path chart_library_path();

// The library as the page carries it: gzip, then base64. Throws app::Error (Output) naming
// the file and the Debian package when it cannot be read. Packed once per machine, not per
// report: see packed_library_cached.
std::string packed_chart_library();

// The packed form of `source`, kept in `cache_dir` under a name made of the source's size
// and modification time, so that packing (about 0.2 s of a report's writing) happens once
// per installed library rather than once per report. A cache that cannot be read or
// written, or holds anything but a packed gzip stream, is passed over. Throws
// std::runtime_error when `source` cannot be read.
std::string packed_library_cached(const std::filesystem::path& source, const std::filesystem::path& cache_dir);

// $XDG_CACHE_HOME/mosaic, else ~/.cache/mosaic; empty when neither variable is set.
std::filesystem::path report_cache_dir();

// gzip (RFC 1952) of `bytes` and base64 (RFC 4648) of any bytes: the two steps above,
// apart so the tests can check them.
std::string gzip(const std::string& bytes);
std::string base64(const std::string& bytes);

}  // namespace mosaic::host::report
