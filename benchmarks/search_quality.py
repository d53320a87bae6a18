"""Search quality at equal evaluation budgets: every method on the ConfuciuX problems and on a global problem.

Problems (latency objective):

- ``resnet50-cloud``, ``resnet50-edge``, ``mobilenet_v2-cloud``, ``mobilenet_v2-edge``: ConfuciuX's per-layer LP
  problem on its own layer tables (``confuciux/<model>``), PE and buffer budgets of the talk's cloud (4,096 PEs,
  8 KiB) and edge (256 PEs, 4 KiB) FPGAs; reference = :func:`npu_dse.search.exact.exact_optimum` over the fine space
  the GA searches (a Lagrangian lower bound where the DP is too large: the table says so);
- ``global-resnet50-edge``, ``global-resnet50-cloud``: one accelerator (PEs, L1, L2, NoC bandwidth, dataflow; LS)
  for the zoo's ResNet-50 under the edge or cloud budgets; no exact DP applies, so the reference is exhaustive
  search of the coarse space when it has at most ``--exhaustive-limit`` designs, else the best design any run found
  (labelled). Their budget is 2,000 evaluations per run (:data:`BUDGETS`); the GA may still go below the reference
  by leaving the coarse levels.

Methods are pipelines of :data:`npu_dse.search.pipeline.METHODS` stages written ``a+b`` (``ppo+ga`` = RL then GA, the
budget split equally unless a share is given as ``ppo:0.5+ga``). For each (problem, method) over ``--seeds``
seeds: median best latency, its ratio to the reference, the median number of evaluations until the best-so-far came
within 1 % of the reference (``-`` when fewer than half the seeds got there), and median wall time per run (a fresh
evaluator per run, so its result cache is part of the method's cost; the engine's compiled-structure cache stays
warm after the reference computation). A second table sets the ConfuciuX seed table beside ours: uniform baseline,
RL (``reinforce``, ConfuciuX's agent) and RL + GA latencies and their improvement ratios.

Run: ``python benchmarks/search_quality.py [--budget N] [--seeds 5] [--problems ...] [--methods ...]``;
writes ``benchmarks/results/search_quality.{md,csv}`` (atomically, after every run) and resumes: runs already in the
CSV are not repeated. A full run is long (hours on 2 cores): run parts with ``--problems``/``--methods`` and
``--out NAME`` in two processes, then merge them with ``--parts NAME ...`` (runs in the parts count as done;
``--report-only`` merges and writes the tables without running what is missing).
"""

from __future__ import annotations

import argparse
import json
import logging
import math
import os
import platform
import statistics
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("MKL_NUM_THREADS", "1")

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

from npu_dse.cost_models.evaluator import Evaluator, Problem  # noqa: E402
from npu_dse.results import atomic_write_text, write_table  # noqa: E402
from npu_dse.search.context import SearchContext  # noqa: E402
from npu_dse.search.exact import NotApplicable, exact_optimum  # noqa: E402
from npu_dse.search.pipeline import METHODS as REGISTRY, StageSpec, run_pipeline  # noqa: E402

RESULTS = Path(__file__).parent / "results"
log = logging.getLogger("search_quality")

PROBLEMS: dict[str, dict] = {
    "resnet50-cloud": {"model": "confuciux/resnet50", "platform": "cloud"},
    "resnet50-edge": {"model": "confuciux/resnet50", "platform": "edge"},
    "mobilenet_v2-cloud": {"model": "confuciux/mobilenet_v2", "platform": "cloud"},
    "mobilenet_v2-edge": {"model": "confuciux/mobilenet_v2", "platform": "edge"},
    "global-resnet50-edge": {"model": "resnet50", "platform": "edge", "space": "global"},
    "global-resnet50-cloud": {"model": "resnet50", "platform": "cloud", "space": "global"},
}
DEFAULT_BUDGET = 20_000
"""Evaluations per run unless ``--budget`` or :data:`BUDGETS` says otherwise."""
BUDGETS: dict[str, int] = {"global-resnet50-edge": 2_000, "global-resnet50-cloud": 2_000}
"""Evaluations per run where a problem differs from :data:`DEFAULT_BUDGET`: a global-space evaluation costs
all ~50 layers of the zoo's ResNet-50 (tens of ms), and its coarse space holds 16,128 designs."""
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


