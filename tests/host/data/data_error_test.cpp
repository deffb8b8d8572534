#include <doctest/doctest.h>

#include <string>

#include "host/data/data_error.hpp"

using mosaic::host::DataError;

TEST_CASE("DataError: what() reads FILE:LINE: message") {
  const DataError e("prices.csv", 12, "column close: 'x' is not a number");
  CHECK(std::string(e.what()) == "prices.csv:12: column close: 'x' is not a number");
  CHECK(e.file == "prices.csv");
  CHECK(e.line == 12);
}

TEST_CASE("DataError: line 0 blames the whole file") {
  const DataError e("missing.csv", 0, "cannot open: No such file or directory");
  CHECK(std::string(e.what()) == "missing.csv: cannot open: No such file or directory");
  CHECK(e.line == 0);
}

TEST_CASE("DataError: is a std::runtime_error") {
  try {
    throw DataError("f.csv", 3, "bad");
  } catch (const std::runtime_error& e) {
    CHECK(std::string(e.what()) == "f.csv:3: bad");
  }
}
