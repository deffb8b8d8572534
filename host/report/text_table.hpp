// Aligned plain-text tables for the terminal.
#pragma once

#include <string>
#include <vector>

namespace mosaic::host::report {

class TextTable {
 public:
  explicit TextTable(std::vector<std::string> headers);
  void add(std::vector<std::string> row);
  // Columns whose every cell parses as a number are right-aligned.
  std::string str() const;

 private:
  std::vector<std::string> headers_;
  std::vector<std::vector<std::string>> rows_;
};

}  // namespace mosaic::host::report
