// The config's text is checked before TOML++ reads it: UTF-8, and ASCII outside strings
// and comments (TOML++ 3.3.0 reaches undefined behaviour on some non-ASCII bare keys).
#include "host/config/config.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace mosaic::host;

namespace {

std::string error_of(const std::string& text) {
  try {
    parse_config(text, "g.toml");
  } catch (const ConfigError& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST_CASE("toml guard: a non-ASCII bare key is refused with its line before TOML++ sees it") {
  // The reproducer of TOML++ issue #295.
  CHECK(error_of("[a\xd2\x8d]\n") ==
        "g.toml:1: '\xd2\x8d' outside a quoted string: bare keys and values other than strings are ASCII; quote a "
        "key that needs other characters (\"\xd2\x8d\" = ...)");
  CHECK(error_of("[pipeline]\nmodules = []\n\xc3\xa9t\xc3\xa9 = 1\n").find("g.toml:3: ") == 0);
  CHECK(error_of("[data]\nprices = \"x.csv\"\xff\n") == "g.toml:2: the text is not UTF-8 (byte 0xFF); a config must be UTF-8");
}

TEST_CASE("toml guard: non-ASCII text in strings and comments is fine") {
  CHECK(error_of("# \xc3\xa9t\xc3\xa9\n[data]\nprices = \"donn\xc3\xa9" "es.csv\"  # \xe2\x82\xac\n") == "");
  CHECK(error_of("[data]\nprices = '\xc3\xa9.csv'\n") == "");
  CHECK(error_of("[data]\nprices = \"a\\\"\xc3\xa9\"\n") == "");  // an escaped quote inside
  CHECK(error_of("[data]\nprices = \"\"\"\n\xc3\xa9\n\"\"\"\n") == "");
  CHECK(error_of("[data]\nprices = '''\n\xc3\xa9 ' still inside\n'''\n") == "");
  CHECK(error_of("[modules.\"\xc3\xa9t\xc3\xa9\"]\n") == "");
}
