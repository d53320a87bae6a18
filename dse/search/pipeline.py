"""Chain search stages under one evaluation budget: e.g. ``rl(ppo) -> ga``.

Each stage is a method of :data:`METHODS` with its share of the budget; stages hand their elite (best distinct
feasible designs) to the next one, and every evaluation lands in one history. A stage that ends before its share is
used (an RL agent whose policy has converged, :data:`npu_dse.search.rl.PATIENCE`; an exhaustive search of a smaller
space) leaves the rest to the next stage. Afterwards the pipeline reports the
Pareto front of the problem's objectives and, where the problem has one, the exact optimum of the first objective
and the gap to it (:mod:`npu_dse.search.exact`).
"""

from __future__ import annotations

import importlib
import inspect
import logging
import time
from dataclasses import dataclass, field
from typing import Any, Callable, Sequence

import pandas as pd

from npu_dse.cost_models.errors import InfeasibleError, SpaceError
from npu_dse.cost_models.evaluator import Evaluation, Evaluator, Problem
from npu_dse.search.context import SearchContext
from npu_dse.search.options import check_option_values, option_hints

log = logging.getLogger(__name__)

METHODS: dict[str, tuple[str, str]] = {
    "ppo": ("npu_dse.search.rl", "ppo"),
    "a2c": ("npu_dse.search.rl", "a2c"),
    "dqn": ("npu_dse.search.rl", "dqn"),
    "maskable_ppo": ("npu_dse.search.rl", "maskable_ppo"),
    "recurrent_ppo": ("npu_dse.search.rl", "recurrent_ppo"),
    "reinforce": ("npu_dse.search.reinforce", "reinforce"),
    "ga": ("npu_dse.search.ga", "ga"),
    "random": ("npu_dse.search.baselines", "random_search"),
    "anneal": ("npu_dse.search.baselines", "simulated_annealing"),
    "bayes": ("npu_dse.search.baselines", "bayesian"),
    "exhaustive": ("npu_dse.search.baselines", "exhaustive"),
    "uniform": ("npu_dse.search.baselines", "uniform_split"),
    "nsga2": ("npu_dse.search.nsga2", "nsga2"),
}
"""Method name -> (module, function). Every function has the signature
``fn(ctx: SearchContext, seed: int, elite: list[Evaluation], **options) -> None`` and evaluates only through
``ctx`` until its budget is used (``BudgetExhausted``) or it has nothing more to try."""


@dataclass
class StageSpec:
    """One stage of a pipeline.

    Args:
        method: a name of :data:`METHODS`.
        budget: evaluations for this stage (an integer >= 1), a fraction of the total (0 < budget < 1), or None
            for an equal share of what the earlier stages left.
        options: the method's hyper-parameters.

    Raises:
        SpaceError: unknown method (lists the allowed ones) or a bad budget.
    """

    method: str
    budget: float | None = None
    options: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.method not in METHODS:
            raise SpaceError(f"unknown search method {self.method!r}; allowed: {', '.join(METHODS)}")
        if self.budget is not None and not self.budget > 0:
            raise SpaceError(f"stage {self.method!r}: field 'budget' must be > 0, got {self.budget}")


@dataclass
class SearchResult:
    """What a pipeline found.

    Attributes:
        best: best feasible design by the first objective (None if no feasible design was seen).
        history: one row per evaluation (:meth:`SearchContext.history`).
        elite: best distinct feasible designs, best first.
        pareto: non-dominated feasible designs over the problem's objectives ([best] for one objective).
        hypervolume: of the Pareto front (multi-objective problems), else None.
        exact_optimum: the true optimum of the first objective (or a proven lower bound, see ``exact_is_bound``)
            where :mod:`npu_dse.search.exact` applies; else, for a latency objective, the relaxed lower bound
            (:func:`npu_dse.search.exact.relaxed_latency_bound`, ``exact_is_bound``); else None.
        gap_to_exact: ``best / exact_optimum - 1``.
        evaluations: design points evaluated. wall_s: wall time in seconds.
    """

    best: Evaluation | None
    history: pd.DataFrame
    elite: list[Evaluation]
    pareto: list[Evaluation]
    hypervolume: float | None
    exact_optimum: float | None
    gap_to_exact: float | None
    evaluations: int
    wall_s: float
    exact_is_bound: bool = False
    cost_model_calls: int = 0


def method_function(name: str) -> Callable[..., None]:
    """The search function registered as ``name``."""
    if name not in METHODS:
        raise SpaceError(f"unknown search method {name!r}; allowed: {', '.join(METHODS)}")
    module, fn = METHODS[name]
    return getattr(importlib.import_module(module), fn)


