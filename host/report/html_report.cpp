#include "host/report/html_report.hpp"

#include "host/app/error.hpp"
#include "host/report/chart_library.hpp"
#include "host/report/report_script.hpp"
#include "host/report/optimize_html.hpp"
#include "host/report/run_folder.hpp"
#include "host/report/run_html.hpp"
#include "host/report/study_html.hpp"

#include <fmt/format.h>

namespace mosaic::host::report {
namespace fs = std::filesystem;
namespace {

// Inside <script>, "</script" ends the element and "<!--" with "<script" switches the parser
// into a mode where it swallows what follows; a "<" occurs in JSON only inside strings, where
// the escape \u003c means the same character.
std::string script_safe(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    if (c == '<') out += "\\u003c";
    else out += c;
  }
  return out;
}

std::string escape_html(const std::string& s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

constexpr const char* kStyle = R"css(
body { font: 14px/1.4 system-ui, sans-serif; margin: 0 2em 2em; color: #222; }
h1 { font-size: 1.5em; margin: 0.8em 0 0.2em; }
h2 { font-size: 1.15em; margin: 1.6em 0 0.3em; }
table { border-collapse: collapse; margin: 0.5em 0; }
th, td { padding: 0.2em 0.8em; border-bottom: 1px solid #ddd; text-align: left; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
pre { background: #f6f6f6; padding: 0.6em; max-height: 20em; overflow: auto; }
.chart { width: 100%; height: 380px; }
.note { color: #666; font-size: 0.9em; }
#status.error { color: #b00; font-weight: bold; }
details { margin: 0.5em 0; }
)css";

}  // namespace

std::string folder_kind(const fs::path& dir) {
  auto has = [&](const char* name) { return fs::exists(dir / name); };
  if (has("results.csv")) return "optimize";
  if (has("ablation.csv")) return "ablate";
  if (has("a.toml") && has("b.toml")) return "compare";
  if (has("equity.csv") && has("metrics.json") && has("modules.json")) return "run";
  return "";
}

nlohmann::json html_report_data(const fs::path& dir) {
  if (!fs::is_directory(dir))
    throw app::Error(app::ErrorKind::Usage, fmt::format("{}: not a folder", dir.string()), {.file = dir.string()});
  const std::string kind = folder_kind(dir);
  try {
    if (kind == "run") return run_html_data(dir);
    if (kind == "optimize") return optimize_html_data(dir);
    if (kind == "ablate") return ablate_html_data(dir);
    if (kind == "compare") return compare_html_data(dir);
  } catch (const nlohmann::json::exception& e) {  // a JSON file of another shape than mosaic writes
    throw app::Error(app::ErrorKind::Data,
                     fmt::format("{}: a JSON file of the folder is not as mosaic writes it: {}", dir.string(), e.what()),
                     {.file = dir.string()});
  }
  throw app::Error(app::ErrorKind::Usage,
                   fmt::format("{}: not a run folder (expected the files a mosaic run, optimize, ablate or "
                               "compare writes, e.g. equity.csv, metrics.json and modules.json)",
                               dir.string()),
                   {.file = dir.string()});
}

std::string html_page(const nlohmann::json& data, const std::string& library) {
  const std::string kind = data.value("kind", "");
  std::string page;
  page.reserve(library.size() + (size_t{1} << 20));
  page += "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
  const nlohmann::json header = data.value("header", nlohmann::json::object());
  page += fmt::format("<title>Mosaic {} report: {}</title>\n", escape_html(kind),
                      escape_html(header.value("folder", "")));
  page += "<style>" + std::string(kStyle) + "</style>\n</head>\n<body>\n";
  page += fmt::format("<h1>Mosaic {} report</h1>\n", escape_html(kind));
  page += "<p id=\"status\" class=\"note\">Drawing the charts&hellip; (this page needs JavaScript)</p>\n";
  page += "<div id=\"report\"></div>\n";
  // The data, the library and the script: nothing is fetched, so the file works offline.
  page += "<script id=\"mosaic-data\" type=\"application/json\">" + script_safe(data.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)) + "</script>\n";
  page += "<script id=\"mosaic-chart-library\" type=\"application/octet-stream\" data-encoding=\"gzip+base64\">";
  page += library;
  page += "</script>\n<script>" + std::string(report_script()) + "</script>\n</body>\n</html>\n";
  return page;
}

fs::path write_html_report(const fs::path& dir) {
  const nlohmann::json data = html_report_data(dir);
  const fs::path file = dir / "report.html";
  write_text_file(file, html_page(data, packed_chart_library()));
  return file;
}

}  // namespace mosaic::host::report
