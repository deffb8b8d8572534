"""python.so, the bridge for modules written in Python: the example momentum module in a
pipeline with the C++ portfolio and risk modules, optimized, checked, and failing well."""

import json
import os
import pathlib
import shutil
import subprocess
import sys

import numpy as np
import pytest

import mosaic

SOURCE = pathlib.Path(os.environ["MOSAIC_SOURCE_DIR"])
MOSAIC = pathlib.Path(os.environ["MOSAIC_BIN_DIR"]) / "mosaic"
PLUGINS = pathlib.Path(os.environ["MOSAIC_PLUGIN_DIR"])
BRIDGE = pathlib.Path(os.environ["MOSAIC_BRIDGE_DIR"]) / "python.so"
MOMENTUM = SOURCE / "examples" / "python" / "modules" / "momentum.py"

CONFIG = """[data]
prices = "{prices}"

[pipeline]
modules = [{modules}]
plugins = "plugins"

[optimize]
method = "grid"
target = "sharpe"
threads = 2

[optimize.space.momentum]
search = ["lookback"]
lookback = {{ min = 10, max = 200, step = 10 }}

[optimize.space.portfolio]
search = []

[optimize.space.risk]
search = []
"""


def folder(tmp_path, py_files, modules=('"momentum"', '"portfolio"', '"risk"')):
    plugins = tmp_path / "plugins"
    plugins.mkdir(mode=0o755)
    for lib in (BRIDGE, PLUGINS / "portfolio.so", PLUGINS / "risk.so"):
        shutil.copy(lib, plugins)
    for name, text in py_files.items():
        (plugins / name).write_text(text)
    for f in plugins.iterdir():
        f.chmod(0o644 if f.suffix == ".py" else 0o755)
    config = tmp_path / "c.toml"
    config.write_text(CONFIG.format(prices=SOURCE / "data" / "spisector.csv", modules=", ".join(modules)))
    return config


def mosaic_cli(*args, cwd):
    return subprocess.run([MOSAIC, *map(str, args)], cwd=cwd, capture_output=True, text=True)