def check_stage(problem: Problem, stage: StageSpec) -> None:
    """Check, without evaluating anything, that ``stage`` can run on ``problem``.

    The stage's options must be arguments its method takes, of the right type and in range
    (:func:`npu_dse.search.options.check_option_values` against the method's hints; an RL agent takes ``n_envs``,
    ``flatten`` and the agent's constructor arguments, :func:`npu_dse.search.rl.option_names`, and is built once on a
    stand-in environment to try them, :func:`npu_dse.search.rl.check_options`), and the method must accept the
    problem's space (a module's ``check_problem``, e.g. :func:`npu_dse.search.reinforce.check_problem`).

    Raises:
        SpaceError: an unknown option (lists the allowed ones), a bad option value (names the option and the rule)
            or a space the method cannot search.
    """
    module = importlib.import_module(METHODS[stage.method][0])
    fn = method_function(stage.method)
    params = inspect.signature(fn).parameters
    takes_any = any(p.kind is inspect.Parameter.VAR_KEYWORD for p in params.values())
    hints = {} if takes_any else option_hints(fn)
    allowed = set(module.option_names(stage.method)) if takes_any else set(hints)
    unknown = sorted(set(stage.options) - allowed)
    if unknown:
        raise SpaceError(f"stage {stage.method!r}: unknown option {unknown[0]!r}; allowed: "
                         f"{', '.join(sorted(allowed)) or 'none'}")
    check_option_values(stage.method, hints, stage.options)
    check_problem = getattr(module, "check_problem", None)
    if check_problem is not None:
        check_problem(problem)
    check_options = getattr(module, "check_options", None)
    if check_options is not None:
        check_options(stage.method, dict(stage.options), problem)


def stage_budgets(stages: Sequence[StageSpec], budget: int) -> list[int]:
    """Split ``budget`` over the stages: fixed counts and fractions first, the rest shared equally."""
    out: list[int | None] = []
    for s in stages:
        if s.budget is None:
            out.append(None)
        elif s.budget < 1:
            out.append(max(1, int(round(s.budget * budget))))
        else:
            out.append(int(s.budget))
    fixed = sum(b for b in out if b is not None)
    free = [i for i, b in enumerate(out) if b is None]
    left = max(0, budget - fixed)
    for k, i in enumerate(free):
        out[i] = left // len(free) + (1 if k < left % len(free) else 0)
    return [int(b) for b in out]  # type: ignore[arg-type]


def run_pipeline(
    problem: Problem,
    stages: Sequence[StageSpec],
    budget: int,
    seed: int = 0,
    evaluator: Evaluator | None = None,
    progress: Callable[[int, int], None] | None = None,
    exact: bool = True,
    check: bool = True,
) -> SearchResult:
    """Run ``stages`` in order on ``problem`` under ``budget`` evaluations; same seed, same result.

    Args:
        problem: what to search.
        stages: the stages (at least one).
        budget: total evaluations (design points).
        seed: base seed; stage k uses ``seed + 7919 * k``.
        evaluator: share an evaluator (its cache); a new one otherwise.
        progress: called as ``progress(evaluations_done, budget)`` after every evaluation.
        exact: compute the exact optimum where the problem allows it.
        check: check every stage first (:func:`check_stage`); False when the caller already has (it costs an RL
            agent's construction per RL stage).

    Raises:
        SpaceError: no stages, or a stage that does not apply to the problem.
        InfeasibleError: the budget cannot be met (before any search).
    """
    if not stages:
        raise SpaceError("a search pipeline needs at least one stage")
    for stage in stages if check else ():
        check_stage(problem, stage)
    t0 = time.perf_counter()
    evaluator = evaluator if evaluator is not None else Evaluator(problem)
    ctx = SearchContext(evaluator, budget)
    ctx.progress = progress
    unspent = 0
    for k, (stage, limit) in enumerate(zip(stages, stage_budgets(stages, budget))):
        fn = method_function(stage.method)
        limit += unspent
        log.info("stage %d: %s with %d evaluations", k, stage.method, limit)
        before = ctx.used
        with ctx.stage_budget(stage.method, limit):
            fn(ctx, seed=seed + 7919 * k, elite=list(ctx.elite), **stage.options)
        unspent = limit - (ctx.used - before)
    if len(problem.objectives) > 1:
        from npu_dse.search.pareto import hypervolume, pareto_front

        feasible = ctx.feasible_evaluations()
        front = pareto_front(feasible, problem.objectives)
        hv = hypervolume(front, problem.objectives) if front else None
    else:
        front, hv = ([ctx.best] if ctx.best is not None else []), None
    exact_value, is_bound = None, False
    if exact:
        from npu_dse.search.exact import NotApplicable, exact_optimum, relaxed_latency_bound

        try:
            try:
                res = exact_optimum(evaluator)
                exact_value, is_bound = res.value, res.is_bound
            except NotApplicable as why:
                log.info("no exact optimum: %s", why)
                try:
                    exact_value, is_bound = relaxed_latency_bound(evaluator), True
                except NotApplicable as why_not:
                    log.info("no relaxed lower bound: %s", why_not)
        except InfeasibleError as proof:  # the search's result stands; the bound says why nothing was feasible
            log.warning("no design of this space meets the budgets (exact search): %s", proof)
    gap = None
    if exact_value is not None and ctx.best is not None and exact_value > 0:
        gap = ctx.cost(ctx.best) / exact_value - 1.0
    return SearchResult(
        best=ctx.best,
        history=ctx.history(),
        elite=list(ctx.elite),
        pareto=front,
        hypervolume=hv,
        exact_optimum=exact_value,
        gap_to_exact=gap,
        evaluations=ctx.used,
        wall_s=time.perf_counter() - t0,
        exact_is_bound=is_bound,
        cost_model_calls=evaluator.n_cost_model_calls,
    )
