"""A session from a config file: run() as DataFrames, the same figures as `mosaic run --json`,
errors with their fields, and arrays that outlive the session."""

import gc
import json
import subprocess

import numpy as np
import pandas as pd
import pytest

import mosaic


def test_run_gives_metrics_equity_weights_ports_and_modules(examples):
    r = mosaic.Session(examples["default"]).run()
    assert set(r.metrics) >= {"sharpe", "total_return", "max_drawdown", "cagr"}
    assert isinstance(r.equity, pd.Series) and isinstance(r.equity.index, pd.DatetimeIndex)
    assert r.equity.iloc[0] == 1.0
    assert r.equity.iloc[-1] == pytest.approx(1.0 + r.metrics["total_return"], rel=1e-12)
    assert list(r.weights.columns[:3]) == ["BASI", "CONG", "CONS"]
    assert r.weights.shape == (len(r.equity), 10)
    assert "signal.technical" in r.ports and "weights.final" in r.ports
    assert r.ports["signal.technical"].shape == (2216, 10)
    assert list(r.modules.index) == ["technical", "regime", "portfolio", "risk"]
    assert (r.modules["state"] == "healthy").all()
    assert "<table>" in r._repr_html_()


def test_run_matches_the_command_line(examples, mosaic_bin, tmp_path):
    cli = json.loads(subprocess.run([mosaic_bin, "run", "--config", examples["default"], "--json", "--out",
                                     tmp_path / "run"], capture_output=True, text=True, check=True).stdout)
    r = mosaic.Session(examples["default"]).run()
    for name, value in r.metrics.items():
        assert cli["metrics"][name] == value, name  # the same bits: JSON keeps doubles exactly
    # The CLI's equity.csv, to the digits it writes.
    equity = pd.read_csv(tmp_path / "run" / "equity.csv", index_col=0, parse_dates=True)
    assert np.allclose(equity.iloc[:, 0].to_numpy(), r.equity.to_numpy(), rtol=1e-12, atol=0)


def test_weights_and_equity_are_read_only_views_that_outlive_the_session(examples):
    s = mosaic.Session(examples["default"])
    r = s.run()
    equity = r.equity.to_numpy()
    weights = r.weights.to_numpy()
    before = (equity.copy(), weights.copy())
    assert not equity.flags.writeable and not equity.flags.owndata
    with pytest.raises(ValueError):
        equity[0] = 2.0
    del s, r
    gc.collect()
    mosaic.Session(examples["default"]).run()  # new allocations that would reuse freed memory
    assert np.array_equal(equity, before[0]) and np.array_equal(weights, before[1])


def test_port_arrays_without_a_copy_outlive_the_session(examples):
    r = mosaic.Session(examples["default"]).run()
    arrays = r.port_arrays("signal.technical")
    assert not arrays["BASI"].flags.owndata
    copy = {k: v.copy() for k, v in arrays.items()}
    frame = r.ports["signal.technical"].copy()
    del r
    gc.collect()
    mosaic.Session(examples["default"]).run()
    for k, v in arrays.items():
        assert np.array_equal(v, copy[k], equal_nan=True)
    assert np.array_equal(frame["BASI"].to_numpy(), arrays["BASI"], equal_nan=True)
    assert arrays["ts"].dtype == np.dtype("datetime64[ns]")


def test_a_missing_config_is_a_config_error_naming_the_file(tmp_path):
    with pytest.raises(mosaic.ConfigError) as e:
        mosaic.Session(tmp_path / "nope.toml")
    assert e.value.kind == "config"
    assert e.value.file.endswith("nope.toml")
    assert "cannot open" in str(e.value)
    assert isinstance(e.value, mosaic.Error)


def test_a_bad_key_is_a_config_error_with_its_line_and_key(examples, tmp_path):
    text = examples["default"].read_text().replace("cost_bps = 5.0", "cost_bps = \"lots\"", 1)
    bad = tmp_path / "bad.toml"
    bad.write_text(text)
    with pytest.raises(mosaic.ConfigError) as e:
        mosaic.Session(bad, data=examples["source"] / "data" / "spisector.csv")
    assert e.value.file.endswith("bad.toml")
    assert e.value.line > 0
    assert e.value.key == "backtest.cost_bps"


def test_a_bad_price_file_is_a_data_error_with_its_line(examples, tmp_path):
    prices = tmp_path / "prices.csv"
    prices.write_text("date,ticker,close\n2020-01-01,A,1.0\n2020-01-02,A,abc\n")
    with pytest.raises(mosaic.DataError) as e:
        mosaic.Session(examples["default"], data=prices)
    assert e.value.file.endswith("prices.csv")
    assert e.value.line == 3


def test_a_missing_plugin_folder_is_an_error(examples, tmp_path):
    with pytest.raises(mosaic.Error) as e:
        mosaic.Session(examples["default"], plugins=tmp_path / "none")
    assert e.value.kind in ("module", "config", "usage")


def test_a_session_from_a_long_or_wide_dataframe_runs_as_from_the_file(examples):
    prices = examples["source"] / "data" / "spisector.csv"
    from_file = mosaic.Session(examples["default"]).run()
    long = pd.read_csv(prices, parse_dates=["date"])
    from_long = mosaic.Session(examples["default"], data=long).run()
    assert from_long.metrics == from_file.metrics
    assert from_long.equity.index.equals(from_file.equity.index)
    wide = long.pivot(index="date", columns="ticker", values="close")[list(long["ticker"].unique())]
    from_wide = mosaic.Session(examples["default"], data=wide).run()
    assert list(from_wide.weights.columns) == list(from_file.weights.columns)
    assert from_wide.metrics == from_file.metrics  # the file holds closes only: the same data


def test_a_bad_dataframe_is_a_data_error_naming_its_row(examples):
    frame = pd.DataFrame({"date": pd.date_range("2020-01-01", periods=3), "ticker": "A", "close": [1.0, -2.0, 3.0]})
    with pytest.raises(mosaic.DataError) as e:
        mosaic.Session(examples["default"], data=frame)
    assert e.value.file == "DataFrame"
    assert e.value.line == 3  # the header is line 1
    with pytest.raises(ValueError, match="DatetimeIndex"):
        mosaic.Session(examples["default"], data=pd.DataFrame({"close": [1.0]}))


def test_a_run_writes_the_command_lines_run_folder_and_report(examples, mosaic_bin, tmp_path):
    subprocess.run([mosaic_bin, "run", "--config", examples["default"], "--out", tmp_path / "cli"],
                   capture_output=True, check=True)
    r = mosaic.Session(examples["default"]).run()
    folder = r.write(tmp_path / "py", ports=True)
    for name in ("metrics.json", "equity.csv", "weights.csv"):
        assert (folder / name).read_bytes() == (tmp_path / "cli" / name).read_bytes(), name
    assert (folder / "ports" / "signal.technical.csv").exists()
    assert r.report is not None and r.report.exists()
