"""Search quality at equal evaluation budgets: every method on the ConfuciuX problems, global problems and configs.

Problems (:data:`PROBLEMS`; a latency objective unless a config says otherwise):

- ``resnet50-cloud``, ``resnet50-edge``, ``mobilenet_v2-cloud``, ``mobilenet_v2-edge``: ConfuciuX's per-layer LP
  problem on its own layer tables (``confuciux/<model>``), PE and buffer budgets of the talk's cloud (4,096 PEs,
  8 KiB) and edge (256 PEs, 4 KiB) FPGAs; reference = :func:`npu_dse.search.exact.exact_optimum` over the fine space
  the GA searches (a Lagrangian lower bound where the DP is too large: the table says so);
- ``global-resnet50-edge``, ``global-resnet50-cloud``: one accelerator (PEs, L1, L2, NoC bandwidth, dataflow; LS)
  for the zoo's ResNet-50 under the edge or cloud budgets; no exact DP applies, so the reference is exhaustive
  search of the coarse space when it has at most ``--exhaustive-limit`` designs, else the best design any run found
  (labelled). Their budget is 2,000 evaluations per run (:data:`BUDGETS`); the GA may still go below the reference
  by leaving the coarse levels. Where no exact reference exists and the objective is latency, the table also gives
  a lower bound (:func:`npu_dse.search.exact.relaxed_latency_bound`, computed once per problem and stored in the
  CSV's ``lower_bound`` column), so the reference's distance from the optimum is bounded too;
- ``quickstart``: the problem of an experiment file (``{"config": "configs/quickstart.yaml"}``, relative to the
  repository root), built as ``dse run`` builds it (:func:`npu_dse.config.load_experiment`,
  :func:`npu_dse.run.build_problem`): objective ``energy_pj`` (the config's first objective; it must be minimised)
  under its constraints (4 mm², 500 mW, 10 ms per inference), the global space with the mapper. The config's seed and
  stages are not used (every method runs on ``--seeds`` seeds from ``--first-seed``); its budget, 3,000
  evaluations, is in :data:`BUDGETS`. No exact DP applies (leakage over the whole run), so the reference is as for
  the global problems.

Reference runs: where the reference is not exact (no MCKP DP or Lagrangian bound applies), ``--reference-runs METHOD``
(e.g. ``ppo:0.3+ga``) runs METHOD at 10x the problem's budget (:data:`REFERENCE_FACTOR`) on every seed, stored as
method ``reference:METHOD`` (resumable like every run, made after all ordinary runs), and the reference becomes the
best design of any run, those included (and of the exhaustive search, when there was one). Reference runs are listed
under their problem's table, not in it, and take no part in the verdict.

Methods are pipelines of :data:`npu_dse.search.pipeline.METHODS` stages written ``a+b`` (``ppo+ga`` = RL then GA, the
budget split equally unless a share is given as ``ppo:0.5+ga``). For each (problem, method) over ``--seeds``
seeds: median best objective (the problem's first objective, of the best feasible design), its ratio to the
reference, every seed's best over the reference, the median number of evaluations until the best-so-far came
within 1 % of the reference (``-`` when fewer than half the seeds got there), and median wall time per run (a fresh
evaluator per run, so its result cache is part of the method's cost; the engine's compiled-structure cache stays
warm after the reference computation). A second table sets the ConfuciuX seed table beside ours: uniform baseline,
RL (``reinforce``, ConfuciuX's agent) and RL + GA latencies and their improvement ratios.

Run: ``python benchmarks/search_quality.py [--budget N] [--seeds 5] [--first-seed 0] [--problems ...]
[--methods ...] [--reference-runs METHOD] [--out NAME]``; writes ``benchmarks/results/NAME.{md,csv}`` (default
``search_quality``; both atomically, after every run) and resumes: runs already in the CSV are not repeated. CSV
rows record ``objective`` and ``best_objective`` (rows written before these columns are read as ``latency_cycles``
and ``best_latency_cycles``). A full run is long (hours on 2 cores): run parts with ``--problems``/``--methods`` and
``--out NAME`` in two processes, then merge them with ``--parts NAME ...`` (runs in the parts count as done;
``--report-only`` merges and writes the tables without running what is missing).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import logging
import math
import os
import platform
import statistics
import time
from pathlib import Path
from typing import Callable

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("MKL_NUM_THREADS", "1")

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

from npu_dse.config import load_experiment  # noqa: E402
from npu_dse.cost_models.evaluator import OBJECTIVES, Evaluator, Problem  # noqa: E402
from npu_dse.results import atomic_write_text, write_table  # noqa: E402
from npu_dse.search.context import SearchContext  # noqa: E402
from npu_dse.search.exact import NotApplicable, exact_optimum, relaxed_latency_bound  # noqa: E402
from npu_dse.run import build_problem  # noqa: E402
from npu_dse.search.pipeline import METHODS as REGISTRY, StageSpec, run_pipeline  # noqa: E402

RESULTS = Path(__file__).parent / "results"
REPO = Path(__file__).resolve().parent.parent
"""The repository root: config paths in :data:`PROBLEMS` are relative to it."""
log = logging.getLogger("search_quality")

PROBLEMS: dict[str, dict] = {
    "resnet50-cloud": {"model": "confuciux/resnet50", "platform": "cloud"},
    "resnet50-edge": {"model": "confuciux/resnet50", "platform": "edge"},
    "mobilenet_v2-cloud": {"model": "confuciux/mobilenet_v2", "platform": "cloud"},
    "mobilenet_v2-edge": {"model": "confuciux/mobilenet_v2", "platform": "edge"},
    "global-resnet50-edge": {"model": "resnet50", "platform": "edge", "space": "global"},
    "global-resnet50-cloud": {"model": "resnet50", "platform": "cloud", "space": "global"},
    "quickstart": {"config": "configs/quickstart.yaml"},
    "global-mobilenet_v2-edge": {"config": "configs/global_mobilenet_v2_edge.yaml"},
    "lp-mobilenet_v2-edge": {"config": "configs/lp_mobilenet_v2_edge.yaml"},
    "global-resnet50-edge-mm2": {"config": "configs/global_resnet50_edge.yaml"},
    "global-resnet50-cloud-mm2": {"config": "configs/global_resnet50_cloud.yaml"},
    "global-bert_base-edge-mm2": {"config": "configs/global_bert_base_edge.yaml"},
    "global-bert_base-cloud-mm2": {"config": "configs/global_bert_base_cloud.yaml"},
}
"""Problem name -> :meth:`Problem.build` keyword arguments, or ``{"config": path}``: an experiment file (relative to
:data:`REPO`) built as ``dse run`` builds it, with its first objective (:func:`build`)."""
DEFAULT_BUDGET = 20_000
"""Evaluations per run unless ``--budget`` or :data:`BUDGETS` says otherwise."""
BUDGETS: dict[str, int] = {"global-resnet50-edge": 2_000, "global-resnet50-cloud": 2_000, "quickstart": 3_000}
"""Evaluations per run where a problem differs from :data:`DEFAULT_BUDGET`: a global-space evaluation costs
all ~50 layers of the zoo's ResNet-50 (tens of ms), and its coarse space holds 16,128 designs; ``quickstart``: the
config's own budget."""
REFERENCE_FACTOR = 10
"""Reference runs (``--reference-runs``) get this many times the problem's budget."""
REFERENCE_PREFIX = "reference:"
"""Method name prefix of reference runs in the CSV."""
UNITS: dict[str, tuple[str, str]] = {
    "latency_cycles": ("latency", "cycles"), "energy_pj": ("energy", "pJ"), "edp": ("EDP", "pJ·cycles"),
    "area_mm2": ("area", "mm²"), "power_mw": ("power", "mW"), "latency_ms": ("latency", "ms"),
}
"""Objective -> (what the tables call it, unit)."""
METHODS: tuple[str, ...] = (
    "uniform", "random", "anneal", "ga", "nsga2", "ppo", "a2c", "dqn", "maskable_ppo", "recurrent_ppo",
    "reinforce", "maskable_ppo:0.2+ga", "ppo:0.2+ga", "reinforce:0.2+ga",
)
TALK: dict[str, tuple[float, float, float]] = {
    "resnet50-cloud": (2.352e8, 2.346e8, 2.2e8),
    "mobilenet_v2-cloud": (2.5e7, 2.3e7, 2.0e7),
    "resnet50-edge": (1.8e9, 1.5e9, 1.2e9),
    "mobilenet_v2-edge": (1.13e8, 1.08e8, 6.9e7),
}
"""ConfuciuX talk (seed 003), latency in cycles: baseline-dla, RL global search, RL + GA (seed_tables.md)."""


