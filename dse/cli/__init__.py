"""Command-line interface ``dse``. Each sub-module registers its commands on :data:`npu_dse.cli.app.app`."""

from npu_dse.cli.app import app, main
from npu_dse.cli import workload as _workload  # noqa: F401  (dse models, dse show)
from npu_dse.cli import cost as _cost  # noqa: F401  (dse maestro, dse eval)
from npu_dse.cli import simulate as _simulate  # noqa: F401  (dse simulate)
from npu_dse.cli import experiment as _experiment  # noqa: F401  (dse run, sweep, validate, plot, export)
from npu_dse.cli import hetero as _hetero  # noqa: F401  (dse hetero)

__all__ = ["app", "main"]
