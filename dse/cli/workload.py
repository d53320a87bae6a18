"""dse CLI commands: workloads (``dse models``, ``dse show``)."""

from __future__ import annotations

from dse.cli.app import app
from cost_models.errors import WorkloadError


@app.command("models")
def models() -> None:
    """List the built-in networks with layer count, MACs and weights."""
    raise WorkloadError("not implemented yet")
