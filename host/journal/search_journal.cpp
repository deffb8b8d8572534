#include "host/journal/search_journal.hpp"

#include "host/backtest/metrics.hpp"

#include <fmt/chrono.h>
#include <fmt/format.h>

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <bit>
#include <cctype>
#include <chrono>
#include <set>

namespace mosaic::host::journal {
namespace {

// Bumped when the tables change in a way an older Mosaic cannot resume.
constexpr const char* kFormat = "mosaic-search-journal/1";
constexpr auto kCommitEvery = std::chrono::milliseconds(250);

std::string utc_now() {
  return fmt::format("{:%Y-%m-%dT%H:%M:%SZ}", std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()));
}

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

const std::vector<std::string>& fixed_columns() {
  static const std::vector<std::string> c = [] {
    std::vector<std::string> names = {"fold", "trial_order", "key", "ok", "error"};
    for (const auto& [name, member] : Metrics::fields()) names.push_back(name);
    for (const char* n : {"periods", "sharpe_per_period", "returns_hash", "moments", "recorded"}) names.push_back(n);
    return names;
  }();
  return c;
}

// A dimension's column is its label ("technical.fast", or the module for its switch), unless
// that would be taken (SQLite's names ignore case): then "param:" before it.
std::vector<std::string> dimension_columns(const std::vector<research::Dimension>& dims) {
  std::set<std::string> taken;
  for (const auto& c : fixed_columns()) taken.insert(lower(c));
  std::vector<std::string> out;
  for (const auto& d : dims) {
    std::string name = d.label();
    while (taken.count(lower(name))) name = "param:" + name;
    taken.insert(lower(name));
    out.push_back(name);
  }
  return out;
}

const char* column_type(const research::Dimension& d) {
  switch (d.kind) {
    case research::Dimension::Kind::Float: return "REAL";
    case research::Dimension::Kind::Enum: return "TEXT";
    default: return "INTEGER";
  }
}

std::string schema(const std::vector<research::Dimension>& dims, const std::vector<std::string>& columns) {
  std::string trial =
      "CREATE TABLE trial (fold INTEGER NOT NULL, trial_order INTEGER NOT NULL, key TEXT NOT NULL, "
      "ok INTEGER NOT NULL, error TEXT";
  for (size_t k = 0; k < dims.size(); ++k) trial += fmt::format(", {} {}", quote_identifier(columns[k]), column_type(dims[k]));
  for (const auto& [name, member] : Metrics::fields()) trial += fmt::format(", {} REAL", name);
  // No key index: the search looks trials up in memory, and an index of the long keys would
  // double what each row writes.
  trial += ", periods INTEGER, sharpe_per_period REAL, returns_hash INTEGER, moments BLOB, recorded TEXT);\n";
  return "CREATE TABLE run (key TEXT PRIMARY KEY, value TEXT);\n"
         "CREATE TABLE argument (position INTEGER PRIMARY KEY, value TEXT NOT NULL);\n"
         "CREATE TABLE input (kind TEXT NOT NULL, name TEXT NOT NULL, sha256 TEXT NOT NULL, "
         "PRIMARY KEY (kind, name));\n" +
         trial;
}

// The statement that adds one trial row, every column a parameter in the order of the table.
std::string insert_sql(const std::vector<std::string>& dimension_columns) {
  std::string sql = "INSERT INTO trial (fold, trial_order, key, ok, error";
  for (const auto& c : dimension_columns) sql += ", " + quote_identifier(c);
  for (const auto& [name, member] : Metrics::fields()) sql += ", " + name;
  sql += ", periods, sharpe_per_period, returns_hash, moments, recorded) VALUES (";
  const size_t columns = 5 + dimension_columns.size() + Metrics::fields().size() + 5;
  for (size_t i = 1; i <= columns; ++i) sql += fmt::format("{}?{}", i > 1 ? ", " : "", i);
  return sql + ")";
}

void put(Database& db, const std::string& key, const std::string& value) {
  db.prepare("INSERT INTO run (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = ?2")
      .bind(1, key)
      .bind(2, value)
      .step();
}

}  // namespace

