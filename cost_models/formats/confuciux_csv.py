"""ConfuciuX layer tables: CSV with header ``K,C,Y,X,R,S,T``.

Format (maestro-project/confuciux, ``data/model/*.csv``): one row per layer; ``T`` = 1 is a convolution, ``T`` = 2 a
depthwise convolution written with ``K`` = 1 (MAESTRO's ``DSCONV``). ``Y``, ``X`` are MAESTRO input sizes (any
padding already added); there is no stride column (ConfuciuX runs every layer at stride 1) and no FC layer type.

Reading gives layers named ``layer0``, ``layer1``, ... (ConfuciuX's 0-based layer indices) with stride 1 and
padding 0; a ``T`` = 2 row becomes ``Op.DWCONV`` with ``K = C = groups``.

Writing is the inverse for CONV/DWCONV layers with stride 1 and padding 0, so ``read_csv(write_csv(net))`` gives
the same layers (up to names). Other layers are written so that the MAC count is kept where the format allows it:
a padded layer is written with its padded input size (same output size and MACs); a GEMM becomes a 1x1 CONV with
``Y = N * Y * repeat`` rows (same MACs and weights; it reads back as a CONV); a stride > 1 is refused unless
``drop_stride=True`` (then the layer runs at stride 1, as in ConfuciuX). Grouped (non-depthwise) convolutions,
channel multipliers, batch > 1 and repeated convolutions cannot be written and raise :class:`FormatError`.
"""

from __future__ import annotations

import csv
import logging
from pathlib import Path

from npu_dse.cost_models.formats.text import read_text
from npu_dse.cost_models.errors import FormatError, WorkloadError
from npu_dse.cost_models.workload import Layer, Network, Op

log = logging.getLogger(__name__)

HEADER = ("K", "C", "Y", "X", "R", "S", "T")
T_CONV = 1
T_DEPTHWISE = 2


def read_csv(path: str | Path, name: str | None = None) -> Network:
    """Read a ConfuciuX layer CSV.

    Args:
        path: the ``.csv`` file.
        name: network name; default the file's stem.

    Returns:
        A chain :class:`Network` (no edges), layers ``layer0..layer{n-1}``.

    Raises:
        FormatError: missing/unreadable file, wrong header, a row without 7 positive integers, ``T`` not in {1, 2},
            or a shape the layer model rejects; the message names the file, the line and what was expected.
    """
    path = Path(path)
    text = read_text(path, "ConfuciuX CSV")
    rows = list(csv.reader(text.splitlines()))
    if not rows or tuple(c.strip() for c in rows[0]) != HEADER:
        got = ",".join(rows[0]) if rows else "an empty file"
        raise FormatError(f"{path}:1: expected the header {','.join(HEADER)}, got {got!r}")
    layers = []
    for lineno, row in enumerate(rows[1:], start=2):
        if not row or all(not c.strip() for c in row):
            continue
        if len(row) != len(HEADER):
            raise FormatError(f"{path}:{lineno}: expected {len(HEADER)} values {','.join(HEADER)}, got {len(row)}")
        try:
            K, C, Y, X, R, S, T = (int(c.strip()) for c in row)
        except ValueError:
            raise FormatError(
                f"{path}:{lineno}: expected integers for {','.join(HEADER)}, got {','.join(row)!r}"
            ) from None
        layer_name = f"layer{len(layers)}"
        try:
            if T == T_CONV:
                layer = Layer(layer_name, Op.CONV, K=K, C=C, Y=Y, X=X, R=R, S=S)
            elif T == T_DEPTHWISE:
                if K <= 0:
                    raise WorkloadError(f"layer {layer_name!r}: field 'K' must be a positive integer, got {K}")
                layer = Layer(layer_name, Op.DWCONV, K=C, C=C, Y=Y, X=X, R=R, S=S, groups=C)
            else:
                raise FormatError(f"{path}:{lineno}: field 'T' is {T}; allowed: 1 (CONV), 2 (depthwise)")
        except WorkloadError as exc:
            raise FormatError(f"{path}:{lineno}: {exc}") from None
        layers.append(layer)
    if not layers:
        raise FormatError(f"{path}: expected at least one layer row after the header")
    return Network(name or path.stem, tuple(layers))


def _row(layer: Layer, drop_stride: bool, path: Path) -> tuple[int, ...]:
    where = f"{path}: layer {layer.name!r}"
    if layer.op is Op.GEMM:
        return (layer.K, layer.C, layer.N * layer.Y * layer.repeat, 1, 1, 1, T_CONV)
    if layer.op is Op.TRCONV:
        raise FormatError(f"{where}: a transposed convolution cannot be written (the ConfuciuX CSV has CONV and "
                          "depthwise rows only)")
    if layer.stride != 1:
        if not drop_stride:
            raise FormatError(
                f"{where}: stride {layer.stride} cannot be written (the ConfuciuX CSV has no stride column); "
                "pass drop_stride=True to write it at stride 1"
            )
        log.warning("%s: stride %d dropped (ConfuciuX CSV has no stride)", where, layer.stride)
    if layer.N != 1 or layer.repeat != 1:
        raise FormatError(f"{where}: N = {layer.N}, repeat = {layer.repeat}; the ConfuciuX CSV allows only 1")
    Y, X = layer.Y + 2 * layer.padding, layer.X + 2 * layer.padding
    if layer.op is Op.DWCONV:
        if layer.K != layer.C:
            raise FormatError(f"{where}: depthwise K = {layer.K} != C = {layer.C}; the ConfuciuX CSV allows K = C")
        return (1, layer.C, Y, X, layer.R, layer.S, T_DEPTHWISE)
    if layer.groups != 1:
        raise FormatError(f"{where}: groups = {layer.groups}; the ConfuciuX CSV allows 1 (CONV) or depthwise")
    return (layer.K, layer.C, Y, X, layer.R, layer.S, T_CONV)


def write_csv(path: str | Path, network: Network, *, drop_stride: bool = False) -> None:
    """Write ``network`` as a ConfuciuX layer CSV (see the module docstring for what is kept).

    Raises:
        FormatError: a layer the format cannot express (stride > 1 without ``drop_stride``, grouped convolution,
            depthwise multiplier, batch or repeat on a convolution), or the file cannot be written.
    """
    path = Path(path)
    rows = [_row(layer, drop_stride, path) for layer in network.layers]
    lines = [",".join(HEADER)] + [",".join(str(v) for v in r) for r in rows]
    try:
        path.write_text("\n".join(lines) + "\n")
    except OSError as exc:
        raise FormatError(f"{path}: cannot write ConfuciuX CSV: {exc.strerror or exc}") from None