def test_momentum_runs_with_the_cpp_portfolio_and_risk(tmp_path):
    config = folder(tmp_path, {"momentum.py": MOMENTUM.read_text()})
    out = mosaic_cli("run", "--config", config, "--json", "--out", tmp_path / "run", cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    run = json.loads(out.stdout)
    assert [m["name"] for m in run["modules"]] == ["momentum", "portfolio", "risk"]
    assert all(m["state"] == "healthy" for m in run["modules"])
    assert run["modules"][0]["library"].endswith("python.so")

    # The same from the Python package, and the signal is what numpy computes on the closes.
    r = mosaic.Session(config).run()
    assert r.metrics["sharpe"] == run["metrics"]["sharpe"]
    close = r.ports["close"].to_numpy()
    expected = np.full_like(close, np.nan)
    expected[60:] = np.tanh(5.0 * (close[60:] / close[:-60] - 1.0))
    assert np.array_equal(r.ports["signal.momentum"].to_numpy(), expected, equal_nan=True)


def test_momentum_is_optimized_the_same_from_the_command_line_and_from_python(tmp_path):
    config = folder(tmp_path, {"momentum.py": MOMENTUM.read_text()})
    out = mosaic_cli("optimize", "--config", config, "--out", tmp_path / "cli", cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    o = mosaic.Session(config).optimize(out=tmp_path / "py")
    assert (o.run_dir / "results.csv").read_bytes() == (tmp_path / "cli" / "results.csv").read_bytes()
    assert set(o.results["momentum.lookback"]) == set(range(10, 201, 10))


def test_the_conformance_checker_passes_the_example(tmp_path):
    folder(tmp_path, {"momentum.py": MOMENTUM.read_text()})
    out = mosaic_cli("modules", "check", tmp_path / "plugins" / "python.so", cwd=tmp_path)
    assert out.returncode == 0, out.stdout + out.stderr
    assert "momentum" in out.stdout and "FAIL" not in out.stdout


def test_a_contract_error_names_the_file_and_the_key(tmp_path):
    bad = MOMENTUM.read_text().replace('"min": 2, ', "")
    config = folder(tmp_path, {"momentum.py": bad})
    out = mosaic_cli("run", "--config", config, cwd=tmp_path)
    assert out.returncode != 0
    assert "momentum.py: CONTRACT[\"params\"][\"lookback\"][min]" in out.stderr
    assert "expected \"min\" and \"max\" for an int parameter" in out.stderr
    with pytest.raises(mosaic.ModuleError) as e:
        mosaic.Session(config)
    assert "momentum.py: CONTRACT" in str(e.value)


def test_a_default_too_large_for_int64_is_a_contract_error(tmp_path):
    big = MOMENTUM.read_text().replace('"default": 60', '"default": 2**70')
    config = folder(tmp_path, {"momentum.py": big})
    out = mosaic_cli("run", "--config", config, cwd=tmp_path)
    assert 'CONTRACT["params"]["lookback"][default]: expected an int within int64' in out.stderr


def test_a_locked_folder_refuses_the_bridge(tmp_path):
    config = folder(tmp_path, {"momentum.py": MOMENTUM.read_text()})
    lock = mosaic_cli("plugins", "lock", "--config", config, "--out", tmp_path / "plugins.lock", cwd=tmp_path)
    assert lock.returncode == 0, lock.stderr
    config.write_text(config.read_text() + '\n[plugins]\nlock = "plugins.lock"\n')
    out = mosaic_cli("run", "--config", config, cwd=tmp_path)
    assert out.returncode != 0
    assert "which the plugin lock cannot pin" in out.stderr


FAILING = '''
CONTRACT = {"name": "momentum", "version": "1.0.0", "id": "org.test.failing", "role": "signal",
            "inputs": [{"name": "close", "description": "closes"}],
            "outputs": [{"name": "signal.momentum", "description": "never made"}],
            "params": {"lookback": {"type": "int", "default": 60, "min": 2, "max": 500}}}

def helper(x):
    return 1 / x

def process(inputs, params):
    return {"signal.momentum": helper(0)}
'''


def test_an_exception_in_process_is_a_module_error_with_the_traceback(tmp_path):
    config = folder(tmp_path, {"momentum.py": FAILING})
    out = mosaic_cli("run", "--config", config, "--json", cwd=tmp_path)
    assert out.returncode == 5, out.stderr  # the pipeline ran degraded
    failing = json.loads(out.stdout)["modules"][0]
    assert failing["state"] == "degraded" and failing["errors"] == 1
    assert "ZeroDivisionError: division by zero" in failing["reason"]
    assert "in helper" in failing["reason"] and "return 1 / x" in failing["reason"]


WRONG_SHAPE = FAILING.replace("helper(0)", "inputs['close'][:10]")


def test_an_output_of_the_wrong_shape_is_refused_with_both_shapes(tmp_path):
    config = folder(tmp_path, {"momentum.py": WRONG_SHAPE})
    out = mosaic_cli("run", "--config", config, "--json", cwd=tmp_path)
    failing = json.loads(out.stdout)["modules"][0]
    assert "output 'signal.momentum' is 10 x 10, expected 2216 x 10" in failing["reason"]


def test_a_folder_without_python_files_skips_the_bridge_with_a_reason(tmp_path):
    config = folder(tmp_path, {}, modules=('"portfolio"',))
    out = mosaic_cli("modules", "list", "--plugins", tmp_path / "plugins", cwd=tmp_path)
    assert "no *.py module files in" in out.stderr


def modules_of(port):
    import urllib.request

    with urllib.request.urlopen(f"http://127.0.0.1:{port}/modules", timeout=5) as r:
        return {m["name"]: m for m in json.loads(r.read())["modules"]}


def wait_for(condition, seconds=10.0):
    import time

    end = time.monotonic() + seconds
    while time.monotonic() < end:
        try:
            if condition():
                return True
        except OSError:
            pass
        time.sleep(0.05)
    return False


def publish(plugins, name, text):
    """Written beside, then renamed into place, as a publisher should."""
    temp = plugins / f".{name}.tmp"
    temp.write_text(text)
    temp.chmod(0o644)
    temp.rename(plugins / name)


def test_serve_hot_reloads_a_python_file_renamed_into_place(tmp_path):
    import re
    import signal

    config = folder(tmp_path, {"momentum.py": MOMENTUM.read_text()})
    plugins = tmp_path / "plugins"
    serve = subprocess.Popen([MOSAIC, "serve", "--config", config, "--feed",
                              f"replay:{SOURCE / 'data' / 'spisector.csv'}", "--speed", "50", "--port", "0"],
                             cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line = serve.stdout.readline()
        while line and "http://127.0.0.1:" not in line:
            line = serve.stdout.readline()
        port = int(re.search(r"http://127\.0\.0\.1:(\d+)", line).group(1))
        assert wait_for(lambda: modules_of(port)["momentum"]["calls"] > 0)
        assert modules_of(port)["momentum"]["version"] == "1.0.0"

        publish(plugins, "momentum.py", MOMENTUM.read_text().replace('"1.0.0"', '"1.1.0"'))
        assert wait_for(lambda: modules_of(port)["momentum"]["version"] == "1.1.0"), serve.stderr
        served = modules_of(port)["momentum"]
        assert served["library"].endswith("python.so") and served["state"] == "healthy"

        # A broken file is refused: the running build keeps serving.
        publish(plugins, "momentum.py", MOMENTUM.read_text().replace('"min": 2, ', ""))
        assert wait_for(lambda: "rejected" in json.dumps(modules_of(port)["momentum"]["reloads"]))
        calls = modules_of(port)["momentum"]["calls"]
        assert wait_for(lambda: modules_of(port)["momentum"]["calls"] > calls)
        assert modules_of(port)["momentum"]["version"] == "1.1.0"
    finally:
        serve.send_signal(signal.SIGINT)
        out, err = serve.communicate(timeout=20)
    assert serve.returncode == 0, err
    assert "python.so rejected" in err or "reload of" in err
    assert 'momentum.py: CONTRACT["params"]["lookback"][min]' in err