struct SearchJournal::Row {
  size_t fold = 0;
  uint64_t order = 0;
  std::string key;
  bool ok = false;
  std::string error;
  std::vector<ParamValue> values;  // one per dimension; a switch as a bool
  Metrics metrics;
  uint64_t returns_hash = 0;
  std::vector<double> moments;  // rows, then sums, then sums of squares
};

JournalHeader read_journal_header(const std::filesystem::path& file) {
  if (!std::filesystem::is_regular_file(file)) throw SqliteError(fmt::format("{}: no such file", file.string()));
  Database db(file, Database::Mode::ReadOnly);
  JournalHeader h;
  std::map<std::string, std::string> run;
  try {
    auto q = db.prepare("SELECT key, value FROM run");
    while (q.step()) run[q.text(0)] = q.text(1);
  } catch (const SqliteError&) {
    throw SqliteError(fmt::format("{}: not a Mosaic search journal (no run table)", file.string()));
  }
  if (run["format"] != kFormat)
    throw SqliteError(fmt::format("{}: not a journal this Mosaic reads: format '{}', expected '{}'", file.string(),
                                  run["format"], kFormat));
  h.state = run["state"];
  h.command.cwd = run["cwd"];
  for (auto q = db.prepare("SELECT value FROM argument ORDER BY position"); q.step();) h.command.args.push_back(q.text(0));
  for (auto q = db.prepare("SELECT kind, name, sha256 FROM input"); q.step();) {
    const std::string kind = q.text(0);
    if (kind == "config") h.inputs.config = q.text(2);
    else if (kind == "data") h.inputs.data[q.text(1)] = q.text(2);
    else if (kind == "plugin") h.inputs.plugins[q.text(1)] = q.text(2);
  }
  auto count = db.prepare("SELECT count(*) FROM trial");
  if (count.step()) h.trials = static_cast<uint64_t>(count.integer(0));
  return h;
}

// The folder rather than the database: closing any descriptor of the database would drop
// the POSIX locks SQLite holds on it.
SearchJournal::FolderLock::FolderLock(const std::filesystem::path& journal) {
  const std::filesystem::path dir = journal.parent_path().empty() ? "." : journal.parent_path();
  fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) throw SqliteError(fmt::format("{}: cannot open its folder", journal.string()));
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    ::close(fd);
    throw SqliteError(fmt::format("{}: another search is writing this journal; wait for it to end or stop it first",
                                  journal.string()));
  }
}

SearchJournal::FolderLock::~FolderLock() {
  if (fd >= 0) ::close(fd);  // releases the lock
}

SearchJournal::SearchJournal(const std::filesystem::path& file, bool create,
                             const std::vector<research::Dimension>& dimensions)
    : lock_(file),
      db_(file, create ? Database::Mode::Create : Database::Mode::ReadWrite),
      dimensions_(dimensions),
      dimension_columns_(dimension_columns(dimensions)),
      insert_sql_(insert_sql(dimension_columns_)) {
  // WAL: readers see the last commit while the search writes. FULL: a commit survives a
  // power cut, not only a killed process; at four commits a second the sync costs nothing.
  db_.exec("PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;");
}

