#!/usr/bin/python3
"""Reference fit for the regime module's HMM: statsmodels' MarkovRegression on SPI.

Run once (a developer tool, not part of the build):

    /usr/bin/python3 tests/data/regime/make_reference.py

It needs Debian's python3-statsmodels (0.13.5 when this was made) and writes
swx_reference.csv next to itself. tests/plugins/regime/swx_reference_test.cpp compares
the module's full-sample Baum-Welch fit against it.

The series: the daily log returns ln(P_t / P_{t-1}) of the SPI column of data/swx.csv
(1,917 closes, 2000-01-03 to 2007-05-03, no missing values: 1,916 returns).

The model: MarkovRegression(k_regimes=2, trend='c', switching_variance=True), i.e. a
2-state Gaussian HMM with a switching mean and a switching variance. Its initial state
distribution is statsmodels' default, the steady state of the transition matrix; the
module uses the same.

statsmodels' parameterisation, and how it is written here:
  - "sigma2[i]" are variances (not standard deviations).
  - regime_transition[i, j] = P(S_t = i | S_{t-1} = j): columns sum to one. Its params
    p[0->0], p[1->0] are P(0 | 0) and P(0 | 1). The CSV writes the usual row-stochastic
    p_ij = P(S_t = j | S_{t-1} = i), i.e. the transpose.
  - States are written ordered by variance: state 0 is the calm (lower-variance) state,
    state 1 the high-volatility state; statsmodels' own labelling is arbitrary.
  - The fit is on returns in percent (x100) because statsmodels' optimiser is better
    conditioned there; means are divided by 100 and variances by 10^4 on the way out,
    which is an exact change of units for this model (the log-likelihood of r is that of
    y plus n*ln(100)). Standard errors come from the same scaling.

Several fits are run (EM then BFGS from statsmodels' own start, and from random
searches); the one with the highest log-likelihood is kept, and the script checks that
the others that reach the same likelihood agree with it.
"""
import csv
import math
import os
import sys

import numpy as np
import statsmodels
from statsmodels.tsa.regime_switching.markov_regression import MarkovRegression

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "..", "..", "..", "data", "swx.csv")
OUT = os.path.join(HERE, "swx_reference.csv")
SERIES = "SPI"
SCALE = 100.0


def load_closes(path, ticker):
    closes = []
    with open(path, newline="") as f:
        for row in csv.DictReader(f):
            if row["ticker"] == ticker:
                closes.append(float(row["close"]))
    return np.array(closes)


def main():
    closes = load_closes(DATA, SERIES)
    r = np.diff(np.log(closes))
    assert np.all(np.isfinite(r))
    y = r * SCALE
    model = MarkovRegression(y, k_regimes=2, trend="c", switching_variance=True)

    np.random.seed(7)  # the random searches below draw from numpy's global generator
    fits = []
    fits.append(model.fit(em_iter=200, maxiter=2000, disp=False))
    fits.append(model.fit(search_reps=50, search_iter=20, em_iter=50, maxiter=2000, disp=False))
    fits.append(model.fit(search_reps=100, search_iter=50, maxiter=2000, disp=False))
    best = max(fits, key=lambda f: f.llf)
    for f in fits:
        print(f"llf {f.llf:.6f}  params {np.round(f.params, 6)}", file=sys.stderr)

    names = list(model.param_names)
    p = dict(zip(names, best.params))
    se = dict(zip(names, best.bse))
    mu = [p["const[0]"], p["const[1]"]]
    s2 = [p["sigma2[0]"], p["sigma2[1]"]]
    mu_se = [se["const[0]"], se["const[1]"]]
    s2_se = [se["sigma2[0]"], se["sigma2[1]"]]
    P = best.regime_transition[:, :, 0]   # P[i, j] = P(S_t = i | S_{t-1} = j)
    trans = P.T                           # trans[i, j] = P(S_t = j | S_{t-1} = i)
    order = sorted(range(2), key=lambda k: s2[k])

    llf = best.llf + len(y) * math.log(SCALE)  # f_r(r) = SCALE * f_y(SCALE r)
    rows = [("series", SERIES, ""), ("n_returns", str(len(y)), ""),
            ("loglik", repr(llf), ""),
            ("statsmodels_version", statsmodels.__version__, "")]
    for new, old in enumerate(order):
        rows.append((f"mean_{new}", repr(mu[old] / SCALE), repr(mu_se[old] / SCALE)))
    for new, old in enumerate(order):
        rows.append((f"var_{new}", repr(s2[old] / SCALE**2), repr(s2_se[old] / SCALE**2)))
    for ni, oi in enumerate(order):
        for nj, oj in enumerate(order):
            rows.append((f"p_{ni}{nj}", repr(float(trans[oi, oj])), ""))
    with open(OUT, "w", newline="") as f:
        f.write("# statsmodels MarkovRegression(k_regimes=2, trend='c', switching_variance=True) on\n")
        f.write("# SPI daily log returns from data/swx.csv; written by make_reference.py.\n")
        f.write("# State 0 = lower variance. var = variance; p_ij = P(S_t = j | S_{t-1} = i).\n")
        f.write("# std_error: statsmodels' standard error of the estimate (empty where not a direct parameter).\n")
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["name", "value", "std_error"])
        w.writerows(rows)
    print(f"wrote {OUT}", file=sys.stderr)


if __name__ == "__main__":
    main()
