// The search journal: every configuration an optimization evaluated, with its metrics, in
// an SQLite database (WAL mode) in the run folder, so that an interrupted search resumes
// where it stopped and anyone can query a running or finished one (sqlite3, pandas'
// read_sql). Trials are queued by the search threads and committed by a writer thread, one
// transaction per batch, at least every 250 ms; a kill loses at most that last batch, and
// SQLite rolls back a transaction it cut short.
//
// Tables: run (key, value: state, created, updated, cwd, format), argument (the command
// line's words), input (kind, name, sha256: the config, each data file and each plugin
// library the search ran on), trial (one row per fold and configuration: its order, key,
// ok and error, one column per searched dimension, one per metric, then what a resumed
// search needs to stand in for the evaluation: returns_hash and the PBO's block moments).
#pragma once

#include "host/journal/sqlite.hpp"
#include "host/research/search_space.hpp"
#include "host/research/trial.hpp"

#include <condition_variable>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace mosaic::host::journal {

// What a search ran on, by sha256: resuming on anything else is refused.
struct JournalInputs {
  std::string config;                          // the config's text
  std::map<std::string, std::string> data;     // each data file's path -> its digest
  std::map<std::string, std::string> plugins;  // each module library's file name -> its digest
};

// How the search was started: enough to start it again the same way.
struct JournalCommand {
  std::vector<std::string> args;  // the words after `mosaic optimize`
  std::string cwd;                // the directory they were given in
};

struct JournalHeader {
  JournalInputs inputs;
  JournalCommand command;
  std::string state;  // running, interrupted, finished
  uint64_t trials = 0;
};

// Reads a journal without writing to it (a second process, or --resume before the search
// is set up). Throws SqliteError when it is not a journal or cannot be read.
JournalHeader read_journal_header(const std::filesystem::path& file);

class SearchJournal {
 public:
  // A new journal at `file` (which must not exist) for a search over `dimensions`.
  static std::unique_ptr<SearchJournal> create(const std::filesystem::path& file, const JournalInputs& inputs,
                                               const JournalCommand& command,
                                               const std::vector<research::Dimension>& dimensions);
  // The journal at `file`, to continue: new trials are added to it.
  static std::unique_ptr<SearchJournal> reopen(const std::filesystem::path& file,
                                               const std::vector<research::Dimension>& dimensions);
  ~SearchJournal();  // commits what is queued
  SearchJournal(const SearchJournal&) = delete;
  SearchJournal& operator=(const SearchJournal&) = delete;

  // Both hold the journal's folder locked (flock) until destroyed, so that a second search
  // (a --resume while the first still runs) is refused instead of writing the same rows;
  // the lock goes with the process, so a killed search leaves none behind.

  // The fold's trials as recorded, for SearchSettings::recorded.
  research::RecordedTrials recorded(size_t fold);
  // Queues a trial; any thread, cheap. Replayed trials are already in the journal: skipped.
  void record(size_t fold, const research::Trial& t);
  // Commits what is queued now; throws SqliteError if this or an earlier commit failed.
  void flush();
  void set_state(const std::string& state);  // flushes first
  // The journal's last commits, on its own thread while the caller goes on: what is queued,
  // then `state`. Nothing is recorded after it. wait() returns once both are on disk, and
  // throws SqliteError if they, or an earlier commit, failed.
  void finish(const std::string& state);
  void wait();

 private:
  struct Row;
  SearchJournal(const std::filesystem::path& file, bool create, const std::vector<research::Dimension>& dimensions);
  void write_loop();
  void commit(const std::vector<Row>& rows);  // under db_mutex_
  Row row_of(size_t fold, const research::Trial& t) const;

  struct FolderLock {
    explicit FolderLock(const std::filesystem::path& journal);
    ~FolderLock();
    FolderLock(const FolderLock&) = delete;
    FolderLock& operator=(const FolderLock&) = delete;
    int fd = -1;
  };

  FolderLock lock_;  // taken before the database is opened
  Database db_;
  std::vector<research::Dimension> dimensions_;
  std::vector<std::string> dimension_columns_;
  std::string insert_sql_;  // made once: every commit prepares it
  std::mutex db_mutex_;  // the connection; taken before queue_mutex_ when both are
  std::mutex queue_mutex_;
  std::condition_variable wake_;
  std::vector<Row> queue_;
  bool stopping_ = false;
  std::optional<std::string> final_state_;  // finish()'s, written after the last flush
  std::string failure_;  // the first commit that failed
  std::thread writer_;
};

}  // namespace mosaic::host::journal
