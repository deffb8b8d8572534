"""The notebook-style example runs as the README shows it."""

import os
import subprocess
import sys


def test_quickstart_example_runs(examples, tmp_path):
    out = subprocess.run([sys.executable, examples["source"] / "examples" / "python" / "quickstart.py",
                          tmp_path / "sweep"], cwd=examples["source"], env=dict(os.environ),
                         capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert "metrics:" in out.stdout and "sharpe" in out.stdout
    assert "winner: {'technical.fast': 12, 'technical.slow': 14}" in out.stdout
    assert (tmp_path / "sweep" / "results.csv").exists()
    assert (tmp_path / "sweep" / "report.html").exists()
