#include "host/report/chart_library.hpp"

#include <doctest/doctest.h>
#include <zlib.h>

#include <filesystem>
#include <fstream>
#include <sstream>

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
