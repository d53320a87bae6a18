"""npu-dse: what the user drives — search, YAML runs and sweeps, results, plots, export, the RNN processor.

The import namespace of the whole distribution: this folder (`dse/`) is :mod:`npu_dse`, `envs/` is
:mod:`npu_dse.envs` and `cost_models/` is :mod:`npu_dse.cost_models` (pyproject.toml maps them).
"""

__version__ = "0.1.0"
