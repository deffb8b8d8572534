"""A momentum signal written in Python, offered to Mosaic by the python.so bridge.

Copy python.so (build/lib/mosaic/bridges/) and this file into a plugin folder; the bridge
offers every *.py file there as a module. The signal is each asset's return over the last
`lookback` bars, scaled by `scale` and squashed into [-1, 1] with tanh: positive after a
rise, negative after a fall; NaN until `lookback` bars have passed.
"""

import numpy as np

CONTRACT = {
    "name": "momentum",
    "version": "1.0.0",
    "id": "org.mosaic.examples.momentum",
    "role": "signal",
    "description": "tanh(scale * (close / close[lookback bars ago] - 1)) per asset",
    "inputs": [{"name": "close", "description": "closing prices, bars x assets"}],
    "outputs": [{"name": "signal.momentum", "description": "in [-1, 1], NaN during warm-up"}],
    "params": {
        "lookback": {"type": "int", "default": 60, "min": 2, "max": 500, "description": "bars to look back"},
        "scale": {"type": "float", "default": 5.0, "min": 0.1, "max": 100.0, "description": "return multiplier"},
    },
    "sla": {"max_latency_ms": 250.0, "min_confidence": 0.5},
}


def process(inputs, params):
    close = inputs["close"]  # bars x assets, float64
    n = params["lookback"]
    signal = np.full_like(close, np.nan)
    if close.shape[0] > n:
        signal[n:] = np.tanh(params["scale"] * (close[n:] / close[:-n] - 1.0))
    return {"signal.momentum": signal}
