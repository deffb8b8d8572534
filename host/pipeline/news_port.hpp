// Turns a loaded news file into the data source's `news` port: a TABLE.
#pragma once

#include "host/data/news_csv.hpp"
#include "host/data/port_value.hpp"

namespace mosaic::host {

inline constexpr const char* kNewsPort = "news";

// The TABLE port "news", produced by the data source, with the columns
//   ts        tsn:UTC  int64 nanoseconds since the epoch
//   ticker    utf8     empty when the file has none for the row
//   headline  utf8
//   body      utf8     empty when the file has none
// in the table's (time) order. Every block comes from the host allocator.
PortValue news_port(const NewsTable& news);

}  // namespace mosaic::host
