// The optimizer's progress on stderr: rewritten in place on a terminal, a line every few
// seconds otherwise (logs, CI).
#pragma once

#include "host/app/observer.hpp"

#include <string>

namespace mosaic::host::cli {

class ProgressLine {
 public:
  ProgressLine(std::string label, std::string target);
  void update(const app::Progress& p);
  // After the search: strategies measured out of sample so far.
  void measuring(size_t done, size_t total, double seconds);
  void finish();  // ends the in-place line

 private:
  void show(const std::string& line);  // in place on a terminal, else a line of its own

  std::string label_, target_;
  bool tty_;
  double last_print_ = -1;
  double last_measuring_ = -1;
  size_t width_ = 0;
};

}  // namespace mosaic::host::cli
