// An optimization's journal (host/journal/search_journal.hpp) as the engine keeps it: made
// in the run folder when a search starts, and checked before a search continues one, so
// that a search resumes only on the same config, data and plugins (by sha256).
#pragma once

#include "host/app/optimize_plan.hpp"
#include "host/app/session.hpp"
#include "host/journal/search_journal.hpp"

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace mosaic::host::app {

inline constexpr const char* kJournalFileName = "journal.sqlite";

struct JournalSpec {
  std::filesystem::path file;  // <run folder>/journal.sqlite
  bool resume = false;         // continue the journal at `file` rather than make it
  // How the search was asked for, kept so that --resume can ask again: the words after
  // `mosaic optimize` and the directory they were given in. Unused when resuming.
  std::vector<std::string> command;
  std::filesystem::path cwd;
};

// What a run folder's journal says about its search, for --resume.
struct ResumePoint {
  std::vector<std::string> args;
  std::filesystem::path cwd;
  std::string state;    // running (or killed), interrupted, finished
  uint64_t trials = 0;  // recorded, over every fold
};

// Throws Error (Usage) when the folder holds no journal, (Data) when it cannot be read.
ResumePoint read_resume_point(const std::filesystem::path& run_dir);

// The config's, the data files' and the plan's module libraries' digests.
journal::JournalInputs journal_inputs(const Session& s, const OptimizePlan& plan);

// Makes or (resume) reopens the journal. Throws Error: Config, Data or Module when the
// journal was written for another config, other data or other plugins, naming the file
// and both digests; Output when it cannot be written.
std::unique_ptr<journal::SearchJournal> open_journal(const Session& s, const OptimizePlan& plan,
                                                     const JournalSpec& spec);

}  // namespace mosaic::host::app