def stages(method: str) -> list[StageSpec]:
    """``a+b`` or ``a:0.3+b`` -> stage specs."""
    out = []
    for part in method.split("+"):
        name, _, share = part.partition(":")
        out.append(StageSpec(name, float(share) if share else None))
    return out


def build(pname: str) -> Problem:
    """The problem ``pname`` of :data:`PROBLEMS`: :meth:`Problem.build` of its keyword arguments, or, for
    ``{"config": path}``, the experiment's problem (:func:`npu_dse.config.load_experiment`,
    :func:`npu_dse.run.build_problem`, so its constraints hold) restricted to its first objective.

    Raises:
        ValueError: the config's first objective is maximised (the tables compare costs as values to minimise).
    """
    spec = PROBLEMS[pname]
    if "config" not in spec:
        return Problem.build(**spec)
    path = REPO / spec["config"]
    problem = build_problem(load_experiment(path), str(path))
    objective = problem.objectives[0]
    if OBJECTIVES[objective] != "min":
        raise ValueError(f"{pname}: {path}: objective {objective!r} is maximised; this benchmark compares "
                         "minimised objectives")
    if len(problem.objectives) > 1:
        log.info("%s: searching the first objective, %s, of %s", pname, objective, list(problem.objectives))
        problem = dataclasses.replace(problem, objectives=(objective,))
    return problem


