"""What a run or an optimization gives back, as pandas objects."""

import html
import json
import pathlib

import numpy as np
import pandas as pd


def _index(ts):
    return pd.DatetimeIndex(np.asarray(ts).view("datetime64[ns]"), name="ts")


def _port_frame(port):
    if port["kind"] == "panel":
        return pd.DataFrame(dict(zip(port["columns"], port["values"])), index=_index(port["ts"]))
    return pd.DataFrame(dict(zip(port["columns"], port["values"])))


class RunResult:
    """One run of the pipeline on the whole data, and the backtest of its weights.

    ``metrics`` (dict), ``equity`` (Series by timestamp), ``weights`` (DataFrame, the weights
    held at each bar's close), ``ports`` (every port as a DataFrame), ``modules`` (the
    per-module table), ``summary`` (what ``mosaic run --json`` prints). ``equity`` and
    ``weights`` are read-only views of the engine's memory; ``ports`` are copies, and
    ``port_arrays(name)`` gives a port's columns without a copy.
    """

    def __init__(self, raw):
        self.summary = json.loads(raw["summary"])
        self._handle = raw["handle"]
        self.run_dir = None
        self.report = None
        index = _index(raw["ts"])
        self.metrics = raw["metrics"]
        self.weights_port = raw.get("weights_port")
        if self.metrics is not None:
            self.equity = pd.Series(raw["equity"], index=index, name="equity")
            self.weights = pd.DataFrame(raw["weights"], index=index, columns=raw["tickers"])
        else:
            self.equity = None
            self.weights = None
        self._ports = raw["ports"]
        # Copies: pandas gathers a frame's columns into one block of its own.
        self.ports = {name: _port_frame(port) for name, port in raw["ports"].items()}
        self.modules = pd.DataFrame(self.summary["modules"]).set_index("name")
        self.degraded = self.summary["degraded"]

    def write(self, out=None, ports=False):
        """Writes the run folder as ``mosaic run`` does (config.toml, modules.json, metrics.json,
        equity.csv, weights.csv; every port under ports/ with ``ports``) and its report.html,
        at ``out`` or a new folder under runs/. Returns the folder."""
        written = self._handle.write(out=None if out is None else str(out), ports=ports)
        self.run_dir = pathlib.Path(written["run_dir"])
        self.report = pathlib.Path(written["report"]) if written["report"] else None
        return self.run_dir

    def port_arrays(self, name):
        """A port's columns as read-only numpy arrays over the engine's own buffers, without a
        copy; a panel's timestamps under "ts" (datetime64[ns]). They hold the port's data
        alive after the session and this result are gone."""
        port = self._ports[name]
        arrays = dict(zip(port["columns"], port["values"]))
        if port["kind"] == "panel":
            arrays = {"ts": port["ts"].view("datetime64[ns]"), **arrays}
        return arrays

    def _repr_html_(self):
        rows = "".join(
            f"<tr><td>{html.escape(k)}</td><td>{v:.4g}</td></tr>" for k, v in (self.metrics or {}).items()
        )
        state = "degraded" if self.degraded else "healthy"
        return f"<b>mosaic run</b> ({state}, {len(self.modules)} modules)<table>{rows}</table>"


class _FolderResult:
    """What every command that writes a run folder gives back: its --json, the folder, report.html."""

    def __init__(self, raw):
        self.summary = json.loads(raw["summary"])
        self.run_dir = pathlib.Path(raw["run_dir"])
        self.report = pathlib.Path(raw["report"]) if raw["report"] else None


class OptimizeResult(_FolderResult):
    """An optimization and its run folder.

    ``results`` (every evaluated configuration, as results.csv), ``leaders``, ``best_config``
    (TOML text), ``deflated_sharpe`` and ``pbo`` (of the last fold), ``run_dir``, ``report``
    (report.html), ``interrupted`` (stopped early: Ctrl-C or a budget of time), ``summary``
    (what ``mosaic optimize --json`` prints).
    """

    def __init__(self, raw):
        super().__init__(raw)
        self.interrupted = raw["interrupted"]
        self.results = pd.read_csv(self.run_dir / "results.csv")
        best = self.run_dir / "best.toml"
        self.best_config = best.read_text() if best.exists() else None
        folds = self.summary.get("folds", [])
        last = folds[-1] if folds else {}
        self.leaders = pd.DataFrame(last.get("leaders", []))
        self.deflated_sharpe = last.get("deflated_sharpe")
        self.pbo = last.get("pbo")
        self.winner = last.get("winner")

    def _repr_html_(self):
        winner = html.escape(json.dumps(self.winner)) if self.winner else "none"
        pbo = self.pbo["pbo"] if self.pbo and self.pbo.get("pbo") is not None else float("nan")
        return (
            f"<b>mosaic optimize</b>: {len(self.results)} configurations, winner {winner}, "
            f"PBO {pbo:.3f}, run folder <code>{html.escape(str(self.run_dir))}</code>"
        )


class AblationResult(_FolderResult):
    """An ablation and its run folder: ``table`` (ablation.csv: each run's metrics, changes,
    intervals and verdict), ``summary`` (``mosaic ablate --json``), ``run_dir``, ``report``."""

    def __init__(self, raw):
        super().__init__(raw)
        self.table = pd.read_csv(self.run_dir / "ablation.csv")

    def _repr_html_(self):
        return f"<b>mosaic ablate</b>: {len(self.table)} runs, run folder <code>{html.escape(str(self.run_dir))}</code>"


class ComparisonResult(_FolderResult):
    """An A/B comparison and its run folder: ``summary`` (``mosaic compare --json``: both
    sides' metrics and the tests of their Sharpe difference), ``equity`` (both equity curves on
    the shared bars), ``run_dir``, ``report``."""

    def __init__(self, raw):
        super().__init__(raw)
        self.equity = pd.read_csv(self.run_dir / "equity.csv", index_col=0, parse_dates=True)

    def _repr_html_(self):
        return f"<b>mosaic compare</b>: run folder <code>{html.escape(str(self.run_dir))}</code>"
