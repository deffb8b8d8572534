"""optimize from Python: the same results.csv as `mosaic optimize`, progress, and Ctrl-C."""

import os
import signal
import subprocess
import threading

import pandas as pd
import pytest

import mosaic


def cli_optimize(mosaic_bin, args, out):
    subprocess.run([mosaic_bin, "optimize", *map(str, args), "--out", out], capture_output=True, check=True)
    return out


def test_grid_sweep_equals_the_command_line_byte_for_byte(examples, mosaic_bin, tmp_path):
    cli = cli_optimize(mosaic_bin, ["--config", examples["sma"], "--train-fraction", "1", "--threads", "2"],
                       tmp_path / "cli")
    o = mosaic.Session(examples["sma"]).optimize(train_fraction=1, threads=2, out=tmp_path / "py")
    for name in ("results.csv", "best.toml", "pbo_logits.csv"):
        assert (o.run_dir / name).read_bytes() == (cli / name).read_bytes(), name
    assert len(o.results) == 4263
    assert o.winner == {"technical.fast": 12, "technical.slow": 14}
    assert o.pbo["strategies"] == 4263 and 0 <= o.pbo["pbo"] <= 1
    assert 0 <= o.deflated_sharpe["probability"] <= 1
    assert o.best_config.startswith("# The best configuration")
    assert o.report is not None and o.report.exists()
    assert not o.interrupted
    assert isinstance(o.leaders, pd.DataFrame) and len(o.leaders) > 0


def test_genetic_with_a_seed_equals_the_command_line(examples, mosaic_bin, tmp_path):
    args = dict(method="genetic", budget=300, seed=7, threads=2)
    cli = cli_optimize(mosaic_bin, ["--config", examples["default"], "--method", "genetic", "--budget", "300",
                                    "--seed", "7", "--threads", "2"], tmp_path / "cli")
    o = mosaic.Session(examples["default"]).optimize(out=tmp_path / "py", **args)
    assert (o.run_dir / "results.csv").read_bytes() == (cli / "results.csv").read_bytes()
    assert len(o.results) > 0


def test_progress_is_called_and_its_exception_stops_the_search(examples, tmp_path):
    seen = []
    s = mosaic.Session(examples["default"])
    s.optimize(method="genetic", budget=200, seed=1, threads=1, out=tmp_path / "a", progress=seen.append)
    assert seen and seen[-1]["evaluated"] >= 1 and "elapsed_seconds" in seen[-1]

    def fail(p):
        raise RuntimeError("stop here")

    with pytest.raises(RuntimeError, match="stop here"):
        s.optimize(method="genetic", budget=200, seed=1, threads=1, out=tmp_path / "b", progress=fail)


def test_a_progress_callback_that_calls_its_own_session_gets_a_usage_error(examples, tmp_path):
    s = mosaic.Session(examples["default"])

    def reenter(p):
        s.run()

    with pytest.raises(mosaic.UsageError, match="busy"):
        s.optimize(method="genetic", budget=200, seed=1, threads=1, out=tmp_path / "o", progress=reenter)
    assert s.run().metrics  # and the session is free again


def test_ctrl_c_stops_the_search_and_returns_what_was_evaluated(examples, tmp_path):
    s = mosaic.Session(examples["default"])
    timer = threading.Timer(1.5, lambda: os.kill(os.getpid(), signal.SIGINT))
    timer.start()
    try:
        o = s.optimize(method="genetic", budget=1_000_000, seed=1, threads=2, out=tmp_path / "o")
    finally:
        timer.cancel()
    assert o.interrupted
    assert 0 < len(o.results) < 1_000_000
    assert (o.run_dir / "results.csv").exists()
    # The session still works after it.
    assert s.run().metrics["sharpe"] == s.run().metrics["sharpe"]


def test_a_bad_method_is_a_usage_or_config_error(examples, tmp_path):
    with pytest.raises(mosaic.Error) as e:
        mosaic.Session(examples["sma"]).optimize(method="annealing", out=tmp_path / "o")
    assert "annealing" in str(e.value)


def test_a_dataframe_sessions_best_config_runs_on_its_prices_saved_in_the_run_folder(examples, mosaic_bin, tmp_path):
    prices = pd.read_csv(examples["source"] / "data" / "ttrc.csv")
    o = mosaic.Session(examples["sma"], data=prices).optimize(train_fraction=1, threads=2, out=tmp_path / "o")
    saved = o.run_dir / "prices.csv"
    assert saved.exists()
    assert f"prices = '{saved}'" in o.best_config
    run = subprocess.run([mosaic_bin, "run", "--config", o.run_dir / "best.toml", "--json", "--out", tmp_path / "r"],
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    # The winner's own figures, on the same prices.
    winner = o.results.sort_values("sharpe", ascending=False).iloc[0]
    import json

    assert json.loads(run.stdout)["metrics"]["sharpe"] == pytest.approx(winner["sharpe"], rel=1e-9)
