// The Reuters sample (data/reuters_crude_acq_1987.csv) for the module's own tests. The
// module's tests link only its code, not the host's CSV reader, so this is a minimal
// RFC 4180 reader for that one file (every field quoted, "" for a quote, fields spanning
// lines); the host's reader has its own tests.
#pragma once

#include <cstddef>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace sentiment_test {

struct Article {
  std::string timestamp, topic, headline, body;
};

inline std::vector<std::vector<std::string>> read_csv_records(const std::string& text) {
  std::vector<std::vector<std::string>> records(1);
  std::string field;
  bool quoted = false, field_started = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') field += '"', ++i;
      else if (c == '"') quoted = false;
      else field += c;
    } else if (c == '"') {
      quoted = field_started = true;
    } else if (c == ',') {
      records.back().push_back(field), field.clear(), field_started = false;
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      if (field_started || !field.empty() || !records.back().empty()) {
        records.back().push_back(field);
        records.emplace_back();
      }
      field.clear(), field_started = false;
    } else {
      field += c, field_started = true;
    }
  }
  if (field_started || !field.empty()) records.back().push_back(field);
  if (records.back().empty()) records.pop_back();
  return records;
}

inline std::vector<Article> reuters_sample() {
  std::ifstream in(std::string(MOSAIC_DATA_DIR) + "/reuters_crude_acq_1987.csv", std::ios::binary);
  if (!in) throw std::runtime_error("cannot open the Reuters sample");
  std::stringstream text;
  text << in.rdbuf();
  const auto records = read_csv_records(text.str());
  if (records.empty() || records[0] != std::vector<std::string>{"timestamp", "topic", "headline", "body"})
    throw std::runtime_error("unexpected header in the Reuters sample");
  std::vector<Article> articles;
  for (size_t i = 1; i < records.size(); ++i) {
    const auto& r = records[i];
    if (r.size() != 4) throw std::runtime_error("record " + std::to_string(i) + " has " + std::to_string(r.size()) + " fields");
    articles.push_back({r[0], r[1], r[2], r[3]});
  }
  return articles;
}

}  // namespace sentiment_test
