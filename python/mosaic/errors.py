"""The engine's errors, with the fields that say where a problem lies.

Every error the engine reports is a ``mosaic.Error``; its subclass says what kind of problem
it is. A field that does not apply is empty (``line`` is 0).
"""


class Error(Exception):
    """An engine error: ``kind``, ``file``, ``line``, ``key``, ``module`` and ``port``."""

    def __init__(self, message, kind="", file="", line=0, key="", module="", port=""):
        super().__init__(message)
        self.kind = kind
        self.file = file
        self.line = line
        self.key = key
        self.module = module
        self.port = port


class UsageError(Error):
    """A request that cannot be carried out as asked (an argument out of range)."""


class ConfigError(Error):
    """A config file or plugin lock: ``file``, ``line`` and ``key`` say where."""


class DataError(Error):
    """An input data file: ``file`` and ``line`` say where."""


class ModuleError(Error):
    """A module or library failed validation, loading or its contract: ``module``, ``port``."""


class OutputError(Error):
    """A result could not be written: ``file`` says where."""
