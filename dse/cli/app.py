"""The ``dse`` typer application and its error handling.

Every command module under :mod:`npu_dse.cli` adds its commands to :data:`app`. Any
:class:`npu_dse.cost_models.errors.NpuDseError` escaping a command is printed as one line on stderr and the process exits
with code 2 (DESIGN.md §6).
"""

from __future__ import annotations

import logging
import typer
from typer.core import TyperGroup

from npu_dse.cost_models.errors import NpuDseError

class _DseGroup(TyperGroup):
    """Turns a :class:`NpuDseError` raised by any command into one line on stderr and exit code 2."""

    def invoke(self, ctx):  # type: ignore[override]
        try:
            return super().invoke(ctx)
        except NpuDseError as exc:
            typer.echo(f"error: {exc}", err=True)
            raise typer.Exit(code=2) from None


app = typer.Typer(
    name="dse",
    cls=_DseGroup,
    help="npu-dse: design-space exploration of DNN accelerators (MAESTRO-style cost model, RL + GA search).",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


@app.callback()
def _root(verbose: bool = typer.Option(False, "--verbose", "-v", help="Log progress at INFO level.")) -> None:
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING, format="%(levelname)s %(name)s: %(message)s")


def fail(message: str) -> typer.Exit:
    """Print ``error: message`` on one line to stderr and return the exit (code 2) for the caller to raise."""
    typer.echo(f"error: {message}", err=True)
    return typer.Exit(code=2)


def main() -> None:
    """Console-script entry point ``dse``."""
    app()
