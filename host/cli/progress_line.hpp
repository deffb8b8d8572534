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
  void finish();  // ends the in-place line

 private:
  std::string label_, target_;
  bool tty_;
  double last_print_ = -1;
  size_t width_ = 0;
};

}  // namespace mosaic::host::cli