def reference(name: str, problem: Problem, exhaustive_limit: int) -> tuple[float | None, str]:
    """(reference latency, how it was obtained) for a problem; (None, reason) when only runs can give one."""
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


def run(problems: list[str], methods: list[str], budget: int | None, seeds: int, exhaustive_limit: int,
        csv_path: Path, parts: list[Path] = (), report_only: bool = False) -> pd.DataFrame:
    """Run every (problem, method, seed) not already in ``csv_path`` or ``parts`` (resuming; parts are CSVs of runs
    made elsewhere, e.g. by a second process), writing ``csv_path`` atomically after each run. ``budget``: evaluations
    per run, None for each problem's own (:func:`problem_budget`). ``report_only``: run nothing, only merge."""
    import torch

    torch.set_num_threads(1)
    frames = [pd.read_csv(f) for f in [csv_path, *parts] if f.exists()]
    done = pd.concat(frames, ignore_index=True).drop_duplicates(["problem", "method", "seed", "budget"]) if frames \
        else pd.DataFrame()
    rows = done.to_dict("records")
    have = {(r["problem"], r["method"], int(r["seed"]), int(r["budget"])) for r in rows}
    ran = False
    for pname in problems:
        n = problem_budget(pname, budget)
        todo = [(m, s) for m in methods for s in range(seeds) if (pname, m, s, n) not in have]
        if not todo or report_only:
            continue
        problem = Problem.build(**PROBLEMS[pname])
        t0 = time.perf_counter()
        ref, ref_kind = reference(pname, problem, exhaustive_limit)
        log.info("%s: reference %s (%s) in %.1f s", pname, ref, ref_kind, time.perf_counter() - t0)
        for method, seed in todo:
            t1 = time.perf_counter()
            evaluator = Evaluator(problem, check_budget=False)
            result = run_pipeline(problem, stages(method), n, seed=seed, evaluator=evaluator, exact=False)
            wall = time.perf_counter() - t1
            best = result.best.metrics["latency_cycles"] if result.best is not None else float("nan")
            curve = best_curve(result.history)
            rows.append({"problem": pname, "method": method, "seed": seed, "budget": n,
                         "evaluations": result.evaluations, "best_latency_cycles": best, "reference": ref,
                         "reference_kind": ref_kind, "evals_to_1pct": evals_to_within(curve, ref),
                         "wall_s": wall, "best_curve": json.dumps(curve)})
            write_table(pd.DataFrame(rows), csv_path)
            ran = True
            log.info("%s %s seed %d: %.6g in %.1f s", pname, method, seed, best, wall)
    df = pd.DataFrame(rows)
    if len(df) and not ran:
        write_table(df, csv_path)  # nothing ran: still merge the parts into csv_path
    own_budget = df["budget"] == [problem_budget(p, budget) for p in df["problem"]]
    df = df[df["problem"].isin(problems) & df["method"].isin(methods) & own_budget & (df["seed"] < seeds)].copy()
    for pname in problems:  # problems without a reference: the best of all runs
        sel = df["problem"] == pname
        if sel.any() and df.loc[sel, "reference"].isna().all():
            best = df.loc[sel, "best_latency_cycles"].min()
            df.loc[sel, "reference"] = best
            df.loc[sel, "evals_to_1pct"] = [evals_to_within(json.loads(c), best) for c in df.loc[sel, "best_curve"]]
    return df


def _median_evals(values: pd.Series) -> str:
    med = statistics.median(values)
    return "-" if not np.isfinite(med) else f"{med:,.0f}"


def median_best(df: pd.DataFrame) -> dict[tuple[str, str], float]:
    """(problem, method) -> median best latency over the runs that found a feasible design (nan when none did)."""
    return {key: statistics.median(v) if len(v := g["best_latency_cycles"].dropna()) else math.nan
            for key, g in df.groupby(["problem", "method"], sort=False)}


