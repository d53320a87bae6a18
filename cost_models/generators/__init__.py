"""Hardware generators' own rules, as code: which designs a generator builds (one checker per generator, used by
the export and by the search space). Each rule is ported from the generator's source and named as it names it, so a
refused design says which rule it breaks.

:func:`restrict` holds a design space to what a generator builds (``space: {generator: gemmini}`` in YAML): the
parameters a generator limits on their own (PE count, dataflow, buffer sizes) keep only the levels it accepts, and
every design is checked against the generator's full rules when it is evaluated (:func:`violation`), so a design that
breaks a joint rule (Gemmini's scratchpad rows against its array side, NVDLA's CBUF against its atomic C) is
infeasible, named ``generator``, and never the answer.
"""

from __future__ import annotations

import dataclasses
import math
from typing import Any, Callable, Mapping

from npu_dse.cost_models.errors import NpuDseError, SpaceError

#: Generators a search space can be held to.
GENERATORS: tuple[str, ...] = ("gemmini", "nvdla", "vta")


def rules(generator: str):
    """The rules module of ``generator`` (``from_design``, ``check``).

    Raises:
        SpaceError: an unknown generator (lists :data:`GENERATORS`).
    """
    if generator == "gemmini":
        from npu_dse.cost_models.generators import gemmini as mod
    elif generator == "nvdla":
        from npu_dse.cost_models.generators import nvdla as mod
    elif generator == "vta":
        from npu_dse.cost_models.generators import vta as mod
    else:
        raise SpaceError(f"unknown generator {generator!r}; allowed: {', '.join(GENERATORS)}")
    return mod


def pow2(n: int) -> bool:
    """``n`` is a power of two (>= 1)."""
    return n >= 1 and n & (n - 1) == 0


def refuse_broken(generator: str, cfg):
    """``cfg`` if its ``violations()`` are empty.

    Raises:
        SpaceError: ``"<generator>: <first rule broken> (and N more)"``.
    """
    broken = cfg.violations()
    if broken:
        more = f" (and {len(broken) - 1} more)" if len(broken) > 1 else ""
        raise SpaceError(f"{generator}: {broken[0]}{more}")
    return cfg


