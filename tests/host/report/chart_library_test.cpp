#include "host/report/chart_library.hpp"

#include <doctest/doctest.h>
#include <unistd.h>
#include <zlib.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <vector>

using namespace mosaic::host::report;

namespace {

std::string gunzip(const std::string& gz) {
  z_stream z{};
  REQUIRE(inflateInit2(&z, 15 + 16) == Z_OK);
  std::string out;
  char buffer[1 << 16];
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(gz.data()));
  z.avail_in = static_cast<uInt>(gz.size());
  int status = Z_OK;
  while (status == Z_OK) {
    z.next_out = reinterpret_cast<Bytef*>(buffer);
    z.avail_out = sizeof buffer;
    status = inflate(&z, Z_NO_FLUSH);
    out.append(buffer, sizeof buffer - z.avail_out);
  }
  inflateEnd(&z);
  CHECK(status == Z_STREAM_END);
  return out;
}

}  // namespace

TEST_CASE("report: base64 as RFC 4648 gives it") {
  CHECK(base64("") == "");
  CHECK(base64("f") == "Zg==");
  CHECK(base64("fo") == "Zm8=");
  CHECK(base64("foo") == "Zm9v");
  CHECK(base64("foob") == "Zm9vYg==");
  CHECK(base64("fooba") == "Zm9vYmE=");
  CHECK(base64("foobar") == "Zm9vYmFy");
  CHECK(base64(std::string("\xff\xfe\x00", 3)) == "//4A");
}

TEST_CASE("report: gzip is read back by zlib as the same bytes") {
  std::string text;
  for (int i = 0; i < 20000; ++i) text += std::to_string(i * 7919 % 1000) + ",";
  const std::string gz = gzip(text);
  CHECK(gz.size() < text.size() / 2);
  CHECK(static_cast<unsigned char>(gz[0]) == 0x1f);  // the gzip magic
  CHECK(static_cast<unsigned char>(gz[1]) == 0x8b);
  CHECK(gunzip(gz) == text);
}

TEST_CASE("report: the packed chart library is plotly.js from its installed path, gzip then base64") {
  const auto path = chart_library_path();
  INFO("the chart library comes from Debian's python3-plotly: bash scripts/setup installs it");
  REQUIRE(std::filesystem::exists(path));
  std::ifstream in(path, std::ios::binary);
  std::stringstream original;
  original << in.rdbuf();
  const std::string packed = packed_chart_library();
  CHECK(packed.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=") ==
        std::string::npos);
  CHECK(packed.size() < 5'000'000);
  // Decode the base64 and inflate: the library's own bytes come back.
  std::string gz;
  unsigned value = 0;
  int bits = 0;
  for (char c : packed) {
    if (c == '=') break;
    const auto digit = std::string("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/").find(c);
    value = value << 6 | static_cast<unsigned>(digit);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      gz += static_cast<char>((value >> bits) & 0xff);
    }
  }
  CHECK(gunzip(gz) == original.str());
  CHECK(original.str().find("plotly.js v") != std::string::npos);
}

TEST_CASE("report: the packed library is kept in the cache, keyed by the source's size and time, and checked") {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / ("mosaic-pack-cache-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir / "src");
  const fs::path source = dir / "src" / "lib.js";
  std::ofstream(source) << "var plotly = 'a chart library';\n";
  const fs::path cache = dir / "cache";

  const std::string first = packed_library_cached(source, cache);
  CHECK(first == base64(gzip("var plotly = 'a chart library';\n")));
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(cache)) files.push_back(e.path());
  REQUIRE(files.size() == 1);
  CHECK(files[0].filename().string().rfind("lib-" + std::to_string(fs::file_size(source)) + "-", 0) == 0);

  // Served from the cache: what the file holds is what comes back.
  std::ofstream(files[0]) << "H4sIcached";
  CHECK(packed_library_cached(source, cache) == "H4sIcached");
  // A cache file that is not a packed gzip stream is packed anew and replaced.
  std::ofstream(files[0]) << "garbage";
  CHECK(packed_library_cached(source, cache) == first);
  // A changed source has another name: the old packing is not used.
  std::ofstream(source) << "var plotly = 'a newer chart library';\n";
  CHECK(packed_library_cached(source, cache) == base64(gzip("var plotly = 'a newer chart library';\n")));
  // No cache folder: packed each time, nothing written.
  CHECK(packed_library_cached(source, {}) == base64(gzip("var plotly = 'a newer chart library';\n")));
  CHECK_THROWS_AS(packed_library_cached(dir / "src" / "missing.js", cache), std::runtime_error);
  fs::remove_all(dir);
}
