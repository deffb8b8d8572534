"""Shared paths: the source tree, the build's mosaic executable and the bundled examples."""

import os
import pathlib

import pytest

SOURCE = pathlib.Path(os.environ.get("MOSAIC_SOURCE_DIR", pathlib.Path(__file__).resolve().parents[2]))
MOSAIC = pathlib.Path(os.environ.get("MOSAIC_BIN_DIR", SOURCE / "build" / "bin")) / "mosaic"
DEFAULT = SOURCE / "examples" / "default.toml"
SMA = SOURCE / "examples" / "sma_sweep.toml"


@pytest.fixture
def mosaic_bin():
    return MOSAIC


@pytest.fixture
def examples():
    return {"default": DEFAULT, "sma": SMA, "source": SOURCE}
