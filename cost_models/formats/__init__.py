"""Model file formats: :func:`load_network` reads any supported file, dispatching on its extension.

=========  =====================================================  ========================================
extension  format                                                 module
=========  =====================================================  ========================================
``.onnx``  ONNX model (Conv, Gemm/MatMul, RNN/GRU/LSTM as layers)  :mod:`npu_dse.cost_models.formats.onnx_format`
``.m``     MAESTRO model or mapping file                          :mod:`npu_dse.cost_models.formats.maestro_m`
``.csv``   ConfuciuX layer table ``K,C,Y,X,R,S,T``                :mod:`npu_dse.cost_models.formats.confuciux_csv`
=========  =====================================================  ========================================

Readers are imported on first use (the ``onnx`` package is only needed for ``.onnx`` files).
"""

from __future__ import annotations

from pathlib import Path

from npu_dse.cost_models.errors import FormatError
from npu_dse.cost_models.workload import Network

EXTENSIONS = (".onnx", ".m", ".csv")


def load_network(path: str | Path) -> Network:
    """Read a network from an ``.onnx``, MAESTRO ``.m`` or ConfuciuX ``.csv`` file.

    Raises:
        FormatError: unknown extension (the message lists the allowed ones), a missing file, or a malformed file
            (the message names the file, the line where there is one, and what was expected).
    """
    path = Path(path)
    ext = path.suffix.lower()
    if ext not in EXTENSIONS:
        raise FormatError(
            f"{path}: unknown model file type {path.suffix or '(none)'!r}; allowed: {', '.join(EXTENSIONS)}"
        )
    if not path.is_file():
        raise FormatError(f"{path}: no such file")
    if ext == ".onnx":
        from npu_dse.cost_models.formats.onnx_format import read_onnx

        return read_onnx(path)
    if ext == ".m":
        from npu_dse.cost_models.formats.maestro_m import read_mapping

        return read_mapping(path).network
    from npu_dse.cost_models.formats.confuciux_csv import read_csv

    return read_csv(path)


__all__ = ["EXTENSIONS", "load_network"]
