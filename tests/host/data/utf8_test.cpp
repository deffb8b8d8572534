#include "host/data/utf8.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace mosaic::host;

TEST_CASE("utf8: valid text, and the first bad byte of invalid text") {
  CHECK(is_utf8(""));
  CHECK(is_utf8("plain ASCII"));
  CHECK(is_utf8("\xc3\xa9t\xc3\xa9 \xe2\x82\xac \xf0\x9f\x93\x88"));  // été € 📈
  CHECK(utf8_error("ab\xff") == 2u);
  CHECK(utf8_error("\xc0\xaf") == 0u);          // overlong '/'
  CHECK(utf8_error("\xed\xa0\x80") == 0u);      // a surrogate
  CHECK(utf8_error("\xf4\x90\x80\x80") == 0u);  // above U+10FFFF
  CHECK(utf8_error("x\xe2\x82") == 1u);         // cut short
}

TEST_CASE("utf8: an excerpt is bounded, cut at a character, and escapes what is not printable text") {
  CHECK(excerpt("short") == "short");
  CHECK(excerpt(std::string(100, 'a'), 10) == "aaaaaaaaaa... (100 bytes)");
  CHECK(excerpt("a\xff\x01z") == "a\\xFF\\x01z");
  CHECK(excerpt("\xc3\xa9\xc3\xa9\xc3\xa9", 3) == "\xc3\xa9\xc3\xa9... (6 bytes)");
}

TEST_CASE("utf8: text kept whole, with bad bytes escaped") {
  CHECK(mosaic::host::to_valid_utf8("ok \xc3\xa9") == "ok \xc3\xa9");
  CHECK(mosaic::host::to_valid_utf8("a\xff\nb") == "a\\xFF\nb");
}