def unit(objective: str) -> tuple[str, str]:
    """(what the tables call ``objective``, its unit) (:data:`UNITS`; the metric's name and no unit if unlisted)."""
    return UNITS.get(objective, (objective, ""))


def fmt(value: float) -> str:
    """A table number: thousands separated and no decimals from 1,000 up, else 4 significant digits."""
    return f"{value:,.0f}" if np.isfinite(value) and abs(value) >= 1000 else f"{value:.4g}"


def is_exact(kind: str) -> bool:
    """Whether a reference obtained as ``kind`` (:func:`reference`) is the exact optimum or a lower bound of it."""
    return kind.startswith(("exact optimum", "lower bound"))


def reference(name: str, problem: Problem, exhaustive_limit: int) -> tuple[float | None, str]:
    """(reference value of the problem's objective, how it was obtained) for a problem; (None, reason) when only runs
    can give one."""
    evaluator = Evaluator(problem)
    try:
        res = exact_optimum(evaluator)
        kind = "lower bound (Lagrangian)" if res.is_bound else "exact optimum (MCKP DP)"
        return res.value, f"{kind}; best feasible found by the DP: {res.primal_value:.6g}"
    except NotApplicable as why:
        log.info("%s: no exact optimum (%s)", name, why)
    size = problem.space.size(problem.num_layers)
    if size <= exhaustive_limit:
        ctx = SearchContext(evaluator, size)
        from npu_dse.search.baselines import exhaustive

        exhaustive(ctx, 0, [])
        return ctx.cost(ctx.best), f"exhaustive search of the coarse space ({size} designs)"
    return None, "best design found by any run"