#: Per generator and parameter, the levels it accepts on their own.
_LEVELS: dict[str, dict[str, Callable[[Any], bool]]] = {
    "gemmini": {"num_pes": lambda n: pow2(math.isqrt(n)) and math.isqrt(n) ** 2 == n and n >= 4,
                "l2_bytes": lambda b: b % 1024 == 0,
                "dataflow": lambda d: d in ("systolic_ws", "systolic_os", "systolic_both")},
    "nvdla": {"num_pes": lambda n: n in (64, 256, 512, 1024, 2048),
              "l2_bytes": lambda b: any(n * d * w == b for n in (16, 32) for d in (128, 512) for w in (8, 16, 32, 64)),
              "dataflow": lambda d: d in ("kcp_ws", "dla")},
    "vta": {"num_pes": lambda n: pow2(n) and n >= 4,
            "l2_bytes": lambda b: b % 13 == 0 and pow2(b // 13),
            "dataflow": lambda d: d in ("kcp_ws", "dla")},
}


#: Dataflows a generator computes in its own way: Gemmini's mesh is a systolic array, so a space held to Gemmini
#: searches (and costs) the systolic dataflows in place of the MAESTRO templates of the same stationarity.
_AS_GENERATOR: dict[str, dict[str, str]] = {
    "gemmini": {"kcp_ws": "systolic_ws", "xp_ws": "systolic_ws", "dla": "systolic_ws", "dpt": "systolic_ws",
                "yxp_os": "systolic_os", "shi": "systolic_os"},
}


def _pe_count_for_array(parameters: tuple) -> tuple[list, tuple[int, ...]]:
    """``parameters`` with ``pe_rows`` and ``pe_cols`` replaced by one ``num_pes`` parameter whose levels are the
    products of theirs, and the products of their fine values (empty when the space has no such pair). A generator
    builds a PE count (Gemmini a square mesh, NVDLA atomic C x K, VTA a GEMM core), so a held space searches the
    counts it accepts; a systolic array of that count is the squarest (:func:`npu_dse.cost_models.systolic.array_dims`).
    """
    from npu_dse.cost_models.space import Parameter

    names = [p.name for p in parameters]
    if "pe_cols" not in names:
        return list(parameters), ()
    rows, cols = parameters[names.index("pe_rows")], parameters[names.index("pe_cols")]
    pes = Parameter("num_pes", tuple(sorted({r * c for r in rows.values for c in cols.values})))
    fine = tuple(sorted({r * c for r in rows.fine_values() for c in cols.fine_values()}))
    return [pes, *(p for p in parameters if p.name not in ("pe_rows", "pe_cols"))], fine


def violation(generator: str, design: Mapping[str, Any]) -> str | None:
    """The first rule of ``generator`` that ``design`` (a ``best.json``-style design dict) breaks, or ``None``."""
    try:
        rules(generator).check(design)
    except NpuDseError as exc:
        return str(exc)
    return None


def restrict(space, generator: str):
    """``space`` held to what ``generator`` builds (module docstring).

    Args:
        space: a :class:`~npu_dse.cost_models.space.DesignSpace` of one accelerator (mode ``LS``).

    Returns:
        A copy whose PE-count, L2 and dataflow levels are the generator's, with ``generator`` set (a PE array
        searched as ``pe_rows`` x ``pe_cols`` becomes a searched PE count, :func:`_pe_count_for_array`); for Gemmini the
        dataflows are the systolic ones (``systolic_ws`` for the weight-stationary templates, ``systolic_os`` for
        the output-stationary ones, and ``systolic_both``, Gemmini's ``Dataflow.BOTH``, when both are searched), so
        its designs are costed as its mesh computes.

    Raises:
        SpaceError: unknown generator; a layer-pipelined space (many sub-accelerators are not one generator's
            build); a parameter left with no level the generator accepts (names it and the generator).
    """
    rules(generator)
    if space.mode != "LS":
        raise SpaceError(f"space.generator {generator!r}: a layer-pipelined (LP) space is many accelerators, not one "
                         f"{generator} build; use mode LS or the global preset")
    accept = _LEVELS[generator]
    as_gen = _AS_GENERATOR.get(generator, {})
    params = []
    searched, fine_pes = _pe_count_for_array(space.parameters)
    for p in searched:
        ok = accept.get(p.name)
        if ok is None:
            params.append(p)
            continue
        if p.name == "dataflow":
            values = tuple(dict.fromkeys(as_gen.get(v, v) for v in p.values))
            if generator == "gemmini" and {"systolic_ws", "systolic_os"} <= set(values):
                values += ("systolic_both",)  # Gemmini's Dataflow.BOTH: either, chosen per layer
            p = dataclasses.replace(p, values=tuple(dict.fromkeys(values)))
        kept = tuple(v for v in p.values if ok(v))            # the coarse levels it accepts, else the fine ones
        if not kept:
            kept = tuple(v for v in (fine_pes if p.name == "num_pes" and fine_pes else p.fine_values()) if ok(v))
        if not kept:
            raise SpaceError(f"space.generator {generator!r}: parameter {p.name!r} has no level {generator} builds "
                             f"(levels {list(p.values)[:8]})")
        params.append(dataclasses.replace(p, values=kept, range=None))
    fixed_df = as_gen.get(space.dataflow, space.dataflow)
    if "dataflow" not in {p.name for p in params} and not accept["dataflow"](fixed_df):
        raise SpaceError(f"space.generator {generator!r}: dataflow {space.dataflow!r} is not one {generator} builds")
    return dataclasses.replace(space, parameters=tuple(params), generator=generator, dataflow=fixed_df)
