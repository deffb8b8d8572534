// A module's error message reaches logs and JSON: read up to its NUL or the array's end,
// and never text that is not UTF-8.
#include "host/loader/module_message.hpp"

#include <doctest/doctest.h>

#include <cstring>

using mosaic::host::module_message;

TEST_CASE("module message: bytes that are not UTF-8 are escaped, and a missing NUL is no overrun") {
  mosaic_error err{};
  std::strcpy(err.message, "bad \xff\xfe input: caf\xc3\xa9");
  CHECK(module_message(err) == "bad \\xFF\\xFE input: caf\xc3\xa9");
  std::memset(err.message, 'a', sizeof err.message);  // no terminating NUL at all
  CHECK(module_message(err) == std::string(sizeof err.message, 'a'));
}