def evals_to_within(curve: list[tuple[int, float]], target: float | None, tol: float = 0.01) -> float:
    """First evaluation count (1-based) at which best-so-far <= (1 + tol) * target; inf if never.

    ``curve``: the improvements of best-so-far as (0-based evaluation index, value) pairs (:func:`best_curve`).
    """
    if target is None:
        return float("inf")
    for index, value in curve:
        if value <= target * (1 + tol):
            return float(index + 1)
    return float("inf")


def best_curve(history: pd.DataFrame) -> list[tuple[int, float]]:
    """The evaluations at which best-so-far improved, as (index, value) pairs (a compact history for the CSV)."""
    best = history["best_so_far"].to_numpy()
    out, last = [], math.inf
    for i, v in enumerate(best):
        if np.isfinite(v) and v < last:
            out.append((i, float(v)))
            last = v
    return out


def problem_budget(pname: str, budget: int | None) -> int:
    """Evaluations per run on ``pname``: ``budget`` when given, else :data:`BUDGETS` or :data:`DEFAULT_BUDGET`."""
    return budget if budget is not None else BUDGETS.get(pname, DEFAULT_BUDGET)


def run(problems: list[str], methods: list[str], budget: int | None, seeds: range, exhaustive_limit: int,
        csv_path: Path, parts: list[Path] = (), report_only: bool = False,
        reference_method: str | None = None,
        report: Callable[[pd.DataFrame], None] | None = None) -> pd.DataFrame:
    """Run every (problem, method, seed) not already in ``csv_path`` or ``parts`` (resuming; parts are CSVs of runs
    made elsewhere, e.g. by a second process), writing ``csv_path`` atomically after each run. ``budget``: evaluations
    per run, None for each problem's own (:func:`problem_budget`). ``report_only``: run nothing, only merge.
    ``reference_method``: after all ordinary runs, run it at :data:`REFERENCE_FACTOR` x the budget on every seed of
    each problem whose reference is not exact (method ``reference:<it>``). ``report``: called after every run with
    the rows so far (:func:`select`), e.g. to rewrite the tables.

    Returns the rows of ``problems``, ``methods`` and their reference runs (:func:`select`)."""
    import torch

    torch.set_num_threads(1)
    frames = [pd.read_csv(f) for f in [csv_path, *parts] if f.exists()]
    done = pd.concat(frames, ignore_index=True).drop_duplicates(["problem", "method", "seed", "budget"]) if frames \
        else pd.DataFrame()
    rows = done.to_dict("records")
    for r in rows:  # rows written before the objective columns: latency
        if not isinstance(r.get("objective"), str):
            r["objective"], r["best_objective"] = "latency_cycles", r["best_latency_cycles"]
    have = {(r["problem"], r["method"], int(r["seed"]), int(r["budget"])) for r in rows}
    built: dict[str, tuple[Problem, float | None, str]] = {}
    ran = False

    def setup(pname: str) -> tuple[Problem, float | None, str]:
        if pname not in built:
            problem = build(pname)
            t0 = time.perf_counter()
            ref, ref_kind = reference(pname, problem, exhaustive_limit)
            log.info("%s: reference %s (%s) in %.1f s", pname, ref, ref_kind, time.perf_counter() - t0)
            built[pname] = problem, ref, ref_kind
        return built[pname]

    def one(pname: str, method: str, seed: int, n: int) -> None:
        nonlocal ran
        problem, ref, ref_kind = setup(pname)
        objective = problem.objectives[0]
        t1 = time.perf_counter()
        evaluator = Evaluator(problem, check_budget=False)
        result = run_pipeline(problem, stages(method.removeprefix(REFERENCE_PREFIX)), n, seed=seed,
                              evaluator=evaluator, exact=False)
        wall = time.perf_counter() - t1
        found = result.best is not None
        best = result.best.metrics[objective] if found else float("nan")
        curve = best_curve(result.history)
        rows.append({"problem": pname, "method": method, "seed": seed, "budget": n,
                     "evaluations": result.evaluations,
                     "best_latency_cycles": result.best.metrics["latency_cycles"] if found else float("nan"),
                     "reference": ref, "reference_kind": ref_kind, "evals_to_1pct": evals_to_within(curve, ref),
                     "wall_s": wall, "best_curve": json.dumps(curve), "objective": objective, "best_objective": best})
        write_table(pd.DataFrame(rows), csv_path)
        if report is not None:
            report(select(pd.DataFrame(rows), problems, methods, budget, seeds))
        ran = True
        log.info("%s %s seed %d: %s %.6g in %.1f s", pname, method, seed, objective, best, wall)

    if not report_only:
        for pname in problems:
            n = problem_budget(pname, budget)
            for method, seed in [(m, s) for m in methods for s in seeds if (pname, m, s, n) not in have]:
                one(pname, method, seed, n)
        for pname in problems if reference_method else ():  # the long runs last
            n, name = REFERENCE_FACTOR * problem_budget(pname, budget), REFERENCE_PREFIX + reference_method
            todo = [s for s in seeds if (pname, name, s, n) not in have]
            if not todo:
                continue
            kinds = [r["reference_kind"] for r in rows
                     if r["problem"] == pname and isinstance(r["reference_kind"], str)]
            if is_exact(kinds[0] if kinds else setup(pname)[2]):
                log.info("%s: the reference is exact; no reference runs", pname)
                continue
            for seed in todo:
                one(pname, name, seed, n)
    df = pd.DataFrame(rows)
    if len(df) and (add_bounds(df, problems) or not ran):
        write_table(df, csv_path)  # new bounds, or nothing ran: still merge the parts into csv_path
    return select(df, problems, methods, budget, seeds)


