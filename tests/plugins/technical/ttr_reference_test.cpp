// Against R's TTR 0.24.3 on the ttrc series (tests/data/ttr, regenerate with make_reference.R).
// TTR computed on all 5550 bars; the file keeps the first 600, so every warm-up is covered.

#include <doctest/doctest.h>

#include <cmath>
#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "indicators/atr.hpp"
#include "indicators/bollinger.hpp"
#include "indicators/ema.hpp"
#include "indicators/macd.hpp"
#include "indicators/roc.hpp"
#include "indicators/rsi.hpp"
#include "indicators/sma.hpp"
#include "indicators/zscore.hpp"
#include "series_check.hpp"

using namespace mosaic::technical;

namespace {

using Series = std::vector<double>;
using Table = std::map<std::string, Series>;

// Reads a header row and numeric columns; "NA" or an empty field is NaN.
Table read_csv(const std::string& path)
{
    std::ifstream in(path);
    if (!in)
        throw std::runtime_error("cannot open " + path);
    auto split = [](const std::string& line) {
        std::vector<std::string> fields;
        std::stringstream ss(line);
        std::string field;
        while (std::getline(ss, field, ','))
            fields.push_back(field);
        if (!line.empty() && line.back() == ',')
            fields.emplace_back();
        return fields;
    };
    std::string line;
    std::getline(in, line);
    const auto names = split(line);
    Table table;
    for (int row = 2; std::getline(in, line); ++row) {
        const auto fields = split(line);
        if (fields.size() != names.size())
            throw std::runtime_error(path + ":" + std::to_string(row) + ": expected " +
                                     std::to_string(names.size()) + " fields");
        for (std::size_t c = 0; c < names.size(); ++c) {
            const auto& f = fields[c];
            char* end = nullptr;
            const double v = (f.empty() || f == "NA") ? test::NaN : std::strtod(f.c_str(), &end);
            if (end != nullptr && *end != '\0')
                throw std::runtime_error(path + ":" + std::to_string(row) + ": bad number '" + f + "'");
            table[names[c]].push_back(v);
        }
    }
    return table;
}

const Table& reference()
{
    static const Table table = read_csv(MOSAIC_TEST_DATA_DIR "/ttr/ttrc_reference.csv");
    return table;
}

const Series& column(const std::string& name)
{
    const auto it = reference().find(name);
    if (it == reference().end())
        throw std::runtime_error("reference has no column " + name);
    return it->second;
}

// Results are compared within 1e-9 relative. Where a value is a difference of much larger
// operands (MACD, %b, z-score, RSI, ROC near zero), the tolerance is relative to the operands
// instead, since neither TTR nor we can resolve the difference more finely than that.
constexpr double tolerance = 1e-9;

Series scaled(const Series& num, const Series& den, double factor)
{
    Series out(num.size());
    for (std::size_t i = 0; i < num.size(); ++i)
        out[i] = factor * std::abs(num[i]) / std::abs(den[i]);  // NaN in warm-up: unused there
    return out;
}

}  // namespace

TEST_CASE("the reference file has the expected shape")
{
    CHECK(reference().size() == 15);
    CHECK(column("close").size() == 600);
    CHECK(test::count_nans(column("close")) == 0);
}

TEST_CASE("moving averages match TTR")
{
    const auto& close = column("close");
    Series out(close.size());
    sma(close, 20, out);
    test::check_series("sma 20", out, column("sma_20"), tolerance);
    ema(close, 20, out);
    test::check_series("ema 20", out, column("ema_20"), tolerance);
}

TEST_CASE("rsi matches TTR")
{
    const auto& close = column("close");
    Series out(close.size());
    rsi(close, 14, out);
    test::check_series("rsi 14", out, column("rsi_14"), tolerance, Series(close.size(), 100.0));
}

TEST_CASE("macd matches TTR")
{
    const auto& close = column("close");
    Series line(close.size()), sig(close.size()), hist(close.size());
    macd(close, 12, 26, 9, line, sig, hist);
    test::check_series("macd line", line, column("macd_12_26_9"), tolerance, close);
    test::check_series("macd signal", sig, column("macd_signal_12_26_9"), tolerance, close);
    Series expected_hist(close.size());
    for (std::size_t i = 0; i < close.size(); ++i)
        expected_hist[i] = column("macd_12_26_9")[i] - column("macd_signal_12_26_9")[i];
    test::check_series("macd hist", hist, expected_hist, tolerance, close);
}

TEST_CASE("bollinger bands match TTR")
{
    const auto& close = column("close");
    Series lo(close.size()), mid(close.size()), up(close.size()), pb(close.size());
    bollinger(close, 20, 2.0, lo, mid, up, pb);
    test::check_series("bb lower", lo, column("bb_lower_20_2"), tolerance);
    test::check_series("bb middle", mid, column("bb_mid_20_2"), tolerance);
    test::check_series("bb upper", up, column("bb_upper_20_2"), tolerance);
    Series width(close.size());
    for (std::size_t i = 0; i < close.size(); ++i)
        width[i] = column("bb_upper_20_2")[i] - column("bb_lower_20_2")[i];
    test::check_series("bb %b", pb, column("bb_pctb_20_2"), tolerance, scaled(close, width, 1.0));
}

TEST_CASE("atr matches TTR")
{
    Series out(column("close").size());
    atr(column("high"), column("low"), column("close"), 14, out);
    test::check_series("atr 14", out, column("atr_14"), tolerance);
}

TEST_CASE("roc and zscore match TTR")
{
    const auto& close = column("close");
    Series out(close.size());
    roc(close, 20, out);
    test::check_series("roc 20", out, column("roc_20"), tolerance, Series(close.size(), 1.0));
    zscore(close, 20, out);
    // sd = (upper - lower) / 4 for k = 2, so close/sd = 4*close/(upper - lower).
    Series width(close.size());
    for (std::size_t i = 0; i < close.size(); ++i)
        width[i] = column("bb_upper_20_2")[i] - column("bb_lower_20_2")[i];
    test::check_series("zscore 20", out, column("zscore_20"), tolerance, scaled(close, width, 4.0));
}
