// The candidates a list search evaluates, taken by position, each once: made up front (a
// random search's chunk), or a grid's kept points, each made when it is taken, on the thread
// that evaluates it (making them all before the first evaluation was most of a grid search's
// set-up, and on one thread at a time).
#pragma once

#include "host/research/grid.hpp"
#include "host/research/search_space.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

namespace mosaic::host::research {

class CandidateSource {
 public:
  virtual ~CandidateSource() = default;
  virtual size_t size() const = 0;
  // Candidate i (< size()), taken on thread `thread` (< the threads the source was made for);
  // two threads never take with the same `thread` at once.
  virtual Candidate take(size_t i, size_t thread) = 0;
};

// Moves the candidates out of a list made up front.
class ListedCandidates final : public CandidateSource {
 public:
  explicit ListedCandidates(std::vector<Candidate>& list) : list_(list) {}
  size_t size() const override { return list_.size(); }
  Candidate take(size_t i, size_t) override { return std::move(list_.at(i)); }

 private:
  std::vector<Candidate>& list_;
};

// The grid's points at `indices`, each made from a cursor of the taking thread's own.
class GridCandidates final : public CandidateSource {
 public:
  GridCandidates(const Grid& grid, std::span<const uint64_t> indices, size_t threads)
      : grid_(grid), indices_(indices), cursors_(threads) {}
  size_t size() const override { return indices_.size(); }
  Candidate take(size_t i, size_t thread) override {
    std::optional<GridCursor>& cursor = cursors_.at(thread);
    if (!cursor) cursor.emplace(grid_);
    return cursor->at(indices_[i]);
  }

 private:
  const Grid& grid_;
  std::span<const uint64_t> indices_;
  std::vector<std::optional<GridCursor>> cursors_;
};

}  // namespace mosaic::host::research
