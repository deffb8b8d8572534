// The sentiment module: scores news items with VADER's rules over a chosen lexicon and
// publishes, per asset and bar, an exponentially decayed average of the scores.
#include "ascii.hpp"
#include "emoji_names.hpp"
#include "lexicon.hpp"
#include "news_signal.hpp"
#include "self_test.hpp"
#include "tickers.hpp"

#include <mosaic/module.hpp>

#include <span>
#include <stdexcept>
#include <string>
#include <vector>

namespace mosaic::sentiment {

class SentimentModule final : public mosaic::Module {
 public:
  static mosaic::Contract contract() {
    return mosaic::Contract("sentiment", "1.0.0", mosaic::Role::Signal)
        .id("org.mosaic.sentiment")
        .describe("News sentiment: VADER's rules over the VADER or AFINN-165 financial lexicon, as an "
                  "exponentially decayed average of item scores per asset")
        .input("news", mosaic::Layout::Table,
               "news items: ts (timestamps), headline (utf8), optional ticker and body (utf8)")
        .input("close", mosaic::Layout::Panel, "closing prices: only the calendar and the universe are used")
        .output("signal.sentiment", mosaic::Layout::Panel,
                "decayed average news score in [-1, 1]; 0 for an asset without news so far")
        .output("sentiment.market", mosaic::Layout::Panel,
                "one column 'market': the same average over every item, whatever asset it names")
        .param_enum("lexicon", "vader", {"vader", "afinn_financial"},
                    "word valences: VADER (-4..4), or AFINN-165 financial (-5..5, scaled by 0.8 onto VADER's range)")
        .param_string("lexicon_dir", "",
                      "folder with vader_lexicon.txt and afinn165_financial.tsv; empty: the host's bundled data "
                      "folder. A relative path resolves against the working directory, not the config file")
        .setting()
        .param_string("emoji_file", std::string(kSystemEmojiFile),
                      "Unicode's emoji-test.txt (Debian package unicode-data): before scoring, each emoji is written "
                      "out as its short name, as VADER does; empty: emoji are scored as written. A relative path "
                      "resolves against the working directory")
        .setting()
        .param_float("half_life", 5.0, 0.5, 250.0, "bars after which an item's weight has halved", 0.5)
        .param_bool("fade", true,
                    "true: a lone item's score fades with the half-life (divide by max(total weight, 1)); false: the "
                    "plain weighted mean, which holds until new news arrives")
        .param_float("body_weight", 0.0, 0.0, 1.0,
                     "weight of the body's mean sentence score against the headline's (0: headline only)", 0.1)
        .param_string("aliases", "",
                      "company names standing for tickers in headlines, e.g. \"Texaco:TX,Exxon:XON\" (whole words, "
                      "any case); also maps names in the ticker column")
        .setting()
        .sla_latency_ms(50.0);
  }

  explicit SentimentModule(const mosaic::Params& p)
      : lexicon_(load_lexicon(p)),
        emoji_(load_emoji(p)),
        body_weight_(p.get_float("body_weight")),
        signal_(lexicon_, read_aliases(p), read_options(p), &emoji_) {}

  void process(const mosaic::Inputs& in, mosaic::Outputs& out) override {
    const mosaic::PanelView close = in.panel("close");
    const mosaic::TableView news = in.table("news");
    for (const char* column : {"ts", "headline"})
      if (!news.has(column))
        throw mosaic::Error(MOSAIC_ERR_BAD_INPUT, std::string("table 'news' has no '") + column +
                                                      "' column (expected ts, headline, and optionally ticker and body)");
    const bool has_ticker = news.has("ticker");
    const bool use_body = news.has("body") && body_weight_ > 0;
    const std::span<const int64_t> item_ts = news.int64s("ts");

    const mosaic::Shape shape = close.shape();
    signal_.begin(close.ts(), shape.tickers);
    for (size_t r = 0; r < news.rows(); ++r)
      signal_.add(item_ts[r], has_ticker ? news.string("ticker", r) : std::string_view(), news.string("headline", r),
                  use_body ? news.string("body", r) : std::string_view());

    mosaic::PanelWriter& panel = out.panel("signal.sentiment", shape);
    mosaic::PanelWriter& market = out.panel("sentiment.market", shape.aggregate(mosaic::kMarketColumn));
    columns_.clear();
    for (size_t a = 0; a < panel.assets(); ++a) columns_.push_back(panel.column(a));
    const double coverage = signal_.finish(columns_, market.column(0));
    out.set_confidence("signal.sentiment", coverage);

    const SignalCounts& c = signal_.counts();
    mosaic::log(MOSAIC_LOG_DEBUG, "sentiment",
                std::to_string(c.items) + " news items: " + std::to_string(c.placed) + " scored, " +
                    std::to_string(c.unmatched) + " about no asset of the universe, " + std::to_string(c.late) +
                    " after the last bar");
  }

