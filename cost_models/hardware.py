"""Hardware parameters of a MAESTRO-style spatial accelerator: :class:`Hardware` and :class:`HardwareBatch`.

The fields are MAESTRO's command-line hardware flags (``maestro-top.cpp``; ALGORITHM.md §2.1) with units in
their names or docstrings:

==================  ==========================================================================================
num_pes             processing elements (MAESTRO ``--num_pes``)
l1_bytes            provisioned L1 scratchpad per PE in bytes; ``None`` = unconstrained (``--l1_size_cstr``)
l2_bytes            provisioned global buffer (L2) in bytes; ``None`` = unconstrained (``--l2_size_cstr``)
noc_bw              NoC bandwidth in elements/cycle, the same at every cluster level (``--noc_bw_cstr``);
                    default 64 (64 B/cycle of 8-bit words, a 512-bit on-chip bus)
offchip_bw          off-chip (DRAM -> L2) bandwidth in elements/cycle (``--offchip_bw_cstr``); ``None`` (the
                    default) = the technology's DRAM preset at ``clock_mhz`` (LPDDR4-3200: 12.8 GB/s, 12.8
                    elements/cycle of 8 bits at 1 GHz), or MAESTRO's default 70,000 under ``technology: maestro``
noc_hops            NoC hops; the NoC head latency is ``noc_hops * noc_hop_latency`` cycles
noc_hop_latency     cycles per hop (``--noc_hop_latency``)
simd_lanes          MACs per PE per cycle (``--num_simd_lanes``)
word_bytes          bytes per tensor element (MAESTRO assumes 1; 1 = 8-bit, 2 = 16-bit operands)
clock_mhz           clock frequency in MHz (converts cycles to time; with a physical technology, leakage and power)
pe_rows             rows of the PE array, a divisor of ``num_pes`` (columns = ``num_pes / pe_rows``); 0 (the
                    default) = the squarest array. Systolic dataflows run on it (SCALE-Sim's ArrayHeight);
                    MAESTRO's templates map onto their own cluster structure and do not use it
l2_input_bytes      a separate input buffer of this many bytes inside the L2 (DianNao's NBin); ``None`` (the
                    default) = inputs share the global buffer. Likewise ``l2_filter_bytes`` (DianNao's SB) and
                    ``l2_output_bytes`` (NBout). Under a physical technology each tensor's L2 accesses cost its
                    own buffer's energy per access, and the tensors without one share the rest of ``l2_bytes``
                    (which counts every buffer); the fit is still checked on the total. Not with a systolic
                    dataflow (its accumulator is its output buffer); ``technology: maestro`` prices the total
==================  ==========================================================================================

Unlike MAESTRO, provisioned L1/L2 sizes are enforced: the cost model marks a point infeasible when a
requirement exceeds them (DESIGN.md §3).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from typing import Iterable, Sequence

import numpy as np

from npu_dse.cost_models.errors import HardwareError

_INT_FIELDS = ("num_pes", "noc_hops", "noc_hop_latency", "simd_lanes", "word_bytes", "pe_rows")
_FLOAT_FIELDS = ("noc_bw", "offchip_bw", "clock_mhz")
_OPTIONAL_FLOAT_FIELDS = ("offchip_bw",)

DEFAULT_NOC_BW = 64
"""NoC bandwidth (elements/cycle) when a design sets none."""
MAESTRO_OFFCHIP_BW = 70000
"""MAESTRO's default ``--offchip_bw_cstr`` (elements/cycle), used for ``offchip_bw=None`` under ``technology: maestro``."""
_BUFFER_FIELDS = ("l1_bytes", "l2_bytes")
L2_TENSOR_FIELDS = ("l2_input_bytes", "l2_filter_bytes", "l2_output_bytes")
"""The optional separate buffers inside the L2, one per tensor (input, filter, output); 0 in a batch = none."""
_MIN = {"num_pes": 1, "noc_hops": 0, "noc_hop_latency": 0, "simd_lanes": 1, "word_bytes": 1, "pe_rows": 0}


