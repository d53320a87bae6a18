"""Published accelerator silicon, configured with its own parameters, against the physical technology model.

Each :class:`Chip` holds what its paper states (node, PEs, operand width, buffers, clock, area, power) and the
workload it was measured on; :func:`evaluate_chip` runs the cost model on it and sets our area, on-chip power and
energy per MAC beside the published figures. ``benchmarks/silicon.py`` writes the table
(``benchmarks/results/silicon.md``); ``tests/test_technology.py`` recomputes its ratios.

One number is calibrated: :data:`~npu_dse.cost_models.technology.physical.AREA_OVERHEAD`, on Eyeriss's core area
(:func:`calibrated_area_overhead`). Everything else is a check. Fields marked *assumed* in :attr:`Chip.assumed`
are not stated by the paper (NoC width, per-PE storage where the paper gives none as such).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from npu_dse.cost_models import zoo
from npu_dse.cost_models.hardware import Hardware
from npu_dse.cost_models.technology import physical
from npu_dse.cost_models.technology.physical import PhysicalTechnology


@dataclass(frozen=True)
class Chip:
    """A published accelerator (what its paper states) and the workload its power was measured on.

    Attributes:
        name, citation: the chip and its paper.
        node_nm, word_bits, num_pes, l1_bytes (per PE), l2_bytes (on-chip SRAM buffers), clock_mhz: as published.
        noc_bw: elements/cycle from the global buffer to the PE array.
        dataflow: the built-in dataflow closest to the chip's.
        model, layers, batch: the workload (zoo network, a slice of its layers, batch size).
        area_mm2, power_mw: published core area and on-chip power on that workload.
        macs_per_s: the MAC rate that power was measured at (published, or derived as noted in ``assumed``).
        role: ``calibration`` (the area overhead is fitted to it) or ``check``.
        assumed: fields the paper does not state, with what was assumed.
        mapped_dataflow: the ConfuciuX template (maestro-project/confuciux ``data/``) of the chip's family, with
            tile constants for the mapper (``eye``: Eyeriss-like; ``shi``: ShiDianNao-like; ``dla``: NVDLA-like,
            a K x C parallel array as DianNao's Tn x Tn NFU is), run by ``evaluate_chip(chip, mapped=True)``.
        l2_tensor_bytes: the chip's separate input, filter and output buffers inside ``l2_bytes`` (bytes; None: one
            global buffer), as :class:`Hardware`'s ``l2_input_bytes``, ``l2_filter_bytes``, ``l2_output_bytes``.
    """

    name: str
    citation: str
    node_nm: int
    word_bits: int
    num_pes: int
    l1_bytes: int
    l2_bytes: int
    clock_mhz: float
    noc_bw: int
    dataflow: str
    model: str
    layers: str
    batch: int
    area_mm2: float
    power_mw: float
    macs_per_s: float
    role: str
    assumed: str
    mapped_dataflow: str = ""
    l2_tensor_bytes: tuple[int, int, int] | None = None

    @property
    def energy_per_mac_pj(self) -> float:
        """Published on-chip energy per MAC: power over the MAC rate it was measured at (pJ)."""
        return self.power_mw * 1e-3 / self.macs_per_s * 1e12


CHIPS: tuple[Chip, ...] = (
    Chip("Eyeriss", "Y.-H. Chen, T. Krishna, J. Emer, V. Sze, IEEE JSSC 52(1), 2017 (silicon)", 65, 16, 168,
         224 * 2 + 12 * 2 + 24 * 2, 108 * 1024, 200.0, 4, "rs", "alexnet", "0:5", 4,
         12.25, 278.0, 34.7 * 666e6, "calibration",
         "NoC 4 x 16-bit words/cycle from the global buffer; MAC rate = 34.7 frames/s x 666 M MACs", "eye"),
    Chip("DianNao", "T. Chen et al., ASPLOS 2014 (post-layout)", 65, 16, 256, 16, (2 + 2 + 32) * 1024, 980.0,
         256, "kcp_ws", "alexnet", "0:5", 1, 3.02, 485.0, 256 / 1.02e-9, "check",
         "per-PE storage = pipeline registers (16 B); NoC 256 words/cycle (the synapse buffer's width); AlexNet "
         "CONV layers stand in for the paper's layer mix; MAC rate = 256 MACs per 1.02 ns (452 GOP/s)", "dla",
         (2 * 1024, 32 * 1024, 2 * 1024)),
    Chip("ShiDianNao", "Z. Du et al., ISCA 2015 (post-layout)", 65, 16, 64, 64, (64 + 64 + 128 + 32) * 1024,
         1000.0, 16, "yxp_os", "lenet5", "0:5", 1, 4.86, 320.0, 64 * 1e9, "check",
         "64 B of FIFOs/registers per PE; NoC 16 words/cycle; the 32 KB instruction buffer counted as SRAM; "
         "MAC rate = the 8 x 8 array at 1 GHz (the paper's power is its average at that clock)", "shi",
         (64 * 1024, 128 * 1024, 64 * 1024)),
)
"""The chips of the silicon table (Eyeriss: ``reference/silicon.md``; DianNao and ShiDianNao from their papers'
abstracts and design sections; both are layout results at 65 nm, not measured silicon). DianNao's buffers are
NBin 2 KB, SB 32 KB, NBout 2 KB; ShiDianNao's NBin 64 KB, SB 128 KB, NBout 64 KB and a 32 KB instruction buffer
(no tensor traffic)."""


SECOND_WORKLOADS: tuple[Chip, ...] = (
    replace(CHIPS[0], model="vgg16", layers="0:13", batch=3, power_mw=236.0, macs_per_s=0.7 * 15.3e9,
            assumed="NoC 4 x 16-bit words/cycle from the global buffer; MAC rate = 0.7 frames/s x 15.3 G MACs "
                    "(VGG-16's conv layers, Sze et al., Proc. IEEE 2017)"),
)
"""Chips of :data:`CHIPS` at a second measured workload (Eyeriss on VGG-16's conv layers at batch 3: 0.7 frames/s
and 236 mW, ``reference/silicon.md``): the same hardware, so the area is the calibration's; a check of the power
only. Two published operating points of one chip separate the power that follows the MAC rate from the power
that does not (:func:`rate_split`)."""


def chip_named(name: str) -> Chip:
    """The chip of :data:`CHIPS` called ``name``.

    Raises:
        ValueError: no such chip (the message lists the chips).
    """
    for chip in CHIPS:
        if chip.name == name:
            return chip
    raise ValueError(f"unknown chip {name!r}; allowed: {', '.join(c.name for c in CHIPS)}")


def rate_split(points: "list[tuple[float, float]]") -> tuple[float, float]:
    """The straight line through two (MAC rate in MAC/s, power in mW) operating points of one chip: ``(p0_mw,
    pj_per_mac)``, the power at zero MAC rate (clock network, control, idle switching, leakage: whatever does not
    follow the work done) and the energy per MAC of the rest.

    Raises:
        ValueError: not exactly two points, or two equal rates.
    """
    if len(points) != 2 or points[0][0] == points[1][0]:
        raise ValueError(f"rate_split: need two operating points at different MAC rates, got {points!r}")
    (ra, pa), (rb, pb) = points
    slope_mw_per_mac_s = (pa - pb) / (ra - rb)
    return pa - slope_mw_per_mac_s * ra, slope_mw_per_mac_s * 1e9


def added_power_window_mw(ours_mw: float, published_mw: float, within: float = 2.0) -> tuple[float, float]:
    """The constant powers (mW) which, added to ``ours_mw``, put it within ``within`` x of ``published_mw``.

    Returns:
        ``(lo_mw, hi_mw)``: ``lo = max(0, published / within - ours)`` and ``hi = within * published - ours``, so
        that ``(ours + P) / published`` lies in ``[1 / within, within]`` for every ``P`` in ``[lo, hi]``. The
        window is empty when ``lo > hi`` (``ours`` already exceeds ``within x published``).

    Raises:
        ValueError: ``published_mw`` not positive, ``ours_mw`` negative, or ``within`` below 1.
    """
    if published_mw <= 0 or ours_mw < 0 or within < 1:
        raise ValueError(f"added_power_window_mw: need published_mw > 0, ours_mw >= 0 and within >= 1, got "
                         f"{published_mw!r}, {ours_mw!r}, {within!r}")
    return max(0.0, published_mw / within - ours_mw), within * published_mw - ours_mw


@dataclass(frozen=True)
class ClockEstimate:
    """A published estimate of a chip's clock-network power (mW), power that does not follow the MAC rate.

    Attributes:
        chip: the name of a chip of :data:`CHIPS`.
        power_mw: the estimate at the chip's clock and supply.
        source: the paper and the file that computes it, with what it models.
    """

    chip: str
    power_mw: float
    source: str


CLOCK_ESTIMATES: tuple[ClockEstimate, ...] = (
    ClockEstimate("Eyeriss", 106.3,
                  "S. D. Manasi, F. S. Snigdha, S. S. Sapatnekar, NeuPart, IEEE TVLSI 2020; CNNergy (manasiumn37/"
                  "CNNergy) src/Clock_Tree_Power.m, used as Clock_Power = 0.1063 W in src/AlexNet_Main.m: an "
                  "H-tree over the 3.5 mm core, 608 ungated flip-flops per PE (ifmap and psum scratchpads, a 32-bit "
                  "pipeline register), the filter scratchpad's and the global buffer's clocked SRAM periphery; NCSU "
                  "45 nm capacitances scaled to 65 nm at 1 V, 200 MHz. CNNergy adds 15 % of the energy for the "
                  "rest of the control"),
)
"""Published clock-network power estimates for chips of :data:`CHIPS` (none is published for DianNao or
ShiDianNao, whose figures are post-layout totals with their clock inside). Not used by the model: a check of how
large its missing rate-independent term would be (``benchmarks/results/silicon.md``)."""


def _tech(chip: Chip) -> PhysicalTechnology:
    return PhysicalTechnology(chip.node_nm, "lpddr4")


def chip_hardware(chip: Chip) -> Hardware:
    """The chip as a :class:`Hardware` point (its separate L2 buffers per tensor, where it has them)."""
    inp, flt, out = chip.l2_tensor_bytes or (None, None, None)
    return Hardware(num_pes=chip.num_pes, l1_bytes=chip.l1_bytes, l2_bytes=chip.l2_bytes, noc_bw=chip.noc_bw,
                    word_bytes=chip.word_bits // 8, clock_mhz=chip.clock_mhz, l2_input_bytes=inp,
                    l2_filter_bytes=flt, l2_output_bytes=out)


def evaluate_chip(chip: Chip, area_overhead: float | None = None, mapped: bool = False,
                  frame=None, objective: str = "energy_pj") -> dict[str, float]:
    """Our area (mm²) and on-chip power (mW, DRAM excluded, as the papers measure the chip) for ``chip`` on its
    workload, and the ratios ours / published.

    Power is given twice: ``power_mw`` is energy over the cost model's own latency for the chip's dataflow
    (technology and mapping together); ``power_at_published_rate_mw`` runs our energy per MAC at the MAC rate the
    paper's power was measured at, plus leakage (the technology model alone). ``energy_per_mac_pj`` is the
    latter over that rate; ``mac_pj_per_mac``, ``l1_pj_per_mac``, ``l2_pj_per_mac``, ``noc_pj_per_mac`` split
    its dynamic part; ``leakage_mw`` is the provisioned hardware's leakage; ``feasible`` says whether every
    layer's mapping fits the chip's L1 and L2;
    ``latency_ratio`` is our latency over the time the chip takes for the same MACs at its published rate.

    Args:
        chip: the chip.
        area_overhead: the area overhead factor to use (default: the model's, :data:`physical.AREA_OVERHEAD`).
        mapped: run :attr:`Chip.mapped_dataflow` with each layer at its best mapping for ``objective``
            (:func:`npu_dse.cost_models.mapper.map_network`) instead of the fixed template :attr:`Chip.dataflow`.
        frame: ``chip_frame(chip, mapped, objective)`` when the caller has already run it (not run again).
        objective: what the mapper minimises per layer with ``mapped`` (``energy_pj``, ``latency_cycles``, ...:
            :data:`npu_dse.cost_models.mapper.SCORE_COLUMN`).
    """
    return _metrics(chip, chip_frame(chip, mapped, objective) if frame is None else frame, area_overhead)


def chip_frame(chip: Chip, mapped: bool = False, objective: str = "energy_pj"):
    """The per-layer table (:func:`npu_dse.cost_models.maestro.analyze_network`'s columns) of ``chip`` on its
    workload: the fixed template :attr:`Chip.dataflow`, or with ``mapped`` :attr:`Chip.mapped_dataflow` at each
    layer's best mapping for ``objective`` (least energy by default). Its ``l1_req_bytes``/``l2_req_bytes``
    against the chip's buffers give ``feasible``.

    Raises:
        DataflowError: an unknown ``objective`` (names the allowed ones).
    """
    from npu_dse.cost_models.maestro import analyze_network
    from npu_dse.cost_models.mapper import map_network

    net = zoo.load(chip.model).select(chip.layers)
    net = type(net)(net.name, tuple(layer.with_(N=chip.batch) for layer in net.layers))
    tech = _tech(chip)
    hw = chip_hardware(chip)
    if mapped:
        return map_network(net, chip.mapped_dataflow, hw, objective, technology=tech)
    return analyze_network(net, chip.dataflow, hw, technology=tech)


def _metrics(chip: Chip, frame, area_overhead: float | None) -> dict[str, float]:
    """The figures of :func:`evaluate_chip` from a per-layer table of ``chip``'s run."""
    overhead = physical.AREA_OVERHEAD if area_overhead is None else area_overhead
    area_mm2 = float(frame.area_mm2.max()) / (1.0 + physical.AREA_OVERHEAD) * (1.0 + overhead)
    latency_ms = float(frame.latency_ms.sum())
    leak_mw = float(frame.leakage_mw.max())
    dynamic_pj = float((frame.energy_pj - frame.leakage_energy_pj - frame.dram_energy_pj).sum())
    macs = float(frame.macs.sum())
    power_mw = (dynamic_pj + leak_mw * latency_ms * 1e6) / (latency_ms * 1e6)
    power_at_rate_mw = dynamic_pj / macs * chip.macs_per_s * 1e-9 + leak_mw
    out = {"area_mm2": area_mm2, "power_mw": power_mw, "power_at_published_rate_mw": power_at_rate_mw,
           "leakage_mw": leak_mw,
           "energy_per_mac_pj": power_at_rate_mw * 1e-3 / chip.macs_per_s * 1e12, "latency_ms": latency_ms,
           "utilization": macs / (float(frame.runtime_cycles.sum()) * chip.num_pes),
           "feasible": bool(frame.feasible.all()),
           "latency_ratio": latency_ms / (macs / chip.macs_per_s * 1e3)}
    for c in ("mac", "l1", "l2", "noc"):
        out[f"{c}_pj_per_mac"] = float(frame[f"{c}_energy_pj"].sum()) / macs
    out["area_ratio"] = area_mm2 / chip.area_mm2
    out["power_ratio"] = power_mw / chip.power_mw
    out["power_at_published_rate_ratio"] = power_at_rate_mw / chip.power_mw
    out["energy_ratio"] = out["energy_per_mac_pj"] / chip.energy_per_mac_pj
    return out


@dataclass(frozen=True)
class MaestroValidation:
    """A chip as MAESTRO's authors validated MAESTRO on it: their per-layer mapping file and flags.

    Attributes:
        chip: the name of a chip of :data:`CHIPS` (its node, PEs, buffers, clock and published figures).
        mapping: the mapping file, in ``npu_dse/cost_models/data/maestro_validation/`` (MIT licence, ``LICENSE``).
        noc_bw: MAESTRO's ``--noc_bw`` in the authors' run (elements/cycle); it replaces the chip's assumed one.
        source: where the file and the flags come from.
    """

    chip: str
    mapping: str
    noc_bw: int
    source: str


VALIDATIONS: tuple[MaestroValidation, ...] = (
    MaestroValidation("Eyeriss", "alexnet_rs_validation.m", 14,
                      "maestro-project/maestro 4eb08d1 validation/eyeriss/ (alexnet_rs_validation.m, flags of "
                      "run_eval_alexnet_rs.sh; H. Kwon et al., MICRO 2019): AlexNet CONV1-5 at batch 4, each layer "
                      "with the authors' mapping of Eyeriss's schedule"),
)
"""MAESTRO's own validation inputs for chips of the table."""


def evaluate_validation(validation: MaestroValidation) -> dict[str, float]:
    """:func:`evaluate_chip`'s figures for the chip run on MAESTRO's validation mapping with the authors' NoC
    bandwidth (the chip's buffers, clock, node and published figures; the area overhead of the model)."""
    from importlib import resources

    from npu_dse.cost_models.maestro import analyze_mapping

    chip = chip_named(validation.chip)
    hw = replace(chip_hardware(chip), noc_bw=float(validation.noc_bw))
    ref = resources.files("npu_dse.cost_models") / "data" / "maestro_validation" / validation.mapping
    with resources.as_file(ref) as path:
        frame = analyze_mapping(path, hw, technology=_tech(chip))
    return _metrics(chip, frame, None)


def calibrated_area_overhead(chip_name: str = "Eyeriss") -> float:
    """The area overhead that makes the model's area of ``chip_name`` equal its published core area."""
    chip = chip_named(chip_name)
    bare = evaluate_chip(chip, area_overhead=0.0)["area_mm2"]
    return chip.area_mm2 / bare - 1.0


__all__ = ["CHIPS", "CLOCK_ESTIMATES", "SECOND_WORKLOADS", "VALIDATIONS", "Chip", "ClockEstimate",
           "MaestroValidation", "added_power_window_mw", "calibrated_area_overhead",
           "chip_frame", "chip_hardware", "chip_named", "evaluate_chip", "evaluate_validation", "rate_split"]

