#pragma once

#include "host/data/csv_tokenizer.hpp"
#include "host/data/market_data.hpp"
#include "host/data/price_csv.hpp"
#include "host/data/price_header.hpp"

namespace mosaic::host {

// The data rows after the header, one reader per layout. Each throws DataError for a bad
// row, and for a file without any data row.
MarketData read_long_rows(CsvTokenizer& csv, const PriceHeader& header, const PriceReadOptions& options);
MarketData read_wide_rows(CsvTokenizer& csv, const PriceHeader& header, const PriceReadOptions& options);

}  // namespace mosaic::host
