#include "host/journal/sqlite.hpp"

#include <fmt/format.h>
#include <sqlite3.h>

#include <cmath>
#include <cstring>
#include <limits>

namespace mosaic::host::journal {

void Statement::Finalize::operator()(sqlite3_stmt* s) const { sqlite3_finalize(s); }
void Database::Close::operator()(sqlite3* db) const { sqlite3_close_v2(db); }

Statement::Statement(sqlite3* db, std::string_view sql, std::string file) : db_(db), file_(std::move(file)) {
  sqlite3_stmt* raw = nullptr;
  const int rc = sqlite3_prepare_v2(db, sql.data(), static_cast<int>(sql.size()), &raw, nullptr);
  stmt_.reset(raw);
  if (rc != SQLITE_OK) fail("prepare");
}

void Statement::fail(const char* what) const {
  throw SqliteError(fmt::format("{}: {}: {}", file_, what, sqlite3_errmsg(db_)));
}

Statement& Statement::bind(int i, double v) {
  if (std::isnan(v)) return bind_null(i);
  if (sqlite3_bind_double(stmt_.get(), i, v) != SQLITE_OK) fail("bind");
  return *this;
}

Statement& Statement::bind(int i, int64_t v) {
  if (sqlite3_bind_int64(stmt_.get(), i, v) != SQLITE_OK) fail("bind");
  return *this;
}

Statement& Statement::bind(int i, std::string_view v) {
  if (sqlite3_bind_text64(stmt_.get(), i, v.data(), v.size(), SQLITE_TRANSIENT, SQLITE_UTF8) != SQLITE_OK)
    fail("bind");
  return *this;
}

Statement& Statement::bind_null(int i) {
  if (sqlite3_bind_null(stmt_.get(), i) != SQLITE_OK) fail("bind");
  return *this;
}

Statement& Statement::bind_doubles(int i, std::span<const double> v) {
  if (sqlite3_bind_blob64(stmt_.get(), i, v.data(), v.size_bytes(), SQLITE_TRANSIENT) != SQLITE_OK) fail("bind");
  return *this;
}

bool Statement::step() {
  const int rc = sqlite3_step(stmt_.get());
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  fail("step");
}

void Statement::reset() {
  sqlite3_reset(stmt_.get());
  sqlite3_clear_bindings(stmt_.get());
}

bool Statement::is_null(int col) const { return sqlite3_column_type(stmt_.get(), col) == SQLITE_NULL; }

double Statement::real(int col) const {
  return is_null(col) ? std::numeric_limits<double>::quiet_NaN() : sqlite3_column_double(stmt_.get(), col);
}

int64_t Statement::integer(int col) const { return sqlite3_column_int64(stmt_.get(), col); }

std::string Statement::text(int col) const {
  const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_.get(), col));
  return p ? std::string(p, static_cast<size_t>(sqlite3_column_bytes(stmt_.get(), col))) : std::string();
}

std::vector<double> Statement::doubles(int col) const {
  const void* p = sqlite3_column_blob(stmt_.get(), col);
  const size_t bytes = static_cast<size_t>(sqlite3_column_bytes(stmt_.get(), col));
  std::vector<double> out(bytes / sizeof(double));
  if (p && !out.empty()) std::memcpy(out.data(), p, out.size() * sizeof(double));
  return out;
}

Database::Database(const std::filesystem::path& file, Mode mode) : file_(file.string()) {
  if (mode == Mode::Create && std::filesystem::exists(file))
    throw SqliteError(fmt::format("{}: already exists", file_));
  const int flags = mode == Mode::ReadOnly ? SQLITE_OPEN_READONLY
                    : mode == Mode::Create ? SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE
                                           : SQLITE_OPEN_READWRITE;
  sqlite3* raw = nullptr;
  const int rc = sqlite3_open_v2(file_.c_str(), &raw, flags | SQLITE_OPEN_FULLMUTEX, nullptr);
  db_.reset(raw);
  if (rc != SQLITE_OK)
    throw SqliteError(fmt::format("{}: cannot open: {}", file_, raw ? sqlite3_errmsg(raw) : sqlite3_errstr(rc)));
  // A reader and the writer may meet; wait for the other rather than fail at once.
  sqlite3_busy_timeout(raw, 5000);
}

void Database::exec(std::string_view sql) {
  const std::string text(sql);
  char* message = nullptr;
  if (sqlite3_exec(db_.get(), text.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
    const std::string why = message ? message : sqlite3_errmsg(db_.get());
    sqlite3_free(message);
    throw SqliteError(fmt::format("{}: {}", file_, why));
  }
}

Statement Database::prepare(std::string_view sql) { return Statement(db_.get(), sql, file_); }

std::string quote_identifier(std::string_view name) {
  std::string out = "\"";
  for (char c : name) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

}  // namespace mosaic::host::journal
