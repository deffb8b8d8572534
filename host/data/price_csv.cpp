#include "host/data/price_csv.hpp"

#include "host/data/csv_tokenizer.hpp"
#include "host/data/data_error.hpp"
#include "host/data/price_header.hpp"
#include "host/data/price_rows.hpp"
#include "host/data/text_file.hpp"

namespace mosaic::host {

MarketData parse_price_csv(std::string_view text, const std::string& file_label, const PriceReadOptions& options) {
  CsvTokenizer csv(text, file_label);
  CsvRecord first;
  if (!csv.next(first)) throw DataError(file_label, 0, "the file is empty (expected a header row)");
  const PriceHeader header = read_price_header(first, file_label);
  return header.layout == PriceLayout::Long ? read_long_rows(csv, header, options)
                                            : read_wide_rows(csv, header, options);
}

MarketData read_price_csv(const std::filesystem::path& file, const PriceReadOptions& options) {
  return parse_price_csv(read_text_file(file), file.string(), options);
}

}  // namespace mosaic::host