def add_bounds(df: pd.DataFrame, problems: list[str]) -> bool:
    """Fill ``df``'s ``lower_bound`` column (in place) for each of ``problems`` whose reference is not exact and
    whose rows have none: :func:`npu_dse.search.exact.relaxed_latency_bound` (NaN where it does not apply). Returns
    whether any was computed."""
    if "lower_bound" not in df:
        df["lower_bound"] = np.nan
    added = False
    for pname in problems:
        mine = (df["problem"] == pname).to_numpy()
        if not mine.any() or df.loc[mine, "lower_bound"].notna().any() or \
                is_exact(str(df.loc[mine, "reference_kind"].iloc[0])):
            continue
        t0 = time.perf_counter()
        try:
            bound = relaxed_latency_bound(Evaluator(build(pname), check_budget=False))
        except NotApplicable as why:
            log.info("%s: no relaxed bound (%s)", pname, why)
            bound = float("inf")  # stored as "none applies", so it is not tried again
        log.info("%s: relaxed lower bound %s in %.1f s", pname, bound, time.perf_counter() - t0)
        df.loc[mine, "lower_bound"] = bound
        added = True
    return added


def select(df: pd.DataFrame, problems: list[str], methods: list[str], budget: int | None, seeds: range
           ) -> pd.DataFrame:
    """The rows of ``df`` (all runs) of ``problems`` and ``methods`` at their budgets (:func:`problem_budget`) and of
    their reference runs (:data:`REFERENCE_FACTOR` x the budget), for the seeds ``seeds``, with each problem's
    final reference (:func:`settle_reference`)."""
    if not len(df):
        return df
    own = np.array([problem_budget(p, budget) for p in df["problem"]])
    is_ref = df["method"].str.startswith(REFERENCE_PREFIX).to_numpy()
    at_budget = df["budget"].to_numpy() == np.where(is_ref, REFERENCE_FACTOR * own, own)
    keep = df["problem"].isin(problems) & (df["method"].isin(methods) | is_ref) & at_budget
    df = df[keep & df["seed"].isin(list(seeds))]
    df = df.copy()
    for pname in problems:
        settle_reference(df, pname)
    return df


