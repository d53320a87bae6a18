"""MNIST reader for the standard idx files (LeCun, Cortes & Burges, http://yann.lecun.com/exdb/mnist/).

The directory holds ``train-images-idx3-ubyte``, ``train-labels-idx1-ubyte``, ``t10k-images-idx3-ubyte`` and
``t10k-labels-idx1-ubyte``, each optionally gzip-compressed (``.gz``). idx layout: big-endian ``int32`` magic
(2051 images, 2049 labels), ``int32`` counts and sizes, then ``uint8`` data.

The directory is the ``data_dir`` argument, else the ``NPU_DSE_DATA`` environment variable; if that directory has
a ``mnist/`` sub-directory holding the files, that is used.
"""

from __future__ import annotations

import gzip
import os
from pathlib import Path

import numpy as np

from npu_dse.cost_models.errors import FormatError

__all__ = ["load_mnist", "mnist_dir", "write_idx", "ENV_VAR", "FILES"]

ENV_VAR = "NPU_DSE_DATA"
FILES = {
    "train": ("train-images-idx3-ubyte", "train-labels-idx1-ubyte"),
    "test": ("t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"),
}
_LAYOUT = ("expected layout: <dir>/{train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte, "
           "t10k-labels-idx1-ubyte}[.gz] (MNIST idx files)")


def mnist_dir(data_dir: str | Path | None = None) -> Path:
    """The directory holding the MNIST files (``data_dir``, else ``$NPU_DSE_DATA``; ``<dir>/mnist`` if present).

    Raises:
        FormatError: neither is given, or the directory does not exist.
    """
    if data_dir is None:
        env = os.environ.get(ENV_VAR)
        if not env:
            raise FormatError(f"no MNIST directory: pass --data-dir or set {ENV_VAR}; {_LAYOUT}")
        data_dir = env
    d = Path(data_dir)
    if not d.is_dir():
        raise FormatError(f"MNIST directory {d} does not exist; {_LAYOUT}")
    if (d / "mnist").is_dir() and not any((d / f).exists() or (d / (f + ".gz")).exists() for f in FILES["test"]):
        d = d / "mnist"
    return d


def _find(d: Path, stem: str) -> Path:
    for name in (stem, stem + ".gz"):
        if (d / name).is_file():
            return d / name
    raise FormatError(f"MNIST file {d / stem}[.gz] not found; {_LAYOUT}")


def _read_idx(path: Path, magic: int, ndim: int) -> np.ndarray:
    try:
        raw = gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes()
    except (OSError, EOFError, gzip.BadGzipFile) as exc:
        raise FormatError(f"{path}: cannot read ({exc}); {_LAYOUT}") from None
    header = 4 + 4 * ndim
    if len(raw) < header:
        raise FormatError(f"{path}: truncated header ({len(raw)} bytes); {_LAYOUT}")
    got = int.from_bytes(raw[:4], "big")
    if got != magic:
        raise FormatError(f"{path}: magic number {got}, expected {magic} (idx{ndim} unsigned byte); {_LAYOUT}")
    dims = [int.from_bytes(raw[4 + 4 * i: 8 + 4 * i], "big") for i in range(ndim)]
    n = int(np.prod(dims))
    if len(raw) != header + n:
        raise FormatError(f"{path}: {len(raw) - header} data bytes, header {dims} says {n}; file is corrupt")
    return np.frombuffer(raw, dtype=np.uint8, offset=header).reshape(dims)


def load_mnist(data_dir: str | Path | None = None, split: str = "test", limit: int | None = None
               ) -> tuple[np.ndarray, np.ndarray]:
    """Read one MNIST split.

    Args:
        data_dir: directory with the idx files (see :func:`mnist_dir`).
        split: ``"train"`` (60,000 images) or ``"test"`` (10,000).
        limit: keep only the first ``limit`` images.

    Returns:
        images uint8 (n, 28, 28) with values 0..255, labels uint8 (n,) with values 0..9.

    Raises:
        FormatError: unknown split, missing or corrupt file, image/label count mismatch (message names the file
            and the expected layout).
    """
    if split not in FILES:
        raise FormatError(f"MNIST split {split!r}; allowed: train, test")
    d = mnist_dir(data_dir)
    img_path, lab_path = (_find(d, f) for f in FILES[split])
    images = _read_idx(img_path, 2051, 3)
    labels = _read_idx(lab_path, 2049, 1)
    if images.shape[0] != labels.shape[0]:
        raise FormatError(f"{img_path} has {images.shape[0]} images but {lab_path} has {labels.shape[0]} labels")
    if labels.size and labels.max() > 9:
        raise FormatError(f"{lab_path}: label {int(labels.max())} outside 0..9")
    if limit is not None:
        images, labels = images[:limit], labels[:limit]
    return images, labels


def write_idx(path: str | Path, array: np.ndarray) -> None:
    """Write a uint8 array as an idx file (gzip-compressed if ``path`` ends in ``.gz``)."""
    a = np.ascontiguousarray(array, dtype=np.uint8)
    magic = 0x800 + a.ndim
    raw = magic.to_bytes(4, "big") + b"".join(int(s).to_bytes(4, "big") for s in a.shape) + a.tobytes()
    path = Path(path)
    path.write_bytes(gzip.compress(raw, mtime=0) if path.suffix == ".gz" else raw)
