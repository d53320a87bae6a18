"""Search pipeline, GA and RL stages: known optimum, determinism, budget accounting, elite hand-off."""

import itertools
import json

import numpy as np
import pytest
import torch

from npu_dse.cost_models.errors import SpaceError
from npu_dse.cost_models.evaluator import Constraint, Evaluation, Evaluator, Problem
from npu_dse.cost_models.space import CONFUCIUX_FIXED_HARDWARE, DesignSpace, Parameter
from npu_dse.cost_models.workload import Layer, Network, Op
from npu_dse.search.context import SearchContext
from npu_dse.search.ga import ga
from npu_dse.search.pipeline import METHODS, StageSpec, check_stage, run_pipeline, stage_budgets

torch.set_num_threads(1)

NET = Network("tiny", (
    Layer("c1", Op.CONV, K=16, C=8, Y=16, X=16, R=3, S=3, padding=1),
    Layer("c2", Op.CONV, K=32, C=16, Y=8, X=8, R=3, S=3, padding=1),
    Layer("fc", Op.GEMM, K=10, C=512),
))
SPACE = DesignSpace(
    (
        Parameter("num_pes", (1, 2, 4, 8, 16), (1, 16, 1), "per_layer"),
        Parameter("KTileSz", (1, 2, 4), None, "per_layer"),
    ),
    mode="LP", dataflow="dla", fixed={**CONFUCIUX_FIXED_HARDWARE, "CTileSz": 1}, technology="maestro",
)
PROBLEM = Problem(NET, SPACE, constraints=(Constraint("total_pes", limit=20),))
GLOBAL_SPACE = DesignSpace((Parameter("num_pes", (1, 2, 4), None, "global"),), mode="LS", dataflow="dla",
                           fixed={**CONFUCIUX_FIXED_HARDWARE, "CTileSz": 1, "KTileSz": 1}, technology="maestro")


def _optimum(fine: bool) -> float:
    ev = Evaluator(PROBLEM)
    pes = SPACE.parameters[0].fine_values() if fine else SPACE.parameters[0].values
    best = np.inf
    options = list(itertools.product(pes, SPACE.parameters[1].values))
    for combo in itertools.product(options, repeat=3):
        if sum(p for p, _ in combo) > 20:
            continue
        point = {"num_pes": tuple(p for p, _ in combo), "KTileSz": tuple(k for _, k in combo)}
        best = min(best, ev.evaluate(point).metrics["latency_cycles"])
    return best


@pytest.fixture(scope="module")
def fine_optimum():
    return _optimum(fine=True)


def test_ga_alone_finds_the_fine_optimum_of_a_small_problem(fine_optimum):
    res = run_pipeline(PROBLEM, [StageSpec("ga")], budget=1500, seed=0, exact=False)
    assert res.best.metrics["latency_cycles"] == pytest.approx(fine_optimum)
    assert res.best.metrics["total_pes"] <= 20


def test_rl_then_ga_finds_the_optimum_and_hands_over_the_elite(fine_optimum):
    res = run_pipeline(PROBLEM, [StageSpec("maskable_ppo", 0.3), StageSpec("ga")], budget=1500, seed=1)
    assert res.best.metrics["latency_cycles"] == pytest.approx(fine_optimum)
    h = res.history
    assert list(h.stage.unique()) == ["maskable_ppo", "ga"]
    assert (h.stage == "maskable_ppo").sum() == 450 and len(h) == 1500 == res.evaluations
    # the GA starts from the RL elite: its first generation (mutated elite) lies near the RL stage's best,
    # unlike a stand-alone GA's first generation of random designs
    rl_best = h[h.stage == "maskable_ppo"].objective.min()
    seeded_first = h[h.stage == "ga"].objective.iloc[:31].min()
    alone = run_pipeline(PROBLEM, [StageSpec("ga")], budget=31, seed=1, exact=False).history.objective.min()
    assert seeded_first <= 1.05 * rl_best < alone
    assert h.best_so_far.is_monotonic_decreasing or h.best_so_far.dropna().diff().max() <= 0
    # best.json-style consistency: the best design equals the best feasible row of the history
    feasible = h[h.feasible]
    row = feasible.loc[feasible.objective.idxmin()]
    assert row.latency_cycles == res.best.metrics["latency_cycles"]
    assert json.loads(row.design)["num_pes"] == list(res.best.point["num_pes"])


