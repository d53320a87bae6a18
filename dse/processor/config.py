"""Processor configuration: lanes, memories, number formats, activation units, cycle costs, clock.

:class:`ProcessorConfig` is one frozen object passed to the compiler, the machine and the PyTorch-compatible
modules. :meth:`ProcessorConfig.from_design` builds it from a DSE result (``best.json``, schema
``npu-dse/design`` version 1).

Mapping from a DSE design (documented choice; DESIGN.md §5):

=============================  ==========================================================================
processor field                design field(s)
=============================  ==========================================================================
``lanes``                      ``num_pes * simd_lanes`` (each PE is one MAC lane; ``simd_lanes`` defaults to 1)
``weight_mem_bytes``           ``l2_bytes`` (the shared global buffer holds weights and biases)
``act_mem_bytes``              ``l1_bytes * num_pes`` (the PEs' local buffers together hold x, h, c, gates); for
                               a systolic design, its accumulator ``acc_bytes`` (where the array's results land,
                               as in Gemmini; the PEs hold only registers)
``word_bits``                  ``8 * word_bytes`` (overridable, e.g. ``dse simulate --bits 12``)
``offchip_bytes_per_cycle``    ``offchip_bw * word_bytes`` (``offchip_bw`` is in elements per cycle)
``clock_mhz``                  ``clock_mhz``
=============================  ==========================================================================

Absent design keys take these defaults: ``num_pes`` 64, ``l1_bytes`` 1024, ``l2_bytes`` 65536, ``offchip_bw`` 16,
``simd_lanes`` 1, ``word_bytes`` 2, ``clock_mhz`` 100.0.

Default number formats for ``b``-bit words (:meth:`ProcessorConfig.for_word_bits`): weights and biases
``Q(b, b-3)`` (range +-4), activations ``x``, ``h`` and gate outputs ``Q(b, b-2)`` (+-2), state (gate
pre-activations and the LSTM cell ``c``) ``Q(b, b-5)`` (+-16), accumulator ``2b + 8`` bits with ``2b - 5``
fraction bits (8 guard bits).

Default per-step overhead: the seed's hardware took 51.657 s for 10,000 MNIST images of 28 steps with the
smallest model (RNN) — 184 us per time step, nearly the same for GRU and LSTM — i.e. the time per step is
dominated by a fixed cost (DMA set-up and the completion interrupt to the PS, seed §III). At the PYNQ-Z2's
100 MHz fabric clock that is 18,449 cycles; ``step_overhead_cycles`` defaults to 18,000.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Mapping

from npu_dse.cost_models.errors import FormatError, HardwareError
from npu_dse.processor.activation import ActivationUnit
from npu_dse.processor.fixed_point import FixedFormat, Overflow, Rounding

__all__ = ["ProcessorConfig", "CycleCosts", "DESIGN_DEFAULTS"]

DESIGN_DEFAULTS: dict[str, Any] = {
    "num_pes": 64,
    "l1_bytes": 1024,
    "l2_bytes": 65536,
    "offchip_bw": 16,
    "simd_lanes": 1,
    "word_bytes": 2,
    "clock_mhz": 100.0,
}


@dataclass(frozen=True)
class CycleCosts:
    """Cycle-cost constants of the instruction set (see :mod:`npu_dse.processor.isa` for the formulas).

    Attributes:
        mvm_latency_cycles: pipeline fill of the MAC array per matrix-vector instruction.
        vector_latency_cycles: pipeline fill of an element-wise instruction (add, mul, shift, move).
        activation_latency_cycles: pipeline fill of the sigmoid/tanh unit (table read + interpolation).
        dma_setup_cycles: fixed cost of one DMA descriptor.
        step_overhead_cycles: fixed cost per time step (start/handshake/interrupt), see the module docstring.
    """

    mvm_latency_cycles: int = 4
    vector_latency_cycles: int = 2
    activation_latency_cycles: int = 3
    dma_setup_cycles: int = 16
    step_overhead_cycles: int = 18_000

    def __post_init__(self) -> None:
        for name in ("mvm_latency_cycles", "vector_latency_cycles", "activation_latency_cycles",
                     "dma_setup_cycles", "step_overhead_cycles"):
            v = getattr(self, name)
            if not isinstance(v, int) or v < 0:
                raise HardwareError(f"processor field {name!r} = {v!r}; allowed: an integer >= 0")


@dataclass(frozen=True)
class ProcessorConfig:
    """Everything that parameterises the RNN processor.

    Attributes:
        lanes: MAC lanes (rows of a matrix-vector product computed per cycle), >= 1.
        weight_mem_bytes: on-chip weight memory (``wmem``) capacity in bytes.
        act_mem_bytes: on-chip activation/state memory (``amem``) capacity in bytes.
        weight: format of weights and biases.
        activation: format of inputs ``x``, hidden state ``h`` and gate outputs.
        state: format of gate pre-activations and the LSTM cell state ``c``.
        acc_bits: accumulator width in bits (its fraction bits are ``weight.frac_bits + activation.frac_bits``).
        rounding: rounding mode of every requantisation (:class:`Rounding`).
        overflow: overflow mode of every requantisation and accumulation (:class:`Overflow`).
        activation_method: ``"pwl"`` (piecewise linear) or ``"lut"`` (lookup table).
        activation_entries: segments (PWL) or entries (LUT), a power of two.
        sigmoid_range, tanh_range: covered input interval ``[-r, r)`` of each unit, a power of two.
        clock_mhz: clock frequency in MHz (converts cycles to seconds).
        offchip_bytes_per_cycle: DMA bandwidth to off-chip memory in bytes per cycle.
        weight_residency: ``"auto"`` (resident if the weights fit in ``wmem``, else streamed), ``"resident"``
            (error if they do not fit) or ``"stream"`` (lane-high weight tiles DMA'd every step, double buffered).
        costs: :class:`CycleCosts`.

    Raises:
        HardwareError: a field outside its allowed values (the message names the field and the values).
    """

    lanes: int = 64
    weight_mem_bytes: int = 256 * 1024
    act_mem_bytes: int = 64 * 1024
    weight: FixedFormat = FixedFormat(16, 13)
    activation: FixedFormat = FixedFormat(16, 14)
    state: FixedFormat = FixedFormat(16, 11)
    acc_bits: int = 40
    rounding: Rounding = Rounding.NEAREST_EVEN
    overflow: Overflow = Overflow.SATURATE
    activation_method: str = "pwl"
    activation_entries: int = 512
    sigmoid_range: float = 16.0
    tanh_range: float = 8.0
    clock_mhz: float = 100.0
    offchip_bytes_per_cycle: float = 32.0
    weight_residency: str = "auto"
    costs: CycleCosts = field(default_factory=CycleCosts)

    def __post_init__(self) -> None:
        object.__setattr__(self, "rounding", _enum(Rounding, self.rounding, "rounding"))
        object.__setattr__(self, "overflow", _enum(Overflow, self.overflow, "overflow"))
        for name in ("lanes", "weight_mem_bytes", "act_mem_bytes"):
            v = getattr(self, name)
            if not isinstance(v, int) or isinstance(v, bool) or v < 1:
                raise HardwareError(f"processor field {name!r} = {v!r}; allowed: a positive integer")
        for name in ("weight", "activation", "state"):
            fmt = getattr(self, name)
            if not isinstance(fmt, FixedFormat) or fmt.word_bits > 24:
                raise HardwareError(f"processor field {name!r} = {fmt!r}; allowed: a FixedFormat of 2..24 bits")
        acc_frac = self.acc_frac_bits
        if not isinstance(self.acc_bits, int) or not max(acc_frac + 2, 8) <= self.acc_bits <= 62:
            raise HardwareError(
                f"processor field 'acc_bits' = {self.acc_bits!r}; allowed: {max(acc_frac + 2, 8)}..62 "
                f"(the accumulator has {acc_frac} fraction bits)"
            )
        if self.activation_method not in ("pwl", "lut"):
            raise HardwareError(f"processor field 'activation_method' = {self.activation_method!r}; allowed: pwl, lut")
        if self.weight_residency not in ("auto", "resident", "stream"):
            raise HardwareError(
                f"processor field 'weight_residency' = {self.weight_residency!r}; allowed: auto, resident, stream"
            )
        for name in ("clock_mhz", "offchip_bytes_per_cycle", "sigmoid_range", "tanh_range"):
            v = getattr(self, name)
            if not isinstance(v, (int, float)) or isinstance(v, bool) or not math.isfinite(v) or v <= 0:
                raise HardwareError(f"processor field {name!r} = {v!r}; allowed: a positive number")
        # building the units validates entries and ranges
        self.activation_unit("sigmoid")
        self.activation_unit("tanh")

    @property
    def acc_frac_bits(self) -> int:
        """Fraction bits of the accumulator: ``weight.frac_bits + activation.frac_bits``."""
        return self.weight.frac_bits + self.activation.frac_bits

    @property
    def acc_format(self) -> FixedFormat:
        """The accumulator format ``Q(acc_bits, acc_frac_bits)``."""
        return FixedFormat(self.acc_bits, self.acc_frac_bits)

    def activation_unit(self, func: str) -> ActivationUnit:
        """The :class:`~npu_dse.processor.activation.ActivationUnit` for ``func`` (state format in, activation out)."""
        return _unit_cache(self, func, ActivationUnit)

    @classmethod
    def for_word_bits(cls, word_bits: int, **overrides: Any) -> "ProcessorConfig":
        """A config whose formats follow the default scheme for ``word_bits``-bit words (module docstring).

        Raises:
            HardwareError: ``word_bits`` outside 6..24.
        """
        if not isinstance(word_bits, int) or not 6 <= word_bits <= 24:
            raise HardwareError(f"processor field 'word_bits' = {word_bits!r}; allowed: 6..24")
        b = word_bits
        fields: dict[str, Any] = dict(
            weight=FixedFormat(b, b - 3),
            activation=FixedFormat(b, b - 2),
            state=FixedFormat(b, b - 5),
            acc_bits=2 * b + 8,
        )
        fields.update(overrides)
        return cls(**fields)

    def with_word_bits(self, word_bits: int) -> "ProcessorConfig":
        """This config with all formats replaced by the default scheme for ``word_bits``-bit words."""
        other = ProcessorConfig.for_word_bits(word_bits)
        return replace(self, weight=other.weight, activation=other.activation, state=other.state,
                       acc_bits=other.acc_bits)

    @property
    def word_bits(self) -> int:
        """The widest operand word (weights, activations, state), in bits."""
        return max(self.weight.word_bits, self.activation.word_bits, self.state.word_bits)

    def seconds(self, cycles: float) -> float:
        """Cycles -> seconds at ``clock_mhz``."""
        return float(cycles) / (self.clock_mhz * 1e6)

    @classmethod
    def from_design(
        cls, design: str | Path | Mapping[str, Any], word_bits: int | None = None, **overrides: Any
    ) -> "ProcessorConfig":
        """Build the processor from a DSE result (mapping in the module docstring).

        Args:
            design: path to ``best.json``, a run directory containing ``best.json``, or the parsed dict.
            word_bits: operand word width; default ``8 * design.word_bytes``.
            **overrides: any :class:`ProcessorConfig` field, applied last.

        Raises:
            FormatError: missing file, invalid JSON, wrong ``schema``/``version``, or a design field of the wrong
                type (the message names the file and the field).
            HardwareError: the resulting configuration is invalid.
        """
        source = "<dict>"
        if isinstance(design, (str, Path)):
            path = Path(design)
            if path.is_dir():
                path = path / "best.json"
            source = str(path)
            if not path.is_file():
                raise FormatError(f"{source}: design file not found (expected best.json or a run directory holding it)")
            from npu_dse.cost_models.formats.text import read_text

            try:
                data = json.loads(read_text(path, "design JSON"))
            except json.JSONDecodeError as exc:
                raise FormatError(f"{source}: not valid JSON ({exc})") from None
        else:
            data = dict(design)
        if not isinstance(data, dict):
            raise FormatError(f"{source}: top level must be a JSON object with 'schema', 'version', 'design'")
        if data.get("schema") != "npu-dse/design":
            raise FormatError(f"{source}: field 'schema' is {data.get('schema')!r}; allowed: 'npu-dse/design'")
        if data.get("version") != 1:
            raise FormatError(f"{source}: field 'version' is {data.get('version')!r}; allowed: 1")
        d = data.get("design")
        if not isinstance(d, dict):
            raise FormatError(f"{source}: field 'design' must be an object of accelerator parameters")
        vals: dict[str, Any] = {}
        for key, default in DESIGN_DEFAULTS.items():
            v = d.get(key, default)
            if v is None:
                v = default
            if not isinstance(v, (int, float)) or isinstance(v, bool) or v <= 0:
                raise FormatError(f"{source}: field 'design.{key}' = {v!r}; allowed: a positive number")
            vals[key] = v
        for key in ("num_pes", "l1_bytes", "l2_bytes", "simd_lanes", "word_bytes"):
            if float(vals[key]) != int(vals[key]):
                raise FormatError(f"{source}: field 'design.{key}' = {vals[key]!r}; allowed: a positive integer")
            vals[key] = int(vals[key])
        bits = 8 * vals["word_bytes"] if word_bits is None else word_bits
        if word_bits is None and not 6 <= bits <= 24:
            raise FormatError(
                f"{source}: field 'design.word_bytes' = {vals['word_bytes']} gives {bits}-bit words; the processor "
                "simulator supports 6..24 bits: pass word_bits (dse simulate --bits)"
            )
        act = vals["l1_bytes"] * vals["num_pes"]
        if d.get("acc_bytes") is not None:
            acc = d["acc_bytes"]
            if isinstance(acc, bool) or not isinstance(acc, (int, float)) or acc <= 0 or float(acc) != int(acc):
                raise FormatError(f"{source}: field 'design.acc_bytes' = {acc!r}; allowed: a positive integer")
            act = int(acc)
        fields: dict[str, Any] = dict(
            lanes=vals["num_pes"] * vals["simd_lanes"],
            weight_mem_bytes=vals["l2_bytes"],
            act_mem_bytes=act,
            clock_mhz=float(vals["clock_mhz"]),
            offchip_bytes_per_cycle=float(vals["offchip_bw"]) * vals["word_bytes"],
        )
        fields.update(overrides)
        return cls.for_word_bits(bits, **fields)


def _enum(kind, value, name):
    try:
        return kind(value)
    except ValueError:
        raise HardwareError(
            f"processor field {name!r} = {value!r}; allowed: {', '.join(m.value for m in kind)}"
        ) from None


_UNITS: dict[tuple, Any] = {}


def _unit_cache(cfg: ProcessorConfig, func: str, unit_cls):
    rng = cfg.sigmoid_range if func == "sigmoid" else cfg.tanh_range
    key = (func, cfg.activation_method, cfg.activation_entries, rng, cfg.state, cfg.activation, cfg.rounding,
           cfg.overflow)
    unit = _UNITS.get(key)
    if unit is None:
        unit = unit_cls(func, cfg.activation_method, cfg.activation_entries, rng, cfg.state, cfg.activation,
                        cfg.rounding, cfg.overflow)
        if len(_UNITS) > 256:
            _UNITS.clear()
        _UNITS[key] = unit
    return unit
