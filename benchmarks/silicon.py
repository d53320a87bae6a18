"""The physical technology model against published accelerators: area, power and energy per MAC.

Each chip of :data:`npu_dse.cost_models.technology.silicon.CHIPS` is configured with its own parameters (node,
PEs, operand width, buffers, clock) and run on its workload; our figures stand beside the published ones. The
area overhead factor of the model is calibrated on Eyeriss's core area (the only fitted number); the other chips
are checks.

Run: ``python benchmarks/silicon.py``; writes ``benchmarks/results/silicon.md``. No timing is measured.
"""

from __future__ import annotations

import functools
import os
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

from npu_dse.cost_models import dataflow as dataflow_mod  # noqa: E402
from npu_dse.cost_models.technology import physical, silicon, tables  # noqa: E402
from npu_dse.results import atomic_write_text  # noqa: E402

RESULTS = Path(__file__).parent / "results"


def table() -> str:
    """The markdown table (and its notes) of every chip."""
    lines = [
        "# The technology model against published accelerators",
        "",
        f"Model: `npu_dse.cost_models.technology.PhysicalTechnology` (tables generated with Accelergy hwcomponents: "
        f"CACTI 7 SRAM with ITRS low-standby-power cells, NeuroSim adders for the MAC, Aladdin flip-flop register "
        f"files; see "
        f"`cost_models/technology/data/*.csv`). Area overhead factor {physical.AREA_OVERHEAD:.4f}, calibrated on "
        f"Eyeriss's core area (`silicon.calibrated_area_overhead()` = {silicon.calibrated_area_overhead():.4f}); "
        "every other number is a check. Power is on-chip (DRAM excluded, as the papers report).",
        "",
        "- *power @ our latency*: energy over the cost model's own latency for the chip's dataflow (technology "
        "and mapping together; the fixed MAESTRO dataflow templates reach the utilisation shown).",
        "- *power @ published rate*: our energy per MAC at the MAC rate the published power was measured at, plus "
        "leakage (the technology model alone).",
        "",
        "| chip | role | node | PEs x bits | L1/PE, L2 | clock | workload | area mm² ours / paper (ratio) | "
        "latency ms ours / at published rate (ratio) | power mW @ our latency (ratio) | utilisation | "
        "power mW @ published rate / paper (ratio) | pJ/MAC ours / paper |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    notes, utils, at_latency = [], [], []
    for chip in silicon.CHIPS:
        r = _evaluate(chip)
        utils.append(r["utilization"])
        at_latency.append(r["power_ratio"])
        lines.append(
            f"| {chip.name} | {chip.role} | {chip.node_nm} nm | {chip.num_pes} x {chip.word_bits} | "
            f"{chip.l1_bytes} B, {_l2(chip)} | {chip.clock_mhz:g} MHz | "
            f"{chip.model} layers {chip.layers}, batch {chip.batch}, `{chip.dataflow}` | "
            f"{r['area_mm2']:.2f} / {chip.area_mm2:g} ({r['area_ratio']:.2f}) | {_latency(r)} | "
            f"{r['power_mw']:.1f} ({r['power_ratio']:.2f}) | {r['utilization']:.1%} | "
            f"{_at_rate(r, chip)} | "
            f"{r['energy_per_mac_pj']:.2f} / {chip.energy_per_mac_pj:.2f} |")
        split = ", ".join(f"{c} {r[c + '_pj_per_mac']:.2f}" for c in ("mac", "l1", "l2", "noc"))
        notes.append(f"- **{chip.name}**: {chip.citation}. Assumed: {chip.assumed}. Dynamic pJ/MAC: {split}.")
    lines += ["", "Sources and assumptions:", "", *notes, ""]
    mac16 = physical.PhysicalTechnology(65).mac(16)["energy_pj"]
    aladdin16 = tables.logic("AladdinIntMAC", 65, 16, physical.ACCUMULATOR_BITS[16])["energy_pj_per_op"]
    diannao = silicon.chip_named("DianNao")
    lines += [
        "Where the model is off:", "",
        f"- **MAC energy.** The 16-bit MAC at 65 nm is {mac16:.2f} pJ: an array multiplier and a 48-bit "
        "accumulator priced per full-adder bit as NeuroSim's adder (`PhysicalTechnology.mac`), which lands at "
        "1.1-1.3x Horowitz's 45 nm multipliers (8 and 32 bits) without a fitted factor. It is "
        f"{mac16 / diannao.energy_per_mac_pj:.1f}x DianNao's whole on-chip energy per MAC, so DianNao sits near 2x "
        "at its published rate. The table's Aladdin MAC (`AladdinIntMAC`, 40 nm synthesis data scaled at a fixed "
        f"0.8 V) would cost {aladdin16:.2f} pJ, 4-5x Horowitz's figures, and is not used.",
        "- **Eyeriss's scratchpads and clock.** Eyeriss comes out at half its measured power at its measured rate. "
        "Its 448 B filter scratchpad is SRAM, but every L1 up to 1 KiB is priced here as a flip-flop register file "
        "whose energy per access does not grow with capacity (Aladdin's register data); the chip's clock network "
        "and control are not modelled as power at all (only in the area overhead). Eyeriss's second measured "
        "workload (below) puts most of its power there.",
        "- **Global-buffer traffic.** The L2 column gives each chip's separate buffers (input/filter/output, as "
        "DianNao's NBin/SB/NBout): each tensor's L2 accesses cost its own buffer's energy per access "
        "(`Hardware.l2_input_bytes` and its siblings). On ShiDianNao the L2 term is still the largest after the "
        f"MAC (split above): {_shidiannao_l2()}.",
        "- **Per-PE register traffic.** MAESTRO's templates read every operand from L1 on every MAC; DianNao "
        "streams weights and inputs straight from its buffers into the multipliers.",
        "- **Tiles that do not fit.** The fixed templates' tiles need more per-PE storage than these chips have, "
        "so the table prices traffic the chip could not hold as it runs (layers whose L1 or L2 requirement exceeds "
        f"the chip's, with the L1 each needs): {_unfit()}. The mapper below chooses among tiles that fit where any "
        "does.",
        "- **Latency.** The fixed MAESTRO dataflow templates reach "
        f"{min(utils):.0%}-{max(utils):.0%} utilisation on these arrays, where the chips run at their stated "
        f"rates; power over our own latency is therefore low ({min(at_latency):.2f}-{max(at_latency):.2f}x). The "
        "schedule is most of what is missing: on the mappings MAESTRO's authors wrote for Eyeriss (below) the "
        "latency is within 10 % of the measured one. The rest is DianNao's DRAM: its 36 KiB of buffers keep "
        "none of AlexNet's conv2-5 tensors whole, so they are staged tile by tile from DRAM "
        "(`cost_models/maestro/offchip.py`) and those "
"layers run at the DRAM's bandwidth; the paper assumes a memory that keeps up.", ""]
    lines += _second_workload_table() + _validation_table() + _mapped_table() + _missing_power_table()
    return "\n".join(lines)


def _second_workload_table() -> list[str]:
    """Each chip of :data:`silicon.SECOND_WORKLOADS` at both its measured workloads, and the split of its published
    power into what follows the MAC rate and what does not (:func:`silicon.rate_split`)."""
    lines = [
        "## A second workload on the same chip", "",
        "Eyeriss's paper also measures VGG-16's conv layers (`silicon.SECOND_WORKLOADS`). The hardware is the same, "
        "so the area is the calibration's: a check of the power alone.", "",
        "| chip | workload | MAC rate GMAC/s (published) | power mW @ published rate / paper (ratio) | "
        "power mW @ our latency (ratio) | latency ms ours / at published rate (ratio) | utilisation | "
        "pJ/MAC ours / paper |",
        "|---|---|---|---|---|---|---|---|"]
    text = []
    for second in silicon.SECOND_WORKLOADS:
        first = silicon.chip_named(second.name)
        runs = [(chip, _evaluate(chip)) for chip in (first, second)]
        for chip, r in runs:
            lines.append(
                f"| {chip.name} | {chip.model} layers {chip.layers}, batch {chip.batch}, `{chip.dataflow}` | "
                f"{chip.macs_per_s / 1e9:.1f} | {_at_rate(r, chip)} | {r['power_mw']:.1f} ({r['power_ratio']:.2f}) | "
                f"{_latency(r)} | {r['utilization']:.1%} | "
                f"{r['energy_per_mac_pj']:.2f} / {chip.energy_per_mac_pj:.2f} |")
        p0_mw, slope_pj = silicon.rate_split([(c.macs_per_s, c.power_mw) for c in (first, second)])
        (a, ra), (b, rb) = runs
        text.append(
            f"Between the two workloads {first.name}'s measured power falls {1 - b.power_mw / a.power_mw:.0%} "
            f"({a.power_mw:g} -> {b.power_mw:g} mW) while its MAC rate falls {1 - b.macs_per_s / a.macs_per_s:.0%} "
            f"({a.macs_per_s / 1e9:.1f} -> {b.macs_per_s / 1e9:.1f} GMAC/s). The line through the two points "
            f"(`silicon.rate_split`) is {p0_mw:.0f} mW at zero MAC rate plus {slope_pj:.2f} pJ per MAC: "
            f"{p0_mw / a.power_mw:.0%} of the {a.model} power does not follow the work done (the clock network, "
            "control, PEs that switch while idle, leakage). The model has no such term: its only power that does not "
            f"follow the rate is leakage, {ra['leakage_mw']:.2f} mW here (CACTI's low-standby-power cells; Aladdin's "
            f"register files leak nothing), and its energy per MAC ({ra['energy_per_mac_pj']:.2f} and "
            f"{rb['energy_per_mac_pj']:.2f} pJ) is {ra['energy_per_mac_pj'] / slope_pj:.1f}x the slope. So its power "
            f"falls with the rate where the chip's does not: {ra['power_at_published_rate_ratio']:.2f}x at "
            f"{a.model}'s rate, {rb['power_at_published_rate_ratio']:.2f}x at {b.model}'s, outside 2x. A power per "
            "cycle for the clock network and control is what the model lacks; none of the generated tables holds "
            "one, and fitting it to these two points would be a second calibrated number.")
    return lines + ["", *text, ""]


@functools.cache
def _frame(chip: silicon.Chip, mapped: bool = False, objective: str = "energy_pj"):
    """The per-layer table of ``chip`` (:func:`silicon.chip_frame`), run once per script."""
    return silicon.chip_frame(chip, mapped, objective)


@functools.cache
def _evaluate(chip: silicon.Chip, mapped: bool = False, objective: str = "energy_pj") -> dict[str, float]:
    """:func:`silicon.evaluate_chip` on :func:`_frame`'s table, once per script."""
    return silicon.evaluate_chip(chip, mapped=mapped, frame=_frame(chip, mapped, objective), objective=objective)


def _unfit() -> str:
    """Per chip, the layers of the fixed-template run whose L1 or L2 requirement exceeds the chip's buffers."""
    parts = []
    for chip in silicon.CHIPS:
        f = _frame(chip)
        bad = f[~f.feasible.astype(bool)]
        layers = ", ".join(f"{row.layer} {row.l1_req_bytes:.0f} B" for row in bad.itertuples())
        parts.append(f"{chip.name} (L1 {chip.l1_bytes} B): {layers or 'none'}")
    return "; ".join(parts)


def _l2(chip) -> str:
    """The chip's L2: its size, and its separate input/filter/output buffers where it has them."""
    if chip.l2_tensor_bytes is None:
        return f"{chip.l2_bytes // 1024} KiB"
    return f"{chip.l2_bytes // 1024} KiB ({'/'.join(str(b // 1024) for b in chip.l2_tensor_bytes)} in/filter/out)"


def _shidiannao_l2() -> str:
    """Where ShiDianNao's L2 accesses come from, per MAC of the fixed-template run."""
    chip = silicon.chip_named("ShiDianNao")
    f = _frame(chip)
    macs = float(f.macs.sum())
    per = {c: float(f[c].sum()) / macs for c in ("input_l2_read", "filter_l2_write")}
    return (f"`{chip.dataflow}` on LeNet-5's small layers reads inputs from NBin {per['input_l2_read']:.2f} times "
            "per MAC, far more often than ShiDianNao's inter-PE FIFOs need, and every weight is written into SB "
            f"from DRAM on each inference ({per['filter_l2_write']:.2f} writes per MAC), where ShiDianNao keeps all "
            "of LeNet-5's weights resident across frames")


def _at_rate(r: dict, chip) -> str:
    """Our power at the published MAC rate / the paper's (ratio)."""
    return f"{r['power_at_published_rate_mw']:.0f} / {chip.power_mw:g} ({r['power_at_published_rate_ratio']:.2f})"


def _split(r: dict) -> str:
    """The dynamic pJ/MAC of the MAC, L1, L2 and NoC terms."""
    return ", ".join(f"{r[c + '_pj_per_mac']:.2f}" for c in ("mac", "l1", "l2", "noc"))


def _latency(r: dict) -> str:
    return f"{r['latency_ms']:.4g} / {r['latency_ms'] / r['latency_ratio']:.4g} ({r['latency_ratio']:.2f})"


def _validation_table() -> list[str]:
    """The chips MAESTRO's authors validated MAESTRO on, with their mapping files and NoC bandwidth."""
    lines = [
        "## As MAESTRO's authors validated it", "",
        "MAESTRO's repository ships the per-layer mappings its authors wrote to validate MAESTRO's runtime against "
        "Eyeriss (`silicon.VALIDATIONS`; the file is in `npu_dse/cost_models/data/maestro_validation/`, MIT). Run "
        "here with the chip's node, buffers and clock and the authors' NoC bandwidth, which replaces the table's "
        "assumed one (so the area differs from the calibration by the NoC's share). Not fitted: a check of the "
        "cost model and the technology together.", "",
        "| chip | mapping (NoC words/cycle) | area mm² (ratio) | latency ms ours / at published rate (ratio) | "
        "utilisation | power mW @ our latency (ratio) | power mW @ published rate / paper (ratio) | "
        "pJ/MAC: mac, l1, l2, noc |",
        "|---|---|---|---|---|---|---|---|"]
    notes = []
    for v in silicon.VALIDATIONS:
        chip = silicon.chip_named(v.chip)
        r = silicon.evaluate_validation(v)
        split = _split(r)
        lines.append(
            f"| {chip.name} | `{v.mapping}` ({v.noc_bw}) | {r['area_mm2']:.2f} ({r['area_ratio']:.2f}) | "
            f"{_latency(r)} | {r['utilization']:.1%} | {r['power_mw']:.1f} ({r['power_ratio']:.2f}) | "
            f"{_at_rate(r, chip)} | "
            f"{split} |")
        notes.append(f"- **{chip.name}**: {v.source}.")
    r = silicon.evaluate_validation(silicon.VALIDATIONS[0])
    lines += ["", *notes, "",
              f"With the mapping Eyeriss runs, the cost model's latency is {r['latency_ratio']:.2f}x the measured "
              f"one and the power over it {r['power_ratio']:.2f}x the measured power: the schedule is right, and "
              "the gap is the technology's energy per MAC at Eyeriss (the power at the published rate; see "
              "\"Where the model is off\").", ""]
    return lines


MAP_OBJECTIVES = (("energy_pj", "least energy"), ("latency_cycles", "least latency"))
"""What the mapper chooses each layer's mapping for in the mapped table, and its label there."""


def _mapped_table() -> list[str]:
    """The chips again on the ConfuciuX template of their family with each layer at its best mapping, chosen for
    least energy and for least latency (:data:`MAP_OBJECTIVES`)."""
    lines = [
        "## With the mapper", "",
        "The same chips on the ConfuciuX template of each one's family (tile constants `KTileSz`, `CTileSz`, "
        "`ClusterSz` chosen per layer among those that fit the chip's L1 and L2, as `dse eval --map` does; "
        "`silicon.evaluate_chip(chip, mapped=True, objective=...)`), for least energy and, as a chip that runs at "
        "its stated rate schedules, for least latency. For `eye` and `shi` the "
        "mapper may also run a layer under the template's variant with the output channels across the array "
        "(`dataflow.VARIANTS`: `eye_k`, as MAESTRO's authors map Eyeriss's CONV3-5; `shi_k`, for layers whose "
        "output map cannot fill the array); the template column counts the layers that took it. A check of the "
        "mapper, not the table above: the area is the same hardware.", "",
        "| chip | template | chosen for | latency ms ours / at published rate (ratio) | utilisation | "
        "every layer fits | power mW @ our latency (ratio) | power mW @ published rate / paper (ratio) | "
        "pJ/MAC: mac, l1, l2, noc |",
        "|---|---|---|---|---|---|---|---|---|"]
    l2_falls, latencies, fastest = [], [], []
    for chip in silicon.CHIPS:
        fixed = _evaluate(chip)
        for objective, label in MAP_OBJECTIVES:
            r = _evaluate(chip, True, objective)
            if objective == "energy_pj":
                l2_falls.append(f"{chip.name} {fixed['l2_pj_per_mac']:.2f} -> {r['l2_pj_per_mac']:.2f}")
                latencies.append(f"{chip.name} {fixed['latency_ratio']:.2f} -> {r['latency_ratio']:.2f}")
            else:
                fastest.append(f"{chip.name} {r['latency_ratio']:.2f}x at {r['utilization']:.0%} utilisation, power "
                               f"{r['power_ratio']:.2f}x, {r['energy_per_mac_pj']:.2f} pJ/MAC against "
                               f"{chip.energy_per_mac_pj:.2f}")
            labels = list(_frame(chip, True, objective)["mapping"])
            variants = dataflow_mod.VARIANTS.get(chip.mapped_dataflow, ())
            taken = [f"{sum(lab.split()[0] == v for lab in labels)} of {len(labels)} layers on `{v}`"
                     for v in variants]
            lines.append(
                f"| {chip.name} | `{chip.mapped_dataflow}`{' (' + ', '.join(taken) + ')' if taken else ''} | "
                f"{label} | {_latency(r)} | {r['utilization']:.1%} | "
                f"{'yes' if r['feasible'] else 'no'} | {r['power_mw']:.1f} ({r['power_ratio']:.2f}) | "
                f"{_at_rate(r, chip)} | {_split(r)} |")
    lines += [
        "",
        f"What the mapper shows: the least-energy tiles cut the global-buffer term (pJ/MAC, fixed template -> "
        f"mapped: {'; '.join(l2_falls)}). Least energy is not least time: with the logic's leakage small, the "
        "mapper may take slow mappings that reuse more, so the latency improves only where a faster mapping also "
        f"reuses more (latency ratio, fixed -> mapped: {'; '.join(latencies)}). Chosen for least latency, the "
        f"schedules come to {'; '.join(fastest)}. Where the schedule matches the chip's (Eyeriss, DianNao), the "
        "power ratio that is left is the energy per MAC's (\"Where the model is off\"). With the "
        "assumed per-PE storage some layers have no mapping that fits (column 6), and LeNet-5's small layers "
        "leave most of ShiDianNao's array idle.", ""]
    return lines


def _runs(chip: silicon.Chip) -> list[tuple[str, silicon.Chip, dict, bool]]:
    """Every run of ``chip`` in the tables above, as (label, the chip at that workload, figures, mapped): the fixed
    template, the mapper for each objective, and each second workload on the same chip."""
    runs = [(f"`{chip.dataflow}`", chip, _evaluate(chip), False)]
    runs += [(f"`{chip.mapped_dataflow}`, {label}", chip, _evaluate(chip, True, objective), True)
             for objective, label in MAP_OBJECTIVES]
    runs += [(f"{w.model}, `{w.dataflow}`", w, _evaluate(w), False)
             for w in silicon.SECOND_WORKLOADS if w.name == chip.name]
    return runs


def _intersection(windows: list[tuple[float, float]]) -> tuple[float, float] | None:
    """The power (mW) every window of ``windows`` holds, as (lo, hi), or None when there is none."""
    lo, hi = max(w[0] for w in windows), min(w[1] for w in windows)
    return (lo, hi) if lo <= hi else None


def _window(windows: list[tuple[float, float]]) -> str:
    """:func:`_intersection` as text: ``lo-hi`` mW, or "none"."""
    both = _intersection(windows)
    return "none" if both is None else f"{both[0]:.0f}-{both[1]:.0f}"


def _missing_power_table() -> list[str]:
    """How large a constant power the model lacks (clock network, control) would have to be on each chip to put
    every power figure above within 2x (:func:`silicon.added_power_window_mw`), beside the published clock-network
    estimates (:data:`silicon.CLOCK_ESTIMATES`)."""
    lines = [
        "## The power the model lacks: how large it would have to be", "",
        "The model has no power that stays when the MACs stop but leakage: no clock network, no control. A constant "
        "P mW added to a chip's power puts it within 2x of the paper's only if P lies in [paper / 2 - ours, "
        "2 x paper - ours] (`silicon.added_power_window_mw`). For each run above, the window of each power "
        "figure, and per chip the P that serves every figure of its fixed-template runs and of its mapped ones:", "",
        "| chip | run | window mW, power @ our latency | window mW, power @ published rate |",
        "|---|---|---|---|"]
    summary, empty, holds, mapped_empty = [], [], [], []
    for chip in silicon.CHIPS:
        fixed, mapped = [], []
        for label, at, r, is_mapped in _runs(chip):
            wins = [silicon.added_power_window_mw(r[key], at.power_mw) for key in POWER_KEYS]
            (mapped if is_mapped else fixed).extend(wins)
            lines.append(f"| {chip.name} | {label} | {_window(wins[:1])} | {_window(wins[1:])} |")
        clock = [c for c in silicon.CLOCK_ESTIMATES if c.chip == chip.name]
        summary.append(f"{chip.name}: fixed template {_window(fixed)}, mapper {_window(mapped)}"
                       + (f"; published clock-network estimate {clock[0].power_mw:g} mW" if clock else ""))
        both = {"fixed-template": _intersection(fixed), "mapper": _intersection(mapped)}
        if both["fixed-template"] is None:
            empty.append(chip.name)
        if both["mapper"] is None:
            mapped_empty.append(chip.name)
        for c in clock:
            inside = [name for name, w in both.items() if w is not None and w[0] <= c.power_mw <= w[1]]
            holds.append(f"{c.chip}'s estimate ({c.power_mw:g} mW) lies inside its "
                         f"{' and '.join(inside) + ' windows' if inside else 'windows nowhere'}")
    lines += [
        "",
        "P (mW) that serves every figure, per chip: " + "; ".join(summary) + ".",
        "",
        (f"On the fixed templates no constant serves {' and '.join(empty)} twice: the templates run them several "
         "times slower than the chips, so the power over our latency wants more than the power at the published "
         "rate leaves room for. " if empty else "")
        + ("With each layer at its best mapping every chip has a window. " if not mapped_empty else
           f"With each layer at its best mapping {' and '.join(mapped_empty)} still have none. ")
        + "Published clock-network estimates: "
        + "; ".join(holds) + f" ({'; '.join(c.source for c in silicon.CLOCK_ESTIMATES)}). A clock model would "
        "have to land inside every chip's window from its own structure, not from these windows; none is published "
        "for the chips without an estimate (post-layout totals, their clock inside), so the model has none.", ""]
    return lines


POWER_KEYS = ("power_mw", "power_at_published_rate_mw")
"""The two power figures of :func:`silicon.evaluate_chip`: over our latency, and at the published MAC rate."""


def main() -> None:
    RESULTS.mkdir(exist_ok=True)
    text = table()
    atomic_write_text(RESULTS / "silicon.md", text)
    print(text)


if __name__ == "__main__":
    main()