@dataclass(frozen=True)
class Hardware:
    """One hardware design point (see the module docstring for field meanings and units).

    Raises:
        HardwareError: a field of the wrong type or out of range (non-positive PE count, bandwidth, ...); the
            message names the field.
    """

    num_pes: int
    l1_bytes: int | None = None
    l2_bytes: int | None = None
    noc_bw: float = DEFAULT_NOC_BW
    offchip_bw: float | None = None
    noc_hops: int = 1
    noc_hop_latency: int = 1
    simd_lanes: int = 1
    word_bytes: int = 1
    clock_mhz: float = 1000.0
    pe_rows: int = 0
    l2_input_bytes: int | None = None
    l2_filter_bytes: int | None = None
    l2_output_bytes: int | None = None

    def __post_init__(self) -> None:
        for name in _INT_FIELDS:
            v = getattr(self, name)
            if isinstance(v, (bool, np.bool_)) or not isinstance(v, (int, np.integer)) or v < _MIN[name]:
                raise HardwareError(f"hardware field {name!r} must be an integer >= {_MIN[name]}, got {v!r}")
            object.__setattr__(self, name, int(v))
        for name in _FLOAT_FIELDS:
            v = getattr(self, name)
            if v is None and name in _OPTIONAL_FLOAT_FIELDS:
                continue
            if isinstance(v, (bool, np.bool_)) or not isinstance(v, (int, float, np.integer, np.floating)) or not v > 0:
                raise HardwareError(f"hardware field {name!r} must be a number > 0, got {v!r}")
            if not np.isfinite(v):
                raise HardwareError(f"hardware field {name!r} must be finite, got {v!r}")
        for name in _BUFFER_FIELDS + L2_TENSOR_FIELDS:
            v = getattr(self, name)
            if v is None:
                continue
            if isinstance(v, (bool, np.bool_)) or not isinstance(v, (int, np.integer)) or v < 1:
                raise HardwareError(f"hardware field {name!r} must be None or an integer >= 1 (bytes), got {v!r}")
            object.__setattr__(self, name, int(v))
        banks = sum(getattr(self, name) or 0 for name in L2_TENSOR_FIELDS)
        if banks and self.l2_bytes is None:
            raise HardwareError(f"hardware fields {', '.join(L2_TENSOR_FIELDS)} need l2_bytes, which counts every "
                                "buffer of the L2; it is unset (unconstrained)")
        if banks > (self.l2_bytes or 0):
            raise HardwareError(f"hardware fields {', '.join(L2_TENSOR_FIELDS)} sum to {banks} bytes, more than "
                                f"l2_bytes ({self.l2_bytes}), which counts every buffer of the L2")
        shared = [name for name in L2_TENSOR_FIELDS if getattr(self, name) is None]
        if banks and shared and banks == self.l2_bytes:
            raise HardwareError(f"hardware field(s) {', '.join(shared)} unset: those tensors share the rest of "
                                f"l2_bytes ({self.l2_bytes}), and the separate buffers take all of it")
        if self.pe_rows and self.num_pes % self.pe_rows:
            raise HardwareError(f"hardware field 'pe_rows' ({self.pe_rows}) must divide num_pes ({self.num_pes}): "
                                "the array is pe_rows x (num_pes / pe_rows) PEs")

    @property
    def noc_latency_cycles(self) -> int:
        """NoC head latency in cycles: ``noc_hops * noc_hop_latency`` (MAESTRO's ``Lat``, ALGORITHM.md §8.1)."""
        return self.noc_hops * self.noc_hop_latency

    def to_dict(self) -> dict:
        """The fields as a plain dict."""
        return asdict(self)


