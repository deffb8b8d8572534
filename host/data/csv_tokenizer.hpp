#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace mosaic::host {

struct CsvRecord {
  size_t line = 0;  // 1-based line on which the record starts
  // Views into the tokenizer's text or into its unescape buffer: valid until the next call
  // to next() on the tokenizer that filled them, and only while the text is alive.
  std::vector<std::string_view> fields;
};

// RFC 4180 records from text held in memory. Quoted fields may contain delimiters, doubled
// quotes and line breaks; records end at LF or CRLF. Leniencies, each because real files
// do it: a UTF-8 byte-order mark is skipped, empty lines between records are skipped,
// spaces or tabs may surround a quoted field, and an unquoted field keeps any quote
// characters verbatim. An unterminated quote or text after a closing quote throws DataError
// naming the line. Unquoted fields are returned untrimmed.
class CsvTokenizer {
 public:
  // `text` is borrowed: it must outlive the tokenizer and every record it fills.
  CsvTokenizer(std::string_view text, std::string file_label, char delimiter = ',');

  // Fills `record` with the next record; false once the text is exhausted. Reusing one
  // record across calls keeps its field vector's capacity, so steady-state reads allocate
  // nothing.
  bool next(CsvRecord& record);

  const std::string& file() const { return file_; }

 private:
  // Where a field's bytes live: in text_ (no escapes) or in unescaped_ (doubled quotes).
  struct Piece {
    bool owned;
    size_t begin;
    size_t size;
  };

  bool skip_blank_lines();
  bool at_record_end(size_t pos) const;
  size_t consume_record_end(size_t pos);
  void read_unquoted(size_t start);
  void read_quoted(size_t quote);

  std::string_view text_;
  std::string file_;
  char delimiter_;
  size_t pos_ = 0;
  size_t line_ = 1;
  std::string unescaped_;
  std::vector<Piece> pieces_;
};

}  // namespace mosaic::host
