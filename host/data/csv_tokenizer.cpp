#include "host/data/csv_tokenizer.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "host/data/data_error.hpp"

namespace mosaic::host {

namespace {

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

bool is_blank(char c) { return c == ' ' || c == '\t'; }

}  // namespace

CsvTokenizer::CsvTokenizer(std::string_view text, std::string file_label, char delimiter)
    : text_(text), file_(std::move(file_label)), delimiter_(delimiter) {
  if (text_.starts_with(kUtf8Bom)) pos_ = kUtf8Bom.size();
}

bool CsvTokenizer::at_record_end(size_t pos) const {
  return pos == text_.size() || text_[pos] == '\n' ||
         (text_[pos] == '\r' && pos + 1 < text_.size() && text_[pos + 1] == '\n');
}

// Returns the position after the line break at `pos` (or `pos` itself at the end).
size_t CsvTokenizer::consume_record_end(size_t pos) {
  if (pos == text_.size()) return pos;
  ++line_;
  return pos + (text_[pos] == '\r' ? 2 : 1);
}

bool CsvTokenizer::skip_blank_lines() {
  while (pos_ < text_.size() && at_record_end(pos_)) pos_ = consume_record_end(pos_);
  return pos_ < text_.size();
}

bool CsvTokenizer::next(CsvRecord& record) {
  record.fields.clear();
  pieces_.clear();
  unescaped_.clear();
  if (!skip_blank_lines()) return false;
  record.line = line_;

  while (true) {
    // A quoted field may be padded with blanks; an unquoted one keeps them as data.
    size_t first = pos_;
    while (first < text_.size() && is_blank(text_[first]) && text_[first] != delimiter_) ++first;
    if (first < text_.size() && text_[first] == '"')
      read_quoted(first);
    else
      read_unquoted(pos_);

    if (pos_ < text_.size() && text_[pos_] == delimiter_) {
      ++pos_;
      continue;
    }
    pos_ = consume_record_end(pos_);
    break;
  }

  // Views are made only now because appending to unescaped_ may move its buffer.
  for (const Piece& p : pieces_) {
    record.fields.push_back(p.owned ? std::string_view(unescaped_).substr(p.begin, p.size)
                                    : text_.substr(p.begin, p.size));
  }
  return true;
}

void CsvTokenizer::read_unquoted(size_t start) {
  size_t end = start;
  while (end < text_.size() && text_[end] != delimiter_ && !at_record_end(end)) ++end;
  pieces_.push_back({false, start, end - start});
  pos_ = end;
}

void CsvTokenizer::read_quoted(size_t quote) {
  const size_t opened_on = line_;
  size_t segment = quote + 1;  // start of the bytes not yet copied or referenced
  bool owned = false;
  size_t owned_begin = unescaped_.size();
  size_t pos = segment;

  while (true) {
    const size_t close = text_.find('"', pos);
    if (close == std::string_view::npos) {
      throw DataError(file_, opened_on,
                      "unterminated quoted field: the quote opened here is never closed");
    }
    line_ += static_cast<size_t>(std::count(text_.begin() + static_cast<ptrdiff_t>(pos),
                                            text_.begin() + static_cast<ptrdiff_t>(close), '\n'));
    if (close + 1 < text_.size() && text_[close + 1] == '"') {
      // A doubled quote stands for one: copy up to and including the first of the pair.
      owned = true;
      unescaped_.append(text_.substr(segment, close + 1 - segment));
      segment = pos = close + 2;
      continue;
    }
    if (owned) {
      unescaped_.append(text_.substr(segment, close - segment));
      pieces_.push_back({true, owned_begin, unescaped_.size() - owned_begin});
    } else {
      pieces_.push_back({false, segment, close - segment});
    }
    pos = close + 1;
    break;
  }

  while (pos < text_.size() && is_blank(text_[pos]) && text_[pos] != delimiter_) ++pos;
  if (pos < text_.size() && text_[pos] != delimiter_ && !at_record_end(pos)) {
    const auto rest =
        text_.substr(pos, std::min<size_t>(20, text_.find_first_of("\r\n", pos) - pos));
    throw DataError(file_, line_,
                    fmt::format("unexpected text after a closing quote: '{}' (a quote inside a "
                                "quoted field must be doubled)",
                                rest));
  }
  pos_ = pos;
}

}  // namespace mosaic::host
