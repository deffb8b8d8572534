#!/usr/bin/env Rscript
# Regenerates ttrc_reference.csv, the reference values the technical-indicator tests compare
# against. Run from anywhere: Rscript tests/data/ttr/make_reference.R
# Needs R and TTR (Debian: apt-get install -y r-base-core r-cran-ttr); the build does not.
#
# Every indicator is computed on the FULL series (5550 bars), so the recursive ones (EMA, RSI,
# ATR, MACD) have long converged histories; only the first `keep` rows are written to keep the
# file small while still covering every warm-up.
suppressPackageStartupMessages(library(TTR))

keep <- 600

args <- commandArgs(trailingOnly = FALSE)
script <- sub("^--file=", "", args[grep("^--file=", args)])
here <- if (length(script) == 1) dirname(normalizePath(script)) else getwd()
repo <- normalizePath(file.path(here, "..", "..", ".."))

candidates <- c(file.path(repo, "data", "ttrc.csv"), "/work/shared/data/ttrc.csv")
found <- candidates[file.exists(candidates)]
if (length(found) > 0) {
  raw <- read.csv(found[1], stringsAsFactors = FALSE)
  hlc <- data.frame(high = raw$high, low = raw$low, close = raw$close)
  source_name <- found[1]
} else {
  # The CSV is a copy of TTR's own ttrc data set, so fall back to it.
  data(ttrc, package = "TTR", envir = environment())
  hlc <- data.frame(high = ttrc$High, low = ttrc$Low, close = ttrc$Close)
  source_name <- "TTR::ttrc"
}
stopifnot(nrow(hlc) == 5550, !anyNA(hlc))

cl <- hlc$close
macd <- MACD(cl, nFast = 12, nSlow = 26, nSig = 9, maType = "EMA", percent = FALSE)
bb <- BBands(cl, n = 20, sd = 2)
sd20 <- runSD(cl, n = 20, sample = FALSE)
z <- (cl - runMean(cl, n = 20)) / sd20
z[!is.na(sd20) & sd20 == 0] <- NA  # the C++ policy: a flat window has no z-score

out <- data.frame(
  close = cl, high = hlc$high, low = hlc$low,
  sma_20 = SMA(cl, n = 20),
  ema_20 = EMA(cl, n = 20),
  rsi_14 = RSI(cl, n = 14),
  macd_12_26_9 = macd[, "macd"],
  macd_signal_12_26_9 = macd[, "signal"],
  bb_lower_20_2 = bb[, "dn"],
  bb_mid_20_2 = bb[, "mavg"],
  bb_upper_20_2 = bb[, "up"],
  bb_pctb_20_2 = bb[, "pctB"],
  atr_14 = ATR(as.matrix(hlc), n = 14)[, "atr"],
  roc_20 = ROC(cl, n = 20, type = "discrete"),
  zscore_20 = z
)
out <- out[seq_len(keep), ]

# 17 significant digits round-trip every double exactly.
formatted <- as.data.frame(lapply(out, function(col) {
  ifelse(is.na(col), "NA", sprintf("%.17g", col))
}))
target <- file.path(here, "ttrc_reference.csv")
write.csv(formatted, target, row.names = FALSE, quote = FALSE)
cat(sprintf("wrote %d rows from %s to %s (TTR %s)\n", keep, source_name, target, packageVersion("TTR")))