std::unique_ptr<SearchJournal> SearchJournal::create(const std::filesystem::path& file, const JournalInputs& inputs,
                                                     const JournalCommand& command,
                                                     const std::vector<research::Dimension>& dimensions) {
  std::unique_ptr<SearchJournal> j(new SearchJournal(file, true, dimensions));
  {
    Database& db = j->db_;
    db.exec("BEGIN");
    db.exec(schema(j->dimensions_, j->dimension_columns_));
    put(db, "format", kFormat);
    put(db, "state", "running");
    put(db, "created", utc_now());
    put(db, "updated", utc_now());
    put(db, "cwd", command.cwd);
    auto arg = db.prepare("INSERT INTO argument (position, value) VALUES (?1, ?2)");
    for (size_t i = 0; i < command.args.size(); ++i) {
      arg.bind(1, static_cast<int64_t>(i)).bind(2, command.args[i]).step();
      arg.reset();
    }
    auto in = db.prepare("INSERT INTO input (kind, name, sha256) VALUES (?1, ?2, ?3)");
    auto add = [&in](const char* kind, const std::string& name, const std::string& sha) {
      in.bind(1, std::string_view(kind)).bind(2, name).bind(3, sha).step();
      in.reset();
    };
    add("config", "config", inputs.config);
    for (const auto& [name, sha] : inputs.data) add("data", name, sha);
    for (const auto& [name, sha] : inputs.plugins) add("plugin", name, sha);
    db.exec("COMMIT");
  }
  j->writer_ = std::thread([p = j.get()] { p->write_loop(); });
  return j;
}

std::unique_ptr<SearchJournal> SearchJournal::reopen(const std::filesystem::path& file,
                                                     const std::vector<research::Dimension>& dimensions) {
  read_journal_header(file);  // refuses what is not a journal before writing to it
  std::unique_ptr<SearchJournal> j(new SearchJournal(file, false, dimensions));
  j->writer_ = std::thread([p = j.get()] { p->write_loop(); });
  return j;
}

SearchJournal::~SearchJournal() {
  {
    std::lock_guard lock(queue_mutex_);
    stopping_ = true;
  }
  wake_.notify_one();
  if (writer_.joinable()) writer_.join();
}

research::RecordedTrials SearchJournal::recorded(size_t fold) {
  research::RecordedTrials out;
  std::string sql = "SELECT key, ok, error, returns_hash, moments";
  for (const auto& [name, member] : Metrics::fields()) sql += ", " + name;
  sql += ", periods, sharpe_per_period FROM trial WHERE fold = ?1";
  std::lock_guard lock(db_mutex_);
  auto q = db_.prepare(sql);
  q.bind(1, static_cast<int64_t>(fold));
  while (q.step()) {
    research::RecordedTrial r;
    r.ok = q.integer(1) != 0;
    r.error = q.text(2);
    r.returns_hash = std::bit_cast<uint64_t>(q.integer(3));
    const std::vector<double> m = q.doubles(4);
    const size_t blocks = m.size() / 3;
    r.moments.rows.assign(m.begin(), m.begin() + static_cast<std::ptrdiff_t>(blocks));
    r.moments.sum.assign(m.begin() + static_cast<std::ptrdiff_t>(blocks), m.begin() + static_cast<std::ptrdiff_t>(2 * blocks));
    r.moments.sumsq.assign(m.begin() + static_cast<std::ptrdiff_t>(2 * blocks), m.begin() + static_cast<std::ptrdiff_t>(3 * blocks));
    int col = 5;
    for (const auto& [name, member] : Metrics::fields()) r.metrics.*member = q.real(col++);
    r.metrics.periods = static_cast<size_t>(q.integer(col++));
    r.metrics.sharpe_per_period = q.real(col++);
    out.emplace(q.text(0), std::move(r));
  }
  return out;
}

SearchJournal::Row SearchJournal::row_of(size_t fold, const research::Trial& t) const {
  Row r;
  r.fold = fold;
  r.order = t.order;
  r.key = t.key;
  r.ok = t.eval.ok;
  r.error = t.eval.error;
  for (const auto& d : dimensions_) {
    if (d.kind == research::Dimension::Kind::Switch) {
      r.values.push_back(ParamValue::of_bool(t.candidate.enabled.at(d.module)));
    } else {
      const ParamValue* v = t.candidate.param(d.module, d.param);
      r.values.push_back(v ? *v : ParamValue::of_string("", MOSAIC_PARAM_STRING));
    }
  }
  r.metrics = t.eval.metrics;
  r.returns_hash = t.returns_hash;
  const auto& m = t.moments;
  r.moments.reserve(3 * m.blocks());
  r.moments.insert(r.moments.end(), m.rows.begin(), m.rows.end());
  r.moments.insert(r.moments.end(), m.sum.begin(), m.sum.end());
  r.moments.insert(r.moments.end(), m.sumsq.begin(), m.sumsq.end());
  return r;
}