@pytest.mark.parametrize("stages", [[StageSpec("reinforce")], [StageSpec("ppo"), StageSpec("ga")]])
def test_seeded_runs_repeat_exactly(stages):
    a = run_pipeline(PROBLEM, stages, budget=120, seed=7, exact=False)
    b = run_pipeline(PROBLEM, stages, budget=120, seed=7, exact=False)
    cols = ["design", "latency_cycles", "feasible"]
    assert a.history[cols].equals(b.history[cols])


@pytest.mark.parametrize("method", ["ppo", "a2c", "dqn", "maskable_ppo", "recurrent_ppo", "reinforce", "ga"])
def test_budget_is_never_exceeded(method):
    res = run_pipeline(PROBLEM, [StageSpec(method)], budget=37, seed=0, exact=False)
    assert res.evaluations == len(res.history) == 37
    assert res.history["index"].tolist() == list(range(37))


def test_a_stage_that_ends_early_leaves_its_evaluations_to_the_next():
    problem = Problem(NET, GLOBAL_SPACE)
    res = run_pipeline(problem, [StageSpec("exhaustive", 0.5), StageSpec("random")], budget=20, seed=0, exact=False)
    # the exhaustive stage has 10 evaluations and needs 3 (the whole space): random search gets 10 + 7
    assert res.history.stage.value_counts().to_dict() == {"exhaustive": 3, "random": 17}
    assert res.evaluations == 20


def test_an_rl_stage_ends_once_its_policy_proposes_only_designs_it_has_seen():
    from npu_dse.search.rl import PATIENCE, RecordEpisodes

    assert PATIENCE == 100
    ctx = SearchContext(Evaluator(Problem(NET, GLOBAL_SPACE)), budget=100)

    def episode(pes):
        ev = ctx.evaluator.evaluate({"num_pes": pes})
        return {"design": ev.point, "metrics": ev.metrics, "feasible": ev.feasible, "violations": ev.violations}

    callback = RecordEpisodes(ctx, patience=3)
    steps = []
    for pes in (1, 2, 2, 2, 4, 4, 1, 2):  # two repeats, a new design, then three repeats in a row
        callback.locals = {"infos": [episode(pes)], "dones": [True]}
        steps.append(callback._on_step())
    assert steps == [True] * 7 + [False] and callback.converged
    assert ctx.used == 8  # every episode up to the one that completed the run of repeats is recorded
    never = RecordEpisodes(SearchContext(ctx.evaluator, budget=100), patience=0)
    for pes in (1,) * 50:
        never.locals = {"infos": [episode(pes)], "dones": [True]}
        assert never._on_step()


def test_episodes_that_break_a_budget_part_way_are_told_apart_by_the_options_they_chose():
    # a per-layer episode that breaks a budget has no design; before, every such episode counted as a repeat of the
    # last, and PPO on lp-mobilenet_v2-edge (4 mm2) stopped after 101 broken episodes without a feasible design
    from npu_dse.search.rl import RecordEpisodes

    ctx = SearchContext(Evaluator(Problem(NET, GLOBAL_SPACE)), budget=100)
    callback = RecordEpisodes(ctx, patience=2)
    steps = []
    for combos in ((0,), (0, 1), (0, 2), (0, 2), (0, 2)):  # three different proposals, then two repeats
        info = {"design": None, "metrics": {}, "feasible": False, "violations": ("area_mm2",),
                "partial_layers": len(combos), "partial_combos": combos}
        callback.locals = {"infos": [info], "dones": [True]}
        steps.append(callback._on_step())
    assert steps == [True] * 4 + [False] and callback.converged
    assert ctx.used == 5 and ctx.best is None


