"""npu-dse: what the user drives — search, YAML runs and sweeps, results, plots, export, the RNN processor."""

__version__ = "0.1.0"
