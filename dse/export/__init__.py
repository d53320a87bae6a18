"""Hardware export of a design document (``best.json``, :mod:`npu_dse.design`) for hardware generators.

Formats (:data:`FORMATS`):

- ``json`` / ``yaml`` — the versioned design document itself (schema ``npu-dse/design`` v1);
- ``verilog`` — a SystemVerilog package of ``localparam`` s (:mod:`npu_dse.export.verilog`; compiles with Icarus
  Verilog ``-g2012`` and Verilator);
- ``gemmini`` — a Gemmini-style Scala config (:mod:`npu_dse.export.gemmini`);
- ``maestro`` — MAESTRO's hardware file and ``.m`` mapping (:mod:`npu_dse.export.maestro`), which
  :func:`npu_dse.cost_models.formats.maestro_m.read_mapping` / ``read_hardware`` read back identically;
- ``nvdla`` — an NVDLA project ``.spec`` that ``projects.spec`` accepts (:mod:`npu_dse.export.nvdla`);
- ``vta`` — a ``vta_config.json`` that VTA's ``pkg_config.py`` accepts (:mod:`npu_dse.export.vta`);
- ``scalesim`` — a SCALE-Sim 3 ``.cfg`` with the network's topology and layout CSVs beside it
  (:mod:`npu_dse.export.scalesim`).

:func:`render` returns the text of each output file; :func:`write` writes them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Mapping

from npu_dse.cost_models.errors import FormatError

FORMATS: tuple[str, ...] = ("json", "yaml", "verilog", "gemmini", "nvdla", "vta", "maestro", "scalesim")
"""Export formats."""
SUFFIXES: dict[str, str] = {"json": ".json", "yaml": ".yaml", "verilog": ".sv", "gemmini": ".scala", "nvdla": ".spec",
                            "vta": ".json", "maestro": ".m", "scalesim": ".cfg"}
"""Default file suffix of each format."""


def render(doc: Mapping[str, Any], fmt: str, network=None) -> dict[str, str]:
    """The output files of ``doc`` in format ``fmt``.

    Args:
        doc: a design document (:func:`npu_dse.design.check_document` is applied).
        fmt: one of :data:`FORMATS`.
        network: the :class:`~npu_dse.cost_models.workload.Network` (``maestro`` and ``scalesim``; else loaded by
            name).

    Returns:
        Role -> text: ``{"main": ...}``, for ``maestro`` ``{"mapping": ..., "hardware": ...}``, for ``scalesim``
        ``{"main": ..., "topology": ..., "layout": ...}`` (and ``os_main``, ``os_topology``, ``os_layout``: the
        second run of a ``systolic_both`` design).

    Raises:
        FormatError: unknown format (lists the allowed ones) or a malformed document.
    """
    from npu_dse.design import check_document

    if fmt not in FORMATS:
        raise FormatError(f"unknown export format {fmt!r}; allowed: {', '.join(FORMATS)}")
    doc = check_document(doc)
    if fmt == "json":
        import json

        return {"main": json.dumps(doc, indent=2) + "\n"}
    if fmt == "yaml":
        import yaml

        return {"main": yaml.safe_dump(doc, sort_keys=False)}
    if fmt == "verilog":
        from npu_dse.export.verilog import systemverilog_package

        return {"main": systemverilog_package(doc)}
    if fmt == "gemmini":
        from npu_dse.export.gemmini import gemmini_config

        return {"main": gemmini_config(doc)}
    if fmt == "nvdla":
        from npu_dse.export.nvdla import nvdla_spec

        return {"main": nvdla_spec(doc)}
    if fmt == "vta":
        from npu_dse.export.vta import vta_config

        return {"main": vta_config(doc)}
    from npu_dse.export.maestro import maestro_files, maestro_lp_files, network_for

    if fmt == "scalesim":
        from npu_dse.export.scalesim import scalesim_files

        return scalesim_files(doc, network if network is not None else network_for(doc))

    if is_layer_pipelined(doc):
        return maestro_lp_files(doc, network)
    return maestro_files(doc, network)


def one_accelerator(doc: Mapping[str, Any], fmt: str, what: str) -> None:
    """Refuse a layer-pipelined design for a format that describes one accelerator (``what``: "one Gemmini mesh").

    Raises:
        FormatError: ``doc`` is layer-pipelined.
    """
    if is_layer_pipelined(doc):
        raise FormatError(f"{fmt}: a layer-pipelined design of {len(doc['per_layer'])} sub-accelerators is not "
                          f"{what}; export a layer-sequential or global design")


def generator_config(doc: Mapping[str, Any], generator: str, what: str):
    """The configuration of ``doc`` for ``generator``, checked by its rules
    (:func:`npu_dse.cost_models.generators.rules`).

    Raises:
        FormatError: a layer-pipelined design, or the first rule the design breaks (named, with the ``dse run``
            option that keeps a search to designs ``generator`` builds).
    """
    from npu_dse.cost_models.errors import NpuDseError
    from npu_dse.cost_models.generators import rules

    one_accelerator(doc, generator, what)
    try:
        return rules(generator).check(doc["design"])
    except NpuDseError as exc:
        raise FormatError(f"{exc}; `dse run CONFIG --set space.generator={generator}` searches only designs "
                          f"{generator} builds") from None


def is_layer_pipelined(doc: Mapping[str, Any]) -> bool:
    """A design of one sub-accelerator per layer (``mode`` LP with ``per_layer`` entries)."""
    return doc.get("mode") == "LP" and bool(doc.get("per_layer"))


def output_paths(fmt: str, out: str | Path) -> dict[str, Path]:
    """Files ``-o out`` may write: ``out`` itself, and for ``maestro`` also ``<stem>_hw.m`` beside it, for
    ``scalesim`` ``<stem>_topology.csv`` and ``<stem>_layout.csv`` (and, for the output-stationary layers of a
    ``systolic_both`` design, ``<stem>_os.cfg``, ``<stem>_os_topology.csv``, ``<stem>_os_layout.csv``)."""
    out = Path(out)
    if fmt == "maestro":
        return {"mapping": out, "hardware": out.with_name(f"{out.stem}_hw.m")}
    if fmt == "scalesim":
        return {"main": out, "topology": out.with_name(f"{out.stem}_topology.csv"),
                "layout": out.with_name(f"{out.stem}_layout.csv"),
                "os_main": out.with_name(f"{out.stem}_os{out.suffix}"),
                "os_topology": out.with_name(f"{out.stem}_os_topology.csv"),
                "os_layout": out.with_name(f"{out.stem}_os_layout.csv")}
    return {"main": out}


def write(doc: Mapping[str, Any], fmt: str, out: str | Path, network=None) -> list[Path]:
    """Render ``doc`` and write the files (atomically) to :func:`output_paths`; returns the paths written.

    A layer-pipelined design in ``maestro`` format is a directory (``out`` without its suffix) of one mapping and
    hardware file per layer (:func:`npu_dse.export.maestro.maestro_lp_files`)."""
    from npu_dse.results import atomic_write_text

    texts = render(doc, fmt, network)
    if fmt == "maestro" and is_layer_pipelined(doc):
        folder = Path(out).with_suffix("")
        return [atomic_write_text(folder / name, text) for name, text in texts.items()]
    paths = output_paths(fmt, out)
    return [atomic_write_text(paths[role], text) for role, text in texts.items()]


__all__ = ["FORMATS", "SUFFIXES", "is_layer_pipelined", "render", "write", "output_paths"]
