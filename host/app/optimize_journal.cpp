#include "host/app/optimize_journal.hpp"

#include "host/app/error.hpp"
#include "host/loader/sha256.hpp"

#include <fmt/format.h>

namespace mosaic::host::app {
namespace {

std::string digest_of(const std::filesystem::path& file, ErrorKind kind) {
  try {
    return sha256_file(file);
  } catch (const std::runtime_error& e) {
    throw Error(kind, e.what(), {.file = file.string()});
  }
}

std::string short_digest(const std::string& d) { return d.empty() ? "(none)" : d.substr(0, 16); }

// The first file whose digest differs between the journal's inputs and today's, in words.
std::string first_difference(const std::map<std::string, std::string>& then,
                             const std::map<std::string, std::string>& now) {
  for (const auto& [name, digest] : then) {
    auto it = now.find(name);
    if (it == now.end()) return fmt::format("{} (sha256 {}) is not among them now", name, short_digest(digest));
    if (it->second != digest)
      return fmt::format("{} had sha256 {}, and has {} now", name, short_digest(digest), short_digest(it->second));
  }
  for (const auto& [name, digest] : now)
    if (!then.count(name)) return fmt::format("{} (sha256 {}) was not among them", name, short_digest(digest));
  return {};
}

void check_same_inputs(const journal::JournalInputs& then, const journal::JournalInputs& now,
                       const std::filesystem::path& file, const Session& s) {
  const std::string cannot = fmt::format("cannot resume the search of {}", file.parent_path().string());
  if (then.config != now.config)
    throw Error(ErrorKind::Config,
                fmt::format("{}: its config differs: the journal's had sha256 {}, {} has {}", cannot,
                            short_digest(then.config), s.config.file.string(), short_digest(now.config)),
                {.file = s.config.file.string()});
  if (auto why = first_difference(then.data, now.data); !why.empty())
    throw Error(ErrorKind::Data, fmt::format("{}: its data differ: {}", cannot, why), {.file = file.string()});
  if (auto why = first_difference(then.plugins, now.plugins); !why.empty())
    throw Error(ErrorKind::Module, fmt::format("{}: its plugins differ: {}", cannot, why), {.file = file.string()});
}

}  // namespace

ResumePoint read_resume_point(const std::filesystem::path& run_dir) {
  const std::filesystem::path file = run_dir / kJournalFileName;
  if (!std::filesystem::is_regular_file(file))
    throw Error(ErrorKind::Usage,
                fmt::format("--resume {}: no {} there; give the run folder of a `mosaic optimize`", run_dir.string(),
                            kJournalFileName),
                {.file = file.string()});
  try {
    const journal::JournalHeader h = journal::read_journal_header(file);
    return {h.command.args, h.command.cwd, h.state, h.trials};
  } catch (const journal::SqliteError& e) {
    throw Error(ErrorKind::Data, e.what(), {.file = file.string()});
  }
}

journal::JournalInputs journal_inputs(const Session& s, const OptimizePlan& plan) {
  journal::JournalInputs in;
  in.config = sha256_hex(s.config.text);
  in.data[s.config.prices.string()] = digest_of(s.config.prices, ErrorKind::Data);
  if (s.config.news) in.data[s.config.news->string()] = digest_of(*s.config.news, ErrorKind::Data);
  // The copy that was loaded: the folder's file may have been replaced since.
  for (const auto& setup : plan.recipe.setups) {
    if (!setup.library) continue;
    const auto& lib = *setup.library;
    const auto& loaded = lib.shadow_copy().empty() ? lib.file() : lib.shadow_copy();
    in.plugins[lib.file().filename().string()] = digest_of(loaded, ErrorKind::Module);
  }
  return in;
}

std::unique_ptr<journal::SearchJournal> open_journal(const Session& s, const OptimizePlan& plan,
                                                     const JournalSpec& spec) {
  const journal::JournalInputs now = journal_inputs(s, plan);
  try {
    if (spec.resume) {
      check_same_inputs(journal::read_journal_header(spec.file).inputs, now, spec.file, s);
      return journal::SearchJournal::reopen(spec.file, plan.space.dimensions());
    }
    return journal::SearchJournal::create(spec.file, now, {spec.command, spec.cwd.string()}, plan.space.dimensions());
  } catch (const journal::SqliteError& e) {
    throw Error(ErrorKind::Output, e.what(), {.file = spec.file.string()});
  }
}

}  // namespace mosaic::host::app
