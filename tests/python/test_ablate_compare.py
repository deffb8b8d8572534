"""ablate, compare and the module catalog from Python: the command line's results."""

import json
import subprocess

import pytest

import mosaic


def test_ablate_equals_the_command_line(examples, mosaic_bin, tmp_path):
    subprocess.run([mosaic_bin, "ablate", "--config", examples["default"], "--out", tmp_path / "cli"],
                   capture_output=True, check=True)
    a = mosaic.Session(examples["default"]).ablate(out=tmp_path / "py")
    assert (a.run_dir / "ablation.csv").read_bytes() == (tmp_path / "cli" / "ablation.csv").read_bytes()
    assert set(a.table["module"].dropna()) >= {"regime", "risk"}
    assert a.report is not None and a.report.exists()


def test_compare_equals_the_command_line(examples, mosaic_bin, tmp_path):
    subprocess.run([mosaic_bin, "compare", examples["default"], examples["sma"], "--out", tmp_path / "cli"],
                   capture_output=True, check=True)
    c = mosaic.Session(examples["default"]).compare(mosaic.Session(examples["sma"]), out=tmp_path / "py")
    assert (c.run_dir / "equity.csv").read_bytes() == (tmp_path / "cli" / "equity.csv").read_bytes()
    cli = json.loads((tmp_path / "cli" / "report.json").read_text())
    assert c.summary["sharpe_difference"] == cli["sharpe_difference"]
    assert list(c.equity.columns) == ["a", "b"]
    with pytest.raises(TypeError):
        mosaic.Session(examples["default"]).compare(examples["sma"])


def test_modules_gives_the_contracts_of_modules_list(examples, mosaic_bin):
    cli = json.loads(subprocess.run([mosaic_bin, "modules", "list", "--json"], capture_output=True, text=True,
                                    check=True).stdout)
    contracts = mosaic.modules()
    assert contracts == cli["modules"]
    technical = next(c for c in contracts if c["name"] == "technical")
    fast = next(p for p in technical["params"] if p["name"] == "fast")
    assert fast["type"] == "int"


def test_modules_of_a_missing_folder_is_an_error(tmp_path):
    with pytest.raises(mosaic.Error):
        mosaic.modules(plugins=tmp_path / "none")
