"""Mosaic from Python: sessions, runs and optimizations, with pandas results.

    import mosaic
    s = mosaic.Session("examples/sma_sweep.toml")
    print(s.run().metrics)
    best = s.optimize(method="grid", threads=2)
    best.results.sort_values("sharpe").tail()
"""

import pandas as pd

from . import _core
from .prices import prices_csv
from .errors import ConfigError, DataError, Error, ModuleError, OutputError, UsageError
from .results import AblationResult, ComparisonResult, OptimizeResult, RunResult

__all__ = [
    "Session",
    "prices_csv",
    "RunResult",
    "OptimizeResult",
    "AblationResult",
    "ComparisonResult",
    "modules",
    "Error",
    "UsageError",
    "ConfigError",
    "DataError",
    "ModuleError",
    "OutputError",
]

ABI_VERSION = _core.abi_version


class Session:
    """The config, the data and the loaded plugins, ready to run.

    ``config``: a TOML file (the bundled example when None); ``data``: a price CSV, or a
    pandas DataFrame of prices (``mosaic.prices_csv`` says which shapes), replacing the
    config's; ``plugins``: a plugin folder replacing the config's. Raises a ``mosaic.Error``
    subclass that says where a problem lies.
    """

    def __init__(self, config=None, data=None, plugins=None):
        prices_text = None
        if isinstance(data, pd.DataFrame):
            prices_text, data = prices_csv(data), None
        self._core = _core.Session(
            None if config is None else str(config),
            None if data is None else str(data),
            None if plugins is None else str(plugins),
            prices_text,
            "DataFrame",
        )

    @property
    def config_file(self):
        return self._core.config_file

    @property
    def plugin_dir(self):
        return self._core.plugin_dir

    def run(self):
        """One run of the pipeline and the backtest of its weights (a ``RunResult``)."""
        return RunResult(self._core.run())

    def optimize(self, method=None, budget=None, seconds=None, target=None, threads=None, seed=None,
                 train_fraction=None, walk_forward=None, out=None, progress=None):
        """Searches the config's space, as ``mosaic optimize`` does, and writes its run folder.

        Each argument left None keeps the config's ``[optimize]`` value. ``target`` is a metric
        name (or a list of two for nsga2); ``out`` the run folder (a new one under ``runs/``
        by default); ``progress`` a callable given a dict about five times a second.
        Ctrl-C (KeyboardInterrupt) stops the search cleanly: the result holds what was
        evaluated and ``interrupted`` is True.
        """
        targets = None if target is None else ([target] if isinstance(target, str) else list(target))
        raw = self._core.optimize(method=method, budget=budget, seconds=seconds, targets=targets, threads=threads,
                                  seed=seed, train_fraction=train_fraction, walk_forward=walk_forward,
                                  out=None if out is None else str(out), progress=progress)
        return OptimizeResult(raw)

    def ablate(self, seed=1, out=None):
        """Does each optional module help? The pipeline with and without each, as ``mosaic
        ablate`` runs it (``seed`` is the bootstrap's); writes its run folder."""
        return AblationResult(self._core.ablate(seed=seed, out=None if out is None else str(out)))

    def compare(self, other, seed=1, out=None):
        """This session's config against ``other``'s, as ``mosaic compare A B`` runs them (each
        on its own data, then on the bars they share); writes its run folder."""
        if not isinstance(other, Session):
            raise TypeError(f"compare: expected a mosaic.Session, got {type(other).__name__}")
        return ComparisonResult(self._core.compare(other._core, seed=seed, out=None if out is None else str(out)))


def modules(config=None, plugins=None):
    """The contracts of a plugin folder's modules (``plugins``, else the config's, else the
    bundled folder), as ``mosaic modules list --json`` gives them: a list of dicts with the
    ports, parameters (type, default, range, tunable), SLA and dependencies. Libraries that
    failed to load are skipped with a RuntimeWarning."""
    import json
    import warnings

    raw = _core.modules(None if config is None else str(config), None if plugins is None else str(plugins))
    for problem in raw["skipped"]:
        warnings.warn(f"skipped {problem}", RuntimeWarning, stacklevel=2)
    return json.loads(raw["modules"])