def markdown(df: pd.DataFrame, seeds: int) -> str:
    lines = ["# Search quality at equal evaluation budgets", "",
             f"Machine: {platform.machine()}, Python {platform.python_version()}; every method of a problem gets the "
             f"same evaluation budget (given per problem), up to {seeds} seeds (0..{seeds - 1}). Latency in cycles "
             "(lower is better); ratio = median best / reference; evals to 1 % = median evaluations until best-so-far "
             "<= 1.01 x reference ('-': not reached by half the seeds). Wall time per run, one thread, "
             "two runs (at times three) sharing the 2 cores; an RL agent alone takes 1-20 min per run at 20,000 "
             "evaluations. Runs per method, and how many found a feasible design, are in the last column.", ""]

    def order(names: list[str], col: pd.Series) -> pd.Series:  # listed order first, then the rest as they come
        return col.map(lambda v: names.index(v) if v in names else len(names))

    method_order = [*METHODS, *(m for m in REGISTRY if m not in METHODS)]
    df = df.sort_values(["problem", "method"], kind="stable",
                        key=lambda c: order(list(PROBLEMS) if c.name == "problem" else method_order, c))
    medians = median_best(df)
    for pname, g in df.groupby("problem", sort=False):
        ref, kind = g["reference"].iloc[0], g["reference_kind"].iloc[0]
        lines += [f"## {pname}", "", f"Budget: {int(g['budget'].iloc[0]):,} evaluations per run. "
                  f"Reference: {ref:,.0f} cycles — {kind}.", "",
                  "| method | median best latency | ratio to reference | evals to 1 % | median wall s "
                  "| feasible / runs |",
                  "|---|---|---|---|---|---|"]
        for method, m in g.groupby("method", sort=False):
            med = medians[pname, method]
            lines.append(f"| {method} | {med:,.0f} | {med / ref:.4f} | {_median_evals(m['evals_to_1pct'])} | "
                         f"{statistics.median(m['wall_s']):.1f} | {m['best_latency_cycles'].notna().sum()}/{len(m)} |")
        lines.append("")
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
    whose median best latency (``medians``, :func:`median_best`) it does not beat (strictly lower is a win; methods
    with no feasible run lose)."""
    lines = ["## RL then GA against every other method", "",
             "Each RL-then-GA pipeline's median against the median of every other method on the same problem and "
             "budget (runs per method in the tables above).", "",
             "| problem | pipeline | ratio to reference | not beaten by it |", "|---|---|---|---|"]
    for pname, g in df.groupby("problem", sort=False):
        med = {m: medians[pname, m] for m in g["method"].unique()}
        ref = g["reference"].iloc[0]
        for pipe in [m for m in med if m.endswith("+ga")]:
            others = [m for m in med if m != pipe and not m.endswith("+ga") and med[m] <= med[pipe]]
            lines.append(f"| {pname} | {pipe} | {med[pipe] / ref:.4f} | {', '.join(others) or 'none: beats all'} |")
    return lines + [""]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--budget", type=int, default=None, help=f"evaluations per run (default: {DEFAULT_BUDGET:,}; "
                    "BUDGETS where a problem has its own)")
    ap.add_argument("--seeds", type=int, default=5)
    ap.add_argument("--problems", nargs="+", default=list(PROBLEMS), choices=list(PROBLEMS))
    ap.add_argument("--methods", nargs="+", default=list(METHODS))
    ap.add_argument("--exhaustive-limit", type=int, default=25_000)
    ap.add_argument("--out", default="search_quality")
    ap.add_argument("--report-only", action="store_true", help="run nothing: merge --parts into --out and write the "
                    "tables from the runs there are")
    ap.add_argument("--parts", nargs="*", default=[], help="names of other result CSVs (in benchmarks/results) whose "
                    "runs count as done and are merged into --out")
    args = ap.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    for m in args.methods:
        stages(m)  # fail early on an unknown method name
    RESULTS.mkdir(parents=True, exist_ok=True)
    df = run(args.problems, args.methods, args.budget, args.seeds, args.exhaustive_limit, RESULTS / f"{args.out}.csv",
             [RESULTS / f"{name}.csv" for name in args.parts], args.report_only)
    atomic_write_text(RESULTS / f"{args.out}.md", markdown(df, args.seeds) + "\n")
    print(f"wrote {RESULTS / (args.out + '.md')}")


if __name__ == "__main__":
    main()