def test_stage_budget_split_and_errors():
    assert stage_budgets([StageSpec("ppo", 0.25), StageSpec("ga")], 1000) == [250, 750]
    assert stage_budgets([StageSpec("ppo", 100), StageSpec("ga"), StageSpec("random")], 301) == [100, 101, 100]
    assert set(METHODS) >= {"ppo", "a2c", "dqn", "maskable_ppo", "recurrent_ppo", "reinforce", "ga", "random",
                            "anneal", "bayes", "exhaustive", "nsga2"}
    with pytest.raises(SpaceError, match="unknown search method 'sgd'; allowed: ppo"):
        StageSpec("sgd")
    with pytest.raises(SpaceError, match="at least one stage"):
        run_pipeline(PROBLEM, [], budget=10)


@pytest.mark.parametrize("method,option,allowed", [
    ("ga", "popsize", "cxpb, freeing, max_step, more_moves, mutpb, niche, oscillate_after, population, "
                      "recombine_every, restart_after"),
    ("ppo", "n_stepz", "batch_size, clip_range"),
    ("uniform", "seed", "fine_pes"),  # the pipeline sets the seed; it is not an option
])
def test_unknown_stage_option_is_refused_before_any_evaluation(method, option, allowed):
    evaluated = []
    with pytest.raises(SpaceError, match=rf"stage '{method}': unknown option '{option}'; allowed: {allowed}"):
        run_pipeline(PROBLEM, [StageSpec("random", 5), StageSpec(method, options={option: 3})], budget=10,
                     progress=lambda done, total: evaluated.append(done))
    assert evaluated == []  # refused before the first stage ran


@pytest.mark.parametrize("method,options,message", [
    ("ga", {"population": 1}, "option 'population' = 1: Input should be greater than or equal to 2"),
    ("ga", {"more_moves": 1.0}, "option 'more_moves' = 1.0: Input should be less than 1"),  # used to loop forever
    ("ga", {"cxpb": "half"}, "option 'cxpb' = 'half': Input should be a valid number"),
    ("random", {"batch_size": 0}, "option 'batch_size' = 0: Input should be greater than or equal to 1"),
    ("anneal", {"start": "hot"}, "option 'start' = 'hot': Input should be 'corner' or 'random'"),
    ("anneal", {"max_step": 0}, "option 'max_step' = 0: Input should be greater than or equal to 1"),
    ("bayes", {"n_startup_trials": -1}, "option 'n_startup_trials' = -1: Input should be greater than or equal to 0"),
    ("nsga2", {"indpb": 5.0}, "option 'indpb' = 5.0: Input should be less than or equal to 1"),
    ("reinforce", {"gamma": "x"}, "option 'gamma' = 'x': Input should be a valid number"),
    ("uniform", {"fine_pes": "no"}, "option 'fine_pes' = 'no': Input should be a valid boolean"),
    ("ga", {"population": True}, "option 'population' = True: Input should be a valid integer"),
    ("ppo", {"n_envs": 0}, "option 'n_envs' must be an integer >= 1, got 0"),
    ("maskable_ppo", {"flatten": 1}, "option 'flatten' must be true or false, got 1"),
    ("ppo", {"patience": -1}, "option 'patience' must be an integer >= 0, got -1"),
    ("a2c", {"patience": 2.5}, "option 'patience' must be an integer >= 0, got 2.5"),
    ("ppo", {"n_steps": -1}, r"PPO rejects n_steps=-1 \(arguments batch_size=-8, .*\): `batch_size` must be greater"),
    ("dqn", {"learning_rate": "fast"}, "DQN rejects learning_rate='fast'"),
])
def test_bad_option_values_are_refused_before_any_evaluation(method, options, message):
    evaluated = []
    with pytest.raises(SpaceError, match=rf"stage '{method}': {message}"):
        run_pipeline(PROBLEM, [StageSpec("random", 5), StageSpec(method, options=options)], budget=10,
                     progress=lambda done, total: evaluated.append(done))
    assert evaluated == []


def test_checking_an_rl_stage_leaves_the_random_generators_as_they_were():
    import random

    random.seed(1), np.random.seed(1), torch.manual_seed(1)
    expected = random.random(), np.random.random(), torch.rand(1).item()
    random.seed(1), np.random.seed(1), torch.manual_seed(1)
    for method in ("ppo", "dqn", "recurrent_ppo"):
        check_stage(PROBLEM, StageSpec(method))
    assert (random.random(), np.random.random(), torch.rand(1).item()) == expected