def settle_reference(df: pd.DataFrame, pname: str) -> None:
    """Set the final reference of ``pname``'s rows of ``df`` (in place) and their evaluations to 1 %.

    An exact reference (or a lower bound) stays. Otherwise, with reference runs (``reference:*`` rows), the reference
    is the best design of any run, those included, and of the exhaustive search if there was one; without them an
    exhaustive search's value stays unless a run beat it (the exhaustive search covers the coarse levels only, the
    GA the fine ranges), and where there is none the reference is the best of all runs."""
    mine = (df["problem"] == pname).to_numpy()
    ordinary = mine & ~df["method"].str.startswith(REFERENCE_PREFIX).to_numpy()
    if not ordinary.any():
        return
    refs = df.loc[mine & ~ordinary]
    stored = df.loc[mine, "reference"].dropna()
    stored = float(stored.iloc[0]) if len(stored) else None
    kind = df.loc[ordinary, "reference_kind"].iloc[0]
    best = float(df.loc[mine, "best_objective"].min())  # nan when no run found a feasible design
    if is_exact(kind) or (stored is not None and refs.empty and not best < stored):
        return
    if refs.empty and stored is not None:  # a run beat the exhaustive search of the coarse levels
        kind = f"best design found by any run, below the {kind}: {fmt(stored)} " \
               f"{unit(df.loc[ordinary, 'objective'].iloc[0])[1]}"
    if not refs.empty:
        counts = [f"{len(g)} seed{'s' if len(g) > 1 else ''} of {m.removeprefix(REFERENCE_PREFIX)}"
                  for m, g in refs.groupby("method", sort=False)]
        label = f"best of any run, incl. {' and '.join(counts)} at {int(refs['budget'].iloc[0]):,} evaluations"
        if stored is not None:
            label += f", and of the {kind}: {fmt(stored)} {unit(df.loc[ordinary, 'objective'].iloc[0])[1]}"
            best = float(np.nanmin([best, stored]))
        kind = label
    df.loc[mine, "reference"] = best
    df.loc[mine, "reference_kind"] = kind
    df.loc[ordinary, "evals_to_1pct"] = [evals_to_within(json.loads(c), best) for c in df.loc[ordinary, "best_curve"]]


def _median_evals(values: pd.Series) -> str:
    med = statistics.median(values)
    return "-" if not np.isfinite(med) else f"{med:,.0f}"


def median_best(df: pd.DataFrame) -> dict[tuple[str, str], float]:
    """(problem, method) -> median best objective over the runs that found a feasible design (nan when none did)."""
    return {key: statistics.median(v) if len(v := g["best_objective"].dropna()) else math.nan
            for key, g in df.groupby(["problem", "method"], sort=False)}


def per_seed(group: pd.DataFrame, ref: float) -> str:
    """Each seed's best over ``ref``, in seed order (``-`` for a seed without a feasible design)."""
    return " ".join("-" if not np.isfinite(v) else f"{v / ref:.3f}"
                    for v in group.sort_values("seed")["best_objective"].astype(float))


