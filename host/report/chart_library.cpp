#include "host/report/chart_library.hpp"

#include "host/app/error.hpp"

#include <fmt/format.h>
#include <zlib.h>

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

std::string packed_chart_library() {
  // One process writes one or a few reports; the packing (about 0.2 s) is done once.
  static std::mutex mutex;
  static std::string packed;
  std::lock_guard lock(mutex);
  if (!packed.empty()) return packed;
  const auto path = chart_library_path();
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  if (in) text << in.rdbuf();
  if (!in || text.str().empty())
    throw app::Error(app::ErrorKind::Output,
                     fmt::format("{}: cannot read the chart library plotly.js (Debian package python3-plotly; "
                                 "bash scripts/setup installs it)",
                                 path.string()),
                     {.file = path.string()});
  packed = base64(gzip(text.str()));
  return packed;
}

}  // namespace mosaic::host::report