  void self_test() override { run_self_test(lexicon_); }

 private:
  static Lexicon load_lexicon(const mosaic::Params& p) {
    const LexiconKind kind = p.get_enum("lexicon") == "afinn_financial" ? LexiconKind::AfinnFinancial : LexiconKind::Vader;
    std::string dir = p.get_string("lexicon_dir");
    if (trim(dir).empty()) dir = mosaic::host_data_dir();  // the lexicons ship with the host
    if (trim(dir).empty())
      throw mosaic::Error(MOSAIC_ERR_INVALID_ARGUMENT,
                          "parameter lexicon_dir is empty and the host offers no data folder: set it to the folder "
                          "holding vader_lexicon.txt and afinn165_financial.tsv (the project's data/ folder), as an "
                          "absolute path or relative to the working directory");
    try {
      return Lexicon::load(dir, kind);
    } catch (const LexiconError& e) {
      throw mosaic::Error(MOSAIC_ERR_INVALID_ARGUMENT, std::string("parameter lexicon_dir: ") + e.what());
    }
  }

  // A path the user chose that does not load is a mistake to refuse. The default path
  // belongs to a Debian package that may just not be installed on this machine: then emoji
  // are scored as written, as before the translation existed, with a warning.
  static EmojiNames load_emoji(const mosaic::Params& p) {
    const std::string file = p.get_string("emoji_file");
    if (trim(file).empty()) return {};
    try {
      return EmojiNames::load(file);
    } catch (const EmojiFileError& e) {
      const std::string package = "Debian's " + std::string(kEmojiPackage) + " package installs " +
                                  std::string(kSystemEmojiFile) + " (scripts/setup does)";
      if (file != kSystemEmojiFile)
        throw mosaic::Error(MOSAIC_ERR_INVALID_ARGUMENT, "parameter emoji_file: " + std::string(e.what()) + ". " +
                                                             package + "; emoji_file = \"\" scores emoji as written");
      mosaic::log(MOSAIC_LOG_WARN, "sentiment",
                  std::string(e.what()) + ": emoji are scored as written, not translated. " + package +
                      "; emoji_file = \"\" silences this");
      return {};
    }
  }

  static std::vector<Alias> read_aliases(const mosaic::Params& p) {
    try {
      return parse_aliases(p.get_string("aliases"));
    } catch (const std::invalid_argument& e) {
      throw mosaic::Error(MOSAIC_ERR_INVALID_ARGUMENT, std::string("parameter aliases: ") + e.what());
    }
  }

  static SignalOptions read_options(const mosaic::Params& p) {
    SignalOptions o;
    o.body_weight = p.get_float("body_weight");
    o.decay.half_life = p.get_float("half_life");
    o.decay.fade = p.get_bool("fade");
    if (!(o.decay.half_life > 0)) throw mosaic::Error(MOSAIC_ERR_INVALID_ARGUMENT, "parameter half_life must be positive");
    return o;
  }

  Lexicon lexicon_;
  EmojiNames emoji_;  // empty: no translation
  double body_weight_;
  NewsSignal signal_;  // borrows lexicon_ and emoji_, which are declared (so built) before it
  // Per-call scratch, kept per instance (never thread_local: that would pin the library).
  std::vector<std::span<double>> columns_;
};

}  // namespace mosaic::sentiment

MOSAIC_EXPORT_MODULE(mosaic::sentiment::SentimentModule)
