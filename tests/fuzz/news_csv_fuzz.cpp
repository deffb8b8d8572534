// The news CSV reader ([data] news): any bytes either read or throw DataError.
#include "host/data/data_error.hpp"
#include "host/data/news_csv.hpp"

#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  try {
    mosaic::host::parse_news_csv(std::string_view(reinterpret_cast<const char*>(data), size), "fuzz_news.csv");
  } catch (const mosaic::host::DataError&) {
  }
  return 0;
}
