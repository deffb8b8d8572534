// RAII over SQLite's C handles (a connection, a prepared statement), with its errors as
// exceptions that name the database file. Only what the search journal needs.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

struct sqlite3;
struct sqlite3_stmt;

namespace mosaic::host::journal {

// what() starts with the database file.
struct SqliteError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// A prepared statement. Parameters are numbered from 1, columns from 0, as in SQLite.
class Statement {
 public:
  Statement(sqlite3* db, std::string_view sql, std::string file);

  Statement& bind(int i, double v);  // NaN is stored as NULL: SQLite has no NaN
  Statement& bind(int i, int64_t v);
  Statement& bind(int i, std::string_view v);
  Statement& bind_null(int i);
  Statement& bind_doubles(int i, std::span<const double> v);  // as a blob, bit for bit
  // Runs to the next row: true when there is one, false when done. Throws SqliteError.
  bool step();
  // Ready to bind and run again.
  void reset();

  bool is_null(int col) const;
  double real(int col) const;  // NULL reads as NaN
  int64_t integer(int col) const;
  std::string text(int col) const;  // NULL reads as ""
  std::vector<double> doubles(int col) const;

 private:
  struct Finalize {
    void operator()(sqlite3_stmt* s) const;
  };
  [[noreturn]] void fail(const char* what) const;
  std::unique_ptr<sqlite3_stmt, Finalize> stmt_;
  sqlite3* db_;
  std::string file_;
};

class Database {
 public:
  enum class Mode { Create, ReadWrite, ReadOnly };
  // Create refuses a file that exists. Throws SqliteError.
  Database(const std::filesystem::path& file, Mode mode);

  void exec(std::string_view sql);  // one or more statements without parameters
  Statement prepare(std::string_view sql);
  const std::string& file() const { return file_; }

 private:
  struct Close {
    void operator()(sqlite3* db) const;
  };
  std::unique_ptr<sqlite3, Close> db_;
  std::string file_;
};

// "name" with embedded quotes doubled: a column name SQLite takes whatever it holds.
std::string quote_identifier(std::string_view name);

}  // namespace mosaic::host::journal