@dataclass(frozen=True)
class HardwareBatch:
    """``n`` hardware points as a struct of arrays (every field a 1-D numpy array of length ``n``).

    ``l1_bytes`` / ``l2_bytes`` are float arrays in which ``inf`` means unconstrained (``None`` in
    :class:`Hardware`); in ``offchip_bw``, ``nan`` means "from the technology" (``None`` in :class:`Hardware`).
    Build with :meth:`from_points` or :meth:`from_arrays`.

    Raises:
        HardwareError: arrays of different lengths, or an out-of-range value (the message names the field and
            the first bad index).
    """

    num_pes: np.ndarray
    l1_bytes: np.ndarray
    l2_bytes: np.ndarray
    noc_bw: np.ndarray
    offchip_bw: np.ndarray
    noc_hops: np.ndarray
    noc_hop_latency: np.ndarray
    simd_lanes: np.ndarray
    word_bytes: np.ndarray
    clock_mhz: np.ndarray
    pe_rows: np.ndarray
    l2_input_bytes: np.ndarray
    l2_filter_bytes: np.ndarray
    l2_output_bytes: np.ndarray

    def __post_init__(self) -> None:
        n = None
        for f in fields(self):
            a = np.asarray(getattr(self, f.name))
            if a.ndim != 1:
                raise HardwareError(f"hardware field {f.name!r} must be a 1-D array, got shape {a.shape}")
            if n is None:
                n = a.shape[0]
            elif a.shape[0] != n:
                raise HardwareError(f"hardware field {f.name!r} has length {a.shape[0]}, expected {n}")
            if f.name in _INT_FIELDS:
                if not np.all(np.isfinite(a)) or np.any(a != np.round(a)):
                    raise HardwareError(f"hardware field {f.name!r} must hold integers")
                a = a.astype(np.int64)
                bad = np.nonzero(a < _MIN[f.name])[0]
                if bad.size:
                    raise HardwareError(
                        f"hardware field {f.name!r} must be >= {_MIN[f.name]}, got {a[bad[0]]} at index {bad[0]}"
                    )
            else:
                a = a.astype(np.float64)
                lo_ok = (a >= 1) if f.name in _BUFFER_FIELDS else (a >= 0) if f.name in L2_TENSOR_FIELDS else (a > 0)
                finite_ok = np.ones_like(lo_ok) if f.name in _BUFFER_FIELDS else np.isfinite(a)
                if f.name in _OPTIONAL_FLOAT_FIELDS:
                    lo_ok, finite_ok = lo_ok | np.isnan(a), finite_ok | np.isnan(a)
                bad = np.nonzero(~(lo_ok & finite_ok))[0]
                if bad.size:
                    raise HardwareError(f"hardware field {f.name!r} has invalid value {a[bad[0]]} at index {bad[0]}")
            object.__setattr__(self, f.name, a)
        bad = np.nonzero((self.pe_rows > 0) & (self.num_pes % np.maximum(self.pe_rows, 1) != 0))[0]
        if bad.size:
            i = int(bad[0])
            raise HardwareError(f"hardware field 'pe_rows' ({self.pe_rows[i]}) must divide num_pes "
                                f"({self.num_pes[i]}) at index {i}")
        bad = np.nonzero(self.l2_tensor_bytes.sum(axis=0) > self.l2_bytes)[0] if self.has_l2_tensor_buffers else ()
        if len(bad):
            i = int(bad[0])
            raise HardwareError(f"hardware fields {', '.join(L2_TENSOR_FIELDS)} sum to "
                                f"{self.l2_tensor_bytes[:, i].sum():g} bytes at index {i}, more than l2_bytes "
                                f"({self.l2_bytes[i]:g}), which counts every buffer of the L2")

    @property
    def has_l2_tensor_buffers(self) -> bool:
        """Whether any point has a separate L2 buffer for some tensor (cheap: no array is built)."""
        return bool(self.l2_input_bytes.any() or self.l2_filter_bytes.any() or self.l2_output_bytes.any())

    @property
    def l2_tensor_bytes(self) -> np.ndarray:
        """The separate input, filter and output buffers inside the L2 (bytes, shape ``(3, n)``; 0 = none)."""
        return np.stack([getattr(self, name) for name in L2_TENSOR_FIELDS])

    def __len__(self) -> int:
        return int(self.num_pes.shape[0])

    @classmethod
    def from_points(cls, points: Sequence[Hardware] | Iterable[Hardware]) -> "HardwareBatch":
        """Stack :class:`Hardware` points into a batch.

        Raises:
            HardwareError: no points, or an element that is not a :class:`Hardware`.
        """
        pts = list(points)
        if not pts:
            raise HardwareError("a hardware batch needs at least one point")
        for i, p in enumerate(pts):
            if not isinstance(p, Hardware):
                raise HardwareError(f"hardware point {i} is {type(p).__name__}, expected Hardware")
        batch = object.__new__(cls)  # every point was checked when it was made: no second validation
        for f in fields(Hardware):
            vals = [getattr(p, f.name) for p in pts]
            if f.name in _BUFFER_FIELDS:
                vals = [np.inf if v is None else v for v in vals]
            elif f.name in L2_TENSOR_FIELDS:
                vals = [0 if v is None else v for v in vals]
            elif f.name in _OPTIONAL_FLOAT_FIELDS:
                vals = [np.nan if v is None else v for v in vals]
            object.__setattr__(batch, f.name, np.asarray(vals, dtype=np.int64 if f.name in _INT_FIELDS
                                                         else np.float64))
        return batch

    @classmethod
    def from_arrays(cls, num_pes, **kwargs) -> "HardwareBatch":
        """Build from arrays or scalars (scalars broadcast); missing fields take :class:`Hardware`'s defaults.

        ``l1_bytes`` / ``l2_bytes`` may be ``None`` (unconstrained) or arrays with ``inf`` for unconstrained;
        ``offchip_bw`` may be ``None`` or hold ``nan`` (from the technology's DRAM preset).

        Raises:
            HardwareError: unknown field, or arrays of different lengths.
        """
        names = [f.name for f in fields(Hardware)]
        unknown = set(kwargs) - set(names)
        if unknown:
            raise HardwareError(f"unknown hardware field(s) {sorted(unknown)}; allowed: {', '.join(names)}")
        defaults = {f.name: f.default for f in fields(Hardware) if f.name != "num_pes"}
        vals = {"num_pes": num_pes}
        for name in names[1:]:
            v = kwargs.get(name, defaults[name])
            if v is None:
                v = np.nan if name in _OPTIONAL_FLOAT_FIELDS else 0 if name in L2_TENSOR_FIELDS else np.inf
            vals[name] = v
        arrays = {k: np.atleast_1d(np.asarray(v)) for k, v in vals.items()}
        n = max(a.shape[0] for a in arrays.values())
        out = {}
        for k, a in arrays.items():
            if a.shape[0] == 1 and n > 1:
                a = np.repeat(a, n)
            out[k] = a
        return cls(**out)

    @classmethod
    def coerce(cls, hardware: "Hardware | HardwareBatch") -> "HardwareBatch":
        """A batch from a single point or a batch (returned unchanged).

        Raises:
            HardwareError: anything else.
        """
        if isinstance(hardware, HardwareBatch):
            return hardware
        if isinstance(hardware, Hardware):
            return cls.from_points([hardware])
        raise HardwareError(f"expected Hardware or HardwareBatch, got {type(hardware).__name__}")

    def take(self, index: np.ndarray) -> "HardwareBatch":
        """The sub-batch at ``index`` (integer or boolean array)."""
        return HardwareBatch(**{f.name: getattr(self, f.name)[index] for f in fields(self)})

    def point(self, i: int) -> Hardware:
        """Point ``i`` as a :class:`Hardware`."""
        kw = {}
        for f in fields(self):
            v = getattr(self, f.name)[i]
            if f.name in _BUFFER_FIELDS:
                kw[f.name] = None if not np.isfinite(v) else int(v)
            elif f.name in L2_TENSOR_FIELDS:
                kw[f.name] = int(v) or None
            elif f.name in _OPTIONAL_FLOAT_FIELDS and np.isnan(v):
                kw[f.name] = None
            elif f.name in _INT_FIELDS:
                kw[f.name] = int(v)
            else:
                kw[f.name] = float(v)
        return Hardware(**kw)


