"""Reading a text input file with errors a user can act on: too large, unreadable, or not UTF-8."""

from __future__ import annotations

from pathlib import Path

from npu_dse.cost_models.errors import FormatError

MAX_TEXT_BYTES = 64 << 20
"""The largest text input read (64 MiB): MAESTRO files, layer tables and design documents are far smaller."""


def read_text(path: str | Path, what: str, max_bytes: int = MAX_TEXT_BYTES) -> str:
    """The UTF-8 text of ``path``.

    Args:
        path: the file.
        what: what the file should be, for messages (``"MAESTRO file"``, ``"design JSON"``).
        max_bytes: refuse larger files.

    Raises:
        FormatError: missing or unreadable, larger than ``max_bytes``, or not UTF-8 (names the file and the byte).
    """
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise FormatError(f"{path}: {size:,} bytes; a {what} is read up to {max_bytes:,} bytes")
        return path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as exc:
        raise FormatError(f"{path}: not UTF-8 text (byte {exc.start}: {exc.reason}); expected a {what}") from None
    except OSError as exc:
        raise FormatError(f"{path}: cannot read {what}: {exc.strerror or exc}") from None


__all__ = ["MAX_TEXT_BYTES", "read_text"]