void SearchJournal::record(size_t fold, const research::Trial& t) {
  if (t.replayed) return;
  Row r = row_of(fold, t);
  std::lock_guard lock(queue_mutex_);
  queue_.push_back(std::move(r));
}

void SearchJournal::commit(const std::vector<Row>& rows) {
  if (rows.empty()) return;
  const std::string now = utc_now();
  db_.exec("BEGIN IMMEDIATE");
  try {
    auto insert = db_.prepare(insert_sql_);
    for (const Row& r : rows) {
      int i = 1;
      insert.bind(i++, static_cast<int64_t>(r.fold));
      insert.bind(i++, static_cast<int64_t>(r.order));
      insert.bind(i++, r.key);
      insert.bind(i++, int64_t{r.ok});
      if (r.error.empty()) insert.bind_null(i++);
      else insert.bind(i++, r.error);
      for (const ParamValue& v : r.values) {
        switch (v.type) {
          case MOSAIC_PARAM_INT: insert.bind(i++, v.i); break;
          case MOSAIC_PARAM_FLOAT: insert.bind(i++, v.f); break;
          case MOSAIC_PARAM_BOOL: insert.bind(i++, int64_t{v.b}); break;
          default: insert.bind(i++, v.s);
        }
      }
      for (const auto& [name, member] : Metrics::fields()) {
        if (r.ok) insert.bind(i++, r.metrics.*member);
        else insert.bind_null(i++);
      }
      insert.bind(i++, static_cast<int64_t>(r.metrics.periods));
      insert.bind(i++, r.metrics.sharpe_per_period);
      insert.bind(i++, std::bit_cast<int64_t>(r.returns_hash));
      insert.bind_doubles(i++, r.moments);
      insert.bind(i++, now);
      insert.step();
      insert.reset();
    }
    put(db_, "updated", now);
    db_.exec("COMMIT");
  } catch (...) {
    db_.exec("ROLLBACK");
    throw;
  }
}

void SearchJournal::write_loop() {
  for (bool last = false; !last;) {
    std::optional<std::string> state;
    {
      std::unique_lock lock(queue_mutex_);
      wake_.wait_for(lock, kCommitEvery, [this] { return stopping_; });
      last = stopping_;
      if (last) state = final_state_;
    }
    try {
      if (state) set_state(*state);
      else flush();
    } catch (const SqliteError& e) {
      // kept for the next flush() on the search's side, or for wait()
      std::lock_guard lock(queue_mutex_);
      if (failure_.empty()) failure_ = e.what();
    }
  }
}

void SearchJournal::finish(const std::string& state) {
  {
    std::lock_guard lock(queue_mutex_);
    final_state_ = state;
    stopping_ = true;
  }
  wake_.notify_one();
}

void SearchJournal::wait() {
  if (writer_.joinable()) writer_.join();
  std::lock_guard lock(queue_mutex_);
  if (!failure_.empty()) throw SqliteError(failure_);
}

void SearchJournal::flush() {
  // The connection's lock is taken before the queue is emptied, so that when flush()
  // returns, every trial queued before it is committed, whichever thread took it.
  std::lock_guard db_lock(db_mutex_);
  std::vector<Row> batch;
  {
    std::lock_guard lock(queue_mutex_);
    batch.swap(queue_);
  }
  std::string failed;
  try {
    commit(batch);
  } catch (const SqliteError& e) {
    failed = e.what();
  }
  std::lock_guard lock(queue_mutex_);
  if (failure_.empty()) failure_ = failed;
  if (!failure_.empty()) throw SqliteError(failure_);
}

void SearchJournal::set_state(const std::string& state) {
  flush();
  std::lock_guard lock(db_mutex_);
  put(db_, "state", state);
  put(db_, "updated", utc_now());
}

}  // namespace mosaic::host::journal