def test_option_values_in_range_pass_and_none_is_allowed_where_documented():
    for method, options in [("ga", {"population": 2, "cxpb": 0, "mutpb": 1}), ("nsga2", {"generations": None}),
                            ("anneal", {"t_start": 1, "start": "random"}), ("bayes", {"n_startup_trials": 0})]:
        check_stage(PROBLEM, StageSpec(method, options=options))


def test_every_method_takes_its_documented_options():
    for method, options in [("ga", {"population": 8, "mutpb": 0.5}),
                            ("maskable_ppo", {"n_envs": 4, "n_steps": 8, "patience": 0}),
                            ("dqn", {"flatten": True, "buffer_size": 100}), ("reinforce", {"hidden": 16}),
                            ("recurrent_ppo", {"policy_kwargs": {}}), ("exhaustive", {"batch_size": 4})]:
        check_stage(PROBLEM, StageSpec(method, options=options))


def test_reinforce_on_a_global_space_is_refused_before_any_evaluation():
    problem = Problem(NET, GLOBAL_SPACE)
    evaluated = []
    with pytest.raises(SpaceError, match="reinforce .* needs per-layer parameters"):
        run_pipeline(problem, [StageSpec("random", 5), StageSpec("reinforce")], budget=10,
                     progress=lambda done, total: evaluated.append(done))
    assert evaluated == []
    check_stage(problem, StageSpec("ppo"))


def test_stand_alone_ga_finds_feasible_designs_under_a_tight_budget():
    tight = Problem(NET, SPACE, constraints=(Constraint("total_pes", limit=3),))  # 1 PE per layer only
    res = run_pipeline(tight, [StageSpec("ga")], budget=64, seed=0, exact=False)
    assert res.best is not None and res.best.metrics["total_pes"] == 3


def test_masked_agent_never_breaks_a_budget_where_random_choices_do():
    """MaskablePPO acts on joint options with exact masks: every episode it records is feasible, on a problem where
    most unmasked episodes break the PE budget (lenet5 on the iot platform)."""
    from npu_dse.search.rl import maskable_ppo, ppo

    problem = Problem.build("lenet5", platform="iot")
    masked = SearchContext(Evaluator(problem), 200)
    with masked.stage_budget("maskable_ppo", 200):
        maskable_ppo(masked, seed=0, elite=[])
    history = masked.history()
    assert len(history) == 200 and history["feasible"].all()
    unmasked = SearchContext(Evaluator(problem), 200)
    with unmasked.stage_budget("ppo", 200):
        ppo(unmasked, seed=0, elite=[])
    assert unmasked.history()["feasible"].mean() < 0.5


def test_ga_fitness_prefers_the_design_using_less_budget_at_equal_cost():
    """The GA's fitness is (cost, budget use), compared lexicographically by DEAP."""
    from npu_dse.search.ga import Individual, budget_use

    ctx = SearchContext(Evaluator(PROBLEM), 10)
    small = Evaluation({}, {"total_pes": 10.0}, True, ())
    large = Evaluation({}, {"total_pes": 20.0}, True, ())
    assert budget_use(ctx, small) == 0.5 and budget_use(ctx, large) == 1.0
    a, b, c = Individual([0]), Individual([1]), Individual([2])
    a.fitness.values = (100.0, budget_use(ctx, small))
    b.fitness.values = (100.0, budget_use(ctx, large))
    c.fitness.values = (99.0, budget_use(ctx, large))
    assert a.fitness > b.fitness and c.fitness > a.fitness