def from_maestro_flags(flags: dict[str, int | float]) -> Hardware:
    """A :class:`Hardware` from MAESTRO-style keys (``num_pes``, ``l1_size``/``l1_size_cstr``, ``l2_size``,
    ``noc_bw``, ``offchip_bw``, ``noc_hops``, ``noc_hop_latency``, ``num_simd_lanes``), e.g. the dict returned
    by ``npu_dse.cost_models.formats.maestro_m.read_hardware``.

    Raises:
        HardwareError: ``num_pes`` missing or any value out of range.
    """
    alias = {
        "num_pes": "num_pes",
        "l1_size": "l1_bytes", "l1_size_cstr": "l1_bytes", "l1_bytes": "l1_bytes",
        "l2_size": "l2_bytes", "l2_size_cstr": "l2_bytes", "l2_bytes": "l2_bytes",
        "noc_bw": "noc_bw", "noc_bw_cstr": "noc_bw",
        "offchip_bw": "offchip_bw", "offchip_bw_cstr": "offchip_bw",
        "noc_hops": "noc_hops", "noc_hop_latency": "noc_hop_latency",
        "num_simd_lanes": "simd_lanes", "simd_lanes": "simd_lanes",
    }
    kw: dict = {}
    for k, v in flags.items():
        if k not in alias:
            raise HardwareError(f"unknown hardware key {k!r}; allowed: {', '.join(sorted(alias))}")
        kw[alias[k]] = v
    if "num_pes" not in kw:
        raise HardwareError("hardware field 'num_pes' is required")
    return Hardware(**kw)
