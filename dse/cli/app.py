"""The ``dse`` typer application and its error handling.

Every command module under :mod:`npu_dse.cli` adds its commands to :data:`app`. Any
:class:`npu_dse.cost_models.errors.NpuDseError` escaping a command is printed as one line on stderr and the process exits
with code 2 (DESIGN.md §6).
"""

from __future__ import annotations

import logging
import os
import sys

import typer
from typer.core import TyperGroup

from npu_dse.cost_models.errors import NpuDseError

class _DseGroup(TyperGroup):
    """Turns a :class:`NpuDseError` raised by any command, and a usage error (an unknown option or command, a bad or
    missing argument), into one line on stderr and exit code 2."""

    def invoke(self, ctx):  # type: ignore[override]
        try:
            return super().invoke(ctx)
        except NpuDseError as exc:
            typer.echo(f"error: {exc}", err=True)
            raise typer.Exit(code=2) from None

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):  # type: ignore[override]
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode, **extra)
        try:
            rv = super().main(args, prog_name, complete_var, False, **extra)
        except Exception as exc:  # click's exceptions, as typer vendors them: matched by name, not imported
            kinds = {c.__name__ for c in type(exc).__mro__}
            if "NoArgsIsHelpError" in kinds:  # 'dse' alone: the help, as click shows it
                return super().main(args, prog_name, complete_var, True, **extra)
            if "ClickException" in kinds:
                ctx = getattr(exc, "ctx", None)
                where = ctx.command_path if ctx is not None else "dse"
                typer.echo(f"error: {exc.format_message()} (see {where} --help)", err=True)
                sys.exit(exc.exit_code)
            if "Abort" in kinds:
                typer.echo("aborted", err=True)
                sys.exit(1)
            raise
        sys.exit(rv if isinstance(rv, int) else 0)


app = typer.Typer(
    name="dse",
    cls=_DseGroup,
    help="npu-dse: design-space exploration of DNN accelerators (MAESTRO-style cost model, RL + GA search).",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


THREAD_VARIABLES: tuple[str, ...] = ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS")
"""Environment variables that set the thread count of torch and of numpy's BLAS in this process and its children."""


def pin_threads(threads: int) -> None:
    """Use ``threads`` threads for torch and BLAS in this process and the processes it starts.

    On 2 shared cores torch's default thread count made the quickstart 7-20x slower; sweep workers use one thread
    whatever this says. Sets :data:`THREAD_VARIABLES` (read by torch when it is imported, and inherited by child
    processes), limits the BLAS pools already loaded (threadpoolctl), and torch's own pool if torch is loaded.
    """
    import sys

    from threadpoolctl import threadpool_limits

    for name in THREAD_VARIABLES:
        os.environ[name] = str(threads)
    threadpool_limits(limits=threads)
    if "torch" in sys.modules:
        sys.modules["torch"].set_num_threads(threads)


@app.callback()
def _root(
    verbose: bool = typer.Option(False, "--verbose", "-v", help="Log progress at INFO level."),
    threads: int = typer.Option(1, "--threads", min=1, envvar="NPU_DSE_THREADS",
                                help="Threads for torch and BLAS in this process (sweep workers use 1)."),
) -> None:
    _configure_logging(verbose)
    pin_threads(threads)


class _CurrentStderr(logging.StreamHandler):
    """A log handler that writes to whatever ``sys.stderr`` is when a record is emitted: a program that runs the CLI
    in-process several times (a test runner, a notebook) swaps stderr between runs, and a handler holding the first
    run's stream then fails on it ("--- Logging error ---" with a traceback)."""

    def __init__(self) -> None:
        super().__init__(sys.stderr)

    @property  # type: ignore[override]
    def stream(self):
        return sys.stderr

    @stream.setter
    def stream(self, _value) -> None:
        pass


def _configure_logging(verbose: bool) -> None:
    """WARNING (INFO with ``verbose``) on stderr, unless the program running the CLI configured logging itself (as
    :func:`logging.basicConfig` leaves it then)."""
    root = logging.getLogger()
    if not root.handlers:
        handler = _CurrentStderr()
        handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
        root.addHandler(handler)
    if any(isinstance(h, _CurrentStderr) for h in root.handlers):
        root.setLevel(logging.INFO if verbose else logging.WARNING)


def fail(message: str) -> typer.Exit:
    """Print ``error: message`` on one line to stderr and return the exit (code 2) for the caller to raise."""
    typer.echo(f"error: {message}", err=True)
    return typer.Exit(code=2)


def main() -> None:
    """Console-script entry point ``dse``."""
    app()
