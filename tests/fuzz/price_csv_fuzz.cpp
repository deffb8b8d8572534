// The price CSV reader, long and wide (the header decides), as `--data` and [data] prices
// reach it: any bytes either read or throw DataError.
#include "host/data/data_error.hpp"
#include "host/data/price_csv.hpp"

#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  // The first byte chooses whether prices of 0 and below are allowed (spreads).
  const bool allow = size > 0 && (data[0] & 1);
  const std::string_view text(reinterpret_cast<const char*>(data) + (size > 0), size - (size > 0));
  try {
    const auto m = mosaic::host::parse_price_csv(text, "fuzz.csv", {.allow_nonpositive = allow});
    (void)m.bars();
  } catch (const mosaic::host::DataError&) {
  }
  return 0;
}
