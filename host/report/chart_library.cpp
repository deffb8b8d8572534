#include "host/report/chart_library.hpp"

#include "host/app/error.hpp"

#include <fmt/format.h>
#include <zlib.h>

#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <mutex>
#include <sstream>
#include <stdexcept>

namespace mosaic::host::report {

std::filesystem::path chart_library_path() { return MOSAIC_PLOTLY_JS; }

std::string gzip(const std::string& bytes) {
  z_stream z{};
  // windowBits 15 + 16: a gzip wrapper, which the browser's DecompressionStream("gzip") reads.
  if (deflateInit2(&z, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
    throw std::runtime_error("gzip: deflateInit2 failed");
  std::string out(deflateBound(&z, bytes.size()) + 32, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
  z.avail_in = static_cast<uInt>(bytes.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  const int status = deflate(&z, Z_FINISH);
  const size_t written = z.total_out;
  deflateEnd(&z);
  if (status != Z_STREAM_END) throw std::runtime_error("gzip: deflate did not finish");
  out.resize(written);
  return out;
}

std::string base64(const std::string& bytes) {
  static constexpr char kDigits[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  size_t i = 0;
  auto byte = [&](size_t k) { return static_cast<unsigned>(static_cast<unsigned char>(bytes[k])); };
  for (; i + 3 <= bytes.size(); i += 3) {
    const unsigned v = byte(i) << 16 | byte(i + 1) << 8 | byte(i + 2);
    for (int shift : {18, 12, 6, 0}) out += kDigits[(v >> shift) & 63];
  }
  if (const size_t rest = bytes.size() - i; rest > 0) {
    const unsigned v = byte(i) << 16 | (rest == 2 ? byte(i + 1) << 8 : 0);
    out += kDigits[(v >> 18) & 63];
    out += kDigits[(v >> 12) & 63];
    out += rest == 2 ? kDigits[(v >> 6) & 63] : '=';
    out += '=';
  }
  return out;
}

std::filesystem::path report_cache_dir() {
  if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg && *xdg) return std::filesystem::path(xdg) / "mosaic";
  if (const char* home = std::getenv("HOME"); home && *home)
    return std::filesystem::path(home) / ".cache" / "mosaic";
  return {};
}

std::string packed_library_cached(const std::filesystem::path& source, const std::filesystem::path& cache_dir) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const auto size = fs::file_size(source, ec);
  const auto stamp = ec ? fs::file_time_type{} : fs::last_write_time(source, ec);
  fs::path cached;
  if (!ec && !cache_dir.empty())
    cached = cache_dir / fmt::format("{}-{}-{}.gz.b64", source.stem().string(), size,
                                     stamp.time_since_epoch().count());
  if (!cached.empty()) {
    std::ifstream in(cached, std::ios::binary);
    std::stringstream text;
    if (in) text << in.rdbuf();
    // "H4sI": the base64 of gzip's magic bytes and deflate method.
    if (in && text.str().rfind("H4sI", 0) == 0) return text.str();
  }
  std::ifstream in(source, std::ios::binary);
  std::stringstream text;
  if (in) text << in.rdbuf();
  if (!in || text.str().empty()) throw std::runtime_error(source.string() + ": cannot read it");
  std::string packed = base64(gzip(text.str()));
  if (!cached.empty()) {
    // Written aside and renamed: a reader never sees half a file.
    fs::create_directories(cache_dir, ec);
    const fs::path temp = cached.string() + fmt::format(".tmp{}", static_cast<long>(getpid()));
    {
      std::ofstream out(temp, std::ios::binary);
      out << packed;
      if (!out) ec = std::make_error_code(std::errc::io_error);
    }
    if (!ec) fs::rename(temp, cached, ec);
    if (ec) fs::remove(temp, ec);
  }
  return packed;
}

std::string packed_chart_library() {
  // One process writes one or a few reports: the packed text is kept for the next.
  static std::mutex mutex;
  static std::string packed;
  std::lock_guard lock(mutex);
  if (!packed.empty()) return packed;
  const auto path = chart_library_path();
  try {
    packed = packed_library_cached(path, report_cache_dir());
  } catch (const std::runtime_error&) {
    throw app::Error(app::ErrorKind::Output,
                     fmt::format("{}: cannot read the chart library plotly.js (Debian package python3-plotly; "
                                 "bash scripts/setup installs it)",
                                 path.string()),
                     {.file = path.string()});
  }
  return packed;
}

}  // namespace mosaic::host::report
