"""Mosaic from Python, as a notebook would use it.

Run from the source tree after building (the README's first command):

    PYTHONPATH=build/python python3 examples/python/quickstart.py [OUT_DIR]

OUT_DIR (default: a new folder under runs/) receives the optimization's run folder.
"""

import sys

import mosaic

# The bundled example pipeline (technical, regime, portfolio, risk) on the bundled data.
session = mosaic.Session()
run = session.run()
print("metrics:", {k: round(v, 4) for k, v in run.metrics.items()})
print(run.equity.tail(3))
print(run.modules[["state", "calls"]])

# The SMA crossover sweep: every (fast, slow) pair, with its overfitting figures.
sweep = mosaic.Session("examples/sma_sweep.toml")
result = sweep.optimize(train_fraction=1.0, threads=2, out=sys.argv[1] if len(sys.argv) > 1 else None)
print(result.results.sort_values("sharpe", ascending=False).head(5)[["technical.fast", "technical.slow", "sharpe"]])
print("winner:", result.winner, "PBO:", round(result.pbo["pbo"], 3),
      "deflated Sharpe probability:", round(result.deflated_sharpe["probability"], 3))
print("report:", result.report)
