#include <doctest/doctest.h>

#include <string>
#include <string_view>
#include <vector>

#include "host/data/csv_tokenizer.hpp"
#include "host/data/data_error.hpp"

using mosaic::host::CsvRecord;
using mosaic::host::CsvTokenizer;
using mosaic::host::DataError;

namespace {

struct Row {
  size_t line;
  std::vector<std::string> fields;
};

// Copies the fields out, since the views die with the next call.
std::vector<Row> tokenize(std::string_view text, char delimiter = ',') {
  CsvTokenizer csv(text, "t.csv", delimiter);
  std::vector<Row> rows;
  CsvRecord record;
  while (csv.next(record))
    rows.push_back({record.line, {record.fields.begin(), record.fields.end()}});
  return rows;
}

using Fields = std::vector<std::string>;

DataError tokenize_error(std::string_view text) {
  try {
    tokenize(text);
  } catch (const DataError& e) {
    return e;
  }
  throw std::logic_error("expected a DataError, but the text tokenized");
}

}  // namespace

TEST_CASE("tokenizer: plain records with their line numbers") {
  const auto rows = tokenize("a,b,c\n1,2,3\n");
  REQUIRE(rows.size() == 2);
  CHECK(rows[0].line == 1);
  CHECK(rows[0].fields == Fields{"a", "b", "c"});
  CHECK(rows[1].line == 2);
  CHECK(rows[1].fields == Fields{"1", "2", "3"});
}

TEST_CASE("tokenizer: last record without a line break") {
  const auto rows = tokenize("a,b\n1,2");
  REQUIRE(rows.size() == 2);
  CHECK(rows[1].fields == Fields{"1", "2"});
}

TEST_CASE("tokenizer: CRLF line endings are not part of the last field") {
  const auto rows = tokenize("a,b\r\n1,2\r\n3,\"4\"\r\n");
  REQUIRE(rows.size() == 3);
  CHECK(rows[0].fields == Fields{"a", "b"});
  CHECK(rows[1].fields == Fields{"1", "2"});
  CHECK(rows[2].line == 3);
  CHECK(rows[2].fields == Fields{"3", "4"});
}

TEST_CASE("tokenizer: a lone CR inside an unquoted field is data") {
  const auto rows = tokenize("a\rb,c\n");
  REQUIRE(rows.size() == 1);
  CHECK(rows[0].fields == Fields{"a\rb", "c"});
}

TEST_CASE("tokenizer: quoted fields hold delimiters and doubled quotes") {
  const auto rows = tokenize("\"x,y\",\"he said \"\"hi\"\"\",z,\"\"\"\",\"end\"\"\"\n");
  REQUIRE(rows.size() == 1);
  CHECK(rows[0].fields == Fields{"x,y", "he said \"hi\"", "z", "\"", "end\""});
}

TEST_CASE("tokenizer: line breaks inside quotes are data and still counted") {
  const auto rows = tokenize("h1,h2\n\"line one\nline two\",b\nnext,row\n\"a\r\nb\",c\r\nlast,x");
  REQUIRE(rows.size() == 5);
  CHECK(rows[1].line == 2);
  CHECK(rows[1].fields == Fields{"line one\nline two", "b"});
  CHECK(rows[2].line == 4);
  CHECK(rows[2].fields == Fields{"next", "row"});
  CHECK(rows[3].line == 5);
  CHECK(rows[3].fields == Fields{"a\r\nb", "c"});
  CHECK(rows[4].line == 7);
  CHECK(rows[4].fields == Fields{"last", "x"});
  CHECK(tokenize("\"a\n\n\nb\"\nz\n")[1].line == 5);
}

TEST_CASE("tokenizer: empty fields") {
  CHECK(tokenize(",,\n")[0].fields == Fields{"", "", ""});
  CHECK(tokenize("a,\n")[0].fields == Fields{"a", ""});
  CHECK(tokenize("a,")[0].fields == Fields{"a", ""});
  CHECK(tokenize("\"\",b\n")[0].fields == Fields{"", "b"});
  CHECK(tokenize(",\"\"")[0].fields == Fields{"", ""});
}

