"""A DataFrame of prices as the text of a price file, which the engine reads and checks as it
reads a file (the same rules and messages; a line number counts the text's lines, the header
being line 1)."""

import pandas as pd

_TIME_NAMES = ("date", "time", "timestamp", "datetime", "ts")


def prices_csv(frame):
    """The text of a price file for ``frame``, which is either

    - long: one row per (time, ticker), a ``ticker`` (or ``symbol``) column and any of
      ``open``, ``high``, ``low``, ``close`` (required), ``volume``; or
    - wide: one row per time, one column of closes per ticker.

    The time is the DatetimeIndex, or a column named date, time, timestamp, datetime or ts.
    Times without a zone are UTC; times are kept to the microsecond.
    """
    if not isinstance(frame, pd.DataFrame):
        raise TypeError(f"prices: expected a pandas DataFrame, got {type(frame).__name__}")
    if isinstance(frame.index, pd.DatetimeIndex):
        frame = frame.reset_index(names="date")
    else:
        found = [c for c in frame.columns if str(c).lower() in _TIME_NAMES]
        if not found:
            raise ValueError("prices: expected a DatetimeIndex or a column named one of " + ", ".join(_TIME_NAMES))
        frame = frame.rename(columns={found[0]: "date"})
    frame = frame.copy()
    frame["date"] = pd.to_datetime(frame["date"])
    if frame["date"].dt.tz is not None:
        frame["date"] = frame["date"].dt.tz_convert("UTC").dt.tz_localize(None)
    # ISO 8601 with the time only when there is one; the engine reads both.
    has_time = (frame["date"] != frame["date"].dt.normalize()).any()
    return frame.to_csv(index=False, date_format="%Y-%m-%dT%H:%M:%S.%f" if has_time else "%Y-%m-%d")