def markdown(df: pd.DataFrame, seeds: range) -> str:
    lines = ["# Search quality at equal evaluation budgets", "",
             f"Machine: {platform.machine()}, Python {platform.python_version()}; every method of a problem gets the "
             f"same evaluation budget (given per problem), up to {len(seeds)} seeds ({seeds[0]}..{seeds[-1]}). "
             "Each problem's "
             "objective and its unit are under its heading (lower is better); best = the objective of the best "
             "feasible design of a run; ratio = median best / reference; per-seed best = each seed's best / "
             "reference, in seed order ('-': no feasible design); evals to 1 % = median evaluations until "
             "best-so-far <= 1.01 x reference ('-': not reached by half the seeds). Wall time per run on one thread "
             "(other runs may have shared the 2 cores: the main tables had two, at times three, at once); an RL agent "
             "alone takes 1-20 min per run at 20,000 evaluations. Runs per method, and how many found a feasible "
             "design, are in the last column. Reference runs (10x the budget, only where no exact reference exists) "
             "are listed under their problem's table.", ""]

    def order(names: list[str], col: pd.Series) -> pd.Series:  # listed order first, then the rest as they come
        return col.map(lambda v: names.index(v) if v in names else len(names))

    method_order = [*METHODS, *(m for m in REGISTRY if m not in METHODS)]
    df = df.sort_values(["problem", "method"], kind="stable",
                        key=lambda c: order(list(PROBLEMS) if c.name == "problem" else method_order, c))
    is_ref = df["method"].str.startswith(REFERENCE_PREFIX)
    refs, df = df[is_ref], df[~is_ref]
    medians = median_best(df)
    for pname, g in df.groupby("problem", sort=False):
        ref, kind, objective = g["reference"].iloc[0], g["reference_kind"].iloc[0], g["objective"].iloc[0]
        what, u = unit(objective)
        bound = float(g["lower_bound"].iloc[0]) if "lower_bound" in g else float("nan")
        bound_text = ""
        if 0 < bound < float("inf"):
            bound_text = (f" Lower bound: {fmt(bound)} {u} (`relaxed_latency_bound`: the best PE count and dataflow "
                          "with every layer at its fastest mapping and each of L1, L2 and NoC bandwidth at the most "
                          "the area and SRAM budgets allow on its own; the power budget dropped), so "
                          + ("the reference is the optimum." if ref <= bound * (1 + 1e-12) else
                             f"the reference is at most {ref / bound:.4f}x the optimum."))
        lines += [f"## {pname}", "", f"Objective: {objective} ({u}), minimised. Budget: {int(g['budget'].iloc[0]):,} "
                  f"evaluations per run. Reference: {fmt(ref)} {u} — {kind}.{bound_text}", "",
                  f"| method | median best {what} ({u}) | ratio to reference | per-seed best | evals to 1 % "
                  "| median wall s | feasible / runs |",
                  "|---|---|---|---|---|---|---|"]
        for method, m in g.groupby("method", sort=False):
            med = medians[pname, method]
            lines.append(f"| {method} | {fmt(med)} | {med / ref:.4f} | {per_seed(m, ref)} | "
                         f"{_median_evals(m['evals_to_1pct'])} | {statistics.median(m['wall_s']):.1f} | "
                         f"{m['best_objective'].notna().sum()}/{len(m)} |")
        lines.append("")
        for method, m in refs[refs["problem"] == pname].groupby("method", sort=False):
            lines += [f"Reference runs `{method}` ({int(m['budget'].iloc[0]):,} evaluations each, not in the table or "
                      f"the verdict): per-seed best {per_seed(m, ref)}; median wall "
                      f"{statistics.median(m['wall_s']):.1f} s; feasible {m['best_objective'].notna().sum()}/{len(m)}.",
                      ""]
    lines += verdict(df, medians)
    seed_rows = [p for p in TALK if p in set(df["problem"])]
    if seed_rows:
        lines += ["## ConfuciuX seed table beside ours", "",
                  "Talk: baseline-dla / RL / RL+GA latencies from seed_tables.md. Ours: uniform split, `reinforce` "
                  "(ConfuciuX's agent) and `reinforce:0.2+ga` medians at the problem's budget. Improvement = baseline /"
                  " method. Our layers are ConfuciuX's tables through our cost model; its baselines reproduce "
                  "MAESTRO's to the cycle (tests), RL and GA are our re-implementations.", "",
                  "| problem | talk baseline | talk RL | talk RL+GA | talk RL+GA gain | ours baseline | ours RL | "
                  "ours RL+GA | ours RL gain | ours RL+GA gain |", "|---|---|---|---|---|---|---|---|---|---|"]
        for p in seed_rows:
            tb, tr, tg = TALK[p]
            ob, orl, org = (medians.get((p, m), math.nan) for m in ("uniform", "reinforce", "reinforce:0.2+ga"))

            def num(v: float) -> str:
                return f"{v:.4g}" if np.isfinite(v) else "not run"

            def gain(v: float) -> str:
                return f"{ob / v:.2f}x" if np.isfinite(v) and np.isfinite(ob) else "-"

            lines.append(f"| {p} | {tb:.4g} | {tr:.4g} | {tg:.4g} | {tb / tg:.2f}x | {num(ob)} | {num(orl)} | "
                         f"{num(org)} | {gain(orl)} | {gain(org)} |")
        lines.append("")
    return "\n".join(lines)