TEST_CASE("tokenizer: blank lines are skipped but counted") {
  const auto rows = tokenize("\n\na\n\n\r\n\nb\n\n");
  REQUIRE(rows.size() == 2);
  CHECK(rows[0].line == 3);
  CHECK(rows[1].line == 7);
  CHECK(tokenize("").empty());
  CHECK(tokenize("\n\r\n\n").empty());
}

TEST_CASE("tokenizer: a UTF-8 byte-order mark is skipped") {
  const auto rows = tokenize(
      "\xEF\xBB\xBF"
      "date,close\n");
  REQUIRE(rows.size() == 1);
  CHECK(rows[0].fields == Fields{"date", "close"});
}

TEST_CASE("tokenizer: blanks around a quoted field are dropped, unquoted ones kept") {
  CHECK(tokenize("\"a\" , \"b\",\t\"c\"\t\n")[0].fields == Fields{"a", "b", "c"});
  CHECK(tokenize(" a ,b\t\n")[0].fields == Fields{" a ", "b\t"});
  CHECK(tokenize("  \"a,b\"  ")[0].fields == Fields{"a,b"});
}

TEST_CASE("tokenizer: a quote inside an unquoted field is kept verbatim") {
  CHECK(tokenize("ab\"c,d\n")[0].fields == Fields{"ab\"c", "d"});
}

TEST_CASE("tokenizer: other delimiters, e.g. tab for the lexicons") {
  const auto rows = tokenize("abandon\t-2\n\"a\tb\"\t3\n", '\t');
  REQUIRE(rows.size() == 2);
  CHECK(rows[0].fields == Fields{"abandon", "-2"});
  CHECK(rows[1].fields == Fields{"a\tb", "3"});
  // With tab as the delimiter, a comma is data.
  CHECK(tokenize("a,b\tc\n", '\t')[0].fields == Fields{"a,b", "c"});
}

TEST_CASE("tokenizer: many unescaped fields in one record stay valid") {
  // Each doubled-quote field is rebuilt in a shared buffer that grows while the record is
  // read; every view must still point at its own text at the end.
  std::string text;
  Fields expected;
  for (int i = 0; i < 50; ++i) {
    const std::string body(static_cast<size_t>(i) * 7 + 1, static_cast<char>('a' + i % 26));
    text += (i ? "," : "") + ("\"" + body + "\"\"" + std::to_string(i) + "\"");
    expected.push_back(body + "\"" + std::to_string(i));
  }
  const auto rows = tokenize(text);
  REQUIRE(rows.size() == 1);
  CHECK(rows[0].fields == expected);
}

TEST_CASE("tokenizer: a reused record is cleared, and the end is sticky") {
  CsvTokenizer csv("a,b,c\nd\n", "t.csv");
  CsvRecord record;
  REQUIRE(csv.next(record));
  CHECK(record.fields.size() == 3);
  REQUIRE(csv.next(record));
  CHECK(record.fields.size() == 1);
  CHECK(record.fields[0] == "d");
  CHECK_FALSE(csv.next(record));
  CHECK_FALSE(csv.next(record));
  CHECK(csv.file() == "t.csv");
}

TEST_CASE("tokenizer: unterminated quote names the line where it opened") {
  const auto e = tokenize_error("h1,h2\nx,\"open\nmore\nstill open\n");
  CHECK(e.line == 2);
  CHECK(e.file == "t.csv");
  CHECK(std::string(e.what()).find("t.csv:2: unterminated quoted field") == 0);
  CHECK(tokenize_error("\"").line == 1);
  CHECK(tokenize_error("a\n\n\"b\"\"").line == 3);
}

TEST_CASE("tokenizer: text after a closing quote names the line of the quote") {
  const auto e = tokenize_error("h\n\"ab\"c,d\n");
  CHECK(e.line == 2);
  const std::string what = e.what();
  CHECK(what.find("unexpected text after a closing quote: 'c,d'") != std::string::npos);
  CHECK(what.find("must be doubled") != std::string::npos);
  // The closing quote may sit lines below the record's start.
  CHECK(tokenize_error("h\n\"a\nb\"x,1\n").line == 3);
  CHECK(tokenize_error("\"a\" b,c").line == 1);
}
