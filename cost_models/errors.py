"""Exceptions for bad input. The CLI turns any :class:`NpuDseError` into one line and exit code 2.

Every message names what was wrong (file, line, field) and, where there is a closed set, the allowed values
(DESIGN.md §6).
"""

from __future__ import annotations


class NpuDseError(Exception):
    """Base class of every user-facing error of npu-dse."""


class WorkloadError(NpuDseError, ValueError):
    """An invalid layer or network shape, or an unknown network name."""


class FormatError(NpuDseError, ValueError):
    """A malformed model, mapping or hardware file (ONNX, MAESTRO ``.m``, ConfuciuX CSV)."""


class DataflowError(NpuDseError, ValueError):
    """An illegal dataflow: bad directive, two SpatialMaps in one level, tile larger than the dimension, ..."""


class HardwareError(NpuDseError, ValueError):
    """An invalid hardware configuration (non-positive PE count, bandwidth, ...)."""


class SpaceError(NpuDseError, ValueError):
    """An invalid design space, design point, objective or constraint."""


class InfeasibleError(NpuDseError):
    """No design point of the space can meet the budget."""


class OutputError(NpuDseError, OSError):
    """An output that cannot be written: a directory where a file is asked for, a read-only or missing place."""