def verdict(df: pd.DataFrame, medians: dict[tuple[str, str], float]) -> list[str]:
    """Markdown lines: for each problem and each RL-then-GA pipeline (``*+ga``), its median ratio and the methods
    whose median best objective (``medians``, :func:`median_best`) it does not beat (strictly lower is a win; methods
    with no feasible run lose), each marked ``tie`` (the same median) or ``better``."""
    lines = ["## RL then GA against every other method", "",
             "Each RL-then-GA pipeline's median against the median of every other method on the same problem and "
             "budget (runs per method in the tables above).", "",
             "| problem | pipeline | ratio to reference | not beaten by it |", "|---|---|---|---|"]
    for pname, g in df.groupby("problem", sort=False):
        med = {m: medians[pname, m] for m in g["method"].unique()}
        ref = g["reference"].iloc[0]
        for pipe in [m for m in med if m.endswith("+ga")]:
            others = [f"{m} ({'tie' if med[m] == med[pipe] else 'better'})" for m in med
                      if m != pipe and not m.endswith("+ga") and med[m] <= med[pipe]]
            lines.append(f"| {pname} | {pipe} | {med[pipe] / ref:.4f} | {', '.join(others) or 'none: beats all'} |")
    return lines + [""]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--budget", type=int, default=None, help=f"evaluations per run (default: {DEFAULT_BUDGET:,}; "
                    "BUDGETS where a problem has its own)")
    ap.add_argument("--seeds", type=int, default=5, help="how many seeds per (problem, method)")
    ap.add_argument("--first-seed", type=int, default=0, help="the first seed: runs use FIRST..FIRST+SEEDS-1")
    ap.add_argument("--problems", nargs="+", default=list(PROBLEMS), choices=list(PROBLEMS))
    ap.add_argument("--methods", nargs="+", default=list(METHODS))
    ap.add_argument("--exhaustive-limit", type=int, default=25_000)
    ap.add_argument("--out", default="search_quality", help="results name: writes benchmarks/results/OUT.{csv,md}")
    ap.add_argument("--reference-runs", metavar="METHOD", default=None, help="where a problem's reference is not "
                    f"exact, also run METHOD (e.g. ppo:0.3+ga) at {REFERENCE_FACTOR}x the budget on every seed, after "
                    "all other runs, and take the best of all runs as the reference")
    ap.add_argument("--report-only", action="store_true", help="run nothing: merge --parts into --out and write the "
                    "tables from the runs there are")
    ap.add_argument("--parts", nargs="*", default=[], help="names of other result CSVs (in benchmarks/results) whose "
                    "runs count as done and are merged into --out")
    args = ap.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    for m in [*args.methods, *([args.reference_runs] if args.reference_runs else [])]:
        stages(m)  # fail early on an unknown method name
    RESULTS.mkdir(parents=True, exist_ok=True)
    seeds = range(args.first_seed, args.first_seed + args.seeds)

    def report(df: pd.DataFrame) -> None:  # the tables, rewritten after every run and at the end
        atomic_write_text(RESULTS / f"{args.out}.md", markdown(df, seeds) + "\n")

    df = run(args.problems, args.methods, args.budget, seeds, args.exhaustive_limit, RESULTS / f"{args.out}.csv",
             [RESULTS / f"{name}.csv" for name in args.parts], args.report_only, args.reference_runs, report)
    report(df)
    print(f"wrote {RESULTS / (args.out + '.md')}")


if __name__ == "__main__":
    main()
