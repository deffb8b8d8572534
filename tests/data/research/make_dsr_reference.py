#!/usr/bin/env python3
"""Reference values for tests/host/research/deflated_sharpe_test.cpp.

Independent of the C++ code: Phi and Phi^-1 come from Python's statistics.NormalDist.
Run: python3 tests/data/research/make_dsr_reference.py
"""
import math
from statistics import NormalDist

N01 = NormalDist()
GAMMA = 0.57721566490153286061  # Euler-Mascheroni


def sr0(trials, variance):
    if trials == 1:
        return 0.0
    return math.sqrt(variance) * ((1 - GAMMA) * N01.inv_cdf(1 - 1 / trials)
                                  + GAMMA * N01.inv_cdf(1 - 1 / (trials * math.e)))


def dsr(sr, skew, kurt, periods, trials, variance):
    s0 = sr0(trials, variance)
    z = (sr - s0) * math.sqrt(periods - 1) / math.sqrt(1 - skew * sr + (kurt - 1) / 4 * sr * sr)
    return s0, z, N01.cdf(z)


CASES = [
    # sharpe, skew, kurt, T, N, V
    (2.5 / math.sqrt(250), -3.0, 10.0, 1250, 100, 0.5 / 250),  # the paper's numerical example
    (0.05, 0.0, 3.0, 500, 10, 0.001),
    (0.10, 0.5, 4.0, 2000, 1000, 0.0005),
    (0.02, -1.0, 6.0, 250, 50, 0.002),
    (0.08, 0.0, 3.0, 1000, 1, 0.003),
]

for sr, skew, kurt, periods, trials, variance in CASES:
    s0, z, p = dsr(sr, skew, kurt, periods, trials, variance)
    print(f"{{{sr!r}, {skew!r}, {kurt!r}, {periods}, {trials}, {variance!r}, {s0!r}, {z!r}, {p!r}}},")

print("// quantiles")
for p in (1e-10, 0.001, 0.02, 0.3, 0.5, 0.7, 0.975, 0.99, 1 - 1e-9):
    print(f"{{{p!r}, {N01.inv_cdf(p)!r}}},")