def test_ga_learns_which_raises_pay_and_which_mutation_kind_succeeds():
    from npu_dse.search.ga import _Genome

    genome = _Genome(SearchContext(Evaluator(PROBLEM), 10))
    pe = genome.per_layer_param_genes[0]
    parent = [0] * len(genome.genes)
    child = list(parent)
    child[pe[0]] = 3  # layer 0 raised alone: its cost fell
    genome.learn_raises(child, parent, np.array([1.0, 5.0, 5.0]), np.array([2.0, 5.0, 5.0]))
    child2 = list(parent)
    child2[pe[1]] = 3  # layer 1 raised alone: no gain
    genome.learn_raises(child2, parent, np.array([2.0, 5.0, 5.0]), np.array([2.0, 5.0, 5.0]))
    both = list(parent)
    both[pe[2]] = 3
    both[genome.layer_blocks[2][1]] = 1  # two genes of layer 2 changed: not attributable, not counted
    genome.learn_raises(both, parent, np.array([2.0, 5.0, 1.0]), np.array([2.0, 5.0, 5.0]))
    np.testing.assert_allclose(genome.raise_pays(pe), [2 / 3, 1 / 3, 1 / 2])
    assert genome.jump_probability() == 0.5
    for _ in range(20):
        genome.learn_kind(jumped=True, improved=True)
        genome.learn_kind(jumped=False, improved=False)
    assert genome.jump_probability() == 0.9  # clipped


def test_evaluating_no_points_costs_nothing():

    ctx = SearchContext(Evaluator(PROBLEM), 1)
    assert ctx.evaluate([]) == [] and ctx.used == 0


def test_reinforce_sequence_log_prob_equals_the_stepped_policy():
    """ConfuciuX's agent samples step by step (LSTM cell) and re-evaluates the episode in one sequence call for its
    update: both must be the same function of the weights, values and gradients."""
    from npu_dse.search.reinforce import LstmPolicy

    torch.manual_seed(0)
    policy = LstmPolicy(obs_size=6, nvec=[5, 3], hidden=16)
    T, B = 7, 3
    obs = torch.randn(T, B, 6)
    actions = torch.stack([torch.randint(0, 5, (T, B)), torch.randint(0, 3, (T, B))], dim=-1)
    state, stepped = None, []
    for t in range(T):
        probs, state = policy(obs[t], state)
        stepped.append(sum(torch.log(p.gather(-1, actions[t, :, i:i + 1]).squeeze(-1)) for i, p in enumerate(probs)))
    stepped = torch.stack(stepped)
    batched = policy.log_prob(obs, actions)
    assert batched.shape == (T, B)
    torch.testing.assert_close(batched, stepped, rtol=1e-5, atol=1e-5)
    g1 = torch.autograd.grad(stepped.sum(), policy.lstm.weight_hh_l0)[0]
    g2 = torch.autograd.grad(batched.sum(), policy.lstm.weight_hh_l0)[0]
    torch.testing.assert_close(g1, g2, rtol=1e-4, atol=1e-5)


def test_seeded_ga_on_a_global_space_fills_its_population_with_random_designs_beside_the_elite():
    """An RL elite from one basin (one dataflow) is not all the GA starts from on a global space: the rest of its
    first population is random coarse designs, so other dataflows compete from the first generation (on global
    BERT-base edge PPO handed over only systolic designs; the best design found is kcp_ws)."""
    problem = Problem.build("lenet5", platform="edge", space="global", dataflows=("kcp_ws", "yxp_os", "rs"))
    ctx = SearchContext(Evaluator(problem), budget=10_000)
    points = [{"num_pes": 64, "l1_bytes": 1024, "l2_bytes": 262144, "noc_bw": bw, "dataflow": "kcp_ws"}
              for bw in (8, 16, 32, 64)]
    elite = [ev for ev in ctx.evaluator.evaluate_batch(points) if ev.feasible]
    assert len(elite) == 4
    population = 24
    with ctx.stage_budget("ga", population - len(elite)):
        ga(ctx, seed=3, elite=elite, population=population)
    first = ctx.history()
    assert len(first) == population - len(elite)
    # 20 random coarse designs over 3 dataflows: about 13 not kcp_ws (fewer than 10: probability 0.04);
    # mutants of the elite (the per-layer problems' filling) keep kcp_ws unless a move draws the dataflow (2-8 on
    # seeds 0-4)
    dataflows = first.design.map(lambda d: json.loads(d)["dataflow"])
    assert (dataflows != "kcp_ws").sum() >= 10 and set(dataflows) >= {"yxp_os", "rs"}
